package dev.bottleneck.core.io;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.Sparsity;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.train.Trainer;
import dev.bottleneck.core.train.TrainingConfig;
import dev.bottleneck.core.train.TrainingEvent;
import dev.bottleneck.core.train.TrainingHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small fitted and trained models with their histories, for the saved-model tests. */
final class TestModels {

    static final int D = 6;

    private TestModels() {
    }

    /** {@code n x d} values in [0, 1], drawn from {@code seed}. */
    static float[] data(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        return x;
    }

    static SavedModel pca(int d, int k, long seed) {
        Pca pca = new Pca(new PcaConfig(d, k));
        pca.fit(data(40, d, seed), 40);
        DatasetInfo info = new DatasetInfo("toy:random", 40, 0, 0, null);
        return SavedModel.ofPca(pca, info, seed, Map.of("train.mse", 0.0625), "bottleneck train --model pca");
    }

    static AutoencoderConfig sparseDenoisingAe() {
        return AutoencoderConfig.plain(D, List.of(7, 5), 3)
                .withSparsity(Sparsity.KL, 0.3, 0.1)
                .withCorruption("masking:0.25");
    }

    static VaeConfig betaVae(List<Integer> hidden, int latent) {
        return VaeConfig.standard(D, hidden, latent, 4.0).withWarmup(2);
    }

    /** Trains {@code config} for {@code epochs} on random data; the saved model carries the run's history. */
    static SavedModel trained(ModelConfig config, int epochs, long seed, String command) {
        GradientModel model = (GradientModel) config.build(seed);
        int d = config.inputDim();
        Dataset train = Dataset.ofFloats("train", SampleShape.vector(d), data(32, d, seed + 1), null, null);
        Dataset validation = Dataset.ofFloats("validation", SampleShape.vector(d), data(8, d, seed + 2), null, null);
        TrainingConfig tc = TrainingConfig.defaults(epochs, seed).withBatchSize(8).withLearningRate(0.01);
        TrainingHistory history = new TrainingHistory();
        Trainer trainer = new Trainer(model, train, validation, tc, null);
        TrainingEvent.Finished end = trainer.run(history::record, () -> false, Integer.MAX_VALUE);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("validation.loss", end.bestValidation().loss());
        metrics.put("train.loss", history.epochs().get(history.epochs().size() - 1).train().loss());
        DatasetInfo info = new DatasetInfo("toy:random", 32, 8, 0, "sha256:0123abcd");
        return SavedModel.of(model, tc, history, info, seed, end.epochsDone(), end.bestEpoch(), metrics, command);
    }
}
