package dev.bottleneck.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurvesCsvTest {

    @Test
    void batchesAndEpochsShareTheColumnsAndLeaveMissingValuesEmpty() {
        LossTerms b1 = LossTerms.builder().put(Term.LOSS, 2.5).put(Term.KL, 0.5).build();
        LossTerms train = LossTerms.builder().put(Term.LOSS, 2.0).put(Term.RECONSTRUCTION, 1.5).build();
        LossTerms val = LossTerms.builder().put(Term.LOSS, 2.25).build();
        TrainingHistory h = new TrainingHistory(List.of(new TrainingHistory.BatchPoint(0.5, b1)),
                List.of(new TrainingHistory.EpochPoint(1, train, val, 100, 1),
                        new TrainingHistory.EpochPoint(2, train, null, 100, 1)));
        assertEquals("kind,epoch,train_loss,train_reconstruction,train_kl,val_loss\n"
                + "batch,0.5,2.5,,0.5,\n"
                + "epoch,1.0,2.0,1.5,,2.25\n"
                + "epoch,2.0,2.0,1.5,,\n", CurvesCsv.of(h));
    }
}
