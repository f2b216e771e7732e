package dev.bottleneck.core.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One step of a {@link Network}. A batch is an {@code n x shape.size()} {@link Matrix}, one example per row (images
 * flattened in NCHW order, see {@link Shape}). A layer owns its parameters and whatever workspace it needs per batch
 * size; the network owns the activations between layers, so a training step allocates nothing once a batch size was
 * seen.
 *
 * <p>Contract of a training step: {@link #forward} on a batch, then {@link #backward} with the same {@code x} and
 * {@code y} before the next forward of the same batch size. A layer is not thread-safe.
 */
public interface Layer {

    /** The shape of one example going in. */
    Shape inputShape();

    /**
     * The shape of one example coming out when {@code input} goes in.
     *
     * @throws IllegalArgumentException when the layer cannot take {@code input}, with both shapes in the message
     */
    Shape outputShape(Shape input);

    /** The shape of one example coming out of {@link #inputShape()}. */
    default Shape outputShape() {
        return outputShape(inputShape());
    }

    /** Writes the layer's output for {@code x} ({@code n x inputShape().size()}) into {@code y} ({@code n x outputShape().size()}). */
    void forward(Matrix x, Matrix y);

    /**
     * Backward pass after {@link #forward}{@code (x, y)}. {@code dy} holds dL/dy on entry and may be overwritten (the
     * fused activations turn it into dL/d(pre-activation) in place). Fills every parameter's gradient (overwriting,
     * not accumulating) and writes dL/dx into {@code dx} ({@code n x inputShape().size()}) unless {@code dx} is null.
     */
    void backward(Matrix x, Matrix y, Matrix dy, Matrix dx);

    /** The layer as the saved-model format describes it: type, shapes, window, activation, tensor names. */
    LayerSpec spec();

    /** The trainable tensors, value and gradient, with stable names ("encoder.0.weight"); empty when there are none. */
    List<Parameter> parameters();

    /** Draws the initial parameter values from {@code rng}, as PyTorch's module of the same kind does. */
    void init(SplittableRandom rng);

    /** The same layer (same shapes, same parameter names) with a copy of the parameter values and its own workspaces. */
    Layer copy();
}
