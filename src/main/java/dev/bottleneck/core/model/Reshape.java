package dev.bottleneck.core.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Changes the shape of each example without moving a number: a batch is one example per row in NCHW order, so
 * {@code 64x7x7} and {@code 3136} are the same {@code n x 3136} matrix. {@link Network.Builder#flatten()} is the
 * reshape to a flat vector. The values are copied into the next buffer (a few hundred microseconds per batch at
 * most) so that every layer of a network keeps its own output.
 */
final class Reshape implements Layer {

    private final String name;
    final Shape in;
    final Shape out;

    Reshape(String name, Shape in, Shape out) {
        if (in.size() != out.size()) {
            throw new IllegalArgumentException(name + ": cannot reshape " + in + " (" + in.size() + " numbers) to "
                    + out + " (" + out.size() + ")");
        }
        this.name = name;
        this.in = in;
        this.out = out;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (!input.equals(in)) {
            throw new IllegalArgumentException(name + ": reshapes " + in + ", not " + input);
        }
        return out;
    }

    @Override
    public void forward(Matrix x, Matrix y) {
        y.copyFrom(x); // n x in.size() read as n x out.size()
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        if (dx != null) {
            dx.copyFrom(dy);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void init(SplittableRandom rng) {
    }

    @Override
    public Reshape copy() {
        return new Reshape(name, in, out);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of(out.isFlat() ? "flatten" : "reshape", in, out, null, List.of());
    }

    @Override
    public String toString() {
        return out.isFlat() ? "Flatten" : "Reshape(" + out + ")";
    }
}
