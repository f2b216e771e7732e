package dev.bottleneck.ui;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.train.TrainingHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A made-up VAE run for chart tests: a noisy, falling training loss (reconstruction + KL, per batch) and a validation
 * loss that is lowest after epoch 6 and then rises (overfitting). Validation also reports -ELBO and MSE, which the
 * batches do not.
 */
final class SyntheticHistory {

    /** The epoch with the lowest validation loss. */
    static final int BEST_EPOCH = 6;

    private SyntheticHistory() {
    }

    static TrainingHistory overfitting(int epochs, int batchesPerEpoch, long seed) {
        Random random = new Random(seed);
        List<TrainingHistory.BatchPoint> batches = new ArrayList<>();
        List<TrainingHistory.EpochPoint> points = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            List<LossTerms> epochBatches = new ArrayList<>();
            for (int b = 1; b <= batchesPerEpoch; b++) {
                double t = e - 1 + (double) b / batchesPerEpoch;
                double kl = 20 + 6 * (1 - Math.exp(-3 * t)) + random.nextGaussian();
                double loss = 95 + 60 * Math.exp(-t / 0.8) - 1.5 * t + 4 * random.nextGaussian();
                LossTerms terms = LossTerms.builder().put(Term.LOSS, loss).put(Term.RECONSTRUCTION, loss - kl)
                        .put(Term.KL, kl).build();
                epochBatches.add(terms);
                batches.add(new TrainingHistory.BatchPoint(t, terms));
            }
            LossTerms train = LossTerms.weightedMean(epochBatches,
                    java.util.Collections.nCopies(batchesPerEpoch, 1));
            double val = validationLoss(e);
            double valKl = 26 - 0.1 * e;
            LossTerms validation = LossTerms.builder().put(Term.LOSS, val).put(Term.RECONSTRUCTION, val - valKl)
                    .put(Term.KL, valKl).put(Term.NEG_ELBO, val + 0.5).put(Term.MSE_PER_FEATURE, val / 3000)
                    .build();
            points.add(new TrainingHistory.EpochPoint(e, train, validation, 12000, 5));
        }
        return new TrainingHistory(batches, points);
    }

    /** Falls until epoch 6, rises after. */
    static double validationLoss(int epoch) {
        return 97 + 60 * Math.exp(-epoch / 0.8) - 1.2 * epoch + 1.5 * Math.pow(Math.max(0, epoch - 6), 2);
    }
}
