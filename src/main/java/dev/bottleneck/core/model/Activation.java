package dev.bottleneck.core.model;

/**
 * Element-wise nonlinearities of the hidden layers. Each derivative is written in terms of the activation's output
 * {@code y}, so a layer keeps only its output for the backward pass.
 */
public enum Activation {
    /** max(0, x). */
    RELU,
    /** tanh(x); dy/dx = 1 - y^2. */
    TANH,
    /** 1 / (1 + e^-x); dy/dx = y (1 - y). */
    SIGMOID,
    /** x for x > 0, e^x - 1 otherwise (alpha = 1); dy/dx = 1 or y + 1. */
    ELU,
    /**
     * x for x > 0, {@value #LEAKY_SLOPE} x otherwise: the discriminator's of Kim &amp; Mnih 2018 (PyTorch's
     * LeakyReLU(0.2)); dy/dx = 1 where y > 0, {@value #LEAKY_SLOPE} elsewhere.
     */
    LEAKY_RELU,
    /** No nonlinearity: the code layer of an AE, the heads of a VAE, the decoder's output logits. */
    IDENTITY;

    /** The slope of {@link #LEAKY_RELU} below 0. */
    public static final float LEAKY_SLOPE = 0.2f;

    /** y = f(x + bias) for a row-major {@code rows x cols} block, in place. */
    void applyWithBias(float[] x, int rows, int cols, float[] bias) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            switch (this) {
                case RELU -> {
                    for (int c = 0; c < cols; c++) {
                        x[o + c] = Math.max(0f, x[o + c] + bias[c]);
                    }
                }
                case TANH -> {
                    for (int c = 0; c < cols; c++) {
                        x[o + c] = 1f - 2f / (FastMath.exp(2f * (x[o + c] + bias[c])) + 1f);
                    }
                }
                case SIGMOID -> {
                    for (int c = 0; c < cols; c++) {
                        x[o + c] = sigmoid(x[o + c] + bias[c]);
                    }
                }
                case ELU -> {
                    for (int c = 0; c < cols; c++) {
                        float v = x[o + c] + bias[c];
                        x[o + c] = v > 0f ? v : FastMath.exp(v) - 1f;
                    }
                }
                case LEAKY_RELU -> {
                    for (int c = 0; c < cols; c++) {
                        float v = x[o + c] + bias[c];
                        x[o + c] = v > 0f ? v : LEAKY_SLOPE * v;
                    }
                }
                case IDENTITY -> {
                    for (int c = 0; c < cols; c++) {
                        x[o + c] += bias[c];
                    }
                }
            }
        }
    }

    /**
     * y = f(x + bias[channel]) for {@code examples} NCHW blocks of {@code channels x area} values, in place: the bias
     * of a convolution's output channel is shared by all its pixels.
     */
    void applyWithChannelBias(float[] x, int examples, int channels, int area, float[] bias) {
        for (int b = 0; b < examples; b++) {
            for (int ch = 0; ch < channels; ch++) {
                int o = (b * channels + ch) * area;
                float bc = bias[ch];
                switch (this) {
                    case RELU -> {
                        for (int i = o; i < o + area; i++) {
                            x[i] = Math.max(0f, x[i] + bc);
                        }
                    }
                    case TANH -> {
                        for (int i = o; i < o + area; i++) {
                            x[i] = 1f - 2f / (FastMath.exp(2f * (x[i] + bc)) + 1f);
                        }
                    }
                    case SIGMOID -> {
                        for (int i = o; i < o + area; i++) {
                            x[i] = sigmoid(x[i] + bc);
                        }
                    }
                    case ELU -> {
                        for (int i = o; i < o + area; i++) {
                            float v = x[i] + bc;
                            x[i] = v > 0f ? v : FastMath.exp(v) - 1f;
                        }
                    }
                    case LEAKY_RELU -> {
                        for (int i = o; i < o + area; i++) {
                            float v = x[i] + bc;
                            x[i] = v > 0f ? v : LEAKY_SLOPE * v;
                        }
                    }
                    case IDENTITY -> {
                        for (int i = o; i < o + area; i++) {
                            x[i] += bc;
                        }
                    }
                }
            }
        }
    }

    /** grad *= f'(x), with f'(x) written through the output y = f(x); {@code n} values, in place. */
    void backprop(float[] grad, float[] y, int n) {
        switch (this) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    grad[i] *= Reconstruction.step(y[i]); // branch-free: 1 where y > 0, 0 where y = 0
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    grad[i] *= 1f - y[i] * y[i];
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    grad[i] *= y[i] * (1f - y[i]);
                }
            }
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    grad[i] *= y[i] > 0f ? 1f : y[i] + 1f;
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    grad[i] *= y[i] > 0f ? 1f : LEAKY_SLOPE; // y > 0 exactly where x > 0
                }
            }
            case IDENTITY -> {
            }
        }
    }

    /** The logistic function, computed without overflow for large |x|. */
    static float sigmoid(float x) {
        return FastMath.sigmoid(x);
    }
}
