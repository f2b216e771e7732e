package dev.bottleneck.viewmodel;

import dev.bottleneck.core.explore.Exploration;
import dev.bottleneck.viewmodel.ExplorerViewModel.Axes;
import dev.bottleneck.viewmodel.ExplorerViewModel.Scatter;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The latent scatter: every explored example's code on two axes (the codes' first two principal components, or two
 * latent dimensions), and what hovering a point shows (its input and reconstruction, its reconstruction error).
 */
public final class ScatterViewModel {

    private final ExplorerContext ctx;
    private final ReadOnlyObjectWrapper<Scatter> scatter = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Axes> axes = new ReadOnlyObjectWrapper<>(Axes.components());
    private boolean axesChosen;

    ScatterViewModel(ExplorerContext ctx) {
        this.ctx = ctx;
    }

    public ReadOnlyObjectProperty<Scatter> scatterProperty() {
        return scatter.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Axes> axesProperty() {
        return axes.getReadOnlyProperty();
    }

    /** Chooses the scatter's axes. */
    public void setAxes(Axes a) {
        ctx.userActs();
        axesChosen = true;
        axes.set(a);
        if (ctx.current != null) {
            scatter.set(scatterOf(ctx.current, a));
        }
    }

    /** Each scatter point's reconstruction error (squared error per pixel), for error-sized rings; null before any. */
    public float[] reconstructionErrors() {
        return ctx.current == null ? null : ctx.current.errors().clone();
    }

    /** The input image of scatter point {@code i}. */
    public float[] input(int i) {
        Exploration e = ctx.current;
        float[] out = new float[e.data().features()];
        e.data().copyExample(i, out, 0);
        return out;
    }

    /** The reconstruction of scatter point {@code i} (computed with the codes, so hovering costs nothing). */
    public float[] reconstruction(int i) {
        return ctx.current.reconstruction(i);
    }

    /** Shows a new exploration; in a new latent space, the axes fall back to the default unless the user's fit. */
    void show(Exploration e, boolean newSpace) {
        if (newSpace && (!axesChosen || axes.get().x() >= e.k() || axes.get().y() >= e.k())) {
            axes.set(e.k() > 2 ? Axes.components() : new Axes(false, 0, e.k() > 1 ? 1 : 0));
        }
        scatter.set(scatterOf(e, axes.get()));
    }

    void clear() {
        scatter.set(null);
    }

    static Scatter scatterOf(Exploration e, Axes a) {
        float[][] xy = e.scatter(a.principal(), a.x(), a.y());
        String xl;
        String yl;
        if (a.principal() && e.pcX() != null) {
            xl = "1st principal component of the codes";
            yl = "2nd principal component";
        } else {
            int xd = Math.min(a.x(), e.k() - 1);
            int yd = Math.min(a.y(), e.k() - 1);
            xl = e.name(xd) + " (" + e.figure(xd) + ")";
            yl = e.k() > 1 ? e.name(yd) + " (" + e.figure(yd) + ")" : "";
        }
        int[] labels = e.data().labels().map(l -> l.values().clone()).orElse(null);
        List<String> names = e.data().labels().map(l -> l.names()).orElse(List.of());
        return new Scatter(xy[0], xy[1], labels, names, xl, yl);
    }
}
