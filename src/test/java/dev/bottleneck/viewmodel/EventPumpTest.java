package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.train.TrainingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The hand-over from the training thread to the FX thread, with an executor that only records what it is handed:
 * the test runs each hand-over itself, so it sees how many are pending and what each one delivers.
 */
class EventPumpTest {

    /** Records hand-overs; {@link #step} runs the oldest. Thread-safe, for the test with producer threads. */
    static final class SteppedExecutor implements Executor {
        final ConcurrentLinkedQueue<Runnable> handed = new ConcurrentLinkedQueue<>();
        /** Hand-overs given while another was still waiting to run. */
        final AtomicInteger handedWhilePending = new AtomicInteger();

        @Override
        public void execute(Runnable r) {
            if (!handed.isEmpty()) {
                handedWhilePending.incrementAndGet();
            }
            handed.add(r);
        }

        int pending() {
            return handed.size();
        }

        /** Runs the oldest pending hand-over; false if there is none. */
        boolean step() {
            Runnable r = handed.poll();
            if (r == null) {
                return false;
            }
            r.run();
            return true;
        }
    }

    /** The pump's queue, with an action run after every poll on the polled event (null: the queue was empty). */
    static final class WatchedQueue extends ConcurrentLinkedQueue<TrainingEvent> {
        Consumer<TrainingEvent> afterPoll = e -> { };

        @Override
        public TrainingEvent poll() {
            TrainingEvent e = super.poll();
            afterPoll.accept(e);
            return e;
        }
    }

    /** Event number {@code seq} of producer {@code producer} (carried as the epoch). */
    private static TrainingEvent event(int producer, int seq) {
        return new TrainingEvent.Batch(producer, seq, 0, 0, seq, null, 0);
    }

    private static TrainingEvent event(int seq) {
        return event(0, seq);
    }

    @Test
    void manyEventsBeforeOneStepMakeOneHandOverAndOneBatchInOrder() {
        SteppedExecutor fx = new SteppedExecutor();
        List<List<TrainingEvent>> batches = new ArrayList<>();
        EventPump pump = new EventPump(fx, batches::add);
        List<TrainingEvent> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(event(i));
            pump.on(sent.get(i));
        }
        assertEquals(1, fx.pending(), "one hand-over for the whole burst");
        assertTrue(batches.isEmpty(), "nothing reaches the FX side before its turn");
        assertTrue(fx.step());
        assertEquals(List.of(sent), batches, "one batch, every event, in the order sent");
        assertEquals(0, fx.pending());
        TrainingEvent next = event(50);
        pump.on(next);
        assertEquals(1, fx.pending(), "after a drain the next event is handed over again");
        fx.step();
        assertEquals(List.of(sent, List.of(next)), batches);
    }

    /** The sink runs inside the drain: an event sent from there arrives after the drain took its batch. */
    @Test
    void anEventSentWhileTheSinkRunsGetsItsOwnHandOver() {
        SteppedExecutor fx = new SteppedExecutor();
        List<List<TrainingEvent>> batches = new ArrayList<>();
        TrainingEvent first = event(0);
        TrainingEvent late = event(1);
        EventPump[] pump = new EventPump[1];
        pump[0] = new EventPump(fx, batch -> {
            batches.add(batch);
            if (batches.size() == 1) {
                pump[0].on(late);
            }
        });
        pump[0].on(first);
        fx.step();
        assertEquals(List.of(List.of(first)), batches);
        assertEquals(1, fx.pending(), "the late event scheduled a new hand-over");
        fx.step();
        assertEquals(List.of(List.of(first), List.of(late)), batches, "and it was delivered");
        assertEquals(0, fx.pending());
    }

    /**
     * The narrowest window: an event sent just after the drain's last poll found the queue empty. The drain will not
     * see it, so it must get a hand-over of its own.
     */
    @Test
    void anEventSentWhenTheDrainFindsTheQueueEmptyIsNotLost() {
        SteppedExecutor fx = new SteppedExecutor();
        List<List<TrainingEvent>> batches = new ArrayList<>();
        WatchedQueue queue = new WatchedQueue();
        EventPump pump = new EventPump(fx, batches::add, queue);
        TrainingEvent first = event(0);
        TrainingEvent late = event(1);
        boolean[] sent = new boolean[1];
        queue.afterPoll = e -> {
            if (e == null && !sent[0]) {
                sent[0] = true;
                pump.on(late);
            }
        };
        pump.on(first);
        fx.step();
        assertTrue(sent[0]);
        assertEquals(List.of(List.of(first)), batches);
        assertEquals(1, fx.pending(), "the late event scheduled a new hand-over");
        fx.step();
        assertEquals(List.of(List.of(first), List.of(late)), batches, "and it was delivered");
    }

    /**
     * An event sent while a drain is still polling schedules a hand-over, but that drain takes the event along: the
     * next hand-over finds nothing and must not hand the sink an empty batch.
     */
    @Test
    void aHandOverThatFindsNothingDeliversNoEmptyBatch() {
        SteppedExecutor fx = new SteppedExecutor();
        List<List<TrainingEvent>> batches = new ArrayList<>();
        WatchedQueue queue = new WatchedQueue();
        EventPump pump = new EventPump(fx, batches::add, queue);
        TrainingEvent first = event(0);
        TrainingEvent second = event(1);
        queue.afterPoll = e -> {
            if (e == first) {
                pump.on(second);
            }
        };
        pump.on(first);
        fx.step();
        assertEquals(List.of(List.of(first, second)), batches, "the running drain took the second event along");
        assertEquals(1, fx.pending(), "the second event had scheduled a hand-over");
        fx.step();
        assertEquals(1, batches.size(), "the empty hand-over delivered nothing: " + batches);
    }

    /**
     * Two training threads send 50,000 events each while this thread, the FX thread here, runs hand-overs until all
     * producers are done and none is pending: every event arrives exactly once, each producer's in its order, no
     * batch is empty, and no hand-over was given while another waited.
     */
    @Test
    void twoProducersLoseNothingAndKeepTheirOrder() throws InterruptedException {
        int producers = 2;
        int each = 50_000;
        SteppedExecutor fx = new SteppedExecutor();
        List<List<TrainingEvent>> batches = new CopyOnWriteArrayList<>();
        List<TrainingEvent> delivered = new ArrayList<>(); // the stepping thread's alone
        EventPump pump = new EventPump(fx, batch -> {
            batches.add(batch);
            delivered.addAll(batch);
        });
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(producers);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        pump.on(event(producer, i));
                        if (i % 64 == 0) {
                            Thread.yield(); // interleave with the other producer and the stepping thread
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "producer-" + p);
            t.start();
            threads.add(t);
        }
        start.countDown();
        while (true) {
            if (fx.step()) {
                continue;
            }
            // Everything the producers sent is in the queue before done reaches 0; a hand-over they gave is visible
            // to the step below. Nothing pending then, and no drain running: the pump has delivered all it will.
            if (done.getCount() == 0 && !fx.step()) {
                break;
            }
            Thread.onSpinWait();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(producers * each, delivered.size(), "every event delivered once");
        int[] next = new int[producers];
        for (TrainingEvent e : delivered) {
            TrainingEvent.Batch b = (TrainingEvent.Batch) e;
            assertEquals(next[b.epoch()], b.batch(), "producer " + b.epoch() + "'s events in order, none twice");
            next[b.epoch()]++;
        }
        for (int p = 0; p < producers; p++) {
            assertEquals(each, next[p], "all of producer " + p + "'s events");
        }
        assertFalse(batches.stream().anyMatch(List::isEmpty), "no empty batch");
        assertEquals(0, fx.handedWhilePending.get(), "at most one hand-over pending at a time");
    }
}
