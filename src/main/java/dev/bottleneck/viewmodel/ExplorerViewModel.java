package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.core.model.Autoencoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The latent-space explorer: the scatter of a split's codes, the selected example, one slider per latent dimension
 * with its strip of decoded previews, the large decoded image, and grids of samples.
 *
 * <p>All decoding runs on one decoding thread that owns the explored model copy; each kind of request keeps only
 * its latest (dragging a slider never queues decodes). Results arrive on the FX thread.
 */
public final class ExplorerViewModel {

    /** Slider range in standard units: -3..+3 prior (VAE) or code standard deviations (AE, PCA). */
    public static final double RANGE = 3.0;
    /** Previews per slider strip. */
    public static final int STRIP = 9;
    /** Examples the scatter shows at most. */
    public static final int MAX_POINTS = 10_000;
    /** Side of the prior-sample grid. */
    public static final int SAMPLE_GRID = 8;
    /** Side of the latent-plane grid for a 2-D latent space. */
    public static final int PLANE_GRID = 12;

    /** One latent dimension as its slider shows it. Values are in standard units; band is NaN when none. */
    public record Dimension(int dim, String name, String figure, double importance, double value, double bandLo,
            double bandHi, List<float[]> previews) {
    }

    /**
     * The latent dimensions ordered by importance, for the components bar chart: what PCA gives for free and an
     * autoencoder's code hides unless shown.
     *
     * @param measure what orders them ("KL per dimension", "code variance", "explained variance")
     * @param unit the values' unit
     * @param names dimension names, most important first
     * @param values the figure of each, same order
     * @param active for a VAE, whether each unit is active ({@link dev.bottleneck.core.eval.LatentActivity#active});
     *     all true otherwise
     * @param codeVariance each dimension's {@code Cov_x E[z|x]} over the split, same order (what "active" tests)
     * @param activeUnits the number of active units (VAE), or -1
     * @param warning a sentence when a VAE has collapsed to one or no active unit; empty otherwise
     * @param mig the mutual information gap (Chen et al. 2018) when the data has ground-truth factors; NaN otherwise
     */
    public record Components(String measure, String unit, List<String> names, double[] values, boolean[] active,
            double[] codeVariance, int activeUnits, String warning, double mig) {
    }

    /**
     * A path between two examples through the latent space: decoded images along it, the log density of the prior
     * (VAE; a Gaussian fitted to the codes for AE and PCA) at each step, and where it runs on the scatter.
     */
    public record Interpolation(int from, int to, boolean spherical, List<float[]> images, double[] logPrior,
            float[] pathX, float[] pathY) {
    }

    /** What the scatter draws. */
    public record Scatter(float[] x, float[] y, int[] labels, List<String> labelNames, String xLabel,
            String yLabel) {
    }

    /** Which axes the scatter uses: the first two principal components of the codes, or two latent dimensions. */
    public record Axes(boolean principal, int x, int y) {
        public static Axes components() {
            return new Axes(true, 0, 1);
        }
    }

    private final LatestOnly<Exploration> exploreJob;
    private final LatestOnly<float[]> decodeJob;
    private final LatestOnly<List<List<float[]>>> stripJob;
    private final LatestOnly<float[][][]> samplesJob;
    private final LatestOnly<float[][]> denoiseJob;
    private final ReadOnlyObjectWrapper<float[][]> denoised = new ReadOnlyObjectWrapper<>();
    private final LatestOnly<Interpolation> interpolationJob;
    private final ReadOnlyObjectWrapper<Interpolation> interpolation = new ReadOnlyObjectWrapper<>();
    private int previousSelected = -1;
    private Scene.View pendingView;   // re-applied to every exploration until the user takes over
    private boolean applyingView;
    /** Steps of an interpolation, both ends included. */
    public static final int PATH_STEPS = 10;
    private String corruption = "none";

    private final ReadOnlyObjectWrapper<Scatter> scatter = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    private final ObservableList<Dimension> dimensions = FXCollections.observableArrayList();
    // One read-only view, kept: a new unmodifiable wrapper per call would hold its listeners only weakly.
    private final ObservableList<Dimension> dimensionsView = FXCollections.unmodifiableObservableList(dimensions);
    private final ReadOnlyObjectWrapper<float[]> decoded = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Components> components = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[][]> samples = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[][]> plane = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SampleShape> imageShape = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Axes> axes = new ReadOnlyObjectWrapper<>(Axes.components());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<String> error = new ReadOnlyObjectWrapper<>("");

    private Exploration current;
    private double[] values = new double[0];   // slider positions, standard units, by latent dimension
    private long sampleSeed = 1;
    private boolean axesChosen;

    public ExplorerViewModel(FxExecutors executors) {
        this.exploreJob = new LatestOnly<>(executors.exploring(), executors.fx(), executors.exploreIntervalMillis());
        this.decodeJob = new LatestOnly<>(executors.decoding(), executors.fx());
        this.stripJob = new LatestOnly<>(executors.decoding(), executors.fx());
        this.samplesJob = new LatestOnly<>(executors.decoding(), executors.fx());
        this.denoiseJob = new LatestOnly<>(executors.decoding(), executors.fx());
        this.interpolationJob = new LatestOnly<>(executors.decoding(), executors.fx());
    }

    /** Follows a model and a split: each new model (a training snapshot, an opened model) is explored anew. */
    public void follow(ObservableValue<Autoencoder> model, ObservableValue<DataSplit> split) {
        model.addListener((o, a, m) -> explore(m, split.getValue()));
        split.addListener((o, a, s) -> explore(model.getValue(), s));
        explore(model.getValue(), split.getValue());
    }

    // ---- read-only state -------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Scatter> scatterProperty() {
        return scatter.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The sliders, most important dimension first. */
    public ObservableList<Dimension> dimensions() {
        return dimensionsView;
    }

    /**
     * Denoising as validation, for the selected example: {@code {corrupted input, clean input, reconstruction of the
     * corrupted input}}; null when no example is selected or no corruption is set.
     */
    public ReadOnlyObjectProperty<float[][]> denoisedProperty() {
        return denoised.getReadOnlyProperty();
    }

    /** The view part of a scene: axes, selected example and slider values. */
    public Scene.View view(boolean dark, boolean presenter) {
        Axes a = axes.get();
        return new Scene.View(a.principal(), a.x(), a.y(), selected.get(), values.clone(), dark, presenter);
    }

    /** Applies a scene's view once the next model has been explored (now, if one with its code size is shown). */
    public void applyView(Scene.View v) {
        pendingView = v;
        if (current != null && v.sliders() != null && v.sliders().length == current.k()) {
            applyPendingView();
        }
    }

    /**
     * Applies the scene's view. It stays pending, re-applied to each new exploration (a replayed run sends many),
     * until the user selects, moves a slider or changes the axes.
     */
    private void applyPendingView() {
        Scene.View v = pendingView;
        applyingView = true;
        try {
            setAxes(new Axes(v.principalAxes(), v.x(), v.y()));
            if (v.selected() >= 0 && v.selected() < current.n()) {
                select(v.selected());
            }
            for (int j = 0; j < Math.min(values.length, v.sliders().length); j++) {
                values[j] = clamp(v.sliders()[j]);
            }
            refreshSliders();
        } finally {
            applyingView = false;
        }
    }

    /** The user acts: a scene's view no longer applies. */
    private void userActs() {
        if (!applyingView) {
            pendingView = null;
        }
    }

    /** The path between the last two selected examples, or null. */
    public ReadOnlyObjectProperty<Interpolation> interpolationProperty() {
        return interpolation.getReadOnlyProperty();
    }

    /** The example selected before the current one, or -1: the start of an interpolation. */
    public int previousSelection() {
        return previousSelected;
    }

    /** Each scatter point's reconstruction error (squared error per pixel), for error-sized rings; null before any. */
    public float[] reconstructionErrors() {
        return current == null ? null : current.errors().clone();
    }

    /**
     * Interpolates between the previously and the currently selected example, linearly or along a great circle
     * (spherical: keeps the norm, which suits a Gaussian prior better; White 2016).
     */
    public void interpolate(boolean spherical) {
        Exploration e = current;
        int a = previousSelected;
        int b = selected.get();
        if (e == null || a < 0 || b < 0 || a == b || a >= e.n() || b >= e.n()) {
            interpolation.set(null);
            return;
        }
        Axes ax = axes.get();
        interpolationJob.submit(() -> path(e, a, b, spherical, ax), interpolation::set, this::failed);
    }

    /** Clears the interpolation. */
    public void clearInterpolation() {
        interpolation.set(null);
    }

    private static Interpolation path(Exploration e, int a, int b, boolean spherical, Axes ax) {
        int k = e.k();
        int m = PATH_STEPS;
        float[] z = new float[m * k];
        double na = 0;
        double nb = 0;
        double dot = 0;
        for (int j = 0; j < k; j++) {
            double va = e.standard(a, j);
            double vb = e.standard(b, j);
            na += va * va;
            nb += vb * vb;
            dot += va * vb;
        }
        double omega = Math.acos(Math.max(-1, Math.min(1, dot / Math.max(1e-12, Math.sqrt(na * nb)))));
        double[] logPrior = new double[m];
        for (int s = 0; s < m; s++) {
            double t = (double) s / (m - 1);
            double wa = 1 - t;
            double wb = t;
            if (spherical && omega > 1e-6) {
                wa = Math.sin((1 - t) * omega) / Math.sin(omega);
                wb = Math.sin(t * omega) / Math.sin(omega);
            }
            double lp = 0;
            for (int j = 0; j < k; j++) {
                double u = wa * e.standard(a, j) + wb * e.standard(b, j); // standard units
                z[s * k + j] = e.latent(j, u);
                lp += -0.5 * u * u - 0.5 * Math.log(2 * Math.PI);
            }
            logPrior[s] = lp;
        }
        float[] decoded = e.model().decode(z, m);
        int d = e.data().features();
        List<float[]> images = new ArrayList<>(m);
        for (int s = 0; s < m; s++) {
            images.add(Arrays.copyOfRange(decoded, s * d, (s + 1) * d));
        }
        float[][] xy = e.project(z, m, ax);
        return new Interpolation(a, b, spherical, images, logPrior, xy[0], xy[1]);
    }

    /** The corruption of held-out inputs to show denoising with ("none" for none), as {@code Corruption} parses it. */
    public void setCorruption(String spec) {
        corruption = spec == null || spec.isBlank() ? "none" : spec.trim();
        refreshDenoised();
    }

    /** The dimensions ordered by importance, refreshed with every exploration. */
    public ReadOnlyObjectProperty<Components> componentsProperty() {
        return components.getReadOnlyProperty();
    }

    /** The image decoded from the sliders' values. */
    public ReadOnlyObjectProperty<float[]> decodedProperty() {
        return decoded.getReadOnlyProperty();
    }

    /** A grid of decoded samples: from the prior (VAE) or a Gaussian fitted to the codes (AE, PCA). */
    public ReadOnlyObjectProperty<float[][]> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** For a 2-D latent space, the decoded grid over the plane (row-major, top row = high second coordinate). */
    public ReadOnlyObjectProperty<float[][]> planeProperty() {
        return plane.getReadOnlyProperty();
    }

    /** The shape of the explored images (null before any). */
    public ReadOnlyObjectProperty<SampleShape> imageShapeProperty() {
        return imageShape.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Axes> axesProperty() {
        return axes.getReadOnlyProperty();
    }

    /** True while a new model is being encoded. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True when the explored model has a prior to sample from (the VAE family). */
    public boolean hasPrior() {
        return current != null && current.logvars() != null;
    }

    /** Latent size of the explored model (0 before any). */
    public int latentDim() {
        return current == null ? 0 : current.k();
    }

    /** The latent dimensions, most important first (empty before any model). */
    public int[] dimensionOrder() {
        return current == null ? new int[0] : current.order().clone();
    }

    /** The input image of scatter point {@code i}. */
    public float[] input(int i) {
        float[] out = new float[current.data().features()];
        current.data().copyExample(i, out, 0);
        return out;
    }

    /** The reconstruction of scatter point {@code i} (computed with the codes, so hovering costs nothing). */
    public float[] reconstruction(int i) {
        return current.reconstruction(i);
    }

    /** The slider values, standard units, by latent dimension (a copy). */
    public double[] values() {
        return values.clone();
    }

    // ---- commands --------------------------------------------------------------------------------------------

    /** Selects scatter point {@code i} (-1 clears): it becomes the sliders' anchor. */
    public void select(int i) {
        userActs();
        if (current == null || i >= current.n()) {
            return;
        }
        if (selected.get() >= 0 && selected.get() != i) {
            previousSelected = selected.get();
        }
        selected.set(i);
        backToAnchor();
        refreshDenoised();
    }

    /** Moves every slider to the selected example's code (or to the centre when none is selected). */
    public void backToAnchor() {
        userActs();
        if (current == null) {
            return;
        }
        for (int j = 0; j < current.k(); j++) {
            values[j] = selected.get() >= 0 ? clamp(current.standard(selected.get(), j)) : 0;
        }
        refreshSliders();
    }

    /** Moves every slider to a random draw from the prior (standard normal in standard units). */
    public void randomFromPrior() {
        userActs();
        if (current == null) {
            return;
        }
        SplittableRandom r = new SplittableRandom(++sampleSeed * 7919);
        for (int j = 0; j < current.k(); j++) {
            values[j] = clamp(r.nextGaussian());
        }
        refreshSliders();
    }

    /** Sets latent dimension {@code dim}'s slider to {@code value} standard units. */
    public void setValue(int dim, double value) {
        userActs();
        if (current == null || dim < 0 || dim >= values.length) {
            return;
        }
        values[dim] = clamp(value);
        decodeSliders();
        refreshStrips();
    }

    /** Draws a new grid of samples. */
    public void newSamples() {
        sampleSeed++;
        refreshSamples();
    }

    /** Chooses the scatter's axes. */
    public void setAxes(Axes a) {
        userActs();
        axesChosen = true;
        axes.set(a);
        if (current != null) {
            scatter.set(scatterOf(current, a));
        }
    }

    // ---- work ------------------------------------------------------------------------------------------------

    private void explore(Autoencoder model, DataSplit split) {
        if (model == null || split == null) {
            clear(); // no model (PCA before its fit, say): nothing of the last one may stay on screen
            return;
        }
        if (split != exploredSplit) { // one explore set per split, so each snapshot explores the same object
            clear(); // other data: the last model's scatter, sliders and samples belong to the old examples
            exploredSplit = split;
            exploredSet = exploreSet(split);
        }
        Dataset data = exploredSet;
        if (data.features() != model.inputDim()) {
            return; // a model for other data; the next split or model will match
        }
        busy.set(true);
        // The exploring thread encodes with its own copy; the decoding thread gets another for the sliders.
        Exploration previous = current; // immutable: the exploring thread may read it
        exploreJob.submit(() -> Exploration.of(model.copy(), data, valuesOf(data), previous), this::explored,
                this::failed);
    }

    /** Forgets the explored model: no scatter, sliders, samples, path or selection until the next one is explored. */
    private void clear() {
        current = null;
        values = new double[0];
        selected.set(-1);
        previousSelected = -1;
        interpolation.set(null);
        denoised.set(null);
        scatter.set(null);
        components.set(null);
        dimensions.clear();
        decoded.set(null);
        samples.set(null);
        plane.set(null);
    }

    // The explored split as floats, kept for the next snapshot: converting it once a second while training allocated
    // 19 MB a time for MNIST. Touched only by the exploring thread.
    private Dataset floatsOf;
    private DataSplit exploredSplit; // FX thread
    private Dataset exploredSet;
    private float[] floats;

    private float[] valuesOf(Dataset data) {
        if (data != floatsOf) {
            floats = data.toFloatArray();
            floatsOf = data;
        }
        return floats;
    }

    /** The validation split, else the test split, else the training split; at most {@link #MAX_POINTS}. */
    static Dataset exploreSet(DataSplit split) {
        Dataset d = split.validation().size() > 0 ? split.validation()
                : split.test() != null && split.test().size() > 0 ? split.test() : split.train();
        return d.size() > MAX_POINTS ? d.head(MAX_POINTS) : d;
    }

    private void explored(Exploration e) {
        boolean sameSpace = current != null && current.k() == e.k() && current.data() == e.data();
        current = e;
        busy.set(false);
        error.set("");
        imageShape.set(e.data().shape());
        if (!sameSpace) {
            values = new double[e.k()];
            selected.set(-1);
            previousSelected = -1;
            interpolation.set(null);
            if (!axesChosen || axes.get().x() >= e.k() || axes.get().y() >= e.k()) {
                axes.set(e.k() > 2 ? Axes.components() : new Axes(false, 0, e.k() > 1 ? 1 : 0));
            }
        } else if (selected.get() >= 0) {
            for (int j = 0; j < e.k(); j++) {
                values[j] = clamp(e.standard(selected.get(), j));
            }
        }
        scatter.set(scatterOf(e, axes.get()));
        components.set(componentsOf(e));
        refreshDenoised();
        if (pendingView != null && pendingView.sliders() != null && pendingView.sliders().length == e.k()) {
            applyPendingView();
        }
        refreshSliders();
        refreshSamples();
    }

    static Components componentsOf(Exploration e) {
        int k = e.k();
        List<String> names = new ArrayList<>(k);
        double[] values = new double[k];
        boolean[] active = new boolean[k];
        double[] variance = new double[k];
        for (int row = 0; row < k; row++) {
            int j = e.order()[row];
            names.add(e.name(j));
            values[row] = e.explainedRatio() != null ? 100 * e.explainedRatio()[j] : e.importance(j);
            active[row] = e.activity().active(j);
            variance[row] = e.activity().codeVariance()[j];
        }
        int units = e.activity().activeUnits().orElse(-1);
        String warning = "";
        if (units >= 0 && units <= 1 && k > 1) {
            warning = "Posterior collapse: " + (units == 0 ? "no latent unit is" : "only one latent unit is")
                    + " active. The decoder ignores the code: lower beta, add KL warm-up, or train longer.";
        }
        double mig = e.mig() == null ? Double.NaN : e.mig().mig();
        if (e.explainedRatio() != null) {
            return new Components("explained variance", "%", names, values, active, variance, units, warning, mig);
        }
        return e.activity().hasPosterior()
                ? new Components("KL per dimension", "nats", names, values, active, variance, units, warning, mig)
                : new Components("code variance", "code units\u00b2", names, values, active, variance, units, warning,
                        mig);
    }

    private void failed(Throwable t) {
        busy.set(false);
        error.set(TrainingViewModel.messageOf(t, "exploring the model"));
    }

    private static Scatter scatterOf(Exploration e, Axes a) {
        int n = e.n();
        float[] xs = new float[n];
        float[] ys = new float[n];
        String xl;
        String yl;
        if (a.principal() && e.pcX() != null) {
            System.arraycopy(e.pcX(), 0, xs, 0, n);
            System.arraycopy(e.pcY(), 0, ys, 0, n);
            xl = "1st principal component of the codes";
            yl = "2nd principal component";
        } else {
            int xd = Math.min(a.x(), e.k() - 1);
            int yd = Math.min(a.y(), e.k() - 1);
            for (int i = 0; i < n; i++) {
                xs[i] = e.codes()[i * e.k() + xd];
                ys[i] = e.k() > 1 ? e.codes()[i * e.k() + yd] : 0f;
            }
            xl = e.name(xd) + " (" + e.figure(xd) + ")";
            yl = e.k() > 1 ? e.name(yd) + " (" + e.figure(yd) + ")" : "";
        }
        int[] labels = e.data().labels().map(l -> l.values().clone()).orElse(null);
        List<String> names = e.data().labels().map(l -> l.names()).orElse(List.of());
        return new Scatter(xs, ys, labels, names, xl, yl);
    }

    private void refreshSliders() {
        decodeSliders();
        refreshStrips();
    }

    private float[] latentOf(Exploration e, double[] v) {
        float[] z = new float[e.k()];
        for (int j = 0; j < e.k(); j++) {
            z[j] = e.latent(j, v[j]);
        }
        return z;
    }

    private void decodeSliders() {
        Exploration e = current;
        if (e == null) {
            return;
        }
        float[] z = latentOf(e, values);
        decodeJob.submit(() -> e.model().decode(z, 1), decoded::set, this::failed);
    }

    private void refreshStrips() {
        Exploration e = current;
        if (e == null) {
            return;
        }
        double[] v = values.clone();
        stripJob.submit(() -> strips(e, v), previews -> showDimensions(e, v, previews), this::failed);
    }

    /** For each dimension in display order, {@link #STRIP} decodes across -RANGE..RANGE, the others held. */
    private List<List<float[]>> strips(Exploration e, double[] v) {
        int k = e.k();
        int d = e.data().features();
        float[] z = new float[k * k * STRIP];
        float[] base = latentOf(e, v);
        for (int row = 0; row < k; row++) {
            int j = e.order()[row];
            for (int s = 0; s < STRIP; s++) {
                int o = (row * STRIP + s) * k;
                System.arraycopy(base, 0, z, o, k);
                z[o + j] = e.latent(j, -RANGE + 2 * RANGE * s / (STRIP - 1));
            }
        }
        float[] out = e.model().decode(z, k * STRIP);
        List<List<float[]>> rows = new ArrayList<>(k);
        for (int row = 0; row < k; row++) {
            List<float[]> strip = new ArrayList<>(STRIP);
            for (int s = 0; s < STRIP; s++) {
                strip.add(Arrays.copyOfRange(out, (row * STRIP + s) * d, (row * STRIP + s + 1) * d));
            }
            rows.add(strip);
        }
        return rows;
    }

    private void showDimensions(Exploration e, double[] v, List<List<float[]>> previews) {
        if (e != current) {
            return;
        }
        List<Dimension> rows = new ArrayList<>(e.k());
        int sel = selected.get();
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
            rows.add(new Dimension(j, e.name(j), e.figure(j), e.importance(j), v[j], lo, hi, previews.get(row)));
        }
        dimensions.setAll(rows);
    }

    private void refreshSamples() {
        Exploration e = current;
        if (e == null) {
            return;
        }
        long seed = sampleSeed;
        samplesJob.submit(() -> new float[][][] {sampleGrid(e, seed), e.k() == 2 ? planeGrid(e) : null}, grids -> {
            samples.set(grids[0]);
            plane.set(grids[1]);
        }, this::failed);
    }

    private void refreshDenoised() {
        Exploration e = current;
        int i = selected.get();
        dev.bottleneck.core.data.Corruption c;
        try {
            c = dev.bottleneck.core.data.Corruption.parse(corruption);
        } catch (IllegalArgumentException bad) {
            c = null; // the settings form shows the reason at its field
        }
        if (e == null || i < 0 || i >= e.n() || c == null || c instanceof dev.bottleneck.core.data.Corruption.None) {
            denoised.set(null);
            return;
        }
        dev.bottleneck.core.data.Corruption corrupt = c;
        float[] clean = input(i);
        float[] range = e.data().valueRange();
        denoiseJob.submit(() -> {
            float[] noisy = clean.clone();
            // A fixed stream per example, so the same example always shows the same corruption.
            corrupt.apply(noisy, 0, noisy.length, range[0], range[1], new SplittableRandom(i));
            return new float[][] {noisy, clean, e.model().reconstruct(noisy, 1)};
        }, denoised::set, this::failed);
    }

    private static float[][] sampleGrid(Exploration e, long seed) {
        int count = SAMPLE_GRID * SAMPLE_GRID;
        SplittableRandom r = new SplittableRandom(seed);
        float[] z = new float[count * e.k()];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < e.k(); j++) {
                z[i * e.k() + j] = e.latent(j, r.nextGaussian());
            }
        }
        return split(e.model().decode(z, count), count, e.data().features());
    }

    private static float[][] planeGrid(Exploration e) {
        int g = PLANE_GRID;
        float[] z = new float[g * g * 2];
        for (int row = 0; row < g; row++) {
            for (int col = 0; col < g; col++) {
                int o = (row * g + col) * 2;
                z[o] = e.latent(0, -RANGE + 2 * RANGE * col / (g - 1));
                z[o + 1] = e.latent(1, RANGE - 2 * RANGE * row / (g - 1));
            }
        }
        return split(e.model().decode(z, g * g), g * g, e.data().features());
    }

    private static float[][] split(float[] flat, int count, int d) {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }

    private static double clamp(double v) {
        return Math.max(-RANGE, Math.min(RANGE, v));
    }
}
