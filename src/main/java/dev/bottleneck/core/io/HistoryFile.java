package dev.bottleneck.core.io;

import dev.bottleneck.core.train.TrainingHistory;
import dev.bottleneck.core.train.TrainingHistory.BatchPoint;
import dev.bottleneck.core.train.TrainingHistory.EpochPoint;
import java.util.List;

/**
 * The contents of {@code history.json}: every batch point and every epoch point of a run, loss terms as
 * {@code {"LOSS": 98.2, "KL": 12.1}} maps keyed by {@link dev.bottleneck.core.model.Term} names.
 *
 * <pre>
 * { "batches" : [ { "epochsDone" : 0.0021, "terms" : { "LOSS" : 543.2, ... } }, ... ],
 *   "epochs" : [ { "epoch" : 1, "train" : { ... }, "validation" : { ... } or null,
 *                  "samplesPerSecond" : 5400.0, "seconds" : 10.1 }, ... ] }
 * </pre>
 */
record HistoryFile(List<BatchPoint> batches, List<EpochPoint> epochs) {

    static HistoryFile of(TrainingHistory history) {
        return new HistoryFile(history.batches(), history.epochs());
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
