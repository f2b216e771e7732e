package dev.bottleneck.core.train;

import dev.bottleneck.core.model.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** SGD with (heavy-ball) momentum as torch.optim.SGD computes it: {@code b = mu b + g; p -= lr b}. */
public final class SgdMomentum implements Optimizer {

    private final double lr;
    private final double momentum;
    private final Map<Parameter, float[]> velocity = new IdentityHashMap<>();

    public SgdMomentum(double lr, double momentum) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, not " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must lie in [0, 1), not " + momentum);
        }
        this.lr = lr;
        this.momentum = momentum;
    }

    @Override
    public void step(List<Parameter> parameters) {
        float mu = (float) momentum;
        float rate = (float) lr;
        for (Parameter p : parameters) {
            float[] w = p.value().data;
            float[] g = p.gradient().data;
            float[] b = velocity.computeIfAbsent(p, k -> new float[w.length]);
            for (int i = 0; i < w.length; i++) {
                b[i] = mu * b[i] + g[i];
                w[i] -= rate * b[i];
            }
            p.value().changed();
        }
    }
}
