package dev.bottleneck.core.train;

import dev.bottleneck.core.eval.SweepPoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.data.ToyDatasets;
import dev.bottleneck.core.model.Likelihood;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LatentSizeSweepTest {

    private static DataSplit shapes;

    @BeforeAll
    static void data() {
        // 300 sprites at 16x16: 256 features, a few seconds of training at most.
        shapes = Splits.split(ShapesDataset.generate(300, 16, 7), null, 0.2, 0, 0.0, 7);
    }

    private static LatentSizeSweep.Settings tiny() {
        return LatentSizeSweep.Settings.defaults(List.of(32), 20).withSizes(List.of(1, 4)).withBatchSize(16)
                .withLearningRate(3e-3);
    }

    @Test
    void reportsPointsInOrderAndPcaFallsWithK() {
        List<SweepPoint> seen = new ArrayList<>();
        LatentSizeSweep.Result r = LatentSizeSweep.run(shapes, tiny(), seen::add, null);

        assertFalse(r.cancelled());
        assertEquals(List.of("1 PCA", "1 AE", "4 PCA", "4 AE"),
                seen.stream().map(p -> p.latent() + " " + p.model()).toList());
        assertEquals(seen.subList(0, 1), r.pca().subList(0, 1));
        assertEquals(2, r.pca().size());
        assertEquals(2, r.ae().size());
        double pca1 = r.point(SweepPoint.PCA, 1).msePerPixel();
        double pca4 = r.point(SweepPoint.PCA, 4).msePerPixel();
        assertTrue(pca4 < pca1, "PCA at k=4 (" + pca4 + ") should beat k=1 (" + pca1 + ")");
        double ae1 = r.point(SweepPoint.AE, 1).msePerPixel();
        double ae4 = r.point(SweepPoint.AE, 4).msePerPixel();
        assertTrue(ae4 < ae1, "AE at k=4 (" + ae4 + ") should beat k=1 (" + ae1 + ")");
        for (SweepPoint p : seen) {
            assertTrue(p.msePerPixel() >= 0 && Double.isFinite(p.msePerPixel()), p.toString());
        }
    }

    @Test
    void sameSeedGivesSamePoints() {
        LatentSizeSweep.Settings s = tiny().withSizes(List.of(2));
        assertEquals(LatentSizeSweep.run(shapes, s, null, null), LatentSizeSweep.run(shapes, s, null, null));
    }

    @Test
    void pcaReconstructsExactlyAtFullDimension() {
        DataSplit moons = Splits.split(ToyDatasets.moons(200, 0.05, 3), null, 0.2, 0, 0.0, 3);
        LatentSizeSweep.Settings s = LatentSizeSweep.Settings.defaults(List.of(8), 1).withSizes(List.of(1, 2))
                .withLikelihood(Likelihood.GAUSSIAN, 0.1);
        LatentSizeSweep.Result r = LatentSizeSweep.run(moons, s, null, null);
        assertEquals(0, r.point(SweepPoint.PCA, 2).msePerPixel(), 1e-9);
        assertTrue(r.point(SweepPoint.PCA, 1).msePerPixel() > 1e-3);
    }

    @Test
    void cancellationStopsEarly() {
        List<SweepPoint> seen = new ArrayList<>();
        // Cancel once the first PCA point is in: the AE stops at its first batch check.
        LatentSizeSweep.Result r = LatentSizeSweep.run(shapes, tiny(), seen::add, () -> !seen.isEmpty());
        assertTrue(r.cancelled());
        assertEquals(1, seen.size());
        assertEquals(1, r.pca().size());
        assertEquals(0, r.ae().size());

        AtomicInteger checks = new AtomicInteger();
        LatentSizeSweep.Result before = LatentSizeSweep.run(shapes, tiny(), null, () -> checks.incrementAndGet() > 0);
        assertTrue(before.cancelled());
        assertTrue(before.pca().isEmpty() && before.ae().isEmpty());
    }

    @Test
    void refusesSizesAboveTheDataDimension() {
        DataSplit moons = Splits.split(ToyDatasets.moons(100, 0.05, 3), null, 0.2, 0, 0.0, 3);
        LatentSizeSweep.Settings s = LatentSizeSweep.Settings.defaults(List.of(8), 1).withSizes(List.of(1, 4))
                .withLikelihood(Likelihood.GAUSSIAN, 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatentSizeSweep.run(moons, s, null, null));
        assertTrue(e.getMessage().contains("latent size 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tiny().withSizes(List.of(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> tiny().withSizes(List.of()));
    }
}
