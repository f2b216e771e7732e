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

    /**
     * The matrix on a code whose first unit copies posX (times 2) and whose other units are independent noise. The
     * copy's equal-width bins are the factor's bins moved by the same affine map, so its cell is exactly 1. For an
     * independent unit the plug-in estimate is not 0 but biased up: 2N I-hat is about chi-squared with
     * df = (B_z - 1)(B_v - 1) degrees of freedom (Miller 1955), mean df / (2N) and standard deviation
     * sqrt(2 df) / (2N) nats, B_z = 20 code bins and B_v the factor's bins (3 for shape, 20 for the others). The
     * tolerance is that mean plus four standard deviations, over H(v); the noise cells' mean must also be that bias.
     */
    @Test
    void aUnitThatCopiesAFactorHasNormalisedMiOneAndIndependentUnitsOnlyTheBinningBias() {
        int n = 4000;
        int k = 4;
        Dataset data = EvalFixtures.factorData(n, 5);
        Factors factors = data.factors().orElseThrow();
        int posX = factors.indexOf("posX");
        float[] noise = EvalFixtures.uniform(n, k, 11).toFloatArray();
        float[] codes = new float[n * k];
        for (int i = 0; i < n; i++) {
            codes[i * k] = 2f * factors.value(i, posX);
            for (int j = 1; j < k; j++) {
                codes[i * k + j] = noise[i * k + j];
            }
        }
        MigResult r = MutualInformationGap.compute(codes, n, k, factors);
        assertEquals(1.0, r.normalised(0, posX), 1e-12, "an exact copy shares all of the factor's information");
        int zBins = MutualInformationGap.BINS;
        for (int f = 0; f < factors.width(); f++) {
            int vBins = f == factors.indexOf("shape") ? 3 : MutualInformationGap.BINS;
            double df = (zBins - 1) * (vBins - 1);
            double bias = df / (2.0 * n);
            double sd = Math.sqrt(2 * df) / (2.0 * n);
            double tolerance = (bias + 4 * sd) / r.factorEntropy()[f];
            double mean = 0;
            for (int j = 1; j < k; j++) {
                double cell = r.normalised(j, f);
                assertTrue(cell >= 0 && cell < tolerance, "independent unit z" + (j + 1) + " and "
                        + factors.names().get(f) + ": " + cell + " (tolerance " + tolerance + ")");
                mean += r.mutualInformation()[j][f] / (k - 1);
            }
            // The mean of three chi-squared draws over 2N: the bias, within four of its standard deviations.
            assertEquals(bias, mean, 4 * sd / Math.sqrt(k - 1), factors.names().get(f) + ": the binning's bias");
            if (f != posX) {
                assertTrue(r.normalised(0, f) < tolerance, "the copy of posX knows nothing of " + f);
            }
        }
        assertEquals(0, r.topLatent()[posX]);
        assertTrue(r.secondLatent()[posX] > 0);
        double df = (zBins - 1) * (MutualInformationGap.BINS - 1);
        double posXTolerance = (df / (2.0 * n) + 4 * Math.sqrt(2 * df) / (2.0 * n)) / r.factorEntropy()[posX];
        assertTrue(r.gap()[posX] > 1 - posXTolerance, "the copy leads the noise by 1 - noise: " + r.gap()[posX]);
        assertEquals(List.of(posX), r.factorsNamedBy(0), "the copy is named after posX");
        for (int j = 1; j < k; j++) {
            assertEquals(List.of(), r.factorsNamedBy(j), "noise leads shape and scale by a gap far below 0.2");
        }
    }

    /** A unit is named after a factor only when it is the factor's top unit with a gap of at least NAMING_GAP. */
    @Test
    void aUnitIsNamedOnlyAfterTheFactorsItLeadsByTheNamingGap() {
        double t = MigResult.NAMING_GAP;
        double[][] mi = new double[3][4];   // not read by the rule
        double[] gap = {t - 1e-9, t, 0.9, Double.NaN};
        int[] top = {0, 1, 1, -1};
        MigResult r = new MigResult(List.of("a", "b", "c", "d"), mi, new double[] {1, 1, 1, 0}, gap, 0.5,
                new int[3], new double[3], top, new int[] {2, 0, 0, -1});
        assertEquals(List.of(), r.factorsNamedBy(0), "z1 leads a, but by less than the naming gap");
        assertEquals(List.of(2, 1), r.factorsNamedBy(1), "z2 leads b and c, largest gap first");
        assertEquals(List.of(), r.factorsNamedBy(2), "z3 leads nothing");
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
