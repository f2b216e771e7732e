package dev.bottleneck.core.train;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ClosedFormModel;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.ModelConfig;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The one entry point that fits a model of any kind: in closed form for a {@link ClosedFormModel} (PCA), by gradient
 * steps through a {@link Trainer} for a {@link GradientModel}. The CLI's train verb, the latent-size sweep and the
 * PCA/AE/VAE comparison fit through it, so the closed-form-or-gradient decision is made here once.
 *
 * <p>Runs on the calling thread; for gradient kinds the thread is the training thread (ND4J's generator is per
 * thread, the trainer seeds it from the training config).
 */
public final class ModelFitter {

    private ModelFitter() {
    }

    /**
     * A fitted model and, for a gradient kind, the trainer that fitted it (for its best copy, divergence and
     * history) and how its run ended.
     *
     * @param model the model, fitted (or trained as far as the run went)
     * @param trainer the trainer; null for a closed-form model
     * @param end how the run ended; null for a closed-form model
     */
    public record Fitted(Autoencoder model, Trainer trainer, TrainingEvent.Finished end) {

        /** True for a closed-form fit: no epochs, no trainer. */
        public boolean closedForm() {
            return trainer == null;
        }

        /** True when the run was cancelled before it finished (never for a closed-form fit that ran). */
        public boolean cancelled() {
            return end != null && end.reason() == TrainingEvent.StopReason.CANCELLED;
        }
    }

    /**
     * Builds {@code config}'s model and fits it to {@code train}.
     *
     * @param validation checked every epoch by gradient kinds; null or empty for none
     * @param training how gradient kinds train (its seed also draws the initial weights); ignored, and may be
     *     null, for closed-form kinds
     * @param noise the input corruption of a denoising AE, or null
     * @param listener receives the training events of a gradient kind; null for none
     * @param cancelled checked before a closed-form fit and every training batch; null for never
     */
    public static Fitted fit(ModelConfig config, Dataset train, Dataset validation, TrainingConfig training,
            InputNoise noise, TrainingListener listener, BooleanSupplier cancelled) {
        return fit(config, train, null, validation, training, noise, listener, cancelled);
    }

    /**
     * As {@link #fit(ModelConfig, Dataset, Dataset, TrainingConfig, InputNoise, TrainingListener, BooleanSupplier)},
     * with {@code train}'s values already as floats ({@code trainAsFloats}, read only; null to convert here), so that
     * many closed-form fits on one set share one copy.
     */
    public static Fitted fit(ModelConfig config, Dataset train, float[] trainAsFloats, Dataset validation,
            TrainingConfig training, InputNoise noise, TrainingListener listener, BooleanSupplier cancelled) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(train, "train");
        BooleanSupplier stop = cancelled == null ? () -> false : cancelled;
        Autoencoder model = config.build(training != null ? training.seed() : 0);
        if (model instanceof ClosedFormModel c) {
            if (!stop.getAsBoolean()) {
                c.fit(trainAsFloats != null ? trainAsFloats : train.toFloatArray(), train.size());
            }
            return new Fitted(c, null, null);
        }
        if (!(model instanceof GradientModel g)) {
            throw new IllegalArgumentException(config.kind().label() + " is neither fitted in closed form nor trained"
                    + " by gradient steps");
        }
        Objects.requireNonNull(training, "a model trained by gradient steps needs a training config");
        Trainer trainer = new Trainer(g, train, validation != null && validation.size() > 0 ? validation : null,
                training, noise);
        TrainingEvent.Finished end = trainer.run(listener == null ? TrainingListener.NONE : listener, stop,
                Integer.MAX_VALUE);
        return new Fitted(g, trainer, end);
    }
}
