package dev.bottleneck.viewmodel;

import dev.bottleneck.core.explore.Exploration;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * What the explorer's parts (scatter, traversal, samples) share, on the FX thread: the explored model, the selected
 * example and the one before it, the executors, and where a user's action and a failure are reported.
 */
final class ExplorerContext {

    final FxExecutors executors;
    /** The explored model on the current split, or null. */
    Exploration current;
    final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    /** The example selected before the current one, or -1: the start of an interpolation. */
    int previousSelected = -1;
    private final Runnable userActs;
    private final Consumer<Throwable> failed;

    ExplorerContext(FxExecutors executors, Runnable userActs, Consumer<Throwable> failed) {
        this.executors = executors;
        this.userActs = userActs;
        this.failed = failed;
    }

    /** The user acts (selects, moves a slider, picks axes): a scene's pending view no longer applies. */
    void userActs() {
        userActs.run();
    }

    void failed(Throwable t) {
        failed.accept(t);
    }

    /** A decoding request whose results arrive on the FX thread, latest only. */
    <T> LatestOnly<T> decodingJob() {
        return new LatestOnly<>(executors.decoding(), executors.fx());
    }

    /** The selected example when it is one of the current exploration's, else -1. */
    int selectedIndex() {
        int i = selected.get();
        return current != null && i >= 0 && i < current.n() ? i : -1;
    }

    static double clamp(double v) {
        return Math.max(-ExplorerViewModel.RANGE, Math.min(ExplorerViewModel.RANGE, v));
    }
}
