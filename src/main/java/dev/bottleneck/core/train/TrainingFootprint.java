package dev.bottleneck.core.train;

import static dev.bottleneck.core.MemoryBudget.add;
import static dev.bottleneck.core.MemoryBudget.times;

import dev.bottleneck.core.MemoryBudget.Knob;
import dev.bottleneck.core.MemoryBudget.Part;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.NetworkSize;
import dev.bottleneck.core.model.PcaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a training run keeps in memory at once, from its settings alone, for {@link dev.bottleneck.core.MemoryBudget}
 * to check before the data is loaded or the network built.
 *
 * <p>Counted: the network's values and gradients, the optimiser's state (Adam: two moments; SGD: one velocity), the
 * two copies the trainer keeps (the last good parameters and the best epoch's) and one snapshot for the views; the
 * work buffers of a training step (the batch, at most the training examples) and of a validation block; the dataset
 * twice (the pool and the split drawn from it). For PCA: the parameters, the covariance workspace and the training
 * data as floats.
 */
public final class TrainingFootprint {

    /** Copies of the network a run keeps besides the live one: last good, best, one snapshot. */
    private static final int COPIES = 3;
    /** Rows validation, encoding and decoding push through the network at once (at most). */
    private static final int ENCODE_BLOCK = 2048;

    private TrainingFootprint() {
    }

    /**
     * @param config the model to train
     * @param examples examples in the dataset
     * @param bytesPerExample bytes the dataset stores per example (its numbers, labels and factors)
     * @param trainExamples examples one epoch trains on (bounds the batch)
     * @param batchSize examples per step as asked for
     * @param optimizer the optimiser (null for PCA)
     */
    public static List<Part> of(ModelConfig config, long examples, long bytesPerExample, long trainExamples,
            int batchSize, Optimizer.Kind optimizer) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(String.format(Locale.ROOT, "the dataset, %,d examples of %,d numbers, and its split",
                examples, config.inputDim()), times(times(examples, bytesPerExample), 2), Knob.EXAMPLES));
        long p = NetworkSize.parameters(config);
        if (config instanceof PcaConfig pca) {
            parts.add(new Part("PCA's covariance and eigenvectors", NetworkSize.pcaFitBytes(pca), Knob.MODEL_SIZE));
            parts.add(new Part("the training data as floats", times(times(trainExamples, config.inputDim()),
                    Float.BYTES), Knob.EXAMPLES));
            parts.add(new Part("the components", times(times(p, 2), Float.BYTES), Knob.MODEL_SIZE));
            return parts;
        }
        int optimizerCopies = optimizer == Optimizer.Kind.SGD ? 1 : 2;
        long floats = times(p, 2L + optimizerCopies + 2L * COPIES);
        parts.add(new Part(String.format(Locale.ROOT, "%,d parameters with their gradients, %s state and the "
                + "copies training keeps", p, optimizer == Optimizer.Kind.SGD ? "SGD's" : "Adam's"),
                times(floats, Float.BYTES), Knob.MODEL_SIZE));
        long batch = Math.max(1, Math.min(batchSize, trainExamples));
        long perExample = add(NetworkSize.activationsPerExample(config), times(2, config.inputDim()));
        // The full batch and the epoch's last, shorter one each get their buffers.
        parts.add(new Part(String.format(Locale.ROOT, "work buffers for batches of %,d", batch),
                times(times(times(batch, 2), perExample), Float.BYTES), Knob.BATCH_SIZE));
        long block = Math.min(ENCODE_BLOCK, Math.max(1, examples));
        parts.add(new Part("validation work buffers", times(times(times(block, 2), perExample), Float.BYTES),
                Knob.MODEL_SIZE));
        return parts;
    }
}
