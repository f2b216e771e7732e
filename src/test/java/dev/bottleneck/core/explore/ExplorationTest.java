package dev.bottleneck.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.VaeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Standard units and the scatter's projection of an explored model. */
class ExplorationTest {

    private static final Dataset DATA = ShapesDataset.generate(150, 16, 9);

    @Test
    void anAutoencodersStandardUnitsAreTheCodesMeanAndDeviation() {
        GradientModel m = (GradientModel) AutoencoderConfig.plain(256, List.of(16), 3).build(2);
        Exploration e = Exploration.of(m, DATA);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < e.n(); i++) {
                double u = e.standard(i, j);
                mean += u;
                sq += u * u;
            }
            mean /= e.n();
            assertEquals(0, mean, 1e-5, "standardised codes have mean 0 along " + j);
            assertEquals(1, sq / e.n() - mean * mean, 1e-3, "and variance 1 along " + j);
        }
        for (int i : new int[] {0, 7, 149}) {
            float[] back = e.latent(e.standard(i));
            assertArrayEquals(java.util.Arrays.copyOfRange(e.codes(), i * 3, i * 3 + 3), back, 1e-5f,
                    "standard units go back to the code of example " + i);
        }
    }

    /**
     * The sliders rest on the example nearest the centre whose reconstruction is clearly drawn (half the largest
     * contrast, the median ink): a faint one nearer the centre (a VAE puts its faintest sprites there) is passed
     * over; without images the nearest is taken.
     */
    @Test
    void theRestingPointIsTheNearestExampleWhoseReconstructionIsDrawn() {
        Dataset three = ShapesDataset.generate(3, 16, 1); // three 16x16 images
        byte[] rec = new byte[3 * 256];
        rec[0] = (byte) 100;          // example 0: contrast 100 of the largest 250, under half
        rec[256] = (byte) 250;        // example 1: contrast 250
        rec[512] = (byte) 125;        // example 2: contrast 125, exactly half (rounded up) of 250; ink the median
        float[] codes = {0.1f, 0.9f, 0.5f};
        Exploration e = new Exploration(null, three, 3, 1, codes, new float[3], null, new int[] {0}, new double[1],
                new double[] {1}, rec, null, null, null, null, null, null, null);
        assertArrayEquals(new double[] {0.5}, e.restingPoint(), 1e-7, "example 2: the nearest drawn one");
        Dataset points = dev.bottleneck.core.data.ToyDatasets.moons(3, 0.05, 1);
        Exploration flat = new Exploration(null, points, 3, 1, codes, new float[3], null, new int[] {0}, new double[1],
                new double[] {1}, rec, null, null, null, null, null, null, null);
        assertArrayEquals(new double[] {0.1}, flat.restingPoint(), 1e-7, "not images: the nearest example");
    }

    @Test
    void aVaesStandardUnitsAreThePriors() {
        GradientModel m = (GradientModel) VaeConfig.standard(256, List.of(16), 2, 1.0).build(4);
        Exploration e = Exploration.of(m, DATA);
        assertArrayEquals(new double[] {0, 0}, e.center(), 0);
        assertArrayEquals(new double[] {1, 1}, e.scale(), 0);
        assertEquals(e.codes()[5 * 2 + 1], e.standard(5, 1), 1e-7);
        assertEquals(Math.exp(0.5 * e.logvars()[5 * 2 + 1]), e.posteriorSigma(5, 1), 1e-9);
    }

    @Test
    void theScatterPutsEachCodeWhereProjectingItPutsIt() {
        GradientModel m = (GradientModel) AutoencoderConfig.plain(256, List.of(16), 4).build(6);
        Exploration e = Exploration.of(m, DATA);
        float[][] pcs = e.scatter(true, 0, 1);
        assertNotSame(e.pcX(), pcs[0], "the scatter gets a copy it may keep");
        float[][] projected = e.project(e.codes(), e.n(), true, 0, 1);
        float scale = 0;
        for (float v : pcs[0]) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(pcs[0], projected[0], 1e-4f * scale);
        assertArrayEquals(pcs[1], projected[1], 1e-4f * scale);
        // Latent axes: dimensions 3 and 1; an axis past the last dimension is clamped to it.
        float[][] dims = e.scatter(false, 3, 9);
        for (int i = 0; i < e.n(); i++) {
            assertEquals(e.codes()[i * 4 + 3], dims[0][i], 0);
            assertEquals(e.codes()[i * 4 + 3], dims[1][i], 0);
        }
    }
}
