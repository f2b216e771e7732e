package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The data of the session: loads the dataset the settings name in the background, splits it, and says what it holds.
 * A failed load leaves the data loaded before intact.
 */
public final class DataSession {

    private final SettingsViewModel settings;
    private final FxExecutors executors;
    private final SessionStatus status;
    private final RunProgress progress;
    private final ReadOnlyObjectWrapper<DataSplit> split = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private DatasetCatalog.Source source;

    DataSession(SettingsViewModel settings, FxExecutors executors, SessionStatus status, RunProgress progress) {
        this.settings = settings;
        this.executors = executors;
        this.status = status;
        this.progress = progress;
    }

    public ReadOnlyObjectProperty<DataSplit> splitProperty() {
        return split.getReadOnlyProperty();
    }

    /** The loaded data in a line: what it is and the sizes of its splits. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The loaded dataset, or null before any. */
    public DatasetCatalog.Source source() {
        return source;
    }

    DataSplit split() {
        return split.get();
    }

    /**
     * Loads the dataset the settings name, in the background; once it is in, runs {@code then} on the FX thread.
     * Not while training.
     */
    void load(Runnable then) {
        if (status.isTraining()) {
            return;
        }
        status.setState(State.LOADING);
        progress.indeterminate(); // the bar animates while the data loads
        String spec = settings.dataset.get();
        long seed = settings.seed.get();
        int trainLimit = settings.trainSize.get();
        double valFraction = settings.validationFraction.get();
        status.say("Loading " + spec + "...");
        executors.loading().execute(() -> {
            try {
                DatasetCatalog.Source s = DatasetCatalog.open(spec, new DatasetCatalog.Options(0,
                        DatasetCatalog.DEFAULT_TOY_NOISE, DatasetCatalog.DEFAULT_IMAGE_SIZE, seed));
                DataSplit sp = Splits.split(s.pool(), s.officialTest(), valFraction, trainLimit,
                        Splits.DEFAULT_TEST_FRACTION, seed);
                executors.fx().execute(() -> loaded(s, sp, then));
            } catch (Exception | OutOfMemoryError e) {
                executors.fx().execute(() -> {
                    progress.idle();
                    status.setState(source == null ? State.FAILED : State.READY);
                    status.say("Could not load " + spec);
                    status.error(SessionStatus.messageOf(e, spec));
                });
            }
        });
    }

    private void loaded(DatasetCatalog.Source s, DataSplit sp, Runnable then) {
        status.clearError(); // a success: an earlier error no longer applies
        source = s;
        split.set(sp);
        summary.set(s.summary() + String.format(Locale.ROOT, " - train %,d, validation %,d%s", sp.train().size(),
                sp.validation().size(), sp.test() == null ? "" : String.format(Locale.ROOT, ", test %,d",
                        sp.test().size())));
        if (!s.inUnitRange() && settings.likelihood.get() == Likelihood.BERNOULLI) {
            // Point clouds and CSVs are not probabilities: a Bernoulli likelihood would refuse them.
            settings.likelihood.set(Likelihood.GAUSSIAN);
        }
        then.run();
    }
}
