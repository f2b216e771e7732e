package dev.bottleneck.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.data.ToyDatasets;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.train.TrainingEvent.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final Dataset SHAPES = ShapesDataset.generate(600, 16, 3);

    private static GradientModel vae(long seed) {
        return (GradientModel) VaeConfig.standard(256, List.of(32), 3, 1.0).build(seed);
    }

    private static List<Double> losses(long seed) {
        List<Double> out = new ArrayList<>();
        Trainer t = new Trainer(vae(seed), SHAPES, null, TrainingConfig.defaults(2, seed).withBatchSize(50), null);
        t.run(e -> {
            if (e instanceof TrainingEvent.Batch b) {
                out.add(b.terms().loss());
            }
        }, () -> false, Integer.MAX_VALUE);
        return out;
    }

    @Test
    void theSameSeedGivesTheSameCurveTwice() {
        List<Double> a = losses(5);
        List<Double> b = losses(5);
        assertEquals(24, a.size());
        assertEquals(a, b);
        assertFalse(a.equals(losses(6)));
    }

    @Test
    void aCompletedRunTrainsOnForOneMoreEpochWhenExtended() {
        GradientModel m = vae(3);
        Trainer t = new Trainer(m, SHAPES, null, TrainingConfig.defaults(2, 3).withBatchSize(50), null);
        assertEquals(StopReason.COMPLETED, t.run(e -> { }, () -> false, Integer.MAX_VALUE).reason());
        assertTrue(t.isFinished());
        float[] after2 = m.parameters().get(0).value().data.clone();
        t.extendTo(3);
        assertFalse(t.isFinished());
        List<Integer> epochs = new ArrayList<>();
        TrainingEvent.Finished f = t.run(e -> {
            if (e instanceof TrainingEvent.Epoch ep) {
                epochs.add(ep.epoch());
            }
        }, () -> false, 1);
        assertEquals(StopReason.COMPLETED, f.reason());
        assertEquals(List.of(3), epochs, "the run continued at epoch 3, not a new epoch 1");
        assertEquals(3, t.epochsDone());
        assertFalse(java.util.Arrays.equals(after2, m.parameters().get(0).value().data));
    }

    @Test
    void aPauseMidEpochSaysWhichEpochAndBatch() {
        Trainer t = new Trainer(vae(4), SHAPES, null, TrainingConfig.defaults(2, 4).withBatchSize(50), null);
        AtomicInteger steps = new AtomicInteger();
        TrainingEvent.Finished f = t.run(e -> {
            if (e instanceof TrainingEvent.Batch) {
                steps.incrementAndGet();
            }
        }, () -> steps.get() >= 15, Integer.MAX_VALUE);
        assertEquals("Paused in epoch 2 after batch 3 of 12.", f.message());
    }

    /**
     * With the capacity objective, C rising, the validation loss of an epoch is the objective at that point of the
     * schedule, like the training loss beside it; the objective at C_max (what it used to be) is far off.
     */
    @Test
    void validationLossComparesLikeWithLikeWhileCapacityRises() {
        double gamma = 50;
        double cMax = 20;
        GradientModel m = (GradientModel) VaeConfig.standard(256, List.of(32), 3, 1.0).withCapacity(gamma, cMax, 10)
                .build(5);
        Dataset train = SHAPES.head(500);
        Dataset validation = ShapesDataset.generate(200, 16, 8);
        List<TrainingEvent.Epoch> epochs = new ArrayList<>();
        new Trainer(m, train, validation, TrainingConfig.defaults(2, 5).withBatchSize(50), null).run(e -> {
            if (e instanceof TrainingEvent.Epoch ep) {
                epochs.add(ep);
            }
        }, () -> false, Integer.MAX_VALUE);
        TrainingEvent.Epoch first = epochs.get(0);
        double trainLoss = first.train().loss();
        double valLoss = first.validation().loss();
        double recon = first.validation().get(dev.bottleneck.core.model.Term.RECONSTRUCTION).orElseThrow();
        double kl = first.validation().get(dev.bottleneck.core.model.Term.KL).orElseThrow();
        double atCMax = recon + gamma * Math.abs(kl - cMax);
        assertEquals(recon + gamma * Math.abs(kl - cMax * 0.5 / 10), valLoss, 1e-9 * valLoss,
                "the objective at C(0.5 epochs), the middle of epoch 1");
        assertTrue(Math.abs(valLoss - trainLoss) < 0.25 * trainLoss, "train " + trainLoss + ", validation " + valLoss);
        assertTrue(atCMax > 2 * trainLoss, "at C_max the objective differs wildly: " + atCMax + " vs " + trainLoss);
    }

    @Test
    void oneStepChangesTheParameters() {
        GradientModel m = vae(1);
        float[] before = m.parameters().get(0).value().data.clone();
        Trainer t = new Trainer(m, SHAPES, null, TrainingConfig.defaults(1, 1).withBatchSize(50), null);
        AtomicInteger steps = new AtomicInteger();
        t.run(e -> {
            if (e instanceof TrainingEvent.Batch) {
                steps.incrementAndGet();
            }
        }, () -> steps.get() >= 1, Integer.MAX_VALUE);
        assertEquals(1, steps.get());
        assertFalse(java.util.Arrays.equals(before, m.parameters().get(0).value().data));
    }

    @Test
    void theLossFallsOverFiftySteps() {
        List<Double> l = new ArrayList<>();
        Trainer t = new Trainer(vae(2), SHAPES, null, TrainingConfig.defaults(5, 2).withBatchSize(60), null);
        t.run(e -> {
            if (e instanceof TrainingEvent.Batch b) {
                l.add(b.terms().loss());
            }
        }, () -> l.size() >= 50, Integer.MAX_VALUE);
        double first = (l.get(0) + l.get(1) + l.get(2)) / 3;
        double last = (l.get(47) + l.get(48) + l.get(49)) / 3;
        assertTrue(last < 0.8 * first, "first " + first + ", last " + last);
    }

    @Test
    void cancellationPausesAndRunResumesAtTheNextBatch() {
        Trainer t = new Trainer(vae(3), SHAPES, null, TrainingConfig.defaults(2, 3).withBatchSize(50), null);
        AtomicInteger steps = new AtomicInteger();
        TrainingListener count = e -> {
            if (e instanceof TrainingEvent.Batch) {
                steps.incrementAndGet();
            }
        };
        TrainingEvent.Finished f = t.run(count, () -> steps.get() >= 5, Integer.MAX_VALUE);
        assertEquals(StopReason.CANCELLED, f.reason());
        assertFalse(t.isFinished());
        f = t.run(count, () -> false, Integer.MAX_VALUE);
        assertEquals(StopReason.COMPLETED, f.reason());
        assertEquals(24, steps.get());
        assertEquals(2, t.epochsDone());
    }

    @Test
    void aNonFiniteLossStopsTrainingAndKeepsTheLastGoodParameters() {
        // Values of 1e30 under a Gaussian likelihood overflow float: the very first loss is infinite.
        float[] huge = new float[40 * 4];
        java.util.Arrays.fill(huge, 1e30f);
        Dataset bad = Dataset.ofFloats("huge", SampleShape.vector(4), huge, null, null);
        GradientModel m = (GradientModel) AutoencoderConfig.plain(4, List.of(8), 2)
                .withLikelihood(Likelihood.GAUSSIAN, 0.1).build(4);
        float[] before = m.parameters().get(0).value().data.clone();
        Trainer t = new Trainer(m, bad, null, TrainingConfig.defaults(1, 4).withBatchSize(10), null);
        TrainingEvent.Finished f = t.run(TrainingListener.NONE, () -> false, Integer.MAX_VALUE);
        assertEquals(StopReason.DIVERGED, f.reason());
        assertTrue(f.message().contains("learning rate"), f.message());
        assertTrue(f.message().contains("outside [0, 1]"), f.message());
        assertTrue(t.isFinished());
        assertArrayEquals(before, m.parameters().get(0).value().data);
    }

    @Test
    void theBestValidationEpochIsKeptAndEarlyStoppingEndsTheRun() {
        Dataset moons = ToyDatasets.moons(300, 0.1, 1);
        Dataset train = moons.head(20); // 20 examples: the validation loss soon stops improving
        Dataset val = moons.subset("val", java.util.stream.IntStream.range(100, 300).toArray());
        GradientModel m = (GradientModel) AutoencoderConfig.plain(2, List.of(64, 64), 2)
                .withLikelihood(Likelihood.GAUSSIAN, 0.1).build(5);
        Trainer t = new Trainer(m, train, val, TrainingConfig.defaults(400, 5).withBatchSize(20)
                .withLearningRate(1e-2).withPatience(5), null);
        List<TrainingEvent.Epoch> epochs = new ArrayList<>();
        TrainingEvent.Finished f = t.run(e -> {
            if (e instanceof TrainingEvent.Epoch ep) {
                epochs.add(ep);
            }
        }, () -> false, Integer.MAX_VALUE);
        assertEquals(StopReason.EARLY_STOPPED, f.reason(), f.message());
        assertTrue(epochs.size() < 400);
        double bestLoss = epochs.stream().mapToDouble(e -> e.validation().loss()).min().orElseThrow();
        TrainingEvent.Epoch best = epochs.get(f.bestEpoch() - 1);
        assertEquals(bestLoss, best.validation().loss());
        assertEquals(epochs.size() - 5, f.bestEpoch());
        assertNotNull(t.best());
        double reevaluated = dev.bottleneck.core.eval.Evaluation.meanTerms(t.best(), val, 0).loss();
        assertEquals(bestLoss, reevaluated, 1e-6 * Math.abs(bestLoss));
    }

    @Test
    void snapshotsAreDetachedCopies() {
        GradientModel m = vae(7);
        List<TrainingEvent.Snapshot> snaps = new ArrayList<>();
        Trainer t = new Trainer(m, SHAPES, null, new TrainingConfig(1, 50, Optimizer.Kind.ADAM, 1e-3, 0.9, 7, 0, 0), null);
        t.run(e -> {
            if (e instanceof TrainingEvent.Snapshot s) {
                snaps.add(s);
            }
        }, () -> false, Integer.MAX_VALUE);
        assertTrue(snaps.size() >= 12, "one per batch with a zero interval: " + snaps.size());
        Parameter first = snaps.get(0).model().parameters().get(0);
        assertFalse(java.util.Arrays.equals(first.value().data, m.parameters().get(0).value().data));
    }

    @Test
    void denoisingValidationAddsItsOwnCurveAboveThePlainOne() {
        Dataset val = ShapesDataset.generate(200, 16, 9);
        dev.bottleneck.core.data.Corruption mask = dev.bottleneck.core.data.Corruption.parse("masking:0.5");
        Trainer t = new Trainer(vae(8), SHAPES, val, TrainingConfig.defaults(2, 8).withBatchSize(50), null)
                .withDenoisingValidation((b, len, seed) -> mask.apply(b, 0, len, 0f, 1f,
                        new java.util.SplittableRandom(seed)));
        List<TrainingEvent.Epoch> epochs = new ArrayList<>();
        t.run(e -> {
            if (e instanceof TrainingEvent.Epoch ep) {
                epochs.add(ep);
            }
        }, () -> false, Integer.MAX_VALUE);
        for (TrainingEvent.Epoch e : epochs) {
            double plain = e.validation().value(dev.bottleneck.core.model.Term.RECONSTRUCTION);
            double denoising = e.validation().value(dev.bottleneck.core.model.Term.DENOISING);
            assertTrue(denoising > plain, "half the pixels masked must be harder: " + denoising + " vs " + plain);
            assertFalse(e.train().has(dev.bottleneck.core.model.Term.DENOISING));
        }
    }

    @Test
    void theHeldOutLikelihoodIsTrackedEveryEpochForAVae() {
        Dataset val = ShapesDataset.generate(120, 16, 11);
        Trainer t = new Trainer(vae(12), SHAPES, val, TrainingConfig.defaults(2, 12).withBatchSize(50), null)
                .withHeldOutLikelihood(10, 40);
        List<TrainingEvent.Epoch> epochs = new ArrayList<>();
        t.run(e -> {
            if (e instanceof TrainingEvent.Epoch ep) {
                epochs.add(ep);
            }
        }, () -> false, Integer.MAX_VALUE);
        assertEquals(2, epochs.size());
        for (TrainingEvent.Epoch e : epochs) {
            double nll = e.validation().value(dev.bottleneck.core.model.Term.IWAE_NLL);
            double se = e.validation().value(dev.bottleneck.core.model.Term.IWAE_STDERR);
            assertTrue(Double.isFinite(nll) && nll > 0, "nll " + nll);
            assertTrue(se > 0 && se < nll, "standard error " + se);
            assertEquals(nll / (256 * Math.log(2)),
                    e.validation().value(dev.bottleneck.core.model.Term.IWAE_BITS_PER_DIM), 1e-9);
        }
        double first = epochs.get(0).validation().value(dev.bottleneck.core.model.Term.IWAE_NLL);
        double second = epochs.get(1).validation().value(dev.bottleneck.core.model.Term.IWAE_NLL);
        assertTrue(second < first, "training makes held-out digits likelier: " + first + " -> " + second);
    }
}
