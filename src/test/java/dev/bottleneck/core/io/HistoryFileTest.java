package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.train.TrainingHistory;
import dev.bottleneck.core.train.TrainingHistory.BatchPoint;
import dev.bottleneck.core.train.TrainingHistory.EpochPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A long run's batch curve is saved as means of consecutive batches, at most {@link HistoryFile#MAX_BATCH_POINTS}. */
class HistoryFileTest {

    private static BatchPoint point(int i) {
        return new BatchPoint(i + 1.0, LossTerms.builder().put(Term.LOSS, i).put(Term.KL, 2.0 * i).build());
    }

    @Test
    void fewPointsAreKeptAsTheyAre() {
        List<BatchPoint> points = List.of(point(0), point(1), point(2));
        assertSame(points, HistoryFile.thinned(points, 3));
    }

    @Test
    void morePointsBecomeTheMeansOfConsecutiveGroups() {
        List<BatchPoint> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(point(i));
        }
        List<BatchPoint> t = HistoryFile.thinned(points, 4); // groups of ceil(10 / 4) = 3: {0,1,2} {3,4,5} {6,7,8} {9}
        assertEquals(4, t.size());
        // means of small integers and their doubles: exact in double arithmetic
        assertEquals(List.of(1.0, 4.0, 7.0, 9.0), t.stream().map(p -> p.terms().loss()).toList());
        assertEquals(List.of(2.0, 8.0, 14.0, 18.0), t.stream().map(p -> p.terms().value(Term.KL)).toList());
        assertEquals(List.of(3.0, 6.0, 9.0, 10.0), t.stream().map(BatchPoint::epochsDone).toList(),
                "each mean stands at its group's last step");
    }

    @Test
    void aSavedLongRunKeepsEveryEpochAndAtMostTheCapOfBatches() {
        List<BatchPoint> points = new ArrayList<>();
        int steps = 3 * HistoryFile.MAX_BATCH_POINTS + 1;
        for (int i = 0; i < steps; i++) {
            points.add(point(i));
        }
        List<EpochPoint> epochs = List.of(new EpochPoint(1, point(5).terms(), null, 100, 1),
                new EpochPoint(2, point(6).terms(), point(7).terms(), 100, 1));
        HistoryFile f = HistoryFile.of(new TrainingHistory(points, epochs));
        // groups of ceil(9,001 / 3,000) = 4 consecutive steps: 2,251 points, the last of one step
        assertEquals((steps + 3) / 4, f.batches().size());
        assertTrue(f.batches().size() <= HistoryFile.MAX_BATCH_POINTS);
        assertEquals(epochs, f.epochs());
        assertEquals(steps, f.batches().get(f.batches().size() - 1).epochsDone(), "the curve still ends at the end");
    }
}
