package dev.bottleneck.viewmodel;

import dev.bottleneck.core.train.TrainingEvent;
import dev.bottleneck.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries training events from the training thread to the FX thread. Events queue up; at most one hand-over is
 * pending at a time, so the FX thread drains everything that arrived since its last turn in one go: the charts
 * repaint at most once a pulse however fast training runs, and no event is lost.
 */
final class EventPump implements TrainingListener {

    private final Queue<TrainingEvent> queue;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Executor fx;
    private final Consumer<List<TrainingEvent>> sink;

    EventPump(Executor fx, Consumer<List<TrainingEvent>> sink) {
        this(fx, sink, new ConcurrentLinkedQueue<>());
    }

    /**
     * With the queue given (thread-safe, empty), so a test can add an event at an exact point of a drain, such as
     * the moment its last poll finds the queue empty, which no sink or executor can reach.
     */
    EventPump(Executor fx, Consumer<List<TrainingEvent>> sink, Queue<TrainingEvent> queue) {
        this.fx = fx;
        this.sink = sink;
        this.queue = queue;
    }

    @Override
    public void on(TrainingEvent event) {
        queue.add(event);
        if (pending.compareAndSet(false, true)) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        pending.set(false); // before polling: an event added after this point schedules a new drain
        List<TrainingEvent> batch = new ArrayList<>();
        for (TrainingEvent e; (e = queue.poll()) != null; ) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
