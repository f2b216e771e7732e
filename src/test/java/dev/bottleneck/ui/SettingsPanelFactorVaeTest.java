package dev.bottleneck.ui;

import static dev.bottleneck.ui.FxTestSupport.call;
import static dev.bottleneck.ui.FxTestSupport.run;
import static dev.bottleneck.ui.SettingsPanelTcWeightsTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.viewmodel.SettingsViewModel;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The settings form's FactorVAE rows: gamma, the discriminator and its rate, shown for its kinds, checked there. */
class SettingsPanelFactorVaeTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    @Test
    void theDiscriminatorRowsShowForFactorVaeAndReachItsConfig() {
        SettingsViewModel s = new SettingsViewModel();
        SettingsPanel panel = call(() -> {
            SettingsPanel p = new SettingsPanel(s, () -> { }, preset -> { });
            new Scene(p, 400, 900);
            p.applyCss();
            p.layout();
            return p;
        });
        run(() -> s.kind.set(ModelKind.BETA_TCVAE));
        run(() -> {
            for (String row : new String[] {"TC weight gamma", "Discriminator", "D learning rate"}) {
                assertFalse(field(panel, row).isVisible(), "not a beta-TCVAE's row: " + row);
            }
            s.kind.set(ModelKind.FACTOR_VAE);
        });
        run(() -> {
            for (String row : new String[] {"TC weight gamma", "Discriminator", "D learning rate",
                "log p(x) held out", "Hidden layers"}) {
                assertTrue(field(panel, row).isVisible(), row);
            }
            for (String row : new String[] {"TC weight beta", "beta", "KL warm-up"}) {
                assertFalse(field(panel, row).isVisible(), "no " + row + " row");
            }
            assertEquals("256,256", ((TextField) field(panel, "Discriminator")).getText());
            ((TextField) field(panel, "TC weight gamma")).setText("600");
        });
        run(() -> {
            assertTrue(panel.invalidProperty().get());
            assertEquals("TC weight gamma: must be a number in [0, 500]", panel.problemProperty().get());
            assertEquals(35.0, s.factorGamma.get(), "a refused value does not reach the settings");
            ((TextField) field(panel, "TC weight gamma")).setText("20");
            ((TextField) field(panel, "Discriminator")).setText("64,32,16");
        });
        run(() -> {
            assertFalse(panel.invalidProperty().get(), panel.problemProperty().get());
            dev.bottleneck.core.model.FactorVaeConfig c = (dev.bottleneck.core.model.FactorVaeConfig)
                    s.modelConfig(dev.bottleneck.core.model.Shape.features(20));
            assertEquals(20.0, c.gamma());
            assertEquals(List.of(64, 32, 16), c.discriminator());
            s.kind.set(ModelKind.CONV_FACTOR_VAE);
        });
        run(() -> {
            assertTrue(field(panel, "Discriminator").isVisible(), "the conv kind's row too");
            assertTrue(field(panel, "Convolutions").isVisible());
        });
    }
}
