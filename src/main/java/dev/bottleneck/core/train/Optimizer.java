package dev.bottleneck.core.train;

import dev.bottleneck.core.model.Parameter;
import java.util.List;

/** Updates parameters from their gradients; keeps its own state (moments) between steps. */
public interface Optimizer {

    /** One update of every parameter from its current gradient. */
    void step(List<Parameter> parameters);

    /** Builds the optimiser a training config names. */
    static Optimizer of(TrainingConfig config) {
        return switch (config.optimizer()) {
            case ADAM -> new Adam(config.learningRate(), 0.9, 0.999, 1e-8);
            case SGD -> new SgdMomentum(config.learningRate(), config.momentum());
        };
    }

    /** The optimiser kinds. */
    enum Kind { ADAM, SGD }
}
