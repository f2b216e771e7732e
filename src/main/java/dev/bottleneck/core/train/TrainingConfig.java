package dev.bottleneck.core.train;

/**
 * How to train: optimiser, schedule and seed. Validated when built.
 *
 * @param epochs epochs to train, >= 1
 * @param batchSize examples per step, >= 1
 * @param optimizer Adam or SGD with momentum
 * @param learningRate > 0
 * @param momentum SGD momentum in [0, 1); ignored by Adam
 * @param seed the run's seed: weight init, shuffling, corruption and reparameterisation noise derive from it
 * @param patience early stopping: stop after this many epochs without a better validation loss (0: never)
 * @param snapshotMillis least time between two parameter snapshots sent to listeners
 */
public record TrainingConfig(int epochs, int batchSize, Optimizer.Kind optimizer, double learningRate,
        double momentum, long seed, int patience, long snapshotMillis) {

    public static final int DEFAULT_EPOCHS = 10;
    public static final int DEFAULT_BATCH = 128;
    public static final double DEFAULT_LR = 1e-3;
    public static final long DEFAULT_SNAPSHOT_MILLIS = 250;

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, not " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        optimizer = optimizer == null ? Optimizer.Kind.ADAM : optimizer;
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, not " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must lie in [0, 1), not " + momentum);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, not " + patience);
        }
        if (snapshotMillis < 0) {
            throw new IllegalArgumentException("snapshot interval must be >= 0, not " + snapshotMillis);
        }
    }

    /** Adam, lr 1e-3, batch 128, no early stopping: the reference settings. */
    public static TrainingConfig defaults(int epochs, long seed) {
        return new TrainingConfig(epochs, DEFAULT_BATCH, Optimizer.Kind.ADAM, DEFAULT_LR, 0.9, seed, 0,
                DEFAULT_SNAPSHOT_MILLIS);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, optimizer, learningRate, momentum, seed, patience, snapshotMillis);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, optimizer, learningRate, momentum, seed, patience, snapshotMillis);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(epochs, batchSize, optimizer, lr, momentum, seed, patience, snapshotMillis);
    }

    public TrainingConfig withOptimizer(Optimizer.Kind kind, double mom) {
        return new TrainingConfig(epochs, batchSize, kind, learningRate, mom, seed, patience, snapshotMillis);
    }

    public TrainingConfig withPatience(int p) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, seed, p, snapshotMillis);
    }
}
