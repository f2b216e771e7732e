package dev.bottleneck.core.train;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.eval.LatentActivity;
import dev.bottleneck.core.eval.MutualInformationGap;
import dev.bottleneck.core.eval.ReconstructionError;
import dev.bottleneck.core.eval.ReconstructionMetrics;
import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.SweepAxis;
import dev.bottleneck.core.model.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One model per value of a {@link SweepAxis} (latent size, beta, C_max), trained one after the other with the same
 * seed, nets and data, each measured on held-out data as soon as it is done: a trade-off as one plot.
 *
 * <p>For each value, in the given order, and each series (the latent-size sweep has two, PCA and an AE; a beta sweep
 * one): build the series' config with the axis at that value, fit it on the training split through
 * {@link ModelFitter} (closed form or gradient steps, the same {@link TrainingConfig} and seed for every point, no
 * validation during training), then measure it on the validation split:
 * <ul>
 *   <li>reconstruction error in nats per example and MSE per pixel ({@link ReconstructionMetrics#measure}), KL in nats
 *       per example and active units ({@link LatentActivity}), on <em>every</em> validation example;</li>
 *   <li>MIG ({@link MutualInformationGap}) when the data has ground-truth factors, on at most
 *       {@link Settings#migExamples} validation examples spread evenly over it ({@link Dataset#spread}; the whole
 *       split when smaller; not its head, which on the dSprites grid holds one shape): the plug-in estimate needs
 *       thousands, and its cost grows with them.</li>
 * </ul>
 * Each finished point goes to the listener at once, on the calling thread. A run that diverges (its loss turned
 * non-finite or exploded, see {@link Trainer}) gives a point marked {@link SweepPoint#diverged()} with the trainer's
 * reason and no measurements: the parameters it kept are a failed run's, not a result. {@code cancelled} is checked
 * between points and every training batch; a cancelled sweep returns the points finished so far.
 *
 * <p>Every point's config is built before the first is trained, so a bad value at the end of the list fails at
 * once, not after the others trained. Runs on the calling thread (the training thread: ND4J's generator is per
 * thread) and is not thread-safe; it builds its own models.
 */
public final class ParameterSweep {

    /** Validation examples MIG is estimated on at most, as the app and {@code eval} measure it: about 1 % bias for
     * dSprites' 40 rotations (see MIG). */
    public static final int DEFAULT_MIG_EXAMPLES = 10_000;

    /**
     * One line of the plot: a model kind and its settings, the swept knob aside.
     *
     * @param name the series' name on the plot and in the points ("PCA", "AE", "beta-VAE")
     */
    public record Series(String name, ModelKind kind, ModelSettings base) {
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(base, "base");
        }

        /** One series named after its kind's label. */
        public static Series of(ModelKind kind, ModelSettings base) {
            return new Series(kind.label(), kind, base);
        }
    }

    /**
     * What to sweep and how to train.
     *
     * @param axis the knob
     * @param values its values, swept in this order; no repeats; each in the range of every series' kind
     * @param series the models trained at each value, in this order
     * @param training how gradient kinds train: the same for every point (its seed draws every point's initial
     *     weights, shuffling and noise, and the measurements' noise)
     * @param migExamples the most validation examples MIG is estimated on, >= 1
     * @throws IllegalArgumentException when a value is out of range for a series' kind, or the kind has no such knob
     */
    public record Settings(SweepAxis axis, List<Double> values, List<Series> series, TrainingConfig training,
            int migExamples) {

        public Settings {
            Objects.requireNonNull(axis, "axis");
            values = List.copyOf(Objects.requireNonNull(values, "values"));
            series = List.copyOf(Objects.requireNonNull(series, "series"));
            Objects.requireNonNull(training, "training");
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs at least one value of " + axis.symbol());
            }
            if (series.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs at least one model");
            }
            Set<Double> seen = new HashSet<>();
            for (double v : values) {
                if (!seen.add(v)) {
                    throw new IllegalArgumentException(axis.symbol() + " values repeat: " + axis.format(v)
                            + " is given twice");
                }
                for (Series s : series) {
                    axis.apply(s.kind(), s.base(), v); // refuses a kind without the knob, or a value out of range
                }
            }
            if (migExamples < 1) {
                throw new IllegalArgumentException("MIG needs at least 1 example, not " + migExamples);
            }
        }

        /** One series, MIG on at most {@link #DEFAULT_MIG_EXAMPLES} examples. */
        public static Settings of(SweepAxis axis, List<Double> values, Series series, TrainingConfig training) {
            return new Settings(axis, values, List.of(series), training, DEFAULT_MIG_EXAMPLES);
        }

        public Settings withMigExamples(int n) {
            return new Settings(axis, values, series, training, n);
        }
    }

    /**
     * Where a sweep is: which point trains and how far.
     *
     * @param index the value's place in the sweep, 0-based
     * @param values how many values the sweep has
     * @param value the value
     * @param series the series trained
     * @param epoch epochs done of this point (0 when it starts)
     * @param epochs epochs each point trains (0 for a closed-form fit)
     */
    public record Progress(int index, int values, double value, String series, int epoch, int epochs) {
    }

    /** Receives the sweep's points and progress, on the sweep's thread. */
    public interface Listener {
        /** A finished point. */
        void point(SweepPoint p);

        /** A point started, or finished an epoch. */
        default void progress(Progress p) {
        }
    }

    /**
     * The sweep's outcome.
     *
     * @param axis the swept knob
     * @param points every finished point, in sweep order (value by value, series by series)
     * @param cancelled true when the sweep stopped before every point was done
     * @param examples the validation examples reconstruction, KL and active units were measured on
     * @param migExamples the validation examples MIG was estimated on; 0 when it was not
     * @param migNote why there is no MIG (the data has no ground-truth factors), in one line; empty when there is
     */
    public record Result(SweepAxis axis, List<SweepPoint> points, boolean cancelled, int examples, int migExamples,
            String migNote) {
        public Result {
            points = List.copyOf(points);
        }

        /** The points of one series, in sweep order. */
        public List<SweepPoint> series(String model) {
            return points.stream().filter(p -> p.model().equals(model)).toList();
        }

        /** The point of {@code model} at {@code value}, or null when it was not reached. */
        public SweepPoint point(String model, double value) {
            for (SweepPoint p : points) {
                if (p.model().equals(model) && p.value() == value) {
                    return p;
                }
            }
            return null;
        }
    }

    private ParameterSweep() {
    }

    /**
     * Runs the sweep on {@code split}'s training part, measured on its validation part.
     *
     * @param listener receives every finished point and the progress; may be null
     * @param cancelled checked between points and every training batch; may be null (never cancelled)
     * @throws IllegalArgumentException when the validation split is empty, or a point's config does not fit the data
     *     (the config's message, naming the value)
     */
    public static Result run(DataSplit split, Settings settings, Listener listener, BooleanSupplier cancelled) {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(settings, "settings");
        Listener out = listener == null ? p -> { } : listener;
        BooleanSupplier stop = cancelled == null ? () -> false : cancelled;
        Dataset train = split.train();
        Dataset validation = split.validation();
        if (validation.size() == 0) {
            throw new IllegalArgumentException("the sweep measures on the validation split, but it is empty");
        }
        SweepAxis axis = settings.axis();
        List<Double> values = settings.values();
        List<Series> series = settings.series();
        Shape input = Shape.of(train.shape());
        ModelConfig[][] configs = new ModelConfig[values.size()][series.size()];
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < series.size(); j++) {
                Series s = series.get(j);
                double v = values.get(i);
                try {
                    configs[i][j] = s.kind().configure(input, axis.apply(s.kind(), s.base(), v));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(s.name() + " at " + axis.symbol() + " = " + axis.format(v)
                            + ": " + e.getMessage(), e);
                }
            }
        }
        long seed = settings.training().seed();
        Dataset migSet = validation.factors().isPresent() ? validation.spread(settings.migExamples()) : null;
        String migNote = migSet == null ? noFactors(validation.name()) : "";
        float[] trainFloats = null; // n x d, shared by every closed-form fit
        List<SweepPoint> points = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            for (int j = 0; j < series.size(); j++) {
                if (stop.getAsBoolean()) {
                    return result(axis, points, true, validation, migSet, migNote);
                }
                String name = series.get(j).name();
                ModelConfig config = configs[i][j];
                boolean closed = config.kind().closedForm();
                int epochs = closed ? 0 : settings.training().epochs();
                int index = i;
                out.progress(new Progress(i, values.size(), v, name, 0, epochs));
                if (closed && trainFloats == null) {
                    trainFloats = train.toFloatArray();
                }
                TrainingListener progress = e -> {
                    if (e instanceof TrainingEvent.Epoch ep) {
                        out.progress(new Progress(index, values.size(), v, name, ep.epoch(), epochs));
                    }
                };
                // A closed-form fit is not interrupted (stop was checked just now): it either runs whole or not.
                ModelFitter.Fitted fitted = ModelFitter.fit(config, train, closed ? trainFloats : null, null,
                        closed ? null : settings.training(), null, progress, closed ? null : stop);
                if (fitted.cancelled()) {
                    return result(axis, points, true, validation, migSet, migNote);
                }
                SweepPoint p = fitted.trainer() != null && fitted.trainer().diverged()
                        ? SweepPoint.diverged(axis, v, name, fitted.end().message())
                        : measure(axis, v, name, fitted.model(), validation, migSet, seed);
                points.add(p);
                out.point(p);
            }
        }
        return result(axis, points, false, validation, migSet, migNote);
    }

    /**
     * The series' model in one line with the swept knob named rather than valued, for a table's or a status line's
     * header: "beta-VAE 1024-256-128-(z=10)-128-256-1024, relu, bernoulli likelihood, beta swept".
     */
    public static String describe(Series series, Shape input, SweepAxis axis, List<Double> values) {
        double v = values.get(0);
        for (double x : values) {
            if (axis != SweepAxis.CAPACITY || x > 0) { // C_max = 0 is described as the beta-VAE it trains as
                v = x;
                break;
            }
        }
        ModelConfig config = series.kind().configure(input, axis.apply(series.kind(), series.base(), v));
        String d = config.describe();
        if (d.startsWith(config.kind().label() + " ")) { // the beta-VAE at beta = 1 calls itself a VAE
            d = series.kind().label() + d.substring(config.kind().label().length());
        }
        String num = axis.format(v);
        return switch (axis) {
            case LATENT -> d.replace("(z=" + num + ")", "(z=k)");
            case BETA -> d.replaceFirst(java.util.regex.Pattern.quote(", beta " + num), ", beta swept");
            case CAPACITY -> d.replace("rising to " + num + " nats", "rising to C_max nats");
        };
    }

    /** Every measurement of a fitted model; a non-finite reconstruction error makes the point diverged. */
    static SweepPoint measure(SweepAxis axis, double value, String name, Autoencoder model, Dataset validation,
            Dataset migSet, long seed) {
        ReconstructionError rec = ReconstructionMetrics.measure(model, validation, seed);
        if (!Double.isFinite(rec.msePerPixel())) {
            return SweepPoint.diverged(axis, value, name, "the held-out reconstruction error is not finite ("
                    + rec.msePerPixel() + " per pixel)");
        }
        LatentActivity activity = LatentActivity.of(model, validation);
        double kl = rec.terms().get(Term.KL).orElse(Double.NaN);
        double mig = migSet == null ? Double.NaN : MutualInformationGap.compute(model, migSet).mig();
        return new SweepPoint(axis, value, name, rec.msePerPixel(), rec.natsPerExample(), kl,
                activity.activeUnits().orElse(-1), mig, "");
    }

    /** "shapes has no ground-truth factors ..." in one line, named as its user knows it. */
    public static String noFactors(String datasetName) {
        String name = datasetName.strip();
        for (String part : new String[] {" validation", " train", " test"}) {
            if (name.endsWith(part) && name.length() > part.length()) {
                name = name.substring(0, name.length() - part.length()).strip();
            }
        }
        return name + " has no ground-truth factors: MIG needs them";
    }

    private static Result result(SweepAxis axis, List<SweepPoint> points, boolean cancelled, Dataset validation,
            Dataset migSet, String migNote) {
        return new Result(axis, points, cancelled, validation.size(), migSet == null ? 0 : migSet.size(), migNote);
    }
}
