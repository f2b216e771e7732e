package dev.bottleneck.viewmodel;

import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.data.Corruption;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.train.InputNoise;
import dev.bottleneck.core.train.Trainer;
import dev.bottleneck.core.train.TrainingConfig;
import dev.bottleneck.core.train.TrainingFootprint;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Before a run: the checks that refuse settings which cannot work on the loaded data (a Bernoulli likelihood on
 * data outside [0, 1], a network that would not fit in the heap), and the trainer built from the settings.
 * Each check throws {@link IllegalArgumentException} with the sentence for the error banner.
 */
final class RunSetup {

    private final SettingsViewModel settings;
    private final DataSession data;

    RunSetup(SettingsViewModel settings, DataSession data) {
        this.settings = settings;
        this.data = data;
    }

    /** The settings' model configuration for the loaded data, checked. */
    ModelConfig checkedConfig() {
        ModelConfig config = settings.modelConfig(Shape.of(data.split().train().shape()));
        checkLikelihood(config);
        return config;
    }

    /** A trainer of {@code live} on the loaded split with the settings' validation extras. */
    Trainer trainer(ModelConfig config, TrainingConfig tc, GradientModel live) {
        DataSplit sp = data.split();
        Trainer trainer = new Trainer(live, sp.train(), sp.validation(), tc, noiseOf(config, sp));
        if (settings.heldOutSamples.get() > 0 && live instanceof dev.bottleneck.core.model.LatentVariableModel) {
            trainer.withHeldOutLikelihood(settings.heldOutSamples.get(), settings.heldOutExamples());
        }
        Corruption check = Corruption.parse(settings.validationCorruption.get());
        if (!(check instanceof Corruption.None)) {
            float[] range = sp.train().valueRange();
            trainer.withDenoisingValidation((block, length, seed) ->
                    check.apply(block, 0, length, range[0], range[1], new SplittableRandom(seed)));
        }
        return trainer;
    }

    /**
     * Refuses settings whose network, optimiser state and batch buffers, with the loaded data, would not fit in the
     * heap: said in the error banner before anything is built, instead of an OutOfMemoryError.
     */
    void checkMemory(ModelConfig config, TrainingConfig tc) {
        DataSplit sp = data.split();
        DatasetCatalog.Source source = data.source();
        Dataset pool = source != null ? source.pool() : sp.train();
        Map<MemoryBudget.Knob, String> knobs = new EnumMap<>(MemoryBudget.Knob.class);
        knobs.put(MemoryBudget.Knob.MODEL_SIZE, "hidden layer size");
        knobs.put(MemoryBudget.Knob.BATCH_SIZE, "batch size");
        MemoryBudget.ofThisJvm().check("Training this " + config.kind().label(),
                TrainingFootprint.of(config, pool.size(),
                        pool.memoryBytes() / Math.max(1, pool.size()), sp.train().size(), tc.batchSize(),
                        config.kind().closedForm() ? null : tc.optimizer()), knobs);
    }

    private void checkLikelihood(ModelConfig config) {
        DatasetCatalog.Source source = data.source();
        Likelihood l = config instanceof dev.bottleneck.core.model.NeuralConfig n ? n.likelihood() : null;
        if (l == Likelihood.BERNOULLI && source != null && !source.inUnitRange()) {
            float[] r = source.pool().valueRange();
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s lies in [%.2f, %.2f], but the Bernoulli likelihood needs data in [0, 1]: choose Gaussian.",
                    source.spec(), r[0], r[1]));
        }
    }

    static InputNoise noiseOf(ModelConfig config, DataSplit sp) {
        String spec = config.settings().corruption(); // null for kinds without the row, "none" when off
        if (spec == null || spec.isBlank() || "none".equalsIgnoreCase(spec.trim())) {
            return null;
        }
        Corruption c = Corruption.parse(spec);
        float[] range = sp.train().valueRange();
        return (b, length, rng) -> c.apply(b, 0, length, range[0], range[1], rng);
    }
}
