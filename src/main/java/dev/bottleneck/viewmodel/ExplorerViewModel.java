package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.core.explore.Exploration;
import dev.bottleneck.core.model.Autoencoder;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;

/**
 * The latent-space explorer: follows the session's model and split, explores each new model off the FX thread
 * ({@link Exploration}), and hands it to its three parts: the {@link ScatterViewModel scatter}, the
 * {@link TraversalViewModel traversal} (sliders, strips, the decoded image) and the {@link SamplesViewModel samples}
 * (prior grid, latent plane, interpolation, denoising). It keeps what they share: the selected example, the
 * components chart's figures, a scene's view, and the error and busy flags. The views are handed the parts; the
 * methods that delegate to them keep the explorer's older entry points.
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

    /**
     * One latent dimension as its slider shows it. Values are in standard units; band is NaN when none.
     * {@code factor} names the ground-truth factor the dimension owns with its gap ("posX, gap 0.52"), or is empty
     * ({@link Disentanglement#NAMING_GAP} says when); {@code factorNote} says what the gap means for it, for a tooltip.
     */
    public record Dimension(int dim, String name, String figure, double importance, double value, double bandLo,
            double bandHi, List<float[]> previews, String factor, String factorNote) {
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
     * @param disentanglement the factor x latent mutual information, columns in the order of {@code names}, when the
     *     data have ground-truth factors; null otherwise
     * @param noFactors why there is no {@code disentanglement}, in one line ("MNIST has no ground-truth factors: MIG
     *     needs them"); empty when there is one
     */
    public record Components(String measure, String unit, List<String> names, double[] values, boolean[] active,
            double[] codeVariance, int activeUnits, String warning, Disentanglement disentanglement,
            String noFactors) {

        /** The mutual information gap (Chen et al. 2018) when the data have factors; NaN otherwise. */
        public double mig() {
            return disentanglement == null ? Double.NaN : disentanglement.mig();
        }
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

    /** Steps of an interpolation, both ends included. */
    public static final int PATH_STEPS = 10;

    private final ExplorerContext ctx;
    private final ScatterViewModel scatter;
    private final TraversalViewModel traversal;
    private final SamplesViewModel samples;
    private final LatestOnly<Exploration> exploreJob;
    private Scene.View pendingView;   // re-applied to every exploration until the user takes over
    private boolean applyingView;
    private final ReadOnlyObjectWrapper<Components> components = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SampleShape> imageShape = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<String> error = new ReadOnlyObjectWrapper<>("");

    public ExplorerViewModel(FxExecutors executors) {
        this.ctx = new ExplorerContext(executors, this::userActs, this::failed);
        this.exploreJob = new LatestOnly<>(executors.exploring(), executors.fx(), executors.exploreIntervalMillis());
        this.scatter = new ScatterViewModel(ctx);
        this.traversal = new TraversalViewModel(ctx);
        this.samples = new SamplesViewModel(ctx, () -> scatter.axesProperty().get());
    }

    /** Follows a model and a split: each new model (a training snapshot, an opened model) is explored anew. */
    public void follow(ObservableValue<Autoencoder> model, ObservableValue<DataSplit> split) {
        model.addListener((o, a, m) -> explore(m, split.getValue()));
        split.addListener((o, a, s) -> explore(model.getValue(), s));
        explore(model.getValue(), split.getValue());
    }

    // ---- the parts -------------------------------------------------------------------------------------------

    public ScatterViewModel scatter() {
        return scatter;
    }

    public TraversalViewModel traversal() {
        return traversal;
    }

    public SamplesViewModel samples() {
        return samples;
    }

    // ---- read-only state -------------------------------------------------------------------------------------

    public ReadOnlyIntegerProperty selectedProperty() {
        return ctx.selected.getReadOnlyProperty();
    }

    /** The example selected before the current one, or -1: the start of an interpolation. */
    public int previousSelection() {
        return ctx.previousSelected;
    }

    /** The dimensions ordered by importance, refreshed with every exploration. */
    public ReadOnlyObjectProperty<Components> componentsProperty() {
        return components.getReadOnlyProperty();
    }

    /** The shape of the explored images (null before any). */
    public ReadOnlyObjectProperty<SampleShape> imageShapeProperty() {
        return imageShape.getReadOnlyProperty();
    }

    /** True while a new model is being encoded. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Latent size of the explored model (0 before any). */
    public int latentDim() {
        return ctx.current == null ? 0 : ctx.current.k();
    }

    /** The latent dimensions, most important first (empty before any model). */
    public int[] dimensionOrder() {
        return ctx.current == null ? new int[0] : ctx.current.order().clone();
    }

    // ---- the parts' entry points, kept for the tests and callers that predate the parts ----------------------

    public ReadOnlyObjectProperty<Scatter> scatterProperty() { return scatter.scatterProperty(); }
    public ReadOnlyObjectProperty<Axes> axesProperty() { return scatter.axesProperty(); }
    public void setAxes(Axes a) { scatter.setAxes(a); }
    public float[] reconstructionErrors() { return scatter.reconstructionErrors(); }
    public float[] input(int i) { return scatter.input(i); }
    public float[] reconstruction(int i) { return scatter.reconstruction(i); }
    public ObservableList<Dimension> dimensions() { return traversal.dimensions(); }
    public ReadOnlyObjectProperty<float[]> decodedProperty() { return traversal.decodedProperty(); }
    public double[] values() { return traversal.values(); }
    public void backToAnchor() { traversal.backToAnchor(); }
    public void randomFromPrior() { traversal.randomFromPrior(); }
    public void setValue(int dim, double value) { traversal.setValue(dim, value); }
    public ReadOnlyObjectProperty<float[][]> samplesProperty() { return samples.samplesProperty(); }
    public ReadOnlyObjectProperty<float[][]> planeProperty() { return samples.planeProperty(); }
    public ReadOnlyObjectProperty<float[][]> denoisedProperty() { return samples.denoisedProperty(); }
    public ReadOnlyObjectProperty<Interpolation> interpolationProperty() { return samples.interpolationProperty(); }
    public boolean hasPrior() { return samples.hasPrior(); }
    public void newSamples() { samples.newSamples(); }
    public void interpolate(boolean spherical) { samples.interpolate(spherical); }
    public void clearInterpolation() { samples.clearInterpolation(); }
    public void setCorruption(String spec) { samples.setCorruption(spec); }

    // ---- commands --------------------------------------------------------------------------------------------

    /** Selects scatter point {@code i} (-1 clears): it becomes the sliders' anchor. */
    public void select(int i) {
        userActs();
        if (ctx.current == null || i >= ctx.current.n()) {
            return;
        }
        if (ctx.selected.get() >= 0 && ctx.selected.get() != i) {
            ctx.previousSelected = ctx.selected.get();
        }
        ctx.selected.set(i);
        traversal.backToAnchor();
        samples.refreshDenoised();
    }

    /** The view part of a scene: axes, selected example and slider values. */
    public Scene.View view(boolean dark, boolean presenter) {
        Axes a = scatter.axesProperty().get();
        return new Scene.View(a.principal(), a.x(), a.y(), ctx.selected.get(), traversal.values(), dark, presenter);
    }

    /** Applies a scene's view once the next model has been explored (now, if one with its code size is shown). */
    public void applyView(Scene.View v) {
        pendingView = v;
        if (ctx.current != null && v.sliders() != null && v.sliders().length == ctx.current.k()) {
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
            scatter.setAxes(new Axes(v.principalAxes(), v.x(), v.y()));
            if (v.selected() >= 0 && v.selected() < ctx.current.n()) {
                select(v.selected());
            }
            traversal.setValues(v.sliders());
            traversal.refresh();
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
        Exploration previous = ctx.current; // immutable: the exploring thread may read it
        exploreJob.submit(() -> Exploration.of(model.copy(), data, valuesOf(data), previous), this::explored,
                this::failed);
    }

    /** Forgets the explored model: no scatter, sliders, samples, path or selection until the next one is explored. */
    private void clear() {
        ctx.current = null;
        ctx.selected.set(-1);
        ctx.previousSelected = -1;
        samples.clear();
        scatter.clear();
        components.set(null);
        traversal.clear();
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

    /**
     * The validation split, else the test split, else the training split; at most {@link #MAX_POINTS}, spread evenly
     * over it ({@link Dataset#spread}: a split keeps its source's order, whose head may be one kind of example).
     */
    static Dataset exploreSet(DataSplit split) {
        Dataset d = split.validation().size() > 0 ? split.validation()
                : split.test() != null && split.test().size() > 0 ? split.test() : split.train();
        return d.spread(MAX_POINTS);
    }

    private void explored(Exploration e) {
        Exploration before = ctx.current;
        boolean newSpace = before == null || before.k() != e.k() || before.data() != e.data();
        ctx.current = e;
        busy.set(false);
        error.set("");
        imageShape.set(e.data().shape());
        if (newSpace) {
            ctx.selected.set(-1);
            ctx.previousSelected = -1;
            samples.clearInterpolation();
        }
        traversal.show(e, newSpace);
        scatter.show(e, newSpace);
        components.set(componentsOf(e));
        samples.refreshDenoised();
        if (pendingView != null && pendingView.sliders() != null && pendingView.sliders().length == e.k()) {
            applyPendingView();
        }
        traversal.refresh();
        samples.refreshSamples();
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
        Disentanglement mig = Disentanglement.of(e);
        String none = mig == null ? noFactorsReason(e.data().name()) : "";
        if (e.explainedRatio() != null) {
            return new Components("explained variance", "%", names, values, active, variance, units, warning, mig,
                    none);
        }
        return e.activity().hasPosterior()
                ? new Components("KL per dimension", "nats", names, values, active, variance, units, warning, mig,
                        none)
                : new Components("code variance", "code units\u00b2", names, values, active, variance, units, warning,
                        mig, none);
    }

    /** Why a dataset shows no MIG, in one line, named as its user knows it ("MNIST", not "MNIST train validation"). */
    static String noFactorsReason(String datasetName) {
        String name = datasetName.strip();
        boolean cut = true;
        while (cut) {   // the explored split is named after its pool and part: "MNIST train validation"
            cut = false;
            for (String part : new String[] {" train", " validation", " test"}) {
                if (name.endsWith(part) && name.length() > part.length()) {
                    name = name.substring(0, name.length() - part.length()).strip();
                    cut = true;
                }
            }
        }
        return name + " has no ground-truth factors: MIG needs them";
    }

    private void failed(Throwable t) {
        busy.set(false);
        error.set(SessionStatus.messageOf(t, "exploring the model"));
    }

}
