package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.viewmodel.BetaSweepViewModel;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.FxExecutors;
import dev.bottleneck.viewmodel.SettingsViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot tier, with the app's real threads: on the shapes data with a beta-VAE chosen, a lecturer opens the beta sweep
 * tab, types the values and the epochs, presses Run, sees the points arrive on the chart and in the table while
 * training stays blocked, and stops the sweep: the points so far stay, nothing more arrives, Train is free again.
 */
@ExtendWith(ApplicationExtension.class)
class BetaSweepRobotTest {

    private static final List<Double> VALUES = List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0);

    private TrainingViewModel training;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        SettingsViewModel s = new SettingsViewModel();
        s.dataset.set("shapes");
        s.trainSize.set(1000);
        s.kind.set(ModelKind.BETA_VAE);
        s.latent.set(4);
        s.hidden.set("32");
        s.batchSize.set(50);
        FxExecutors ex = FxExecutors.forApp();
        training = new TrainingViewModel(s, ex);
        ExplorerViewModel explorer = new ExplorerViewModel(ex);
        explorer.follow(training.modelProperty(), training.splitProperty());
        window = new MainWindow(training, explorer, new MenuBar());
        Scene scene = new Scene(window, 1280, 800);
        window.trainingBar().install(scene);
        stage.setScene(scene);
        stage.show();
        training.loadData();
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aBetaSweepStartedFromTheTabFillsInPointByPointAndStops(FxRobot robot) {
        waitFor("the data", () -> training.stateProperty().get() == State.READY);
        BetaSweepViewModel vm = window.betaSweep();
        robot.clickOn("beta sweep");
        Button run = robot.lookup("#beta-sweep-run").queryButton();
        Button stop = robot.lookup("#beta-sweep-stop").queryButton();
        waitFor("Run enabled", () -> FxTestSupport.call(() -> !run.isDisabled()));

        robot.doubleClickOn("#beta-sweep-values").push(KeyCode.CONTROL, KeyCode.A).write("1,2,4,8,16,32,64,128");
        // Every point trains as long as the first: once it is in, seven more are left, seven times the time from
        // Run to the first point, against the one click to Stop. Stop lands mid-sweep however fast the machine.
        robot.doubleClickOn("#beta-sweep-epochs .text-field").push(KeyCode.CONTROL, KeyCode.A).write("40")
                .push(KeyCode.ENTER);
        assertEquals(40, (int) FxTestSupport.call(() -> vm.epochsProperty().get()));
        robot.clickOn(run);

        waitFor("the sweep to start", () -> FxTestSupport.call(() -> vm.runningProperty().get()));
        assertEquals(VALUES, FxTestSupport.call(() -> vm.planProperty().get().values()));
        Button train = robot.lookup(".accent").queryButton();
        assertTrue(FxTestSupport.call(train::isDisabled), "Train waits while the sweep holds the training thread");
        assertFalse(FxTestSupport.call(stop::isDisabled));

        TradeOffChart chart = robot.lookup(".trade-off-chart").queryAs(TradeOffChart.class);
        waitFor("a first point on the chart", () -> FxTestSupport.call(
                () -> chart.pointCount(TradeOffChart.RECONSTRUCTION_SERIES) >= 1));
        SweepPoint first = FxTestSupport.call(() -> vm.points().get(0));
        assertEquals(1.0, first.value());
        assertFalse(first.diverged(), first.divergence());
        assertTrue(first.mig() >= 0 && first.mig() <= 1, "shapes have factors: MIG " + first.mig());
        assertTrue(FxTestSupport.call(() -> chart.pointCount(TradeOffChart.MIG_SERIES)) >= 1, "MIG drawn too");
        assertTrue(FxTestSupport.call(() -> vm.statusProperty().get()).startsWith("beta = "),
                "the status names the point under way");

        robot.clickOn(stop);
        waitFor("the sweep to stop", () -> FxTestSupport.call(() -> !vm.runningProperty().get()));
        int kept = FxTestSupport.call(() -> vm.points().size());
        assertTrue(kept >= 1 && kept < VALUES.size(), kept + " points");
        String status = FxTestSupport.call(() -> vm.statusProperty().get());
        assertEquals("Stopped after " + kept + " of " + VALUES.size() + " points.", status);
        @SuppressWarnings("unchecked")
        TableView<SweepPoint> table = robot.lookup(".sweep-table").queryAs(TableView.class);
        assertEquals(kept, (int) FxTestSupport.call(() -> table.getItems().size()), "a table row per point");
        assertEquals(kept, (int) FxTestSupport.call(() -> chart.pointCount(TradeOffChart.RECONSTRUCTION_SERIES)));
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        assertEquals(kept, (int) FxTestSupport.call(() -> vm.points().size()), "nothing arrives after Stop");
        assertFalse(FxTestSupport.call(train::isDisabled), "Train is free again");
        assertFalse(FxTestSupport.call(run::isDisabled));
    }
}
