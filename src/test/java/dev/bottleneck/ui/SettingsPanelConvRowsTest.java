package dev.bottleneck.ui;

import static dev.bottleneck.ui.FxTestSupport.call;
import static dev.bottleneck.ui.FxTestSupport.run;
import static dev.bottleneck.ui.SettingsPanelTcWeightsTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.NeuralConfig;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.viewmodel.SettingsViewModel;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The settings form's rows of a convolutional kind: shown instead of the MLP's, a bad value refused at its field. */
class SettingsPanelConvRowsTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    @Test
    void aConvKindShowsItsConvolutionRowsAndTypedChannelsReachTheModel() {
        SettingsViewModel s = new SettingsViewModel();
        SettingsPanel panel = call(() -> {
            SettingsPanel p = new SettingsPanel(s, () -> { }, preset -> { });
            new Scene(p, 400, 900);
            p.applyCss();
            p.layout();
            return p;
        });
        run(() -> s.kind.set(ModelKind.VAE));
        run(() -> {
            assertTrue(field(panel, "Hidden layers").isVisible(), "the MLP's row");
            assertFalse(field(panel, "Convolutions").isVisible(), "not an MLP's row");
            s.kind.set(ModelKind.CONV_VAE);
        });
        run(() -> {
            assertFalse(field(panel, "Hidden layers").isVisible(), "a conv net has no MLP hidden layers");
            for (String row : new String[] {"Convolutions", "Dense layers", "Activation", "Likelihood"}) {
                assertTrue(field(panel, row).isVisible(), row);
            }
            ((TextField) field(panel, "Convolutions")).setText("32,x");
        });
        run(() -> {
            assertTrue(panel.invalidProperty().get());
            assertTrue(panel.problemProperty().get().contains("convolutions: channels 1..1024"),
                    panel.problemProperty().get());
            ((TextField) field(panel, "Convolutions")).setText("8,16");
            ((TextField) field(panel, "Dense layers")).setText("");
        });
        run(() -> {
            assertFalse(panel.invalidProperty().get(), panel.problemProperty().get());
            NeuralConfig c = (NeuralConfig) s.modelConfig(Shape.image(1, 28, 28));
            assertEquals(List.of(8, 16), c.conv().spec().channels());
            assertEquals(List.of(256), c.conv().spec().dense(), "a blank row takes the image's default");
        });
    }
}
