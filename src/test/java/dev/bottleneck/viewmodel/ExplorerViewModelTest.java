package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.VaeConfig;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** The explorer with synchronous executors: every request's result is in place when the call returns. */
class ExplorerViewModelTest {

    private static final DataSplit SPLIT = Splits.split(ShapesDataset.generate(400, 16, 2), null, 0.25, 0, 0.1, 2);

    private static ExplorerViewModel explore(Autoencoder model) {
        ExplorerViewModel vm = new ExplorerViewModel(FxExecutors.synchronous());
        vm.follow(new SimpleObjectProperty<>(model), new SimpleObjectProperty<>(SPLIT));
        return vm;
    }

    @Test
    void everyValidationExampleIsOnTheScatter() {
        ExplorerViewModel vm = explore(VaeConfig.standard(256, List.of(32), 4, 1.0).build(1));
        ExplorerViewModel.Scatter s = vm.scatterProperty().get();
        assertNotNull(s);
        assertEquals(SPLIT.validation().size(), s.x().length);
        assertEquals(SPLIT.validation().size(), s.labels().length);
        assertEquals(List.of("square", "ellipse", "heart"), s.labelNames());
        assertTrue(s.xLabel().contains("principal"), "a 4-D code is shown by its principal components");
    }

    @Test
    void slidersAreOrderedByKlAndLabelledWithIt() {
        ExplorerViewModel vm = explore(VaeConfig.standard(256, List.of(32), 4, 1.0).build(1));
        List<ExplorerViewModel.Dimension> dims = vm.dimensions();
        assertEquals(4, dims.size());
        for (int i = 1; i < dims.size(); i++) {
            assertTrue(dims.get(i - 1).importance() >= dims.get(i).importance());
        }
        assertTrue(dims.get(0).figure().startsWith("KL "), dims.get(0).figure());
        assertEquals(ExplorerViewModel.STRIP, dims.get(0).previews().size());
        assertEquals(256, dims.get(0).previews().get(0).length);
    }

    /** A preset that leaves no model (PCA before its fit) or brings other data leaves nothing of the old one. */
    @Test
    void noModelOrOtherDataLeavesNothingOfTheLastModel() {
        SimpleObjectProperty<Autoencoder> model =
                new SimpleObjectProperty<>(VaeConfig.standard(256, List.of(32), 2, 1.0).build(1));
        SimpleObjectProperty<DataSplit> split = new SimpleObjectProperty<>(SPLIT);
        ExplorerViewModel vm = new ExplorerViewModel(FxExecutors.synchronous());
        vm.follow(model, split);
        vm.select(3);
        vm.interpolate(false);
        assertNotNull(vm.scatterProperty().get());
        assertFalse(vm.dimensions().isEmpty());
        assertNotNull(vm.samplesProperty().get());
        model.set(null);
        assertNull(vm.scatterProperty().get());
        assertTrue(vm.dimensions().isEmpty());
        assertNull(vm.samplesProperty().get());
        assertNull(vm.planeProperty().get());
        assertNull(vm.decodedProperty().get());
        assertNull(vm.componentsProperty().get());
        assertEquals(-1, vm.selectedProperty().get());
        model.set(VaeConfig.standard(256, List.of(32), 2, 1.0).build(2));
        assertNotNull(vm.scatterProperty().get(), "the next model is explored as usual");
        DataSplit other = Splits.split(ShapesDataset.generate(300, 16, 9), null, 0.25, 0, 0.1, 9);
        vm.select(2);
        split.set(other);
        assertEquals(-1, vm.selectedProperty().get(), "a selection names an example of the old data");
        assertEquals(ExplorerViewModel.exploreSet(other).size(), vm.scatterProperty().get().x().length);
    }

    @Test
    void movingASliderChangesTheDecodedImage() {
        ExplorerViewModel vm = explore(VaeConfig.standard(256, List.of(32), 2, 1.0).build(3));
        float[] before = vm.decodedProperty().get().clone();
        vm.setValue(0, 2.5);
        float[] after = vm.decodedProperty().get();
        assertFalse(Arrays.equals(before, after));
        assertEquals(2.5, vm.values()[0], 1e-12);
    }

    @Test
    void selectingAnExampleAnchorsTheSlidersOnItsCode() {
        Autoencoder m = VaeConfig.standard(256, List.of(32), 2, 1.0).build(4);
        ExplorerViewModel vm = explore(m);
        vm.select(5);
        float[] x = vm.input(5);
        float[] mu = m.copy().encode(x, 1);
        double[] v = vm.values();
        assertEquals(Math.max(-3, Math.min(3, mu[0])), v[0], 1e-5);
        assertEquals(Math.max(-3, Math.min(3, mu[1])), v[1], 1e-5);
        ExplorerViewModel.Dimension d = vm.dimensions().get(0);
        assertTrue(d.bandLo() < d.value() && d.value() < d.bandHi(), "the posterior band brackets the anchor");
        vm.setValue(0, -3);
        vm.backToAnchor();
        assertEquals(v[0], vm.values()[0], 1e-12);
    }

    /**
     * With nothing selected the sliders rest on a real example's code, the one nearest the centre among those whose
     * reconstruction is clearly drawn (contrast and ink), not on the centre: the centre of a beta-VAE's sprite codes can decode to an
     * empty image. The decoded image is that example's reconstruction, and back-to-anchor returns there. PCA rests
     * on the mean.
     */
    @Test
    void withNothingSelectedTheSlidersRestOnADrawnExampleNearTheCentre() {
        Autoencoder m = VaeConfig.standard(256, List.of(32), 3, 1.0).build(6);
        ExplorerViewModel vm = explore(m);
        Dataset shown = ExplorerViewModel.exploreSet(SPLIT);
        float[] x = shown.toFloatArray();
        int n = shown.size();
        float[] mu = m.copy().encode(x, n);
        float[] recs = m.copy().decode(mu, n);
        int[] contrast = new int[n];
        long[] ink = new long[n];
        int most = 0;
        for (int i = 0; i < n; i++) {
            int lo = 255;
            int hi = 0;
            for (int p = i * 256; p < (i + 1) * 256; p++) {
                int b = Math.round(Math.min(1f, Math.max(0f, recs[p])) * 255f); // as the explorer keeps them
                lo = Math.min(lo, b);
                hi = Math.max(hi, b);
                ink[i] += b;
            }
            contrast[i] = hi - lo;
            most = Math.max(most, contrast[i]);
        }
        long medianInk = Arrays.stream(ink).sorted().toArray()[(n - 1) / 2];
        int nearest = -1;
        for (int i = 0; i < n; i++) {
            if (2 * contrast[i] >= most && ink[i] >= medianInk
                    && (nearest < 0 || norm2(mu, i, 3) < norm2(mu, nearest, 3))) {
                nearest = i;
            }
        }
        double[] v = vm.values();
        assertTrue(norm2(mu, nearest, 3) > 0, "the nearest example is not the centre itself");
        for (int j = 0; j < 3; j++) {
            // the explorer's codes are the same float encode of the same rows, a row at a time or in one block
            assertEquals(mu[nearest * 3 + j], v[j], 1e-5, "dimension " + j);
        }
        float[] rec = m.copy().decode(m.copy().encode(Arrays.copyOfRange(x, nearest * 256, (nearest + 1) * 256), 1), 1);
        assertArrayEquals(rec, vm.decodedProperty().get(), 1e-5f);
        vm.setValue(0, 3);
        vm.backToAnchor();
        assertArrayEquals(v, vm.values(), 1e-12);

        Pca pca = new Pca(new PcaConfig(256, 3));
        pca.fit(SPLIT.train().toFloatArray(), SPLIT.train().size());
        assertArrayEquals(new double[3], explore(pca).values(), 0.0, "PCA's components are read around the mean");
    }

    private static double norm2(float[] codes, int i, int k) {
        double s = 0;
        for (int j = 0; j < k; j++) {
            s += (double) codes[i * k + j] * codes[i * k + j];
        }
        return s;
    }

    @Test
    void aTwoDimensionalSpaceGetsALatentPlaneGrid() {
        ExplorerViewModel vm = explore(VaeConfig.standard(256, List.of(32), 2, 1.0).build(1));
        assertEquals(ExplorerViewModel.SAMPLE_GRID * ExplorerViewModel.SAMPLE_GRID, vm.samplesProperty().get().length);
        assertEquals(ExplorerViewModel.PLANE_GRID * ExplorerViewModel.PLANE_GRID, vm.planeProperty().get().length);
        ExplorerViewModel vm4 = explore(VaeConfig.standard(256, List.of(32), 4, 1.0).build(1));
        assertNull(vm4.planeProperty().get());
    }

    @Test
    void anAutoencoderIsOrderedByCodeVarianceAndPcaByExplainedVariance() {
        ExplorerViewModel ae = explore(AutoencoderConfig.plain(256, List.of(32), 3).build(1));
        assertTrue(ae.dimensions().get(0).figure().startsWith("variance"));
        Pca pca = new Pca(new PcaConfig(256, 3));
        pca.fit(SPLIT.train().toFloatArray(), SPLIT.train().size());
        ExplorerViewModel p = explore(pca);
        assertEquals("PC1", p.dimensions().get(0).name());
        assertTrue(p.dimensions().get(0).figure().contains("% of variance"));
        assertTrue(p.dimensions().get(0).importance() >= p.dimensions().get(1).importance());
    }

    /**
     * The hover image of example 3 is the model's reconstruction of example 3 of the explored split (the validation
     * split, {@link ExplorerViewModel#exploreSet}), and not that of another example. A fitted PCA, because an
     * untrained network reconstructs every example as almost the same grey image, too alike to tell them apart.
     *
     * <p>The tolerance: the model reconstructs the whole split in one call, here as in the explorer, so the same float
     * operations give the same floats; what differs is only that the explorer keeps the image in 8 bits,
     * round(255 c) / 255 of c clamped to [0, 1]. The float product 255 c is at most 255 * 2^-24 off, rounding it to
     * an integer adds at most 0.5, and dividing by 255 gives at most 0.5 / 255 + 2^-24 from c; the float quotient
     * (at most 1) rounds by at most 2^-24 more. So 0.5 / 255 + 2^-23.
     */
    @Test
    void theHoverImageIsTheModelsReconstructionOfThatExample() {
        Pca model = new Pca(new PcaConfig(256, 3));
        model.fit(SPLIT.train().toFloatArray(), SPLIT.train().size());
        ExplorerViewModel vm = explore(model);
        Dataset explored = SPLIT.validation();
        assertEquals(explored.size(), vm.scatterProperty().get().x().length,
                "the explorer explores the validation split");
        float[] example3 = new float[explored.features()];
        explored.copyExample(3, example3, 0);
        assertArrayEquals(example3, vm.input(3), "scatter point 3 is validation example 3");
        int n = explored.size();
        int d = explored.features();
        float[] reconstructed = model.copy().reconstruct(explored.toFloatArray(), n); // n x d
        double tolerance = 0.5 / 255 + 0x1p-23;
        float[] hover = vm.reconstruction(3);
        assertEquals(d, hover.length);
        for (int j = 0; j < d; j++) {
            assertEquals(shown(reconstructed[3 * d + j]), hover[j], tolerance, "pixel " + j + " of example 3");
        }
        // The check tells examples apart: example 3's image is not within the tolerance of any other's.
        for (int i = 0; i < n; i++) {
            if (i != 3) {
                double farthestPixel = 0;
                for (int j = 0; j < d; j++) {
                    farthestPixel = Math.max(farthestPixel, Math.abs(shown(reconstructed[i * d + j]) - hover[j]));
                }
                assertTrue(farthestPixel > tolerance,
                        "example " + i + "'s reconstruction matches example 3's hover image too");
            }
        }
    }

    /** A reconstructed value as the hover image shows it, clamped to [0, 1]. */
    private static float shown(float v) {
        return Math.min(1f, Math.max(0f, v));
    }

    @Test
    void componentsComeOrderedWithActiveUnitsCounted() {
        ExplorerViewModel vm = explore(VaeConfig.standard(256, List.of(32), 4, 1.0).build(1));
        ExplorerViewModel.Components c = vm.componentsProperty().get();
        assertEquals("KL per dimension", c.measure());
        assertEquals(4, c.names().size());
        for (int i = 1; i < c.values().length; i++) {
            assertTrue(c.values()[i - 1] >= c.values()[i]);
        }
        assertTrue(c.activeUnits() >= 0 && c.activeUnits() <= 4);
        assertTrue(Double.isFinite(c.mig()) && c.mig() >= 0 && c.mig() <= 1, "shapes has factors: MIG " + c.mig());
    }

    @Test
    void aCollapsedVaeIsWarnedAbout() {
        Autoencoder m = VaeConfig.standard(256, List.of(32), 4, 1.0).build(1);
        for (dev.bottleneck.core.model.Parameter p : m.parameters()) {
            if (p.name().startsWith("encoder.1.")) { // the [mu | logvar] layer: q(z|x) = N(0, I) for every x
                java.util.Arrays.fill(p.value().data, 0f);
                p.value().changed();
            }
        }
        ExplorerViewModel.Components c = explore(m).componentsProperty().get();
        assertEquals(0, c.activeUnits());
        assertTrue(c.warning().startsWith("Posterior collapse"), c.warning());
        assertEquals(0.0, c.values()[0], 1e-9);
    }

    @Test
    void pcaComponentsAreTheExplainedVariance() {
        Pca pca = new Pca(new PcaConfig(256, 3));
        pca.fit(SPLIT.train().toFloatArray(), SPLIT.train().size());
        ExplorerViewModel.Components c = explore(pca).componentsProperty().get();
        assertEquals("explained variance", c.measure());
        assertEquals(100 * pca.explainedVarianceRatio()[0], c.values()[0], 1e-9);
        assertEquals(-1, c.activeUnits());
        assertEquals("", c.warning());
    }

    @Test
    void theSelectedExampleIsShownCorruptedCleanAndDenoised() {
        ExplorerViewModel vm = explore(AutoencoderConfig.plain(256, List.of(32), 4).build(1));
        vm.setCorruption("masking:0.5");
        assertNull(vm.denoisedProperty().get(), "nothing selected yet");
        vm.select(3);
        float[][] d = vm.denoisedProperty().get();
        assertNotNull(d);
        assertTrue(Arrays.equals(vm.input(3), d[1]), "the clean target is the example itself");
        int zeroed = 0;
        for (int j = 0; j < d[0].length; j++) {
            if (d[0][j] == 0f && d[1][j] != 0f) {
                zeroed++;
            }
        }
        assertTrue(zeroed > 0, "masking zeroed some of the example's pixels");
        assertEquals(256, d[2].length);
        vm.setCorruption("none");
        assertNull(vm.denoisedProperty().get());
    }

    @Test
    void anInterpolationRunsFromThePreviousToTheCurrentSelection() {
        ExplorerViewModel vm = explore(VaeConfig.standard(256, List.of(32), 2, 1.0).build(5));
        vm.select(2);
        vm.select(7);
        assertEquals(2, vm.previousSelection());
        for (boolean spherical : new boolean[] {false, true}) {
            vm.interpolate(spherical);
            ExplorerViewModel.Interpolation p = vm.interpolationProperty().get();
            assertNotNull(p);
            assertEquals(ExplorerViewModel.PATH_STEPS, p.images().size());
            ExplorerViewModel.Scatter s = vm.scatterProperty().get();
            assertEquals(s.x()[2], p.pathX()[0], 1e-4);
            assertEquals(s.y()[2], p.pathY()[0], 1e-4);
            assertEquals(s.x()[7], p.pathX()[p.pathX().length - 1], 1e-4);
            assertEquals(s.y()[7], p.pathY()[p.pathY().length - 1], 1e-4);
            for (double lp : p.logPrior()) {
                assertTrue(Double.isFinite(lp) && lp < 0);
            }
        }
    }

    @Test
    void everyPointHasItsReconstructionError() {
        ExplorerViewModel vm = explore(AutoencoderConfig.plain(256, List.of(32), 2).build(1));
        float[] err = vm.reconstructionErrors();
        assertEquals(SPLIT.validation().size(), err.length);
        float[] in = vm.input(4);
        float[] rec = vm.reconstruction(4);
        double se = 0;
        for (int j = 0; j < in.length; j++) {
            se += (rec[j] - in[j]) * (rec[j] - in[j]);
        }
        assertEquals(se / in.length, err[4], 2e-3); // the hover image is stored in 8 bits
    }
}
