package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.Factors;
import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.eval.MigResult;
import dev.bottleneck.core.eval.MutualInformationGap;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.viewmodel.ExplorerViewModel.Components;
import dev.bottleneck.viewmodel.ExplorerViewModel.Dimension;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/**
 * Sliders named after ground-truth factors, with a synchronous explorer and a code made by hand whose gaps are known
 * in kind: z1 copies posX (gap near 1), z2 copies posY and z3 is posY with a little noise (so z2 leads posY by a
 * gap near 0), z4 is noise; no unit carries scale.
 */
class FactorLabelsTest {

    private static final List<String> FACTORS = List.of("posX", "posY", "scale");

    /** {@code n} examples whose features are the code: [posX, posY, posY + small noise, noise]. */
    private static Dataset data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 4];
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            float posX = (float) rng.nextDouble();
            float posY = (float) rng.nextDouble();
            float scale = (float) (0.5 + 0.5 * rng.nextDouble());
            v[i * 3] = posX;
            v[i * 3 + 1] = posY;
            v[i * 3 + 2] = scale;
            x[i * 4] = posX;
            x[i * 4 + 1] = posY;
            x[i * 4 + 2] = posY + (float) (0.01 * rng.nextDouble());   // a fifth of a bin
            x[i * 4 + 3] = (float) rng.nextDouble();
        }
        return Dataset.ofFloats("sprites", SampleShape.vector(4), x, null, new Factors(FACTORS, v));
    }

    /** A "model" whose code is its input: each unit is what the feature of the same index holds. */
    private static final class InputIsCode implements Autoencoder {
        @Override
        public ModelConfig config() {
            return new PcaConfig(4, 4);
        }

        @Override
        public float[] encode(float[] x, int n) {
            return Arrays.copyOf(x, n * 4);
        }

        @Override
        public float[] decode(float[] z, int n) {
            return Arrays.copyOf(z, n * 4);
        }

        @Override
        public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed) {
            return LossTerms.builder().put(Term.LOSS, 0).put(Term.MSE_PER_FEATURE, 0).build();
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public Autoencoder copy() {
            return this;
        }
    }

    private static ExplorerViewModel explore(DataSplit split) {
        ExplorerViewModel vm = new ExplorerViewModel(FxExecutors.synchronous());
        vm.follow(new SimpleObjectProperty<>(new InputIsCode()), new SimpleObjectProperty<>(split));
        return vm;
    }

    @Test
    void aSliderIsNamedAfterAFactorOnlyWhenItLeadsItByTheNamingGap() {
        DataSplit split = Splits.split(data(3000, 7), null, 0.5, 0, 0.1, 7);
        ExplorerViewModel vm = explore(split);
        Dataset explored = ExplorerViewModel.exploreSet(split);
        MigResult mig = MutualInformationGap.compute(explored.toFloatArray(), explored.size(), 4,
                explored.factors().orElseThrow());
        List<Dimension> dims = vm.traversal().dimensions();
        assertEquals(4, dims.size());
        int named = 0;
        int leadingButNotNamed = 0;
        for (Dimension d : dims) {
            StringBuilder expected = new StringBuilder();
            boolean leads = false;
            for (int f = 0; f < FACTORS.size(); f++) {
                if (mig.topLatent()[f] == d.dim()) {
                    leads = true;
                    if (mig.gap()[f] >= MigResult.NAMING_GAP) {
                        expected.append(String.format(Locale.ROOT, "%s, gap %.2f", FACTORS.get(f), mig.gap()[f]));
                    }
                }
            }
            assertEquals(expected.toString(), d.factor(), d.name() + ": named only above the gap " + MigResult.NAMING_GAP);
            named += d.factor().isEmpty() ? 0 : 1;
            leadingButNotNamed += leads && d.factor().isEmpty() ? 1 : 0;
            assertEquals(leads, !d.factorNote().isEmpty(), d.name() + ": the tooltip explains the gap of a leader");
        }
        assertTrue(named >= 1 && leadingButNotNamed >= 1, "the case has a slider on each side of the threshold");

        Dimension z1 = dims.stream().filter(d -> d.dim() == 0).findFirst().orElseThrow();
        assertTrue(z1.factor().startsWith("posX, gap 0.9"), "z1 copies posX: " + z1.factor());
        assertTrue(z1.factorNote().contains("so the slider is named after posX"), z1.factorNote());
        Dimension z2 = dims.stream().filter(d -> d.dim() == 1).findFirst().orElseThrow();
        assertEquals("", z2.factor(), "z2 leads posY, but z3 knows nearly as much");
        assertTrue(mig.topLatent()[1] == 1 && mig.gap()[1] < MigResult.NAMING_GAP, "gap " + mig.gap()[1]);
        assertTrue(z2.factorNote().contains(String.format(Locale.ROOT, "below %.2f", MigResult.NAMING_GAP))
                && z2.factorNote().contains("z3"), z2.factorNote());
    }

    @Test
    void theMatrixFollowsTheSliderOrderAndCarriesTheGaps() {
        DataSplit split = Splits.split(data(3000, 8), null, 0.5, 0, 0.1, 8);
        ExplorerViewModel vm = explore(split);
        Components c = vm.componentsProperty().get();
        Disentanglement d = c.disentanglement();
        assertNotNull(d);
        assertEquals("", c.noFactors());
        assertEquals(FACTORS, d.factors());
        assertEquals(c.names(), d.units(), "columns in the bars' order, which is the sliders' order");
        List<String> sliders = vm.traversal().dimensions().stream().map(Dimension::name).toList();
        assertEquals(sliders, d.units());
        int posX = 0;
        int z1 = d.units().indexOf("z1");
        assertEquals(z1, d.topUnit()[posX]);
        assertTrue(d.names(posX));
        assertEquals(1.0, d.share()[posX][z1], 1e-12, "z1 is posX");
        assertEquals(d.share()[posX][z1] - d.share()[posX][d.secondUnit()[posX]], d.gap()[posX], 1e-12);
        assertEquals(c.mig(), d.mig(), 0);
        assertEquals(ExplorerViewModel.exploreSet(split).size(), d.examples());
        for (double[] row : d.share()) {
            assertEquals(4, row.length);
            for (double s : row) {
                assertTrue(s >= 0 && s <= 1 + 1e-12, "share " + s);
            }
        }
    }

    @Test
    void dataWithoutFactorsSayWhyInOneLineAndNameNoSlider() {
        Dataset plain = data(600, 9);
        Dataset noFactors = Dataset.ofFloats("MNIST train", plain.shape(), plain.toFloatArray(), null, null);
        ExplorerViewModel vm = explore(Splits.split(noFactors, null, 0.5, 0, 0.1, 9));
        Components c = vm.componentsProperty().get();
        assertNull(c.disentanglement());
        assertTrue(Double.isNaN(c.mig()));
        assertEquals("MNIST has no ground-truth factors: MIG needs them", c.noFactors());
        for (Dimension d : vm.traversal().dimensions()) {
            assertEquals("", d.factor());
            assertEquals("", d.factorNote());
        }
        assertEquals("blobs has no ground-truth factors: MIG needs them",
                ExplorerViewModel.noFactorsReason("blobs validation"));
    }
}
