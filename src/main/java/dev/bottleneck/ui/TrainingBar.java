package dev.bottleneck.ui;

import dev.bottleneck.viewmodel.DataSession;
import dev.bottleneck.viewmodel.RunProgress;
import dev.bottleneck.viewmodel.SessionStatus;
import dev.bottleneck.viewmodel.TrainingSession;
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
    private void icons(SessionStatus session) {
        train.setGraphic(Icons.of(MaterialDesignP.PLAY));
        var pauseIcon = Icons.of(MaterialDesignP.PAUSE);
        pauseIcon.iconCodeProperty().bind(Bindings.createObjectBinding(() -> session.stateProperty().get() == State.PAUSED
                ? MaterialDesignP.PLAY : MaterialDesignP.PAUSE, session.stateProperty()));
        pause.setGraphic(pauseIcon);
        step.setGraphic(Icons.of(MaterialDesignS.STEP_FORWARD));
        stop.setGraphic(Icons.of(MaterialDesignS.STOP));
        reset.setGraphic(Icons.of(MaterialDesignR.RESTORE));
    }

    private final javafx.beans.property.BooleanProperty settingsInvalid =
            new javafx.beans.property.SimpleBooleanProperty(false);
    private final javafx.beans.property.StringProperty settingsProblem =
            new javafx.beans.property.SimpleStringProperty("");
    private final DiscardGuard guard;
    private final javafx.beans.property.BooleanProperty background = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.StringProperty backgroundReason =
            new javafx.beans.property.SimpleStringProperty("");

    public TrainingBar(TrainingViewModel vm) {
        this(vm.run(), vm.status(), vm.data());
    }

    public TrainingBar(TrainingSession run, SessionStatus session, DataSession dataSession) {
        RunProgress p = run.progress();
        guard = new DiscardGuard(run);
        train.getStyleClass().add("accent");
        train.setOnAction(e -> {
            if (!run.trainStartsNewRun() || guard.allows("Train starts a new run")) {
                run.train();
            }
        });
        pause.setOnAction(e -> run.togglePause());
        step.setOnAction(e -> {
            if (run.stepContinues() || run.trainStartsNewRun() && guard.allows("Step epoch starts a new run")) {
                run.stepEpoch();
            }
        });
        stop.setOnAction(e -> run.stop());
        reset.setOnAction(e -> {
            if (guard.allows("Reset")) {
                run.reset();
            }
        });
        tip(train, "Train a new model from the settings", TRAIN);
        tip(pause, "Pause after the current batch, or resume", PAUSE);
        tip(step, "Train one more epoch (continues a finished run)", STEP);
        tip(stop, "End the run after the current batch", STOP);
        tip(reset, "Discard the run: a fresh model, empty curves", RESET);
        var state = session.stateProperty();
        var busy = Bindings.createBooleanBinding(
                () -> state.get() == State.TRAINING || state.get() == State.LOADING || state.get() == State.FAILED, state);
        // Train starts a new run; while paused that would be ambiguous beside Resume, so only Resume is offered.
        train.disableProperty().bind(busy.or(state.isEqualTo(State.PAUSED)).or(settingsInvalid).or(background));
        trainReason = Bindings.createStringBinding(() -> switch (state.get()) {
            case TRAINING -> "Training is running: Pause (F6) or Stop (F8) first.";
            case LOADING -> "The data is loading.";
            case FAILED -> "No data: choose a dataset that loads.";
            case PAUSED -> "Paused: Resume (F6) goes on with this run; Stop (F8) ends it, then Train starts a new one.";
            default -> background.get() ? backgroundReason.get()
                    : settingsInvalid.get() ? "Fix the settings first: " + settingsProblem.get() : "";
        }, state, settingsInvalid, settingsProblem, background, backgroundReason);
        // Resume too would wait behind a background sweep; Pause of a running run stays.
        pause.disableProperty().bind(Bindings.createBooleanBinding(
                () -> state.get() != State.TRAINING && (state.get() != State.PAUSED || background.get()), state,
                background));
        pause.textProperty().bind(Bindings.createStringBinding(
                () -> state.get() == State.PAUSED ? "Resume" : "Pause", state));
        step.disableProperty().bind(busy.or(background).or(settingsInvalid.and(Bindings.createBooleanBinding(
                () -> !run.stepContinues(), state))));
        stop.disableProperty().bind(Bindings.createBooleanBinding(
                () -> state.get() != State.TRAINING && state.get() != State.PAUSED, state));
        reset.disableProperty().bind(busy);
        icons(session);
        controls = new HBox(6, DisabledReason.wrap(train, trainReason), pause, step, stop, reset);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("training-controls");

        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(p.progressProperty());
        progress.setPrefWidth(200);
        progress.setMinWidth(90);   // never squeezed to nothing by a long message
        Label epoch = new Label();
        epoch.textProperty().bind(Bindings.createStringBinding(() -> epochText(p.epochProperty().get(),
                        p.epochsTotalProperty().get(), p.batchProperty().get(), p.batchesPerEpochProperty().get()),
                p.epochProperty(), p.batchProperty(), p.epochsTotalProperty(), p.batchesPerEpochProperty()));
        Label speed = new Label();
        speed.textProperty().bind(Bindings.createStringBinding(() -> p.samplesPerSecondProperty().get() <= 0 ? ""
                : String.format(Locale.ROOT, "%,.0f samples/s", p.samplesPerSecondProperty().get()),
                p.samplesPerSecondProperty()));
        Label left = new Label();
        left.textProperty().bind(Bindings.createStringBinding(() -> p.timeLeftProperty().get().isEmpty() ? ""
                : p.timeLeftProperty().get() + " left", p.timeLeftProperty()));
        Label held = new Label();
        held.textProperty().bind(run.heldProperty());
        held.getStyleClass().add("status-held");
        held.setTooltip(new Tooltip("The epoch whose parameters the model holds: what Save writes and the views show"));
        Label message = new Label();
        message.textProperty().bind(session.statusProperty());
        message.getStyleClass().add("status-message");
        Tooltip messageTip = new Tooltip();
        messageTip.textProperty().bind(session.statusProperty());
        message.setTooltip(messageTip);   // the whole message, when the bar is too narrow for it
        Label data = new Label();
        data.textProperty().bind(dataSession.summaryProperty());
        data.getStyleClass().add("status-data");
        for (Label l : new Label[] {epoch, speed, left, held}) {
            l.setMinWidth(Region.USE_PREF_SIZE); // the figures never shorten; the message and data summary give way
        }
        message.setMinWidth(60);
        // The data summary takes what room is left, right-aligned, and is the first to give way.
        data.setMinWidth(0);
        data.setPrefWidth(0);
        data.setMaxWidth(Double.MAX_VALUE);
        data.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(data, Priority.ALWAYS);
        Tooltip dataTip = new Tooltip();
        dataTip.textProperty().bind(dataSession.summaryProperty());
        data.setTooltip(dataTip);
        status = new HBox(14, progress, epoch, speed, left, held, message, data);
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("status-bar");
    }

    private final javafx.beans.binding.StringBinding trainReason;

    /**
     * Train stays disabled while a settings field holds a value the form cannot take (so a run never quietly uses the
     * last valid one); {@code problem} says which, in Train's tooltip.
     */
    public void blockWhileInvalid(javafx.beans.value.ObservableBooleanValue invalid,
            javafx.beans.value.ObservableStringValue problem) {
        settingsInvalid.bind(invalid);
        settingsProblem.bind(problem);
    }

    /**
     * Train, Step and Resume stay disabled while {@code busy} (a sweep holds the training thread: a run started then
     * would wait behind it); {@code reason} says so in Train's tooltip.
     */
    public void blockWhileBackground(javafx.beans.value.ObservableBooleanValue busy,
            javafx.beans.value.ObservableStringValue reason) {
        background.bind(busy);
        backgroundReason.bind(reason);
    }

    /** The question asked before discarding an unsaved trained model. */
    public DiscardGuard guard() {
        return guard;
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

    /** "epoch 4 of 10, batch 217 of 422": the epoch under way and how far into it, as the pause message says it. */
    static String epochText(int epoch, int total, int batch, int batches) {
        if (epoch == 0 || total == 0) {
            return "";   // no run under way (an opened model says its epochs in the held label)
        }
        return String.format(Locale.ROOT, "epoch %d of %d, batch %d of %d", epoch, total, batch, batches);
    }

    private static void tip(Button b, String text, KeyCombination key) {
        b.setTooltip(new Tooltip(text + " (" + key.getDisplayText() + ")"));
    }
}
