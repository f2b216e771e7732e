package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.viewmodel.Disentanglement;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.FxExecutors;
import dev.bottleneck.viewmodel.SettingsViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot tier, with the app's real threads: a lecturer on the shapes data clicks the Components tab and sees the
 * factor x unit heat map, and after an epoch of training it shows the new model's matrix.
 */
@ExtendWith(ApplicationExtension.class)
class ComponentsRobotTest {

    private static final int LATENT = 4;

    private TrainingViewModel training;
    private ExplorerViewModel explorer;

    @Start
    void start(Stage stage) {
        SettingsViewModel s = new SettingsViewModel();
        s.dataset.set("shapes");
        s.trainSize.set(1000);
        s.kind.set(ModelKind.BETA_VAE);
        s.latent.set(LATENT);
        s.hidden.set("32");
        s.epochs.set(3);
        s.batchSize.set(50);
        FxExecutors ex = FxExecutors.forApp();
        training = new TrainingViewModel(s, ex);
        explorer = new ExplorerViewModel(ex);
        explorer.follow(training.modelProperty(), training.splitProperty());
        MainWindow window = new MainWindow(training, explorer, new MenuBar());
        Scene scene = new Scene(window, 1280, 800);
        stage.setScene(scene);
        stage.show();
        training.loadData();
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Whether {@code n} and all its parents are visible: what a user can see, tab contents included. */
    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    private static Disentanglement matrix(ExplorerViewModel explorer) {
        var c = explorer.componentsProperty().get();
        return c == null ? null : c.disentanglement();
    }

    /** The texts of every cell, row by row, as drawn. */
    private static List<String> cellTexts(FactorHeatMap map, int factors) {
        return FxTestSupport.call(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (int f = 0; f < factors; f++) {
                for (int u = 0; u < LATENT; u++) {
                    out.add(map.cell(f, u).text.getText());
                }
            }
            return out;
        });
    }

    private static List<String> expectedTexts(Disentanglement d) {
        List<String> out = new java.util.ArrayList<>();
        for (double[] row : d.share()) {
            for (double v : row) {
                out.add(String.format(Locale.ROOT, "%.2f", v));
            }
        }
        return out;
    }

    @Test
    void theComponentsTabShowsTheHeatMapAndAnEpochOfTrainingRedrawsIt(FxRobot robot) {
        waitFor("the data and a first model explored", () -> training.stateProperty().get() == State.READY
                && matrix(explorer) != null);
        FactorHeatMap map = robot.lookup(".mi-heat-map").queryAs(FactorHeatMap.class);
        assertFalse(FxTestSupport.call(() -> shown(map)), "the traversal tab is in front at first");

        robot.clickOn("Components");
        waitFor("the heat map on screen", () -> FxTestSupport.call(() -> shown(map) && map.getWidth() > 0));
        int factors = ShapesDataset.FACTOR_NAMES.size();
        assertEquals(factors * LATENT, robot.lookup(".mi-value").queryAll().size(), "a cell per factor and unit");
        assertEquals(ShapesDataset.FACTOR_NAMES,
                FxTestSupport.call(() -> map.factorLabels().stream().map(Label::getText).toList()));
        List<String> sliders = FxTestSupport.call(() -> explorer.dimensions().stream()
                .map(ExplorerViewModel.Dimension::name).toList());
        assertEquals(sliders, FxTestSupport.call(() -> map.unitLabels().stream().map(Label::getText).toList()),
                "columns in the sliders' order");
        Bounds window = FxTestSupport.call(() -> map.getScene().getRoot().localToScreen(
                map.getScene().getRoot().getBoundsInLocal()));
        for (int f = 0; f < factors; f++) {
            for (int u = 0; u < LATENT; u++) {
                FactorHeatMap.Cell cell = map.cell(f, u);
                Bounds b = FxTestSupport.call(() -> cell.localToScreen(cell.getBoundsInLocal()));
                assertTrue(window.contains(b) && b.getWidth() > 10 && b.getHeight() > 10,
                        "cell " + f + "," + u + " is drawn inside the window: " + b);
                assertTrue(FxTestSupport.call(() -> cell.text.isVisible()), "four columns fit their values");
            }
        }
        Disentanglement before = matrix(explorer);
        assertEquals(expectedTexts(before), cellTexts(map, factors), "the explored model's matrix");

        robot.clickOn("Step epoch");
        waitFor("one epoch", () -> training.stateProperty().get() == State.PAUSED);
        // Snapshots of the run are explored one after the other (the first may still be the untrained model): wait
        // for the map to show a matrix other than the untrained model's, and to agree with the explorer's latest.
        waitFor("a trained model's matrix on screen", () -> {
            List<String> drawn = cellTexts(map, factors);
            return !drawn.equals(expectedTexts(before)) && drawn.equals(expectedTexts(matrix(explorer)));
        });
        assertTrue(FxTestSupport.call(() -> shown(map)), "still in front");
        robot.clickOn("Stop");
        waitFor("the stop", () -> training.stateProperty().get() == State.FINISHED);
    }
}
