package dev.bottleneck.viewmodel;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs requests on a worker executor so that only the latest one counts: a request submitted while another waits
 * replaces it, and a result older than one already shown is dropped. Dragging a slider thus never queues decodes
 * behind each other.
 */
final class LatestOnly<T> {

    private final Executor worker;
    private final Executor fx;
    private final long minIntervalNanos;
    private long lastStart = Long.MIN_VALUE / 2;
    private final AtomicReference<Request<T>> pending = new AtomicReference<>();
    private long submitted;
    private long delivered; // FX thread only

    private record Request<T>(long id, Supplier<T> work) {
    }

    LatestOnly(Executor worker, Executor fx) {
        this(worker, fx, 0);
    }

    /**
     * @param minIntervalMillis least time between the starts of two runs; the worker waits out the rest (so give
     *     such a request a worker of its own) and then takes whatever request is newest
     */
    LatestOnly(Executor worker, Executor fx, long minIntervalMillis) {
        this.worker = worker;
        this.fx = fx;
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    }

    /**
     * Submits {@code work}; {@code onResult} receives its result on the FX executor unless a later request was
     * submitted before it finished. Call from the FX thread.
     */
    void submit(Supplier<T> work, Consumer<T> onResult, Consumer<Throwable> onError) {
        long id = ++submitted;
        if (pending.getAndSet(new Request<>(id, work)) != null) {
            return; // a run is already queued; it will pick up this newer work
        }
        worker.execute(() -> {
            long wait = lastStart + minIntervalNanos - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            lastStart = System.nanoTime();
            Request<T> r = pending.getAndSet(null);
            if (r == null) {
                return;
            }
            try {
                T result = r.work().get();
                fx.execute(() -> {
                    // A newer request may be waiting, but this result is still newer than what is shown: a
                    // result is dropped only when a newer one was delivered already. (Dropping every superseded
                    // result starved the scatter while training sent snapshots faster than it could encode.)
                    if (r.id() > delivered) {
                        delivered = r.id();
                        onResult.accept(result);
                    }
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                fx.execute(() -> onError.accept(e));
            }
        });
    }
}
