package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.train.TrainingHistory;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.FxExecutors;
import dev.bottleneck.viewmodel.SettingsViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Slider;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main flows, driven through the window by TestFX's robot on Monocle (headless), with the app's real threads:
 * train and stop on a 2,000-example MNIST subset, drag a slider, save and open a model.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowRobotTest {

    private TrainingViewModel training;
    private ExplorerViewModel explorer;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        SettingsViewModel s = new SettingsViewModel();
        s.dataset.set("mnist");
        s.trainSize.set(2000);
        s.kind.set(ModelKind.VAE);
        s.latent.set(2);
        s.hidden.set("64");
        s.epochs.set(40);
        s.batchSize.set(50);
        FxExecutors ex = FxExecutors.forApp();
        training = new TrainingViewModel(s, ex);
        explorer = new ExplorerViewModel(ex);
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
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitUntilReady() {
        waitFor("the data", () -> training.stateProperty().get() == State.READY
                && explorer.scatterProperty().get() != null && !explorer.dimensions().isEmpty());
    }

    @Test
    void trainingGrowsTheChartMovesTheScatterAndStopLeavesAConsistentModel(FxRobot robot) {
        waitUntilReady();
        float[] before = explorer.scatterProperty().get().x().clone();
        XYDataset drawn = window.chart().dataset(LossPlot.BATCHES);
        assertEquals(0, FxTestSupport.call(drawn::getSeriesCount), "no batch curve before Train");
        robot.clickOn("Train");
        waitFor("batches on the chart", () -> training.batchPoints().size() > 30);
        waitFor("a new scatter", () -> {
            float[] now = explorer.scatterProperty().get().x();
            return now.length == before.length && !java.util.Arrays.equals(now, before);
        });
        robot.clickOn("Stop");
        waitFor("the stop", () -> training.stateProperty().get() == State.FINISHED);
        assertTrue(training.statusProperty().get().startsWith("Stopped"), training.statusProperty().get());
        float[] decoded = training.modelProperty().get().copy().decode(new float[] {0.3f, -0.2f}, 1);
        for (float v : decoded) {
            assertTrue(Float.isFinite(v) && v >= 0 && v <= 1);
        }
        int points = training.batchPoints().size();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(points, training.batchPoints().size(), "nothing trains after Stop");
        // The chart draws what the run produced: each batch's loss at its epoch, every batch once, in order.
        List<TrainingHistory.BatchPoint> run = FxTestSupport.call(() -> List.copyOf(training.batchPoints()));
        assertTrue(run.size() <= LossChart.MAX_DRAWN_BATCH_POINTS, "few enough to be drawn one by one");
        waitFor("the chart to draw every batch", () -> FxTestSupport.call(
                () -> drawn.getSeriesCount() == 1 && drawn.getItemCount(0) == run.size()));
        double[][] xy = FxTestSupport.call(() -> {
            double[][] out = new double[2][run.size()];
            for (int i = 0; i < run.size(); i++) {
                out[0][i] = drawn.getXValue(0, i);
                out[1][i] = drawn.getYValue(0, i);
            }
            return out;
        });
        for (int i = 0; i < run.size(); i++) {
            assertEquals(run.get(i).epochsDone(), xy[0][i], 0, "batch " + i + "'s epoch");
            assertEquals(run.get(i).terms().loss(), xy[1][i], 0, "batch " + i + "'s loss");
        }
    }

    @Test
    void draggingASliderChangesTheDecodedImage(FxRobot robot) {
        waitUntilReady();
        ImageView large = robot.lookup(".decoded-image").queryAs(ImageView.class);
        waitFor("a decoded image", () -> large.getImage() != null);
        int[] before = pixels(large.getImage());
        Slider first = robot.lookup(".traversal-slider").queryAs(Slider.class);
        double value = first.getValue();
        robot.moveTo(first.lookup(".track")).moveBy(first.getWidth() * 0.4, 0).press(javafx.scene.input.MouseButton.PRIMARY)
                .release(javafx.scene.input.MouseButton.PRIMARY);
        waitFor("the slider to move", () -> Math.abs(first.getValue() - value) > 0.5);
        waitFor("a new image", () -> !java.util.Arrays.equals(before, pixels(large.getImage())));
        assertNotEquals(value, first.getValue());
    }

    /**
     * The centre of the product: pressing a thumb and dragging it across the whole range, the value follows the
     * pointer at every step, the decoded image changes while the button is still down, and after the release the
     * slider is no longer "value changing" and its label and the explorer hold the value it shows.
     */
    @Test
    void draggingAThumbAcrossItsRangeFollowsThePointer(FxRobot robot) {
        waitUntilReady();
        ImageView large = robot.lookup(".decoded-image").queryAs(ImageView.class);
        waitFor("a decoded image", () -> large.getImage() != null);
        Slider slider = robot.lookup(".traversal-slider").queryAs(Slider.class);
        javafx.scene.Node thumb = slider.lookup(".thumb");
        javafx.scene.Node trackNode = slider.lookup(".track");
        double trackWidth = trackNode.getBoundsInParent().getWidth();
        double range = slider.getMax() - slider.getMin();
        robot.interact(() -> slider.setValue(slider.getMin() + 0.5));
        WaitForAsyncUtils.waitForFxEvents();
        robot.moveTo(thumb).press(javafx.scene.input.MouseButton.PRIMARY);
        javafx.geometry.Point2D start = robot.point(thumb).query();
        int[] image = pixels(large.getImage());
        int changes = 0;
        int steps = 20;
        double stepPx = (trackWidth * (range - 1) / range) / steps;   // to 0.5 before the maximum
        for (int i = 1; i <= steps; i++) {
            javafx.geometry.Point2D pointer = new javafx.geometry.Point2D(Math.round(start.getX() + i * stepPx),
                    start.getY());
            robot.moveTo(pointer);
            WaitForAsyncUtils.waitForFxEvents();
            // What a user sees: the thumb stays under the pointer (a pixel of rounding either way).
            double thumbX = robot.point(thumb).query().getX();
            assertEquals(pointer.getX(), thumbX, 1.5, "step " + i + ": the thumb follows the pointer");
            assertTrue(slider.isValueChanging(), "step " + i + ": still dragging");
            WaitForAsyncUtils.sleep(30, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            int[] now = pixels(large.getImage());
            if (!java.util.Arrays.equals(now, image)) {
                changes++;
                image = now;
            }
        }
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(changes >= steps / 2, "the decoded image followed the drag: " + changes + " of " + steps);
        assertFalse(slider.isValueChanging(), "the drag ended with the release");
        double end = slider.getValue();
        assertTrue(end > slider.getMax() - 1, "dragged across the range to " + end);
        int dim = explorer.dimensions().get(0).dim();
        waitFor("the explorer to hold the value", () -> Math.abs(explorer.values()[dim] - end) < 1e-9);
        javafx.scene.control.Label value = robot.lookup(".dim-value").queryAs(javafx.scene.control.Label.class);
        assertEquals(String.format(java.util.Locale.ROOT, "%+.2f", end), value.getText());
        // A second drag on the same slider still works: nothing stayed stuck.
        robot.moveTo(thumb).press(javafx.scene.input.MouseButton.PRIMARY).moveBy(-trackWidth / 3, 0);
        WaitForAsyncUtils.waitForFxEvents();
        double thumbX = robot.point(thumb).query().getX();
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        assertEquals(start.getX() + (range - 1) / range * trackWidth - trackWidth / 3, thumbX, 3,
                "a second drag moves the thumb as far as the pointer");
        assertTrue(slider.getValue() < end - 1, "and the value with it: " + slider.getValue());
    }

    /**
     * A finished run goes on with Step epoch (its curves continue at epoch 2, not a new epoch 1); Train then asks
     * before throwing the unsaved model away: "Keep it" keeps it, "Discard it" starts the new run. The status bar
     * says which epoch's parameters the model holds.
     */
    @Test
    void aFinishedRunContinuesAndANewRunAsksBeforeDiscardingIt(FxRobot robot) {
        waitUntilReady();
        robot.clickOn("Step epoch");
        waitFor("one epoch", () -> training.stateProperty().get() == State.PAUSED);
        robot.clickOn("Stop");
        waitFor("the stop", () -> training.stateProperty().get() == State.FINISHED);
        assertEquals("model: epoch 1, the best on validation", training.heldProperty().get());
        assertTrue(robot.lookup(".status-held").queryAs(javafx.scene.control.Label.class).getText()
                .contains("epoch 1"));
        robot.clickOn("Step epoch");
        waitFor("the second epoch", () -> training.epochPoints().size() == 2
                && training.stateProperty().get() == State.PAUSED);
        assertEquals(2, training.epochPoints().get(1).epoch(), "the run went on at epoch 2");
        assertTrue(robot.lookup("Train").queryAs(javafx.scene.control.Button.class).isDisabled(),
                "while paused only Resume goes on");
        robot.clickOn("Stop");
        waitFor("the stop", () -> training.stateProperty().get() == State.FINISHED);
        assertEquals("model: epoch 2" + (training.bestEpochProperty().get() == 2 ? ", the best on validation" : ""),
                training.heldProperty().get());
        assertTrue(training.unsavedProperty().get());
        robot.clickOn("Train");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Keep it");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(State.FINISHED, training.stateProperty().get(), "Keep it: nothing started");
        assertEquals(2, training.epochPoints().size(), "Keep it: the curves are still there");
        robot.clickOn("Train");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Discard it");
        waitFor("the new run", () -> training.stateProperty().get() == State.TRAINING
                || training.epochPoints().size() < 2);
        robot.clickOn("Stop");
        waitFor("the stop", () -> training.stateProperty().get() == State.FINISHED);
        assertTrue(training.epochPoints().size() < 2 || training.epochPoints().get(0).epoch() == 1,
                "a new run started at epoch 1");
    }

    /** A field the form cannot take disables Train (and F5), and Train's tooltip names the field and the problem. */
    @Test
    void anInvalidFieldDisablesTrainAndSaysWhy(FxRobot robot) {
        waitUntilReady();
        javafx.scene.control.Label label = robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Label l
                && "Latent size".equals(l.getText())).queryAs(javafx.scene.control.Label.class);
        javafx.scene.layout.GridPane grid = (javafx.scene.layout.GridPane) label.getParent();
        javafx.scene.control.TextField field = (javafx.scene.control.TextField) grid.getChildren().stream()
                .filter(n -> n instanceof javafx.scene.control.TextField
                        && java.util.Objects.equals(javafx.scene.layout.GridPane.getRowIndex(n),
                                javafx.scene.layout.GridPane.getRowIndex(label)))
                .findFirst().orElseThrow();
        robot.clickOn(field).press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .release(javafx.scene.input.KeyCode.A, javafx.scene.input.KeyCode.CONTROL).write("-3");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Button train = robot.lookup("Train").queryAs(javafx.scene.control.Button.class);
        waitFor("Train to be disabled", train::isDisabled);
        robot.type(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(State.READY, training.stateProperty().get(), "F5 did not train with the old latent size");
        javafx.scene.Node wrapper = train.getParent();
        robot.moveTo(wrapper);
        waitFor("the reason's tooltip", () -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing()
                        && t.getText().startsWith("Fix the settings first: Latent size")));
        robot.clickOn(field).press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .release(javafx.scene.input.KeyCode.A, javafx.scene.input.KeyCode.CONTROL).write("3");
        waitFor("Train to be enabled again", () -> !train.isDisabled());
        assertEquals(3, training.settings().latent.get());
    }

    /**
     * An error shows in a banner above the panes (the chart's toolbar stays in view), "Dismiss" hides it; a preset
     * turns the smoothing off and replaces the model's views.
     */
    @Test
    void theErrorBannerIsDismissedAndAPresetStartsAfresh(FxRobot robot) {
        waitUntilReady();
        robot.interact(() -> window.showError("Could not load /tmp/nothing.csv: no such file"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Could not load /tmp/nothing.csv: no such file", window.errorShown());
        javafx.scene.Node banner = robot.lookup(".error-banner").query();
        javafx.scene.Node toolbar = robot.lookup(".loss-chart-controls").query();
        assertFalse(banner.localToScene(banner.getBoundsInLocal())
                .intersects(toolbar.localToScene(toolbar.getBoundsInLocal())), "the banner covers no toolbar");
        robot.clickOn("Dismiss");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, window.errorShown());

        robot.interact(() -> window.chart().setSmoothing(0.9));
        robot.clickOn("Presets");
        robot.clickOn((javafx.scene.Node n) -> n instanceof javafx.scene.control.Label l && l.getText() != null
                && l.getText().startsWith("2-D VAE"));
        waitUntilReady();
        assertEquals(0.0, window.chart().getSmoothing(), 0, "the preset turned the smoothing off");
    }

    @Test
    void openingASavedModelRestoresItsCurves(FxRobot robot, @TempDir Path tmp) {
        waitUntilReady();
        robot.clickOn("Step epoch");
        waitFor("one epoch", () -> training.stateProperty().get() == State.PAUSED);
        int batches = training.batchPoints().size();
        assertTrue(batches > 0);
        Path folder = tmp.resolve("vae");
        robot.interact(() -> training.save(folder));
        waitFor("the save", () -> training.statusProperty().get().startsWith("Saved"));
        robot.clickOn("Stop");
        robot.clickOn("Reset");
        waitFor("empty curves", () -> training.batchPoints().isEmpty());
        robot.interact(() -> training.open(folder));
        waitFor("the opened model", () -> training.statusProperty().get().startsWith("Opened"));
        assertEquals(batches, training.batchPoints().size());
        assertEquals(1, training.epochPoints().size());
        assertFalse(window.chart().getAvailableTerms().isEmpty(), "the chart has the curves again");
    }

    private static int[] pixels(Image img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] out = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }
}
