package dev.bottleneck.core.train;

/** Receives training events on the training thread; must return quickly (queue, do not draw). */
@FunctionalInterface
public interface TrainingListener {

    void on(TrainingEvent event);

    /** A listener that ignores everything. */
    TrainingListener NONE = e -> { };
}
