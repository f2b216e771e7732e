package dev.bottleneck.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.Factors;
import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutualInformationGapTest {

    @Test
    void codeThatCopiesTheFactorsHasMigNearOne() {
        Dataset data = EvalFixtures.factorData(4000, 1);
        MigResult r = MutualInformationGap.compute(EvalFixtures.CopyCode.identity(3), data);
        assertEquals(3, r.mutualInformation().length);
        assertEquals(3, r.mutualInformation()[0].length);
        assertEquals(Math.log(3), r.factorEntropy()[0], 0.01, "shape: three equally likely values");
        assertEquals(Math.log(MutualInformationGap.BINS), r.factorEntropy()[1], 0.02, "uniform over 20 bins");
        for (int f = 0; f < 3; f++) {
            assertEquals(r.factorEntropy()[f], r.mutualInformation()[f][f], 1e-9, "I(v; v) = H(v)");
        }
        assertTrue(r.mig() > 0.9, "MIG " + r.mig());
        assertArrayEquals(new int[] {0, 1, 2}, r.bestFactor());
        assertEquals("scale", r.bestFactorName(1));
        assertEquals(1.0, r.bestFactorShare()[2], 1e-9);
    }

    /** MI is invariant to permuting the dimensions and to affine maps of each (equal-width bins move with them). */
    @Test
    void permutedAndRescaledCodeKeepsMigAndLabelsTheRightFactor() {
        Dataset data = EvalFixtures.factorData(4000, 2);
        MigResult r = MutualInformationGap.compute(
                new EvalFixtures.CopyCode(3, new int[] {2, 0, 1}, new float[] {-3f, 0.5f, 10f}), data);
        assertTrue(r.mig() > 0.9, "MIG " + r.mig());
        assertArrayEquals(new int[] {2, 0, 1}, r.bestFactor());
        assertEquals("posX", r.bestFactorName(0));
    }

    @Test
    void codeOfPureNoiseHasMigNearZero() {
        Dataset factors = EvalFixtures.factorData(4000, 3);
        Dataset noise = Dataset.ofFloats("noise", SampleShape.vector(3), EvalFixtures.uniform(4000, 3, 9)
                .toFloatArray(), null, factors.factors().orElseThrow());
        MigResult r = MutualInformationGap.compute(EvalFixtures.CopyCode.identity(3), noise);
        assertTrue(r.mig() < 0.05, "MIG " + r.mig());
        for (double[] row : r.mutualInformation()) {
            for (double mi : row) {
                assertTrue(mi >= 0 && mi < 0.1, "plug-in MI of independent variables " + mi);
            }
        }
    }

    @Test
    void mutualInformationOfDiscreteSamplesMatchesHandComputation() {
        // a determines b on half the values: joint {(0,0):2, (1,1):1, (1,0):1}
        int[] a = {0, 0, 1, 1};
        int[] b = {0, 0, 1, 0};
        double expected = 0.5 * Math.log(0.5 / (0.5 * 0.75)) + 0.25 * Math.log(0.25 / (0.5 * 0.25))
                + 0.25 * Math.log(0.25 / (0.5 * 0.75));
        assertEquals(expected, MutualInformationGap.mutualInformation(a, b), 1e-12);
        assertEquals(Math.log(2), MutualInformationGap.entropy(a), 1e-12);
        assertEquals(0.0, MutualInformationGap.mutualInformation(a, new int[4]), 0.0);
    }

    @Test
    void binningKeepsFewDistinctValuesAndCutsContinuousOnesIntoEqualWidths() {
        assertArrayEquals(new int[] {1, 0, 2, 1}, MutualInformationGap.factorBins(new float[] {0.5f, -1f, 7f, 0.5f}));
        float[] ramp = new float[100];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        int[] bins = MutualInformationGap.factorBins(ramp);
        assertEquals(0, bins[0]);
        assertEquals(MutualInformationGap.BINS - 1, bins[99], "the maximum falls in the last bin");
        assertEquals(10, bins[50]);
        assertArrayEquals(new int[3], MutualInformationGap.equalWidthBins(new float[] {4f, 4f, Float.NaN}));
    }

    /**
     * A grid factor keeps its exact classes: dSprites' 40 rotations, equally often, have entropy ln 40; cut into
     * {@value MutualInformationGap#BINS} equal-width bins as a continuous factor would be, 40 values over 20 bins
     * lose classes and the entropy falls to at most ln 20.
     */
    @Test
    void aDiscreteFactorKeepsItsExactClassesBeyondTwentyValues() {
        int n = 4000;
        float[] rotation = new float[n];
        for (int i = 0; i < n; i++) {
            rotation[i] = (float) (2 * Math.PI * (i % 40) / 40);
        }
        float[] codes = rotation.clone();
        MigResult exact = MutualInformationGap.compute(codes, n, 1,
                Factors.discrete(List.of("rotation"), rotation));
        assertEquals(Math.log(40), exact.factorEntropy()[0], 1e-12);
        MigResult binned = MutualInformationGap.compute(codes, n, 1, new Factors(List.of("rotation"), rotation));
        assertTrue(binned.factorEntropy()[0] <= Math.log(MutualInformationGap.BINS) + 1e-12,
                "binned entropy " + binned.factorEntropy()[0]);
        // a code cut into 20 bins keeps ln 20 of the ln 40 nats of 40 equally likely classes
        assertEquals(Math.log(20), exact.mutualInformation()[0][0], 1e-12);
        assertArrayEquals(new int[] {2, 0, 1, 2}, MutualInformationGap.classes(new float[] {3f, -1f, 0.5f, 3f}));
    }

    @Test
    void constantFactorIsLeftOutOfTheMean() {
        float[] codes = {0, 1, 2, 3};
        Factors f = new Factors(List.of("const", "x"), new float[] {1, 0, 1, 1, 1, 2, 1, 3});
        MigResult r = MutualInformationGap.compute(codes, 4, 1, f);
        assertTrue(Double.isNaN(r.gap()[0]));
        assertEquals(1.0, r.mig(), 1e-12, "one latent that copies x; no second latent");
        assertEquals(1, r.bestFactor()[0]);
    }

    @Test
    void shapesDatasetGivesOneMiRowPerLatentAndOneColumnPerFactor() {
        Dataset shapes = ShapesDataset.generate(300, 16, 4);
        VariationalAutoencoder vae = new VariationalAutoencoder(
                VaeConfig.standard(shapes.features(), List.of(16), 4, 1.0), 5);
        MigResult r = MutualInformationGap.compute(vae, shapes);
        assertEquals(ShapesDataset.FACTOR_NAMES, r.factorNames());
        assertEquals(4, r.latentDim());
        for (double[] row : r.mutualInformation()) {
            assertEquals(5, row.length);
        }
        assertTrue(r.mig() >= 0 && r.mig() <= 1, "MIG " + r.mig());
        assertEquals(4, r.bestFactor().length);
    }

    @Test
    void splitWithoutFactorsIsRefusedByName() {
        Dataset plain = EvalFixtures.uniform(10, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MutualInformationGap.compute(EvalFixtures.CopyCode.identity(3), plain));
        assertTrue(e.getMessage().contains("uniform") && e.getMessage().contains("factors"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MutualInformationGap.compute(new float[6], 3, 2,
                new Factors(List.of("a"), new float[] {1, 2})));
    }
}
