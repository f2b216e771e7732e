package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.Corruption;
import dev.bottleneck.core.explore.Exploration;
import dev.bottleneck.core.explore.LatentGrids;
import dev.bottleneck.core.explore.LatentPaths;
import dev.bottleneck.viewmodel.ExplorerViewModel.Axes;
import dev.bottleneck.viewmodel.ExplorerViewModel.Interpolation;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The samples tab: a grid decoded from the prior, the decoded latent plane of a 2-D code, the path between the last
 * two selected examples, and the selected example denoised.
 */
public final class SamplesViewModel {

    private final ExplorerContext ctx;
    private final Supplier<Axes> axes;
    private final LatestOnly<float[][][]> samplesJob;
    private final LatestOnly<float[][]> denoiseJob;
    private final LatestOnly<Interpolation> interpolationJob;
    private final ReadOnlyObjectWrapper<float[][]> samples = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[][]> plane = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[][]> denoised = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Interpolation> interpolation = new ReadOnlyObjectWrapper<>();
    private long sampleSeed = 1;
    private String corruption = "none";

    SamplesViewModel(ExplorerContext ctx, Supplier<Axes> axes) {
        this.ctx = ctx;
        this.axes = axes;
        this.samplesJob = ctx.decodingJob();
        this.denoiseJob = ctx.decodingJob();
        this.interpolationJob = ctx.decodingJob();
    }

    /** A grid of decoded samples: from the prior (VAE) or a Gaussian fitted to the codes (AE, PCA). */
    public ReadOnlyObjectProperty<float[][]> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** For a 2-D latent space, the decoded grid over the plane (row-major, top row = high second coordinate). */
    public ReadOnlyObjectProperty<float[][]> planeProperty() {
        return plane.getReadOnlyProperty();
    }

    /**
     * Denoising as validation, for the selected example: {@code {corrupted input, clean input, reconstruction of the
     * corrupted input}}; null when no example is selected or no corruption is set.
     */
    public ReadOnlyObjectProperty<float[][]> denoisedProperty() {
        return denoised.getReadOnlyProperty();
    }

    /** The path between the last two selected examples, or null. */
    public ReadOnlyObjectProperty<Interpolation> interpolationProperty() {
        return interpolation.getReadOnlyProperty();
    }

    /** True when the explored model has a prior to sample from (the VAE family). */
    public boolean hasPrior() {
        return ctx.current != null && ctx.current.logvars() != null;
    }

    /** Draws a new grid of samples. */
    public void newSamples() {
        sampleSeed++;
        refreshSamples();
    }

    /**
     * Interpolates between the previously and the currently selected example, linearly or along a great circle
     * (spherical: keeps the norm, which suits a Gaussian prior better; White 2016).
     */
    public void interpolate(boolean spherical) {
        Exploration e = ctx.current;
        int a = ctx.previousSelected;
        int b = ctx.selected.get();
        if (e == null || a < 0 || b < 0 || a == b || a >= e.n() || b >= e.n()) {
            interpolation.set(null);
            return;
        }
        Axes ax = axes.get();
        interpolationJob.submit(() -> {
            LatentPaths.Path p = LatentPaths.decoded(e, a, b, ExplorerViewModel.PATH_STEPS, spherical, ax.principal(),
                    ax.x(), ax.y());
            return new Interpolation(a, b, spherical, p.images(), p.logPrior(), p.xs(), p.ys());
        }, interpolation::set, ctx::failed);
    }

    /** Clears the interpolation. */
    public void clearInterpolation() {
        interpolation.set(null);
    }

    /** The corruption of held-out inputs to show denoising with ("none" for none), as {@code Corruption} parses it. */
    public void setCorruption(String spec) {
        corruption = spec == null || spec.isBlank() ? "none" : spec.trim();
        refreshDenoised();
    }

    void clear() {
        interpolation.set(null);
        denoised.set(null);
        samples.set(null);
        plane.set(null);
    }

    void refreshSamples() {
        Exploration e = ctx.current;
        if (e == null) {
            return;
        }
        long seed = sampleSeed;
        int count = ExplorerViewModel.SAMPLE_GRID * ExplorerViewModel.SAMPLE_GRID;
        samplesJob.submit(() -> new float[][][] {LatentGrids.samples(e, count, seed),
            e.k() == 2 ? LatentGrids.plane(e, ExplorerViewModel.PLANE_GRID, ExplorerViewModel.RANGE) : null}, grids -> {
                samples.set(grids[0]);
                plane.set(grids[1]);
            }, ctx::failed);
    }

    void refreshDenoised() {
        Exploration e = ctx.current;
        int i = ctx.selected.get();
        Corruption c;
        try {
            c = Corruption.parse(corruption);
        } catch (IllegalArgumentException bad) {
            c = null; // the settings form shows the reason at its field
        }
        if (e == null || i < 0 || i >= e.n() || c == null || c instanceof Corruption.None) {
            denoised.set(null);
            return;
        }
        Corruption corrupt = c;
        float[] clean = new float[e.data().features()];
        e.data().copyExample(i, clean, 0);
        float[] range = e.data().valueRange();
        denoiseJob.submit(() -> {
            float[] noisy = clean.clone();
            // A fixed stream per example, so the same example always shows the same corruption.
            corrupt.apply(noisy, 0, noisy.length, range[0], range[1], new SplittableRandom(i));
            return new float[][] {noisy, clean, e.model().reconstruct(noisy, 1)};
        }, denoised::set, ctx::failed);
    }
}
