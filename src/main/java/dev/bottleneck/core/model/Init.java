package dev.bottleneck.core.model;

import java.util.List;
import java.util.SplittableRandom;

/** What the layers share: PyTorch's default initialisation and copying parameter values between twin layers. */
final class Init {

    private Init() {
    }

    /**
     * PyTorch's default for Linear and Conv layers: kaiming_uniform with a = sqrt(5) on the weight, which is
     * U(-bound, bound) with bound = 1/sqrt(fan_in), and the same bound for the bias. Weight first, then bias, in
     * storage order, so a seed gives the same network as before layers existed.
     */
    static void uniform(Parameter weight, Parameter bias, double bound, SplittableRandom rng) {
        float[] w = weight.value().data;
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        float[] b = bias.value().data;
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        weight.value().changed();
        bias.value().changed();
    }

    /** The layer name of a parameter: "encoder.0" for "encoder.0.weight". */
    static String prefix(Parameter p) {
        return p.name().substring(0, p.name().lastIndexOf('.'));
    }

    /** Copies every parameter value of {@code from} into its twin {@code to} (same names, same shapes). */
    static void copyValues(Layer from, Layer to) {
        List<Parameter> a = from.parameters();
        List<Parameter> b = to.parameters();
        for (int i = 0; i < a.size(); i++) {
            b.get(i).value().copyFrom(a.get(i).value());
        }
    }
}
