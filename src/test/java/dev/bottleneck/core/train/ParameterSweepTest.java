package dev.bottleneck.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.data.ToyDatasets;
import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.SweepAxis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The beta and C_max sweeps on tiny data: one beta-VAE per value, each measured on held-out data, point by point. */
class ParameterSweepTest {

    private static final int LATENT = 4;
    private static DataSplit shapes;

    @BeforeAll
    static void data() {
        // 600 sprites at 16x16 (256 features), a quarter held out: a second or two per point.
        shapes = Splits.split(ShapesDataset.generate(600, 16, 7), null, 0.25, 0, 0.0, 7);
    }

    private static ModelSettings tinyNet() {
        return ModelSettings.DEFAULTS.withLatent(LATENT).withHidden(List.of(32));
    }

    private static TrainingConfig training(int epochs) {
        return TrainingConfig.defaults(epochs, 7).withBatchSize(32).withLearningRate(3e-3);
    }

    private static ParameterSweep.Settings betaSweep(List<Double> betas, int epochs) {
        return ParameterSweep.Settings.of(SweepAxis.BETA, betas, ParameterSweep.Series.of(ModelKind.BETA_VAE,
                tinyNet()), training(epochs));
    }

    @Test
    void aBetaSweepMeasuresEveryPointWithMigInTheUnitIntervalAndTradesKlForReconstruction() {
        List<SweepPoint> seen = new ArrayList<>();
        ParameterSweep.Result r = ParameterSweep.run(shapes, betaSweep(List.of(1.0, 32.0), 10), seen::add, null);

        assertFalse(r.cancelled());
        assertEquals(r.points(), seen, "each point reaches the listener as it finishes, in sweep order");
        assertEquals(List.of(1.0, 32.0), seen.stream().map(SweepPoint::value).toList());
        int n = shapes.validation().size();
        assertEquals(n, r.examples());
        assertEquals(n, r.migExamples(), "fewer validation examples than the cap: MIG uses them all");
        assertEquals("", r.migNote());
        for (SweepPoint p : seen) {
            assertEquals(SweepAxis.BETA, p.axis());
            assertEquals("beta-VAE", p.model());
            assertFalse(p.diverged(), p.divergence());
            assertTrue(p.hasMig() && p.mig() >= 0 && p.mig() <= 1, "MIG " + p.mig());
            assertTrue(Double.isFinite(p.msePerPixel()) && p.msePerPixel() >= 0, p.toString());
            assertTrue(Double.isFinite(p.reconstruction()) && p.reconstruction() > 0, p.toString());
            // KL is a sum of closed-form Gaussian KLs, each >= 0; rounding may leave a few ulps below per unit.
            assertTrue(p.kl() >= -1e-9 * LATENT, "KL " + p.kl());
            assertTrue(p.activeUnits() >= 0 && p.activeUnits() <= LATENT, "active units " + p.activeUnits());
        }
        // The two ends of the trade-off, 32 times apart in beta: the heavier KL weight leaves less KL and reconstructs
        // worse. (Nothing is asserted between them: short runs need not be monotone.)
        SweepPoint low = r.point("beta-VAE", 1);
        SweepPoint high = r.point("beta-VAE", 32);
        assertTrue(high.kl() < low.kl(), "KL at beta 32 (" + high.kl() + ") below beta 1's (" + low.kl() + ")");
        assertTrue(high.msePerPixel() > low.msePerPixel(),
                "MSE at beta 32 (" + high.msePerPixel() + ") above beta 1's (" + low.msePerPixel() + ")");
    }

    @Test
    void progressNamesEachPointAndEpochInOrder() {
        List<String> progress = new ArrayList<>();
        ParameterSweep.run(shapes, betaSweep(List.of(2.0, 8.0), 2), new ParameterSweep.Listener() {
            @Override
            public void point(SweepPoint p) {
                progress.add("point " + SweepAxis.BETA.format(p.value()));
            }

            @Override
            public void progress(ParameterSweep.Progress p) {
                progress.add(p.index() + "/" + p.values() + " beta " + SweepAxis.BETA.format(p.value()) + " epoch "
                        + p.epoch() + "/" + p.epochs());
            }
        }, null);
        assertEquals(List.of("0/2 beta 2 epoch 0/2", "0/2 beta 2 epoch 1/2", "0/2 beta 2 epoch 2/2", "point 2",
                "1/2 beta 8 epoch 0/2", "1/2 beta 8 epoch 1/2", "1/2 beta 8 epoch 2/2", "point 8"), progress);
    }

    @Test
    void theSameSeedGivesTheSamePoints() {
        ParameterSweep.Settings s = betaSweep(List.of(4.0), 2);
        assertEquals(ParameterSweep.run(shapes, s, null, null).points(),
                ParameterSweep.run(shapes, s, null, null).points());
    }

    @Test
    void cancellingKeepsTheFinishedPointsAndTrainsNoFurther() {
        List<SweepPoint> seen = new ArrayList<>();
        ParameterSweep.Result r = ParameterSweep.run(shapes, betaSweep(List.of(1.0, 2.0, 4.0), 2), seen::add,
                () -> !seen.isEmpty());
        assertTrue(r.cancelled());
        assertEquals(1, r.points().size());
        assertEquals(seen, r.points());

        List<ParameterSweep.Progress> started = new ArrayList<>();
        ParameterSweep.Result none = ParameterSweep.run(shapes, betaSweep(List.of(1.0, 2.0), 2),
                new ParameterSweep.Listener() {
                    @Override
                    public void point(SweepPoint p) {
                        throw new AssertionError("no point after a cancel before the first batch");
                    }

                    @Override
                    public void progress(ParameterSweep.Progress p) {
                        started.add(p);
                    }
                }, () -> !started.isEmpty());
        assertTrue(none.cancelled());
        assertTrue(none.points().isEmpty());
    }

    @Test
    void aPointThatDivergesIsMarkedWithTheReasonAndHasNoMeasurements() {
        // Issue 10.3's learning rate: the loss explodes within the first epoch.
        DataSplit moons = Splits.split(ToyDatasets.moons(600, 0.1, 1), null, 0.2, 0, 0.0, 1);
        ModelSettings gaussian = ModelSettings.DEFAULTS.withLatent(1).withHidden(List.of(16))
                .withLikelihood(Likelihood.GAUSSIAN, 0.1);
        ParameterSweep.Settings s = ParameterSweep.Settings.of(SweepAxis.BETA, List.of(1.0, 2.0),
                ParameterSweep.Series.of(ModelKind.BETA_VAE, gaussian),
                TrainingConfig.defaults(5, 7).withBatchSize(50).withLearningRate(1e3));
        ParameterSweep.Result r = ParameterSweep.run(moons, s, null, null);
        assertEquals(2, r.points().size(), "a diverged point does not end the sweep");
        for (SweepPoint p : r.points()) {
            assertTrue(p.diverged(), p.toString());
            assertTrue(p.divergence().contains("learning rate"), p.divergence());
            assertTrue(Double.isNaN(p.msePerPixel()) && Double.isNaN(p.reconstruction()) && Double.isNaN(p.kl())
                    && Double.isNaN(p.mig()), "no measurement of a failed run: " + p);
        }
    }

    @Test
    void dataWithoutFactorsLeavesMigBlankAndSaysWhyInOneLine() {
        // Blobs have labels (their centres) but no factors.
        DataSplit blobs = Splits.split(ToyDatasets.blobs(400, 2, 3, 0.5, 3), null, 0.2, 0, 0.0, 3);
        assertTrue(blobs.validation().factors().isEmpty());
        ModelSettings gaussian = ModelSettings.DEFAULTS.withLatent(2).withHidden(List.of(16))
                .withLikelihood(Likelihood.GAUSSIAN, 0.1);
        ParameterSweep.Result r = ParameterSweep.run(blobs, ParameterSweep.Settings.of(SweepAxis.BETA,
                List.of(1.0, 4.0), ParameterSweep.Series.of(ModelKind.BETA_VAE, gaussian), training(2)), null, null);
        assertEquals(2, r.points().size());
        assertEquals(0, r.migExamples());
        assertEquals("blobs has no ground-truth factors: MIG needs them", r.migNote());
        assertFalse(r.migNote().contains("\n"));
        for (SweepPoint p : r.points()) {
            assertFalse(p.hasMig());
            assertFalse(p.diverged(), p.divergence());
            assertTrue(Double.isFinite(p.msePerPixel()) && Double.isFinite(p.kl()), p.toString());
        }
    }

    @Test
    void capacityZeroTrainsTheBetaVaeWithBetaEqualToGamma() {
        // recon + gamma |KL - 0| = recon + gamma KL, as KL >= 0: the same loss, the same seed, the same numbers.
        ModelSettings withGamma = tinyNet().withCapacity(0, 4, 2);
        SweepPoint c0 = ParameterSweep.run(shapes, ParameterSweep.Settings.of(SweepAxis.CAPACITY, List.of(0.0),
                ParameterSweep.Series.of(ModelKind.BETA_VAE, withGamma), training(2)), null, null).points().get(0);
        SweepPoint b4 = ParameterSweep.run(shapes, betaSweep(List.of(4.0), 2), null, null).points().get(0);
        assertEquals(SweepAxis.CAPACITY, c0.axis());
        assertEquals(0, c0.value());
        assertEquals(b4.msePerPixel(), c0.msePerPixel(), 0);
        assertEquals(b4.reconstruction(), c0.reconstruction(), 0);
        assertEquals(b4.kl(), c0.kl(), 0);
        assertEquals(b4.mig(), c0.mig(), 0);

        // A C_max above 0 trains another objective: KL is pulled towards C instead of towards 0.
        SweepPoint c20 = ParameterSweep.run(shapes, ParameterSweep.Settings.of(SweepAxis.CAPACITY, List.of(20.0),
                ParameterSweep.Series.of(ModelKind.BETA_VAE, withGamma), training(2)), null, null).points().get(0);
        assertTrue(c20.kl() > c0.kl(), "KL at C_max 20 (" + c20.kl() + ") above C_max 0's (" + c0.kl() + ")");
    }

    @Test
    void badValuesAreRefusedBeforeAnythingTrains() {
        ParameterSweep.Series vae = ParameterSweep.Series.of(ModelKind.BETA_VAE, tinyNet());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> betaSweep(List.of(1.0, -2.0), 1));
        assertTrue(negative.getMessage().contains("beta must lie in (0, 1000]")
                && negative.getMessage().contains("-2"), negative.getMessage());
        IllegalArgumentException noBeta = assertThrows(IllegalArgumentException.class, () -> ParameterSweep.Settings
                .of(SweepAxis.BETA, List.of(1.0), ParameterSweep.Series.of(ModelKind.AE, tinyNet()), training(1)));
        assertTrue(noBeta.getMessage().startsWith("ae has no beta: sweep beta-vae"), noBeta.getMessage());
        IllegalArgumentException noCapacity = assertThrows(IllegalArgumentException.class,
                () -> ParameterSweep.Settings.of(SweepAxis.CAPACITY, List.of(5.0),
                        ParameterSweep.Series.of(ModelKind.BETA_TCVAE, tinyNet()), training(1)));
        assertTrue(noCapacity.getMessage().contains("beta-tcvae has no C_max"), noCapacity.getMessage());
        IllegalArgumentException repeat = assertThrows(IllegalArgumentException.class,
                () -> betaSweep(List.of(2.0, 4.0, 2.0), 1));
        assertTrue(repeat.getMessage().contains("2 is given twice"), repeat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> betaSweep(List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> ParameterSweep.Settings.of(SweepAxis.BETA,
                List.of(1.0), vae, training(1)).withMigExamples(0));
        // The beta-TCVAE's weight of the total correlation may be 0: the VAE's KL split, unweighted TC.
        ParameterSweep.Settings.of(SweepAxis.BETA, List.of(0.0, 6.0),
                ParameterSweep.Series.of(ModelKind.BETA_TCVAE, tinyNet()), training(1));
    }

    @Test
    void migIsEstimatedOnAtMostTheCapSpreadOverTheSplit() {
        ParameterSweep.Result r = ParameterSweep.run(shapes, betaSweep(List.of(4.0), 1).withMigExamples(50), null,
                null);
        assertEquals(50, r.migExamples());
        // The MIG of the same model (same config, same seed) on the spread the app and eval measure.
        var config = ModelKind.BETA_VAE.configure(dev.bottleneck.core.model.Shape.of(shapes.train().shape()),
                tinyNet().withBeta(4.0));
        var model = ModelFitter.fit(config, shapes.train(), null, training(1), null, null, null).model();
        double expected = dev.bottleneck.core.eval.MutualInformationGap.compute(model,
                shapes.validation().spread(50)).mig();
        assertEquals(expected, r.points().get(0).mig(), 0);
        assertEquals(shapes.validation().size(), r.examples(), "the other measurements use every example");
    }
}
