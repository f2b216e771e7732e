package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.train.LatentSizeSweep;
import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Likelihood;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The nonlinear-PCA lesson as one plot: validation reconstruction error against latent size (1 to 32) for PCA and a
 * plain AE, fitted on the loaded split in the background, point by point.
 */
public final class SweepViewModel {

    private final FxExecutors executors;
    private final Supplier<DataSplit> split;
    private final SettingsViewModel settings;
    private final ObservableList<SweepPoint> points = FXCollections.observableArrayList();
    private final ObservableList<SweepPoint> pointsView = FXCollections.unmodifiableObservableList(points);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
            "PCA against an AE at latent sizes 1 to 32, on the loaded data: press Run.");
    private volatile boolean cancel;

    /** Epochs each AE trains: enough for the lesson, short enough for a lecture (about a minute on MNIST). */
    public static final int EPOCHS = 3;

    public SweepViewModel(FxExecutors executors, Supplier<DataSplit> split, SettingsViewModel settings) {
        this.executors = executors;
        this.split = split;
        this.settings = settings;
    }

    /** The finished points, PCA's before the AE's at each size. */
    public ObservableList<SweepPoint> points() {
        return pointsView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Runs the sweep on the loaded split with the settings' hidden layers and likelihood. */
    public void run() {
        DataSplit sp = split.get();
        if (running.get() || sp == null) {
            return;
        }
        List<Integer> hidden = SettingsViewModel.parseHidden(settings.hidden.get()).orElse(List.of(256, 128));
        int d = sp.train().features();
        List<Integer> sizes = LatentSizeSweep.DEFAULT_SIZES.stream().filter(k -> k <= d).toList();
        float[] range = sp.train().valueRange();
        Likelihood lik = range[0] >= 0 && range[1] <= 1 ? settings.likelihood.get() : Likelihood.GAUSSIAN;
        LatentSizeSweep.Settings s;
        try {
            s = LatentSizeSweep.Settings.defaults(hidden, EPOCHS).withSizes(sizes)
                    .withLikelihood(lik, AutoencoderConfig.DEFAULT_SIGMA).withSeed(settings.seed.get());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        points.clear();
        cancel = false;
        running.set(true);
        status.set("Fitting PCA and training an AE at latent sizes " + sizes + "...");
        executors.training().execute(() -> {
            try {
                LatentSizeSweep.Result r = LatentSizeSweep.run(sp, s,
                        p -> executors.fx().execute(() -> points.add(p)), () -> cancel);
                executors.fx().execute(() -> {
                    running.set(false);
                    status.set(r.cancelled() ? "Stopped." : "Done: validation MSE per pixel at each latent size.");
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                executors.fx().execute(() -> {
                    running.set(false);
                    status.set(SessionStatus.messageOf(e, "the sweep"));
                });
            }
        });
    }

    /** Stops the sweep after the current batch. */
    public void stop() {
        cancel = true;
    }
}
