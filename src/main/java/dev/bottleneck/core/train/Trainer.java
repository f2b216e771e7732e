package dev.bottleneck.core.train;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.eval.Evaluation;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.train.TrainingEvent.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Trains a {@link GradientModel} by minibatch gradient descent, reshuffling every epoch.
 *
 * <p>A trainer keeps its place: {@link #run} returns when training completes, diverges, stops early or is cancelled,
 * and a later call resumes at the next batch (pause is cancel-and-resume). Only the thread that calls {@link #run}
 * may touch the model meanwhile. All randomness derives from the config's seed: shuffling, corruption and the
 * reparameterisation noise each have their own stream, so the same seed gives the same loss sequence.
 */
public final class Trainer {

    private final GradientModel model;
    private final Dataset train;
    private final Dataset validation;
    private TrainingConfig config;   // epochs grow when a finished run is continued (extendTo)
    private final InputNoise noise;
    private final Optimizer optimizer;
    private final SplittableRandom shuffleRng;
    private final SplittableRandom corruptRng;
    private final SplittableRandom reparamRng;
    private final long validationSeed;
    private final int batch;          // examples per step: the configured batch size, at most the training set
    private final int batchesPerEpoch;
    private final float[] clean;
    private final float[] noisy;
    private final List<Parameter> parameters;   // every parameter: what a restore copies
    private final List<Parameter> optimized;    // those the optimiser steps (not a model's self-trained ones)

    private int epochsDone;
    private int batchInEpoch; // batches done in the current epoch
    private int[] order;
    private long examplesSeen;
    private double epochLossSum;
    private List<LossTerms> epochTerms = new ArrayList<>();
    private List<Integer> epochCounts = new ArrayList<>();
    private long epochNanos;
    private long epochExamples;
    private long lastSnapshotNanos;
    private GradientModel lastGood;      // parameters whose loss was measured finite and not exploding
    private double lastGoodProgress;     // where they were, in epochs
    private boolean lastGoodDue;         // take the next verified parameters as the last good ones
    private double firstLoss = Double.NaN; // the loss of the run's first batch: the scale of "exploding"
    private GradientModel best;
    private int bestEpoch;
    private LossTerms bestValidation;
    private double bestSelection;   // the final objective of the best epoch on validation
    private int epochsWithoutImprovement;
    private boolean finished;
    private StopReason stopReason;
    private Evaluation.BlockCorruptor denoisingCheck;
    private int iwaeSamples;
    private int iwaeExamples;

    /**
     * @param model the model to train, in place
     * @param train the training split
     * @param validation the validation split, or null
     * @param noise input corruption for denoising, or null
     */
    public Trainer(GradientModel model, Dataset train, Dataset validation, TrainingConfig config, InputNoise noise) {
        if (train.features() != model.inputDim()) {
            throw new IllegalArgumentException("the model takes " + model.inputDim() + " inputs but " + train.name()
                    + " has " + train.features() + " per example");
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException(train.name() + " has no examples to train on");
        }
        this.model = model;
        this.train = train;
        this.validation = validation == null || validation.size() == 0 ? null : validation;
        this.config = config;
        this.noise = noise;
        this.optimizer = Optimizer.of(config);
        SplittableRandom root = new SplittableRandom(config.seed());
        this.shuffleRng = root.split();
        this.corruptRng = root.split();
        this.reparamRng = root.split();
        this.validationSeed = root.nextLong();
        // A batch larger than the training set is the whole set: its buffers need no more rows than that.
        this.batch = Math.min(config.batchSize(), train.size());
        this.batchesPerEpoch = (train.size() + batch - 1) / batch;
        // An objective whose minibatch estimator weighs a batch against the whole set (beta-TCVAE's) needs N and M.
        model.trainingSet(train.size(), batch);
        this.clean = new float[Math.multiplyExact(batch, train.features())]; // batch x features
        this.noisy = noise == null ? null : new float[clean.length];
        this.parameters = model.parameters();
        this.optimized = model.optimizedParameters();
        this.lastGood = model.copy();
    }

    /**
     * Denoising as validation: after every epoch also reconstruct the validation inputs corrupted by {@code c} and
     * score the output against the clean inputs, reported as {@link Term#DENOISING} beside the validation terms.
     * Call before {@link #run}.
     */
    public Trainer withDenoisingValidation(Evaluation.BlockCorruptor c) {
        this.denoisingCheck = c;
        return this;
    }

    /**
     * The held-out log-likelihood: after every epoch of a VAE, also estimate -log p(x) on the first {@code examples}
     * validation examples with the importance-weighted bound with {@code samples} samples (Burda et al. 2016),
     * reported as {@link Term#IWAE_NLL} and {@link Term#IWAE_STDERR}. Call before {@link #run}; 0 samples turns it off.
     */
    public Trainer withHeldOutLikelihood(int samples, int examples) {
        if (samples < 0 || examples < 0) {
            throw new IllegalArgumentException("IWAE samples and examples must be >= 0");
        }
        this.iwaeSamples = samples;
        this.iwaeExamples = examples;
        return this;
    }

    public GradientModel model() {
        return model;
    }

    public TrainingConfig config() {
        return config;
    }

    public int epochsDone() {
        return epochsDone;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Training progress in epochs, fractional. */
    public double progress() {
        return epochsDone + (double) batchInEpoch / batchesPerEpoch;
    }

    /** The model with the lowest validation loss so far (a copy), or null before the first validated epoch. */
    public GradientModel best() {
        return best == null ? null : best.copy();
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * Lets a run that completed or stopped early train on, to {@code epochs} epochs in all: the lecture's "one more
     * epoch" after a run has ended. Early stopping counts its patience afresh. Not after divergence, whose parameters
     * are not worth continuing from.
     *
     * @throws IllegalStateException when the run diverged
     */
    public void extendTo(int epochs) {
        if (stopReason == StopReason.DIVERGED) {
            throw new IllegalStateException("the run diverged; start a new one");
        }
        if (epochs > config.epochs()) {
            config = config.withEpochs(epochs);
        }
        finished = false;
        epochsWithoutImprovement = 0;
    }

    /** True once training completed, diverged or stopped early; a finished trainer does no more. */
    public boolean isFinished() {
        return finished;
    }

    /**
     * Trains until the configured epochs are done (or until {@code maxEpochs} more epochs completed, whichever comes
     * first), the loss diverges, early stopping triggers, or {@code cancelled} turns true (checked every batch).
     *
     * @param maxEpochs the most whole epochs to finish in this call (for "step one epoch"); Integer.MAX_VALUE for all
     * @return the final event, also sent to the listener
     */
    public TrainingEvent.Finished run(TrainingListener listener, BooleanSupplier cancelled, int maxEpochs) {
        if (finished) {
            throw new IllegalStateException("training has finished; start a new trainer");
        }
        int target = (int) Math.min(config.epochs(), (long) epochsDone + maxEpochs);
        int d = train.features();
        while (epochsDone < target) {
            if (batchInEpoch == 0) {
                startEpoch();
            }
            while (batchInEpoch < batchesPerEpoch) {
                if (cancelled.getAsBoolean()) {
                    return finish(listener, StopReason.CANCELLED, batchInEpoch == 0
                            ? "Paused after epoch " + epochsDone + "."
                            : "Paused in epoch " + (epochsDone + 1) + " after batch " + batchInEpoch + " of "
                                    + batchesPerEpoch + ".", false);
                }
                long t0 = System.nanoTime();
                int from = batchInEpoch * batch;
                int n = Math.min(batch, train.size() - from);
                train.copyBatch(order, from, n, clean);
                float[] input = clean;
                if (noise != null) {
                    System.arraycopy(clean, 0, noisy, 0, n * d);
                    noise.corrupt(noisy, n * d, corruptRng);
                    input = noisy;
                }
                LossTerms terms = model.computeGradients(input, clean, n, progress(), reparamRng);
                if (Double.isNaN(firstLoss) && terms.isFinite()) {
                    firstLoss = terms.loss();
                }
                if (!isGood(terms)) {
                    restore(lastGood);
                    return finish(listener, StopReason.DIVERGED, divergenceMessage(terms, epochsDone + 1), true);
                }
                if (lastGoodDue) {
                    // The loss was just measured at these parameters (before this step): they are verified good.
                    keepLastGood();
                }
                optimizer.step(optimized);
                epochNanos += System.nanoTime() - t0;
                epochExamples += n;
                examplesSeen += n;
                batchInEpoch++;
                epochTerms.add(terms);
                epochCounts.add(n);
                double rate = epochExamples / (epochNanos / 1e9);
                listener.on(new TrainingEvent.Batch(epochsDone + 1, batchInEpoch, batchesPerEpoch, progress(),
                        examplesSeen, terms, rate));
                long now = System.nanoTime();
                if (config.snapshotMillis() == 0 || now - lastSnapshotNanos >= config.snapshotMillis() * 1_000_000L) {
                    snapshot(listener);
                }
            }
            TrainingEvent.Finished stop = endEpoch(listener);
            if (stop != null) {
                return stop;
            }
        }
        if (epochsDone >= config.epochs()) {
            return finish(listener, StopReason.COMPLETED, "Trained " + epochsDone + (epochsDone == 1 ? " epoch." : " epochs."), true);
        }
        return finish(listener, StopReason.CANCELLED, "Paused after epoch " + epochsDone + ".", false);
    }

    private void startEpoch() {
        order = dev.bottleneck.core.data.Splits.permutation(train.size(), shuffleRng);
        epochTerms = new ArrayList<>();
        epochCounts = new ArrayList<>();
        epochNanos = 0;
        epochExamples = 0;
    }

    private TrainingEvent.Finished endEpoch(TrainingListener listener) {
        epochsDone++;
        batchInEpoch = 0;
        LossTerms trainTerms = LossTerms.weightedMean(epochTerms, epochCounts);
        // The objective at the middle of this epoch's schedule (KL warm-up, capacity C), where the epoch's training
        // mean sits: at C_max the shapes model's validation loss read 1,100 beside a training loss of 220.
        double schedule = epochsDone - 0.5;
        LossTerms val = validation == null ? null
                : Evaluation.meanTerms(model, validation, validationSeed, null, schedule);
        if (val != null && denoisingCheck != null) {
            LossTerms noisy = Evaluation.meanTerms(model, validation, validationSeed, denoisingCheck, schedule);
            val = val.with(Term.DENOISING, noisy.get(Term.RECONSTRUCTION).orElse(noisy.loss()));
        }
        if (val != null && iwaeSamples > 0 && iwaeExamples > 0
                && model instanceof dev.bottleneck.core.model.LatentVariableModel vae) {
            dev.bottleneck.core.eval.IwaeEstimate iw = dev.bottleneck.core.eval.ImportanceWeightedBound.estimate(
                    vae, validation, iwaeSamples, Math.min(iwaeExamples, validation.size()), validationSeed);
            val = val.with(Term.IWAE_NLL, iw.nll()).with(Term.IWAE_STDERR, iw.stdErr())
                    .with(Term.IWAE_BITS_PER_DIM, iw.bitsPerDim(validation.features()));
        }
        // A diverged epoch is neither the best nor the last good one: stop before choosing.
        boolean diverged = val != null && !isGood(val);
        // The best epoch is chosen by one objective for all epochs, the final one: while a schedule still runs, the
        // loss at its point would favour the epochs before the KL weight or C rose.
        double selection = val == null || diverged ? Double.NaN : schedule < model.config().scheduleEpochs()
                ? Evaluation.meanTerms(model, validation, validationSeed).loss() : val.loss();
        boolean improved = false;
        if (val != null && Double.isFinite(selection) && (bestValidation == null || selection < bestSelection)) {
            improved = true;
            bestSelection = selection;
            bestValidation = val;
            bestEpoch = epochsDone;
            best = model.copy();
            epochsWithoutImprovement = 0;
        } else if (val != null) {
            epochsWithoutImprovement++;
        }
        double rate = epochExamples / Math.max(1e-9, epochNanos / 1e9);
        listener.on(new TrainingEvent.Epoch(epochsDone, trainTerms, val, rate, epochNanos / 1e9, improved));
        if (diverged) {
            restore(lastGood);
            snapshot(listener);
            return finish(listener, StopReason.DIVERGED, divergenceMessage(val, epochsDone), true);
        }
        if (val != null) {
            keepLastGood(); // validated just now
        }
        snapshot(listener);
        if (config.patience() > 0 && epochsWithoutImprovement >= config.patience() && epochsDone < config.epochs()) {
            return finish(listener, StopReason.EARLY_STOPPED, "Stopped early: no better validation loss for "
                    + config.patience() + (config.patience() == 1 ? " epoch" : " epochs") + "; the best was epoch " + bestEpoch + ".", true);
        }
        return null;
    }

    /**
     * True if the loss is finite and not exploding: at most {@value #EXPLODING} times the scale of the run's first
     * loss above it. A learning rate far too high (1e3) sends the loss to 1e19 and beyond while it stays finite.
     */
    private boolean isGood(LossTerms terms) {
        if (!terms.isFinite()) {
            return false;
        }
        return Double.isNaN(firstLoss) || terms.loss() <= firstLoss + EXPLODING * Math.max(1, Math.abs(firstLoss));
    }

    /** How far above its first value the loss may go before the run counts as diverged, in units of that value. */
    static final double EXPLODING = 100;

    private void keepLastGood() {
        lastGood = model.copy();
        lastGoodProgress = progress();
        lastGoodDue = false;
    }

    /**
     * Where the parameters the model holds after a divergence come from, in epochs (fractional): the last point
     * whose loss was measured finite and not exploding. 0 means the initial parameters: nothing was learned.
     */
    public double lastGoodProgress() {
        return lastGoodProgress;
    }

    /** {@link #lastGoodProgress} in words: "epoch 2, batch 17", "epoch 3", "the initial parameters". */
    public String lastGoodPlace() {
        return lastGoodProgress == 0 ? "the initial parameters" : where(lastGoodProgress);
    }

    /** True if the run stopped because the loss diverged; the model then holds the last good parameters. */
    public boolean diverged() {
        return stopReason == StopReason.DIVERGED;
    }

    private void snapshot(TrainingListener listener) {
        lastSnapshotNanos = System.nanoTime();
        lastGoodDue = true; // copied at the next batch, once its loss shows these parameters are good
        listener.on(new TrainingEvent.Snapshot(epochsDone + (batchInEpoch == 0 ? 0 : 1), batchInEpoch, progress(),
                model.copy()));
    }

    private void restore(GradientModel from) {
        List<Parameter> src = from.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().copyFrom(src.get(i).value());
        }
    }

    private String divergenceMessage(LossTerms terms, int epoch) {
        String kept = lastGoodProgress == 0 ? "the initial parameters were kept: nothing was learned"
                : "the parameters of " + where(lastGoodProgress) + ", the last with a finite loss that was not"
                        + " exploding, were kept";
        StringBuilder sb = new StringBuilder("The loss became ").append(describe(terms))
                .append(" in epoch ").append(epoch).append(". Training stopped")
                .append(" and ").append(kept).append(". Likely causes: the learning rate (")
                .append(config.learningRate()).append(") is too high");
        float[] range = train.valueRange();
        dev.bottleneck.core.model.ModelConfig mc = model.config();
        boolean bernoulli = mc instanceof dev.bottleneck.core.model.NeuralConfig n
                && n.likelihood() == dev.bottleneck.core.model.Likelihood.BERNOULLI;
        String lies = "; the data lies in [" + range[0] + ", " + range[1] + "], outside [0, 1], ";
        if (bernoulli && (range[0] < 0 || range[1] > 1)) {
            sb.append(lies).append("which a Bernoulli likelihood needs: scale it or choose Gaussian");
        } else if (Math.max(Math.abs(range[0]), Math.abs(range[1])) > 1e3) {
            sb.append(lies).append("far enough that the loss overflows: scale it");
        } else {
            sb.append("; or the data's range does not suit the likelihood");
        }
        return sb.append('.').toString();
    }

    private String describe(LossTerms terms) {
        for (var e : terms.asMap().entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                return (Double.isNaN(e.getValue()) ? "NaN" : "infinite") + " (" + e.getKey().label() + ")";
            }
        }
        return String.format(java.util.Locale.ROOT, "%.3g, exploding (the first batch's was %.3g)", terms.loss(),
                firstLoss);
    }

    /** "epoch 3" at an epoch's end, "epoch 3, batch 17" inside it. */
    private String where(double progress) {
        long whole = (long) Math.floor(progress);
        long batch = Math.round((progress - whole) * batchesPerEpoch);
        return batch == 0 ? "epoch " + whole : "epoch " + (whole + 1) + ", batch " + batch;
    }

    private TrainingEvent.Finished finish(TrainingListener listener, StopReason reason, String message,
            boolean terminal) {
        finished = terminal;
        stopReason = reason;
        TrainingEvent.Finished f = new TrainingEvent.Finished(reason, message, epochsDone, bestEpoch, bestValidation);
        listener.on(f);
        return f;
    }

    /** The term a chart would call "the" validation loss for this model. */
    static Term mainTerm() {
        return Term.LOSS;
    }
}
