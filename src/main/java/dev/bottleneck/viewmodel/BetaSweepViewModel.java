package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.SweepAxis;
import dev.bottleneck.core.train.ParameterSweep;
import dev.bottleneck.core.train.TrainingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The trade-off of Higgins et al. 2017 as one plot: the settings' beta-VAE (or beta-TCVAE) trained at each beta, or
 * at each C_max of the capacity objective, in the background, point by point, each measured on the validation split
 * (MIG, reconstruction, KL, active units; {@link ParameterSweep}).
 *
 * <p>Threads: {@link #run} reads the settings on the FX thread and trains on the training executor; points and
 * progress come back through one pending FX task at most, however fast they come ({@link #post}). {@link #stop} is
 * read by the training thread every batch.
 */
public final class BetaSweepViewModel {

    /** Epochs each point trains unless changed: a point of the shapes preset in about a quarter of a minute. */
    public static final int DEFAULT_EPOCHS = 10;
    /** The values a beta sweep starts with: Higgins et al.'s range, doubling. */
    public static final String DEFAULT_BETAS = "1,2,4,8,16";
    /** The values a C_max sweep starts with, in nats. */
    public static final String DEFAULT_CAPACITIES = "0,5,10,20";

    /**
     * What a sweep was started with: the chart's x axis is laid out for these values before the first point.
     *
     * @param model the series' name ("beta-VAE")
     * @param description the model in one line with the swept knob named
     */
    public record Plan(SweepAxis axis, List<Double> values, String model, String description, int epochs) {
        public Plan {
            values = List.copyOf(values);
        }
    }

    private final FxExecutors executors;
    private final ObservableValue<DataSplit> split;
    private final SettingsViewModel settings;
    private final ObjectProperty<SweepAxis> axis = new SimpleObjectProperty<>(SweepAxis.BETA);
    private final StringProperty values = new SimpleStringProperty(DEFAULT_BETAS);
    private final IntegerProperty epochs = new SimpleIntegerProperty(DEFAULT_EPOCHS);
    private final ObservableList<SweepPoint> points = FXCollections.observableArrayList();
    private final ObservableList<SweepPoint> pointsView = FXCollections.unmodifiableObservableList(points);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Plan> plan = new ReadOnlyObjectWrapper<>();
    private final StringBinding blocked;
    private final StringBinding migUnavailable;
    private volatile boolean cancel;

    // The training thread's reports wait here; one FX task at most drains them (ARCHITECTURE: threads).
    private final ConcurrentLinkedQueue<SweepPoint> pendingPoints = new ConcurrentLinkedQueue<>();
    private final AtomicReference<String> pendingStatus = new AtomicReference<>();
    private final AtomicReference<Runnable> pendingEnd = new AtomicReference<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    public BetaSweepViewModel(FxExecutors executors, ObservableValue<DataSplit> split, SettingsViewModel settings) {
        this.executors = executors;
        this.split = split;
        this.settings = settings;
        blocked = Bindings.createStringBinding(this::blockedReason, split, settings.kind, axis);
        migUnavailable = Bindings.createStringBinding(() -> {
            DataSplit sp = split.getValue();
            return sp == null || sp.validation().factors().isPresent() ? ""
                    : ExplorerViewModel.noFactorsReason(sp.validation().name());
        }, split);
        status.set(idleText());
        axis.addListener((o, was, now) -> {
            // Switching the knob brings its own default values, unless the user typed others.
            if (now != null && values.get().strip().equals(defaultValues(was))) {
                values.set(defaultValues(now));
            }
            if (!running.get() && plan.get() == null) {
                status.set(idleText());
            }
        });
        // Until a sweep runs, the status says what Run would do, or why it cannot.
        blocked.addListener((o, a, b) -> {
            if (!running.get() && plan.get() == null) {
                status.set(idleText());
            }
        });
        settings.kind.addListener((o, a, b) -> {
            if (!running.get() && plan.get() == null) {
                status.set(idleText());
            }
        });
    }

    /** The knob: {@link SweepAxis#BETA} or {@link SweepAxis#CAPACITY}. */
    public ObjectProperty<SweepAxis> axisProperty() {
        return axis;
    }

    /** The values to sweep, comma-separated, in order. */
    public StringProperty valuesProperty() {
        return values;
    }

    /** Training epochs of each point. */
    public IntegerProperty epochsProperty() {
        return epochs;
    }

    /** The knobs this tab sweeps. */
    public static List<SweepAxis> axes() {
        return List.of(SweepAxis.BETA, SweepAxis.CAPACITY);
    }

    /** The finished points in sweep order, diverged ones included (marked). */
    public ObservableList<SweepPoint> points() {
        return pointsView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The running or last sweep's plan; null before the first. */
    public ReadOnlyObjectProperty<Plan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** Why Run cannot start now, in one line ("" when it can): no data, or a model without the knob. */
    public ObservableStringValue blockedProperty() {
        return blocked;
    }

    /** Why the loaded data gives no MIG, in one line ("" when it has ground-truth factors). */
    public ObservableStringValue migUnavailableProperty() {
        return migUnavailable;
    }

    private String blockedReason() {
        if (split.getValue() == null) {
            return "No data loaded yet.";
        }
        ModelKind kind = settings.kind.get();
        SweepAxis a = axis.get();
        if (a == null || a.appliesTo(kind)) {
            return "";
        }
        List<String> labels = Arrays.stream(ModelKind.values()).filter(a::appliesTo).map(ModelKind::label).toList();
        String choices = String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
        return kind.label() + " has no " + a.symbol() + ": choose " + choices + " in the settings.";
    }

    private String idleText() {
        String why = blocked == null ? "" : blocked.get();
        if (!why.isEmpty()) {
            return why;
        }
        SweepAxis a = axis.get();
        return "MIG and reconstruction against " + (a == SweepAxis.CAPACITY ? "C_max" : "beta") + ": one "
                + settings.kind.get().label() + " per value, trained in the background on the loaded data. Press Run.";
    }

    private static String defaultValues(SweepAxis a) {
        return a == SweepAxis.CAPACITY ? DEFAULT_CAPACITIES : DEFAULT_BETAS;
    }

    /** The values typed, parsed: numbers separated by commas or spaces. */
    public static List<Double> parseValues(String text) {
        List<Double> out = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                out.add(Double.parseDouble(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a number: give the values as 1,2,4,8,16");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Give at least one value, as 1,2,4,8,16.");
        }
        return out;
    }

    /** Starts the sweep on the loaded split with the settings' model; says in the status why when it cannot. */
    public void run() {
        if (running.get()) {
            return;
        }
        String why = blocked.get();
        if (!why.isEmpty()) {
            status.set(why);
            return;
        }
        DataSplit sp = split.getValue();
        SweepAxis a = axis.get();
        ModelKind kind = settings.kind.get();
        ParameterSweep.Settings s;
        Plan p;
        try {
            List<Double> vs = parseValues(values.get());
            int e = epochs.get();
            Shape input = Shape.of(sp.train().shape());
            ModelSettings base = settings.modelSettings(input);
            float[] range = sp.train().valueRange();
            if (base.likelihood() == Likelihood.BERNOULLI && !(range[0] >= 0 && range[1] <= 1)) {
                base = base.withLikelihood(Likelihood.GAUSSIAN, base.gaussianSigma()); // as the latent sweep does
            }
            if (a == SweepAxis.CAPACITY) {
                // C must reach C_max within each point's training, or the sweep compares ramps cut short.
                base = base.withCapacity(0, base.capacityGamma(), Math.min(base.capacityEpochs(), e));
            }
            TrainingConfig training = settings.trainingConfig().withEpochs(e).withPatience(0);
            ParameterSweep.Series series = ParameterSweep.Series.of(kind, base);
            s = ParameterSweep.Settings.of(a, vs, series, training);
            p = new Plan(a, vs, series.name(), ParameterSweep.describe(series, input, a, vs), e);
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        points.clear();
        pendingPoints.clear();
        plan.set(p);
        cancel = false;
        running.set(true);
        status.set("Starting: " + p.model() + " at " + a.symbol() + " = " + a.format(p.values().get(0)) + "...");
        ParameterSweep.Settings settingsFinal = s;
        executors.training().execute(() -> {
            try {
                ParameterSweep.Result r = ParameterSweep.run(sp, settingsFinal, new ParameterSweep.Listener() {
                    @Override
                    public void point(SweepPoint pt) {
                        pendingPoints.add(pt);
                        post();
                    }

                    @Override
                    public void progress(ParameterSweep.Progress pr) {
                        pendingStatus.set(progressText(a, pr));
                        post();
                    }
                }, () -> cancel);
                end(() -> finished(r));
            } catch (RuntimeException | OutOfMemoryError e) {
                end(() -> status.set(SessionStatus.messageOf(e, "the " + a.symbol() + " sweep")));
            }
        });
    }

    /** Stops the sweep after the current batch; the finished points stay. */
    public void stop() {
        if (running.get()) {
            cancel = true;
            status.set("Stopping after the current batch...");
        }
    }

    static String progressText(SweepAxis a, ParameterSweep.Progress p) {
        String where = a.symbol() + " = " + a.format(p.value()) + " (" + (p.index() + 1) + " of " + p.values() + ")";
        return p.epochs() == 0 ? where + ": fitting..." : p.epoch() == 0 ? where + ": training..."
                : where + ": epoch " + p.epoch() + " of " + p.epochs() + (p.epoch() == p.epochs() ? ", measuring..." : "");
    }

    private void finished(ParameterSweep.Result r) {
        long diverged = r.points().stream().filter(SweepPoint::diverged).count();
        String div = diverged == 0 ? "" : ", " + diverged + " diverged (marked, not plotted)";
        if (r.cancelled()) {
            status.set("Stopped after " + r.points().size() + " of " + plan.get().values().size() + " points" + div
                    + ".");
            return;
        }
        status.set(String.format(Locale.ROOT, "Done: %d points%s. Measured on %,d validation examples%s.",
                r.points().size(), div, r.examples(), r.migExamples() == 0 ? ""
                        : r.migExamples() == r.examples() ? ", MIG on all of them"
                        : String.format(Locale.ROOT, ", MIG on %,d spread over them", r.migExamples())));
    }

    /** The training thread's last word: after every point and progress already posted. */
    private void end(Runnable last) {
        pendingEnd.set(() -> {
            running.set(false);
            last.run();
        });
        post();
    }

    /** Schedules one FX task to apply whatever the training thread has reported, unless one is already pending. */
    private void post() {
        if (drainScheduled.compareAndSet(false, true)) {
            executors.fx().execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        // The end first: the training thread queued every point before it, so they are all in the queue now.
        Runnable last = pendingEnd.getAndSet(null);
        List<SweepPoint> batch = new ArrayList<>();
        for (SweepPoint p; (p = pendingPoints.poll()) != null; ) {
            batch.add(p);
        }
        if (!batch.isEmpty()) {
            points.addAll(batch);
        }
        String s = pendingStatus.getAndSet(null);
        if (s != null && running.get() && !cancel) {
            status.set(s);
        }
        if (last != null) {
            last.run();
        }
    }
}
