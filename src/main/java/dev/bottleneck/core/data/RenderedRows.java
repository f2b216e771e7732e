package dev.bottleneck.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * The rows of a {@link Dataset} that are drawn when they are read instead of stored: example {@code i} is the 8-bit
 * image {@code renderer} draws for key {@code keys[i]} (for key {@code i} when {@code keys} is null, the whole set).
 * Nothing but the keys is held, so a set of any size costs 4 bytes per example (none for the whole set); each read
 * pays one render. Immutable: the keys are never written after construction, so subsets may share the renderer.
 */
final class RenderedRows {

    /** Draws the 8-bit image of one key: a pure function of the key. */
    @FunctionalInterface
    interface Renderer {
        /**
         * Writes the image of {@code key} into {@code dst} at {@code offset}, {@code features} bytes, value =
         * {@code (b & 0xFF) / 255}. {@code dst} holds zeros there on entry, so a renderer may write only its
         * non-zero pixels. Called from any thread.
         */
        void render(int key, byte[] dst, int offset);
    }

    private final Renderer renderer;
    private final int keyCount; // keys the renderer draws: 0 .. keyCount - 1
    private final int[] keys;   // null: every key, in order
    private final int features;

    RenderedRows(Renderer renderer, int keyCount, int[] keys, int features) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        if (keyCount < 0 || features < 1) {
            throw new IllegalArgumentException("rendered rows: " + keyCount + " keys of " + features + " values");
        }
        this.keyCount = keyCount;
        this.keys = keys;
        this.features = features;
    }

    /** Examples held. */
    int size() {
        return keys == null ? keyCount : keys.length;
    }

    /** The renderer's key of example {@code i}. */
    int key(int i) {
        return keys == null ? i : keys[i];
    }

    /** Draws example {@code i} into {@code dst} at {@code offset} as bytes; {@code dst} is cleared there first. */
    void copyBytes(int i, byte[] dst, int offset) {
        Arrays.fill(dst, offset, offset + features, (byte) 0);
        renderer.render(key(i), dst, offset);
    }

    /** The examples at {@code indices} (positions in this set), in that order. */
    RenderedRows subset(int[] indices) {
        int[] k = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            k[i] = key(indices[i]);
        }
        return new RenderedRows(renderer, keyCount, k, features);
    }

    /** The keys of a subset (a copy), or null for the whole set: for tests that count what is held. */
    int[] keys() {
        return keys == null ? null : keys.clone();
    }

    /** Bytes held: the keys, 4 per example of a subset, none for the whole set. */
    long memoryBytes() {
        return keys == null ? 0 : (long) Integer.BYTES * keys.length;
    }
}
