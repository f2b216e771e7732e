package dev.bottleneck.viewmodel;

import dev.bottleneck.core.explore.Exploration;
import dev.bottleneck.core.explore.LatentGrids;
import dev.bottleneck.viewmodel.ExplorerViewModel.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The latent traversal: one slider per latent dimension (in standard units) with its strip of decoded previews, and
 * the large image decoded from all the sliders' values. Decoding runs on the decoding thread, latest request wins.
 */
public final class TraversalViewModel {

    private final ExplorerContext ctx;
    private final LatestOnly<float[]> decodeJob;
    private final LatestOnly<List<List<float[]>>> stripJob;
    private final ObservableList<Dimension> dimensions = FXCollections.observableArrayList();
    // One read-only view, kept: a new unmodifiable wrapper per call would hold its listeners only weakly.
    private final ObservableList<Dimension> dimensionsView = FXCollections.unmodifiableObservableList(dimensions);
    private final ReadOnlyObjectWrapper<float[]> decoded = new ReadOnlyObjectWrapper<>();
    private double[] values = new double[0];   // slider positions, standard units, by latent dimension
    private long randomSeed = 1;

    TraversalViewModel(ExplorerContext ctx) {
        this.ctx = ctx;
        this.decodeJob = ctx.decodingJob();
        this.stripJob = ctx.decodingJob();
    }

    /** The sliders, most important dimension first. */
    public ObservableList<Dimension> dimensions() {
        return dimensionsView;
    }

    /** The image decoded from the sliders' values. */
    public ReadOnlyObjectProperty<float[]> decodedProperty() {
        return decoded.getReadOnlyProperty();
    }

    /** The slider values, standard units, by latent dimension (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Moves every slider to the selected example's code (or to the resting point when none is selected). */
    public void backToAnchor() {
        ctx.userActs();
        Exploration e = ctx.current;
        if (e == null) {
            return;
        }
        int sel = ctx.selected.get();
        double[] rest = sel >= 0 ? null : e.restingPoint();
        for (int j = 0; j < e.k(); j++) {
            values[j] = ExplorerContext.clamp(sel >= 0 ? e.standard(sel, j) : rest[j]);
        }
        refresh();
    }

    /** Moves every slider to a random draw from the prior (standard normal in standard units). */
    public void randomFromPrior() {
        ctx.userActs();
        if (ctx.current == null) {
            return;
        }
        SplittableRandom r = new SplittableRandom(++randomSeed * 7919);
        for (int j = 0; j < ctx.current.k(); j++) {
            values[j] = ExplorerContext.clamp(r.nextGaussian());
        }
        refresh();
    }

    /** Sets latent dimension {@code dim}'s slider to {@code value} standard units. */
    public void setValue(int dim, double value) {
        ctx.userActs();
        if (ctx.current == null || dim < 0 || dim >= values.length) {
            return;
        }
        values[dim] = ExplorerContext.clamp(value);
        refresh();
    }

    /**
     * Takes a new exploration: sliders at its {@linkplain Exploration#restingPoint resting point} in a new latent
     * space, else back on the selected example.
     */
    void show(Exploration e, boolean newSpace) {
        if (newSpace) {
            values = new double[e.k()];
            setValues(e.restingPoint());
        } else if (ctx.selected.get() >= 0) {
            for (int j = 0; j < e.k(); j++) {
                values[j] = ExplorerContext.clamp(e.standard(ctx.selected.get(), j));
            }
        }
    }

    /** Sets the sliders a scene saved (as far as both have dimensions), without refreshing. */
    void setValues(double[] v) {
        for (int j = 0; j < Math.min(values.length, v.length); j++) {
            values[j] = ExplorerContext.clamp(v[j]);
        }
    }

    void clear() {
        values = new double[0];
        dimensions.clear();
        decoded.set(null);
    }

    /** Decodes the sliders' point and the strips around it. */
    void refresh() {
        Exploration e = ctx.current;
        if (e == null) {
            return;
        }
        double[] v = values.clone();
        float[] z = e.latent(v);
        decodeJob.submit(() -> e.model().decode(z, 1), decoded::set, ctx::failed);
        stripJob.submit(() -> LatentGrids.strips(e, v, ExplorerViewModel.STRIP, ExplorerViewModel.RANGE),
                previews -> showDimensions(e, v, previews), ctx::failed);
    }

    private void showDimensions(Exploration e, double[] v, List<List<float[]>> previews) {
        if (e != ctx.current) {
            return;
        }
        List<Dimension> rows = new ArrayList<>(e.k());
        int sel = ctx.selected.get();
        for (int row = 0; row < e.k(); row++) {
            int j = e.order()[row];
            double lo = Double.NaN;
            double hi = Double.NaN;
            if (sel >= 0 && e.logvars() != null) {
                double mu = e.standard(sel, j);
                double sigma = e.posteriorSigma(sel, j);
                lo = mu - sigma;
                hi = mu + sigma;
            }
            rows.add(new Dimension(j, e.name(j), e.figure(j), e.importance(j), v[j], lo, hi, previews.get(row),
                    Disentanglement.sliderLabel(e, j), Disentanglement.sliderNote(e, j)));
        }
        dimensions.setAll(rows);
    }
}
