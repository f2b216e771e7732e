package dev.bottleneck.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files, whole or damaged, for reader tests. */
final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** An IDX file: the 4-byte magic number, one big-endian int per dimension, then the body. */
    static byte[] idx(int magic, int[] dims, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(body);
        return b.array();
    }

    /** Unsigned-byte images, {@code count x rows x cols}, pixel k of the body = (k * 7) mod 256. */
    static byte[] images(int count, int rows, int cols) {
        return idx(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, pattern(count * rows * cols));
    }

    /** Unsigned-byte labels {@code i mod 10}. */
    static byte[] labels(int count) {
        byte[] body = new byte[count];
        for (int i = 0; i < count; i++) {
            body[i] = (byte) (i % 10);
        }
        return idx(IdxReader.LABELS_MAGIC, new int[] {count}, body);
    }

    static byte[] pattern(int n) {
        byte[] body = new byte[n];
        for (int k = 0; k < n; k++) {
            body[k] = (byte) (k * 7);
        }
        return body;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first {@code limit} decompressed bytes of a gzipped file (all of them when it is shorter). */
    static byte[] gunzip(Path file, int limit) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readNBytes(limit);
        }
    }

    static Path write(Path file, byte[] data) throws IOException {
        Files.write(file, data);
        return file;
    }
}
