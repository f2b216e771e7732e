package dev.bottleneck.core.train;

import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.Parameter;
import java.util.List;
import java.util.Locale;

/**
 * Which parameters a model holds after a run, a restore or an open, and putting the best epoch's back: the
 * bookkeeping behind "Restore best" and the status bar's "model: epoch 7, the best on validation".
 */
public final class HeldParameters {

    private HeldParameters() {
    }

    /**
     * Copies every parameter value of {@code from} into {@code into}, in place (the optimiser state and gradients
     * stay), so that {@code into} computes what {@code from} computes while staying the same object: the trainer
     * goes on with it. {@code from} is only read.
     *
     * @throws IllegalArgumentException when the two differ in parameter names or shapes; nothing is copied then
     */
    public static void copyValues(GradientModel from, GradientModel into) {
        List<Parameter> src = from.parameters();
        List<Parameter> dst = into.parameters();
        if (src.size() != dst.size()) {
            throw new IllegalArgumentException("the models have " + src.size() + " and " + dst.size()
                    + " parameters");
        }
        for (int i = 0; i < src.size(); i++) {
            Parameter s = src.get(i);
            Parameter d = dst.get(i);
            if (!s.name().equals(d.name()) || s.value().rows != d.value().rows || s.value().cols != d.value().cols) {
                throw new IllegalArgumentException("parameter " + i + " is " + s.name() + " " + s.value().rows + "x"
                        + s.value().cols + " in one model and " + d.name() + " " + d.value().rows + "x"
                        + d.value().cols + " in the other");
            }
        }
        for (int i = 0; i < src.size(); i++) {
            dst.get(i).value().copyFrom(src.get(i).value());
        }
    }

    /**
     * Puts the parameters of {@code trainer}'s best validation epoch back into {@code live} (the model the trainer
     * trains). Returns that epoch.
     *
     * @throws IllegalStateException when no epoch was validated yet
     */
    public static int restoreBest(Trainer trainer, GradientModel live) {
        GradientModel best = trainer.best();
        if (best == null || trainer.bestEpoch() <= 0) {
            throw new IllegalStateException("No validated epoch to restore yet.");
        }
        copyValues(best, live);
        return trainer.bestEpoch();
    }

    /**
     * The held parameters in words for the status bar: "model: untrained", "model: epoch 7", "model: epoch 3,
     * batch 12" (stopped mid-epoch: the third epoch is under way), with ", the best on validation" when they are.
     *
     * @param epochs where the parameters are, in epochs (fractional mid-epoch)
     * @param batch the batch reached within the epoch under way, used only when {@code epochs} is fractional
     * @param bestEpoch the run's best validation epoch (0 for none)
     * @param best true when the parameters are known to be the best (just restored)
     */
    public static String describe(double epochs, int batch, int bestEpoch, boolean best) {
        if (epochs <= 0) {
            return "model: untrained";
        }
        boolean whole = epochs == Math.rint(epochs);
        String at = whole ? "epoch " + (long) epochs
                : String.format(Locale.ROOT, "epoch %d, batch %d", (long) epochs + 1, batch);
        boolean isBest = best || (whole && (long) epochs == bestEpoch);
        return "model: " + at + (isBest ? ", the best on validation" : "");
    }
}
