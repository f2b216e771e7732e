package dev.bottleneck.ui;

import static dev.bottleneck.ui.FxTestSupport.call;
import static dev.bottleneck.ui.FxTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.viewmodel.SettingsViewModel;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The settings form's rows of the beta-TCVAE's weights: shown for its kinds, a value out of range refused there. */
class SettingsPanelTcWeightsTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    @Test
    void theWeightsRowsShowForTheBetaTcvaeAndRefuseAValueOutOfRangeWithTheRange() {
        SettingsViewModel s = new SettingsViewModel();
        SettingsPanel panel = call(() -> {
            SettingsPanel p = new SettingsPanel(s, () -> { }, preset -> { });
            new Scene(p, 400, 900);
            p.applyCss(); // the titled panes' skins put their grids into the scene graph
            p.layout();
            return p;
        });
        run(() -> s.kind.set(ModelKind.VAE));
        run(() -> {
            assertFalse(field(panel, "TC weight beta").isVisible(), "not a VAE's row");
            assertTrue(field(panel, "log p(x) held out").isVisible(), "the VAE's held-out row");
            s.kind.set(ModelKind.BETA_TCVAE);
        });
        run(() -> {
            for (String row : new String[] {"TC weight beta", "MI weight alpha", "Dim-KL weight gamma",
                "log p(x) held out"}) {
                assertTrue(field(panel, row).isVisible(), row);
            }
            assertFalse(field(panel, "KL warm-up").isVisible(), "no warm-up row");
            ((TextField) field(panel, "MI weight alpha")).setText("150");
        });
        run(() -> {
            assertTrue(panel.invalidProperty().get());
            assertEquals("MI weight alpha: must be a number in [0, 100]", panel.problemProperty().get());
            assertEquals(1.0, s.tcAlpha.get(), "a refused value does not reach the settings");
            ((TextField) field(panel, "MI weight alpha")).setText("0.5");
        });
        run(() -> {
            assertEquals(0.5, s.tcAlpha.get());
            assertFalse(panel.invalidProperty().get(), panel.problemProperty().get());
        });
    }

    /** The control beside the label {@code text} in the form's grids. */
    static Node field(SettingsPanel panel, String text) {
        for (Node n : panel.lookupAll(".label")) {
            if (n instanceof Label l && text.equals(l.getText()) && l.getParent() instanceof GridPane g) {
                Integer row = GridPane.getRowIndex(l);
                for (Node c : g.getChildren()) {
                    if (c != l && java.util.Objects.equals(GridPane.getRowIndex(c), row)) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no row " + text);
    }
}
