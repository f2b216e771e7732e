package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.eval.ReconstructionMetrics;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.train.ModelFitter;
import dev.bottleneck.core.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * PCA, an AE and a VAE with two-dimensional codes, fitted on the same split, their scatters side by side and linked:
 * selecting an example selects it in all three and shows the three reconstructions.
 */
public final class ComparisonViewModel {

    /** One model's view: its name, the validation examples' codes, its validation MSE. */
    public record Panel(String name, float[] x, float[] y, int[] labels, List<String> labelNames, double msePerPixel) {
    }

    /** Epochs the AE and the VAE train: enough to sort the digits, short enough to wait for. */
    public static final int EPOCHS = 3;

    private final FxExecutors executors;
    private final Supplier<DataSplit> split;
    private final SettingsViewModel settings;
    private final ObservableList<Panel> panels = FXCollections.observableArrayList();
    private final ObservableList<Panel> panelsView = FXCollections.unmodifiableObservableList(panels);
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<List<float[]>> reconstructions = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
            "PCA, an AE and a VAE, each with a 2-D code, on the loaded data: press Compare.");
    private final LatestOnly<List<float[]>> reconstructJob;
    /** Set on the FX thread by {@link #cancel()}, read by the training thread every batch. */
    private final java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    private List<Autoencoder> models = List.of();
    private Dataset shown;

    public ComparisonViewModel(FxExecutors executors, Supplier<DataSplit> split, SettingsViewModel settings) {
        this.executors = executors;
        this.split = split;
        this.settings = settings;
        this.reconstructJob = new LatestOnly<>(executors.decoding(), executors.fx());
    }

    public ObservableList<Panel> panels() {
        return panelsView;
    }

    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected example's reconstruction by each model, in panel order; null when none is selected. */
    public ReadOnlyObjectProperty<List<float[]>> reconstructionsProperty() {
        return reconstructions.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The shape of the compared examples (null before a comparison). */
    public dev.bottleneck.core.data.SampleShape imageShape() {
        return shown == null ? null : shown.shape();
    }

    /** The selected example's input, or null. */
    public float[] input() {
        if (shown == null || selected.get() < 0) {
            return null;
        }
        float[] x = new float[shown.features()];
        shown.copyExample(selected.get(), x, 0);
        return x;
    }

    /** Fits the three models on the loaded split in the background. */
    public void run() {
        DataSplit sp = split.get();
        if (running.get() || sp == null) {
            return;
        }
        int d = sp.train().features();
        List<Integer> hidden = SettingsViewModel.parseHidden(settings.hidden.get()).orElse(List.of(256, 128));
        float[] range = sp.train().valueRange();
        Likelihood lik = range[0] >= 0 && range[1] <= 1 ? settings.likelihood.get() : Likelihood.GAUSSIAN;
        long seed = settings.seed.get();
        Dataset data = ExplorerViewModel.exploreSet(sp);
        cancelled.set(false);
        running.set(true);
        panels.clear();
        selected.set(-1);
        reconstructions.set(null);
        status.set("Fitting PCA...");
        executors.training().execute(() -> {
            try {
                List<Autoencoder> fitted = new ArrayList<>();
                List<Panel> out = new ArrayList<>();
                ModelSettings two = ModelSettings.DEFAULTS.withLatent(2).withHidden(hidden)
                        .withLikelihood(lik, AutoencoderConfig.DEFAULT_SIGMA);
                for (ModelKind kind : List.of(ModelKind.PCA, ModelKind.AE, ModelKind.VAE)) {
                    String name = kind.label();
                    String doing = kind.closedForm() ? "Fitting " + name + "..."
                            : "Training the " + name + " (" + EPOCHS + " epochs)...";
                    executors.fx().execute(() -> status.set(doing));
                    ModelFitter.Fitted f = ModelFitter.fit(kind.configure(d, two), sp.train(), null,
                            TrainingConfig.defaults(EPOCHS, seed), null, null, cancelled::get);
                    if (cancelled.get()) {
                        executors.fx().execute(() -> {
                            running.set(false);
                            status.set("Comparison cancelled; press Compare to run it again.");
                        });
                        return;
                    }
                    add(f.model(), name, data, seed, fitted, out);
                }
                executors.fx().execute(() -> {
                    models = fitted;
                    shown = data;
                    panels.setAll(out);
                    running.set(false);
                    status.set("Click an example in any of the three: it is selected in all, with each reconstruction.");
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                executors.fx().execute(() -> {
                    running.set(false);
                    status.set(SessionStatus.messageOf(e, "the comparison"));
                });
            }
        });
    }

    /** Stops a running comparison at its next training batch (or before its next model); what was shown stays. */
    public void cancel() {
        if (running.get()) {
            cancelled.set(true);
            status.set("Cancelling the comparison...");
        }
    }

    private static void add(Autoencoder m, String name, Dataset data, long seed, List<Autoencoder> fitted,
            List<Panel> out) {
        float[] codes = m.encode(data.toFloatArray(), data.size());
        float[] xs = new float[data.size()];
        float[] ys = new float[data.size()];
        for (int i = 0; i < data.size(); i++) {
            xs[i] = codes[2 * i];
            ys[i] = codes[2 * i + 1];
        }
        double mse = ReconstructionMetrics.measure(m, data, seed).msePerPixel();
        int[] labels = data.labels().map(l -> l.values().clone()).orElse(null);
        List<String> names = data.labels().map(l -> l.names()).orElse(List.of());
        fitted.add(m.copy()); // the decoding thread's own copy
        out.add(new Panel(name, xs, ys, labels, names, mse));
    }

    /** Selects example {@code i} in all three panels (-1 clears). */
    public void select(int i) {
        if (models.isEmpty() || i == selected.get() || i >= shown.size()) {
            return;
        }
        selected.set(i);
        if (i < 0) {
            reconstructions.set(null);
            return;
        }
        float[] x = input();
        List<Autoencoder> ms = models;
        reconstructJob.submit(() -> {
            List<float[]> r = new ArrayList<>();
            for (Autoencoder m : ms) {
                r.add(m.reconstruct(x, 1));
            }
            return r;
        }, reconstructions::set, e -> status.set(SessionStatus.messageOf(e, null)));
    }
}
