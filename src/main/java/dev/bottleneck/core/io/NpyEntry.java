package dev.bottleneck.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One array that {@link Npz#write} writes as an {@code .npy} entry: its NumPy dtype ({@code descr}), its shape, and
 * its values in C order, little-endian, written when asked. Float32 model parameters are {@link Npz.Array}; the
 * other records here carry what a dataset export needs besides: bytes ({@code uint8}), 32-bit integers, booleans,
 * Unicode strings, and rows produced while the file is written ({@link Streamed}), so that data larger than one Java
 * array, or than memory, never has to be held at once.
 */
public sealed interface NpyEntry permits Npz.Array, NpyEntry.Bytes, NpyEntry.Ints, NpyEntry.Booleans,
        NpyEntry.Strings, NpyEntry.Streamed {

    /** The dtype as NumPy's header writes it: {@code '<f4'}, {@code '|u1'}, {@code '<i4'}, {@code '|b1'}, {@code '<U7'}. */
    String descr();

    /** The dimensions, outermost first; empty for a scalar. */
    int[] shape();

    /** Bytes per value. */
    int itemSize();

    /** Writes the {@code values() * itemSize()} data bytes, C order, little-endian. */
    void writeData(OutputStream out) throws IOException;

    /** The number of values: the product of the shape (1 for a scalar). */
    default long values() {
        return count(shape());
    }

    /** The product of {@code shape}, refusing negative dimensions. */
    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    /** Refuses {@code length} values for {@code shape}; returns a copy of the shape. */
    private static int[] checked(int[] shape, long length) {
        if (count(shape) != length) {
            throw new IllegalArgumentException(length + " values for shape " + Arrays.toString(shape));
        }
        return shape.clone();
    }

    /** Unsigned bytes, NumPy's {@code uint8}. */
    record Bytes(int[] shape, byte[] data) implements NpyEntry {
        public Bytes {
            shape = checked(shape, data.length);
        }

        @Override
        public String descr() {
            return "|u1";
        }

        @Override
        public int itemSize() {
            return 1;
        }

        @Override
        public void writeData(OutputStream out) throws IOException {
            out.write(data);
        }
    }

    /** 32-bit signed integers, NumPy's {@code int32}. */
    record Ints(int[] shape, int[] data) implements NpyEntry {
        public Ints {
            shape = checked(shape, data.length);
        }

        @Override
        public String descr() {
            return "<i4";
        }

        @Override
        public int itemSize() {
            return 4;
        }

        @Override
        public void writeData(OutputStream out) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(data);
            out.write(b.array());
        }
    }

    /** Booleans, NumPy's {@code bool} (one byte each, 0 or 1). */
    record Booleans(int[] shape, boolean[] data) implements NpyEntry {
        public Booleans {
            shape = checked(shape, data.length);
        }

        @Override
        public String descr() {
            return "|b1";
        }

        @Override
        public int itemSize() {
            return 1;
        }

        @Override
        public void writeData(OutputStream out) throws IOException {
            for (boolean v : data) {
                out.write(v ? 1 : 0);
            }
        }
    }

    /**
     * Unicode strings of one fixed width, NumPy's {@code '<U' + width}: each value is {@code width} UTF-32LE code
     * points, the shorter ones padded with zeros (which NumPy strips when it reads them back). The width is the
     * longest value's, at least 1.
     */
    record Strings(int[] shape, List<String> data) implements NpyEntry {
        public Strings {
            data = List.copyOf(data);
            shape = checked(shape, data.size());
        }

        /** A 1-D array of {@code values}. */
        public static Strings of(List<String> values) {
            return new Strings(new int[] {values.size()}, values);
        }

        /** A 0-D array (a scalar) holding {@code value}: {@code str(npz['name'])} in NumPy. */
        public static Strings scalar(String value) {
            return new Strings(new int[0], List.of(Objects.requireNonNull(value, "value")));
        }

        private int width() {
            return Math.max(1, data.stream().mapToInt(s -> s.codePointCount(0, s.length())).max().orElse(1));
        }

        @Override
        public String descr() {
            return "<U" + width();
        }

        @Override
        public int itemSize() {
            return 4 * width();
        }

        @Override
        public void writeData(OutputStream out) throws IOException {
            int w = width();
            ByteBuffer b = ByteBuffer.allocate(4 * w).order(ByteOrder.LITTLE_ENDIAN);
            for (String s : data) {
                b.clear();
                s.codePoints().forEach(b::putInt);
                while (b.hasRemaining()) {
                    b.putInt(0);
                }
                out.write(b.array());
            }
        }
    }

    /**
     * Values produced while the file is written: {@code writer} must write exactly {@code values() * itemSize}
     * bytes, which {@link Npz#write} checks (a short or long array fails the write, and no file is left).
     */
    record Streamed(String descr, int itemSize, int[] shape, DataWriter writer) implements NpyEntry {
        public Streamed {
            Objects.requireNonNull(descr, "descr");
            Objects.requireNonNull(writer, "writer");
            if (itemSize < 1) {
                throw new IllegalArgumentException("item size must be at least 1 byte, not " + itemSize);
            }
            count(shape);
            shape = shape.clone();
        }

        @Override
        public void writeData(OutputStream out) throws IOException {
            writer.write(out);
        }
    }

    /** Writes the data bytes of a {@link Streamed} array. */
    @FunctionalInterface
    interface DataWriter {
        void write(OutputStream out) throws IOException;
    }
}
