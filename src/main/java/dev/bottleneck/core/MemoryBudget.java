package dev.bottleneck.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The memory a piece of work may use, checked before anything is allocated: a run is refused with one sentence that
 * says what would not fit and which setting to change, never with an {@link OutOfMemoryError} half-way.
 *
 * <p>The check is on the total of everything the work keeps at once (parameters, optimiser state, activations,
 * the dataset), not per array: many arrays that each fit can still add up to more than the heap. The limit is the
 * heap the JVM may grow to ({@link Runtime#maxMemory()}) less a reserve for everything not counted (the JVM's own
 * structures, the UI, short-lived buffers): a quarter of the heap, at most 256 MB. Sizes are computed in
 * saturating {@code long} arithmetic, so an absurd setting gives an absurd but positive size, never an overflow.
 *
 * <p>Tests inject a budget ({@link #MemoryBudget(long)}) rather than start a JVM with a small {@code -Xmx}.
 */
public final class MemoryBudget {

    /** What a user can change to make a part smaller; the caller names it in its own terms (a flag, a setting). */
    public enum Knob {
        /** The network's size: hidden layer widths, input size, latent size. */
        MODEL_SIZE,
        /** Examples per training step. */
        BATCH_SIZE,
        /** Examples in the dataset (generated or read). */
        EXAMPLES,
        /** The side images are resized to. */
        IMAGE_SIZE,
        /** Importance samples of the IWAE estimate. */
        IWAE_SAMPLES,
        /** Nothing but more memory for Java. */
        NONE
    }

    /** One part of the work: what it is, its bytes, and what makes it smaller. */
    public record Part(String what, long bytes, Knob knob) {
    }

    private static final long MAX_RESERVE = 256L << 20;

    private final long maxBytes;

    /** A budget of {@code maxBytes} of heap (before the reserve is taken off). */
    public MemoryBudget(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("a memory budget must be positive, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The heap this JVM may grow to. */
    public static MemoryBudget ofThisJvm() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory());
    }

    /** The heap the budget started from. */
    public long maxBytes() {
        return maxBytes;
    }

    /** What the counted parts together may use: the heap less the reserve. */
    public long usableBytes() {
        return maxBytes - Math.min(MAX_RESERVE, maxBytes / 4);
    }

    /** True when parts of these sizes fit together. */
    public boolean fits(long totalBytes) {
        return totalBytes <= usableBytes();
    }

    /**
     * Refuses work whose parts do not fit together.
     *
     * @param subject what the work is, leading the message ("training", "moons", a folder)
     * @param parts every part the work keeps at once
     * @param knobs how the caller names each knob ("--hidden", "the hidden layer sizes"); a knob without a name
     *     falls back to the advice to give Java more memory
     * @throws TooLargeException naming the total, each part, the limit and the knob of the largest part
     */
    public void check(String subject, List<Part> parts, Map<Knob, String> knobs) {
        long total = 0;
        for (Part p : parts) {
            total = add(total, p.bytes());
        }
        if (fits(total)) {
            return;
        }
        List<Part> sorted = new ArrayList<>(parts);
        sorted.removeIf(p -> p.bytes() <= 0);
        sorted.sort(Comparator.comparingLong(Part::bytes).reversed());
        StringBuilder each = new StringBuilder();
        for (Part p : sorted) {
            each.append(each.length() == 0 ? "" : "; ").append(p.what()).append(": ").append(size(p.bytes()));
        }
        String knob = sorted.isEmpty() ? null : knobs.get(sorted.get(0).knob());
        String remedy = knob == null ? "give Java more memory with -Xmx"
                : "choose a smaller " + knob + ", or give Java more memory with -Xmx";
        throw new TooLargeException(subject + " needs about " + size(total) + " of memory (" + each
                + "), more than the " + size(usableBytes()) + " this Java may use; " + remedy);
    }

    /** Work that would not fit in memory; the message is one sentence for the user. */
    public static final class TooLargeException extends IllegalArgumentException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /** {@code a + b}, saturating at {@link Long#MAX_VALUE}; both must be >= 0. */
    public static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** {@code a * b}, saturating at {@link Long#MAX_VALUE}; both must be >= 0. */
    public static long times(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** A byte count for people: "512 KB", "1.3 GB", "more than 9 EB". */
    public static String size(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 9 EB";
        }
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
