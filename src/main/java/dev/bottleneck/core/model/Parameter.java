package dev.bottleneck.core.model;

/**
 * A trainable tensor and its gradient, both {@code rows x cols}. Names are stable ("encoder.0.weight") and used by
 * the saved-model format.
 */
public record Parameter(String name, Matrix value, Matrix gradient) {

    public Parameter {
        if (value.rows != gradient.rows || value.cols != gradient.cols) {
            throw new IllegalArgumentException(name + ": gradient shape differs from value shape");
        }
    }
}
