package dev.bottleneck.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.ToyDatasets;
import dev.bottleneck.core.eval.Evaluation;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.train.TrainingEvent.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run whose loss explodes (issue 10.3: {@code --lr 1e3} saved a model with a test -ELBO of 2.4e19) stops as
 * diverged and holds parameters whose loss was measured finite and not exploding, never blown-up ones.
 */
class DivergenceTest {

    private static final Dataset MOONS = ToyDatasets.moons(600, 0.1, 1);

    private static GradientModel vae() {
        return (GradientModel) VaeConfig.standard(2, List.of(16), 1, 1.0).withLikelihood(Likelihood.GAUSSIAN, 0.1)
                .build(7);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e6})
    void aLearningRateFarTooHighStopsAsDivergedWithParametersThatAreGood(double lr) {
        GradientModel m = vae();
        Dataset train = MOONS.head(500);
        Dataset val = MOONS.subset("val", java.util.stream.IntStream.range(500, 600).toArray());
        double initial = Evaluation.meanTerms(m, train, 1).loss();
        Trainer t = new Trainer(m, train, val, TrainingConfig.defaults(5, 7).withBatchSize(50)
                .withLearningRate(lr), null);
        List<TrainingEvent.Batch> batches = new ArrayList<>();
        TrainingEvent.Finished f = t.run(e -> {
            if (e instanceof TrainingEvent.Batch b) {
                batches.add(b);
            }
        }, () -> false, Integer.MAX_VALUE);

        assertEquals(StopReason.DIVERGED, f.reason(), f.message());
        assertTrue(t.diverged());
        for (Parameter p : m.parameters()) {
            for (float v : p.value().data) {
                assertTrue(Float.isFinite(v), p.name());
            }
        }
        double kept = Evaluation.meanTerms(m, train, 1).loss();
        assertTrue(Double.isFinite(kept) && kept < initial + Trainer.EXPLODING * Math.max(1, Math.abs(initial)),
                "the kept parameters' loss " + kept + " (initial " + initial + ")");
        // They are the parameters at the last good point, whose batch loss was below the explosion bar.
        assertTrue(t.lastGoodProgress() < batches.size() / 10.0 + 1e-9);
        assertTrue(f.message().contains("were kept") || f.message().contains("nothing was learned"), f.message());
        assertTrue(f.message().contains("learning rate"), f.message());
        assertEquals(0, f.bestEpoch(), "no diverged epoch is chosen as the best");
        assertNull(t.best());
    }

    @Test
    void aNormalRunIsNotTakenForDiverged() {
        GradientModel m = vae();
        Trainer t = new Trainer(m, MOONS.head(500), null, TrainingConfig.defaults(3, 7).withBatchSize(50)
                .withLearningRate(1e-2), null);
        TrainingEvent.Finished f = t.run(TrainingListener.NONE, () -> false, Integer.MAX_VALUE);
        assertEquals(StopReason.COMPLETED, f.reason(), f.message());
    }

    /** A run that learned for two epochs and then blew up keeps a verified point of its third epoch, not the blow-up. */
    @Test
    void aRunThatDivergesLateKeepsItsLastVerifiedParameters() {
        GradientModel m = (GradientModel) dev.bottleneck.core.model.AutoencoderConfig.plain(2, List.of(16), 1)
                .withLikelihood(Likelihood.GAUSSIAN, 0.1).build(3);
        Dataset train = MOONS.head(500);
        Dataset val = MOONS.subset("val", java.util.stream.IntStream.range(500, 600).toArray());
        int[] calls = {0};
        InputNoise blowsUpLate = (batch, length, rng) -> {
            if (++calls[0] > 25) { // batch 26 of 10 a epoch: in epoch 3
                java.util.Arrays.fill(batch, 0, length, 1e6f);
            }
        };
        Trainer t = new Trainer(m, train, val, TrainingConfig.defaults(5, 3).withBatchSize(50)
                .withLearningRate(1e-2), blowsUpLate);
        TrainingEvent.Finished f = t.run(TrainingListener.NONE, () -> false, Integer.MAX_VALUE);
        assertEquals(StopReason.DIVERGED, f.reason(), f.message());
        assertTrue(t.lastGoodProgress() >= 2 && t.lastGoodProgress() < 2.6, "kept " + t.lastGoodProgress());
        assertTrue(f.message().contains("exploding"), f.message());
        assertTrue(f.message().contains("the parameters of epoch " + (t.lastGoodProgress() == 2 ? "2" : "3, batch")),
                f.message());
        assertEquals(2, f.bestEpoch(), "the best is a validated epoch before the blow-up");
        double kept = Evaluation.meanTerms(m, val, 1).loss();
        assertEquals(f.bestValidation().loss(), kept, Math.abs(kept) * 0.5 + 1, "a model as good as epoch 2's");
    }
}
