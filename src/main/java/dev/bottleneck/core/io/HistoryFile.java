package dev.bottleneck.core.io;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.train.TrainingHistory;
import dev.bottleneck.core.train.TrainingHistory.BatchPoint;
import dev.bottleneck.core.train.TrainingHistory.EpochPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The contents of {@code history.json}: the batch points (at most {@link #MAX_BATCH_POINTS}) and every epoch point
 * of a run, loss terms as
 * {@code {"LOSS": 98.2, "KL": 12.1}} maps keyed by {@link dev.bottleneck.core.model.Term} names.
 *
 * <pre>
 * { "batches" : [ { "epochsDone" : 0.0021, "terms" : { "LOSS" : 543.2, ... } }, ... ],
 *   "epochs" : [ { "epoch" : 1, "train" : { ... }, "validation" : { ... } or null,
 *                  "samplesPerSecond" : 5400.0, "seconds" : 10.1 }, ... ] }
 * </pre>
 */
record HistoryFile(List<BatchPoint> batches, List<EpochPoint> epochs) {

    /**
     * Batch points a file keeps at most. A long run has far more steps than a chart has pixels (40 epochs of the
     * dSprites grid at batch 256 are 90,000 steps, 36 MB of points, where a shipped model may take 5 MB in all), so
     * beyond this the saved curve is the mean of each run of consecutive batches: the same curve, less noisy.
     * Every epoch point is kept.
     */
    static final int MAX_BATCH_POINTS = 3_000;

    static HistoryFile of(TrainingHistory history) {
        return new HistoryFile(thinned(history.batches(), MAX_BATCH_POINTS), history.epochs());
    }

    /**
     * {@code points} as at most {@code max} points: unchanged when there are no more, else each group of
     * {@code ceil(n / max)} consecutive points as one, its terms their mean, at the group's last progress.
     */
    static List<BatchPoint> thinned(List<BatchPoint> points, int max) {
        int n = points.size();
        if (n <= max) {
            return points;
        }
        int group = (n + max - 1) / max;
        List<BatchPoint> out = new ArrayList<>(n / group + 1);
        for (int from = 0; from < n; from += group) {
            List<BatchPoint> part = points.subList(from, Math.min(n, from + group));
            List<LossTerms> terms = new ArrayList<>(part.size());
            for (BatchPoint p : part) {
                terms.add(p.terms());
            }
            out.add(new BatchPoint(part.get(part.size() - 1).epochsDone(),
                    LossTerms.weightedMean(terms, Collections.nCopies(terms.size(), 1))));
        }
        return out;
    }

    /** The history these points describe; refuses missing points or terms. */
    TrainingHistory toHistory() {
        List<BatchPoint> b = batches == null ? List.of() : batches;
        List<EpochPoint> e = epochs == null ? List.of() : epochs;
        for (int i = 0; i < b.size(); i++) {
            if (b.get(i) == null || b.get(i).terms() == null) {
                throw new IllegalArgumentException("batches[" + i + "] has no loss terms");
            }
        }
        for (int i = 0; i < e.size(); i++) {
            if (e.get(i) == null || e.get(i).train() == null) {
                throw new IllegalArgumentException("epochs[" + i + "] has no training loss terms");
            }
        }
        return new TrainingHistory(b, e);
    }
}
