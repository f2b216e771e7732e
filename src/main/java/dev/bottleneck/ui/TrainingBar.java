package dev.bottleneck.ui;

import dev.bottleneck.viewmodel.TrainingViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The training controls and the status bar, with their keyboard shortcuts. */
public final class TrainingBar {

    /** Shortcuts: function keys, so they work wherever the focus is (text fields swallow letters). */
    public static final KeyCombination TRAIN = new KeyCodeCombination(KeyCode.F5);
    public static final KeyCombination PAUSE = new KeyCodeCombination(KeyCode.F6);
    public static final KeyCombination STEP = new KeyCodeCombination(KeyCode.F7);
    public static final KeyCombination STOP = new KeyCodeCombination(KeyCode.F8);
    public static final KeyCombination RESET = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);

    private final HBox controls;
    private final HBox status;
    final Button train = new Button("Train");
    final Button pause = new Button("Pause");
    final Button step = new Button("Step epoch");
    final Button stop = new Button("Stop");
    final Button reset = new Button("Reset");

    /** Play, pause (play again while paused), step, stop, restore: Material Design Icons through Ikonli. */
    private void icons(TrainingViewModel vm) {
        train.setGraphic(Icons.of(MaterialDesignP.PLAY));
        var pauseIcon = Icons.of(MaterialDesignP.PAUSE);
        pauseIcon.iconCodeProperty().bind(Bindings.createObjectBinding(() -> vm.stateProperty().get() == State.PAUSED
                ? MaterialDesignP.PLAY : MaterialDesignP.PAUSE, vm.stateProperty()));
        pause.setGraphic(pauseIcon);
        step.setGraphic(Icons.of(MaterialDesignS.STEP_FORWARD));
        stop.setGraphic(Icons.of(MaterialDesignS.STOP));
        reset.setGraphic(Icons.of(MaterialDesignR.RESTORE));
    }

    public TrainingBar(TrainingViewModel vm) {
        train.getStyleClass().add("accent");
        train.setOnAction(e -> vm.train());
        pause.setOnAction(e -> vm.togglePause());
        step.setOnAction(e -> vm.stepEpoch());
        stop.setOnAction(e -> vm.stop());
        reset.setOnAction(e -> vm.reset());
        tip(train, "Train a new model from the settings, or resume", TRAIN);
        tip(pause, "Pause after the current batch, or resume", PAUSE);
        tip(step, "Train one more epoch", STEP);
        tip(stop, "End the run after the current batch", STOP);
        tip(reset, "Discard the run: a fresh model, empty curves", RESET);
        var state = vm.stateProperty();
        train.disableProperty().bind(Bindings.createBooleanBinding(
                () -> state.get() == State.TRAINING || state.get() == State.LOADING || state.get() == State.FAILED, state));
        pause.disableProperty().bind(Bindings.createBooleanBinding(
                () -> state.get() != State.TRAINING && state.get() != State.PAUSED, state));
        pause.textProperty().bind(Bindings.createStringBinding(
                () -> state.get() == State.PAUSED ? "Resume" : "Pause", state));
        step.disableProperty().bind(train.disableProperty());
        stop.disableProperty().bind(pause.disableProperty());
        reset.disableProperty().bind(train.disableProperty());
        icons(vm);
        controls = new HBox(6, train, pause, step, stop, reset);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("training-controls");

        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(200);
        Label epoch = new Label();
        epoch.textProperty().bind(Bindings.createStringBinding(() -> vm.epochProperty().get() == 0 ? ""
                : String.format(Locale.ROOT, "epoch %d/%d, batch %d", vm.epochProperty().get(),
                        vm.settings().epochs.get(), vm.batchProperty().get()),
                vm.epochProperty(), vm.batchProperty(), vm.settings().epochs));
        Label speed = new Label();
        speed.textProperty().bind(Bindings.createStringBinding(() -> vm.samplesPerSecondProperty().get() <= 0 ? ""
                : String.format(Locale.ROOT, "%,.0f samples/s", vm.samplesPerSecondProperty().get()),
                vm.samplesPerSecondProperty()));
        Label left = new Label();
        left.textProperty().bind(Bindings.createStringBinding(() -> vm.timeLeftProperty().get().isEmpty() ? ""
                : vm.timeLeftProperty().get() + " left", vm.timeLeftProperty()));
        Label message = new Label();
        message.textProperty().bind(vm.statusProperty());
        message.getStyleClass().add("status-message");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label data = new Label();
        data.textProperty().bind(vm.dataSummaryProperty());
        data.getStyleClass().add("status-data");
        for (Label l : new Label[] {epoch, speed, left, message}) {
            l.setMinWidth(Region.USE_PREF_SIZE); // the figures never shorten; the data summary gives way
        }
        data.setMinWidth(0);
        status = new HBox(14, progress, epoch, speed, left, message, spring, data);
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("status-bar");
    }

    /** The buttons, for the tool bar. */
    public HBox controls() {
        return controls;
    }

    /** The status bar. */
    public HBox status() {
        return status;
    }

    /** Installs the shortcuts on a scene. */
    public void install(Scene scene) {
        scene.getAccelerators().put(TRAIN, train::fire);
        scene.getAccelerators().put(PAUSE, pause::fire);
        scene.getAccelerators().put(STEP, step::fire);
        scene.getAccelerators().put(STOP, stop::fire);
        scene.getAccelerators().put(RESET, reset::fire);
    }

    private static void tip(Button b, String text, KeyCombination key) {
        b.setTooltip(new Tooltip(text + " (" + key.getDisplayText() + ")"));
    }
}
