package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.FxExecutors;
import dev.bottleneck.viewmodel.SettingsViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Presenter mode: the configuration hides, the type grows, and the keyboard drives training. */
@ExtendWith(ApplicationExtension.class)
class PresenterModeRobotTest {

    private TrainingViewModel training;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        SettingsViewModel s = new SettingsViewModel();
        s.dataset.set("moons");
        s.kind.set(ModelKind.AE);
        s.likelihood.set(Likelihood.GAUSSIAN);
        s.hidden.set("16");
        s.epochs.set(3);
        FxExecutors ex = FxExecutors.forApp();
        training = new TrainingViewModel(s, ex);
        ExplorerViewModel explorer = new ExplorerViewModel(ex);
        explorer.follow(training.modelProperty(), training.splitProperty());
        window = new MainWindow(training, explorer, new MenuBar());
        Scene scene = new Scene(window, 1280, 800);
        window.installPresenterKeys(scene);
        stage.setScene(scene);
        stage.show();
        training.loadData();
    }

    @Test
    void presenterModeHidesTheSettingsAndTheKeysDriveTraining(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> training.stateProperty().get() == State.READY);
        assertFalse(robot.lookup(".settings-panel").queryAll().isEmpty());
        robot.interact(() -> window.setPresenter(true));
        assertTrue(window.getStyleClass().contains("presenter"));
        assertTrue(robot.lookup(".settings-panel").queryAll().isEmpty(), "the configuration is hidden");
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> training.epochPoints().size() == 1
                && training.stateProperty().get() == State.PAUSED);
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> training.stateProperty().get() == State.FINISHED);
        assertEquals(3, training.epochPoints().size());
        // The right arrow after the run has ended goes on with it: epoch 4, not a new epoch 1.
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> training.epochPoints().size() == 4
                && training.stateProperty().get() == State.FINISHED);
        assertEquals(4, training.epochPoints().get(3).epoch());
        // Everything a room reads is larger: the chart's ticks too.
        assertEquals(15 * MainWindow.PRESENTER_SCALE, window.chart().getChart().getXYPlot().getDomainAxis()
                .getTickLabelFont().getSize2D(), 1e-6);
        // Full screen on a wider screen, then back: the content must follow the window down again.
        javafx.stage.Stage stage = (javafx.stage.Stage) window.getScene().getWindow();
        robot.interact(() -> {
            stage.setWidth(1920);
            stage.setHeight(1080);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            window.setPresenter(false);
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup(".settings-panel").queryAll().isEmpty(), "the configuration is back");
        assertEquals(window.getScene().getWidth(), window.getWidth(), 0.5, "the content is as wide as the window");
        javafx.scene.Node settings = robot.lookup(".settings-panel").query();
        assertTrue(settings.localToScene(settings.getBoundsInLocal()).getMinX() >= 0, "the settings start on screen");
        javafx.scene.Node scatter = robot.lookup(".latent-scatter").query();
        assertTrue(scatter.localToScene(scatter.getBoundsInLocal()).getMaxX() <= window.getScene().getWidth() + 0.5,
                "the scatter ends inside the window");
        assertEquals(15, window.chart().getChart().getXYPlot().getDomainAxis().getTickLabelFont().getSize2D(), 1e-6);
    }
}
