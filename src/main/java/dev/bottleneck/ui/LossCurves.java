package dev.bottleneck.ui;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.train.TrainingHistory.EpochPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The raw numbers behind a {@link LossChart}: every batch's terms as growing primitive arrays (no boxing, so 50,000
 * batches cost a few megabytes) and every epoch's points. Knows nothing about drawing. Not thread-safe: the chart
 * keeps it on the FX thread.
 */
final class LossCurves {

    private double[] batchX = new double[1024];
    /** One array per term, as long as {@link #batchX}; NaN where a batch lacks the term. */
    private final Map<Term, double[]> batchY = new EnumMap<>(Term.class);
    private int batchCount;
    private final List<EpochPoint> epochs = new ArrayList<>();
    private final Set<Term> terms = EnumSet.noneOf(Term.class);

    void clear() {
        batchX = new double[1024];
        batchY.clear();
        batchCount = 0;
        epochs.clear();
        terms.clear();
    }

    void addBatch(double epochsDone, LossTerms values) {
        if (batchCount == batchX.length) {
            int capacity = batchX.length * 2;
            batchX = Arrays.copyOf(batchX, capacity);
            batchY.replaceAll((term, ys) -> {
                double[] grown = Arrays.copyOf(ys, capacity);
                Arrays.fill(grown, batchCount, capacity, Double.NaN);
                return grown;
            });
        }
        batchX[batchCount] = epochsDone;
        for (Map.Entry<Term, Double> e : values.asMap().entrySet()) {
            batchY.computeIfAbsent(e.getKey(), term -> {
                double[] ys = new double[batchX.length];
                Arrays.fill(ys, Double.NaN);
                return ys;
            })[batchCount] = e.getValue();
            terms.add(e.getKey());
        }
        batchCount++;
    }

    /** Adds an epoch; an epoch number seen before replaces the old point (a resumed run re-reports it). */
    void addEpoch(EpochPoint point) {
        epochs.removeIf(e -> e.epoch() == point.epoch());
        epochs.add(point);
        epochs.sort((a, b) -> Integer.compare(a.epoch(), b.epoch()));
        terms.addAll(point.train().asMap().keySet());
        if (point.validation() != null) {
            terms.addAll(point.validation().asMap().keySet());
        }
    }

    /** The terms that appear anywhere in the data, in {@link Term} order. */
    Set<Term> terms() {
        return EnumSet.copyOf(terms.isEmpty() ? EnumSet.of(Term.LOSS) : terms);
    }

    int batchCount() {
        return batchCount;
    }

    int epochCount() {
        return epochs.size();
    }

    /** The batch positions in epochs; valid up to {@link #batchCount()}. Do not modify. */
    double[] batchX() {
        return batchX;
    }

    /** The batch values of a term, NaN where absent; valid up to {@link #batchCount()}. Do not modify. */
    double[] batchY(Term term) {
        double[] ys = batchY.get(term);
        if (ys == null) {
            ys = new double[batchCount];
            Arrays.fill(ys, Double.NaN);
        }
        return ys;
    }

    boolean hasBatches(Term term) {
        return batchY.containsKey(term);
    }

    /**
     * The per-epoch curve of a term at x = epoch number (the end of that epoch): {@code {xs, ys}}, only epochs that
     * have the split and the term.
     */
    double[][] epochCurve(Term term, boolean validation) {
        double[] xs = new double[epochs.size()];
        double[] ys = new double[epochs.size()];
        int n = 0;
        for (EpochPoint e : epochs) {
            LossTerms t = validation ? e.validation() : e.train();
            if (t != null && t.has(term)) {
                xs[n] = e.epoch();
                ys[n] = t.value(term);
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    /** Train and validation of a term on the epochs that have both: {@code {xs, train, validation}}. */
    double[][] gap(Term term) {
        double[] xs = new double[epochs.size()];
        double[] train = new double[epochs.size()];
        double[] val = new double[epochs.size()];
        int n = 0;
        for (EpochPoint e : epochs) {
            if (e.validation() != null && e.validation().has(term) && e.train().has(term)) {
                xs[n] = e.epoch();
                train[n] = e.train().value(term);
                val[n] = e.validation().value(term);
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(train, n), Arrays.copyOf(val, n)};
    }

    /** The epoch (1-based) with the lowest validation loss ({@link Term#LOSS}), or 0 when none was validated. */
    int bestEpoch() {
        int best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (EpochPoint e : epochs) {
            if (e.validation() != null && e.validation().loss() < bestLoss) {
                bestLoss = e.validation().loss();
                best = e.epoch();
            }
        }
        return best;
    }

    /**
     * The first finite value of a term that a log axis cannot show (<= 0), as a sentence, or null when every
     * finite value is positive.
     */
    String firstNonPositive(Term term) {
        double[] ys = batchY.get(term);
        if (ys != null) {
            for (int i = 0; i < batchCount; i++) {
                if (ys[i] <= 0) {
                    return String.format(java.util.Locale.ROOT, "%s is %s at epoch %.2f", term.label(),
                            format(ys[i]), batchX[i]);
                }
            }
        }
        for (EpochPoint e : epochs) {
            for (LossTerms t : new LossTerms[] {e.train(), e.validation()}) {
                if (t != null && t.has(term) && t.value(term) <= 0) {
                    return term.label() + " is " + format(t.value(term)) + " at epoch " + e.epoch();
                }
            }
        }
        return null;
    }

    private static String format(double v) {
        return v == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
