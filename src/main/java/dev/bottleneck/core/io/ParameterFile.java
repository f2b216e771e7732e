package dev.bottleneck.core.io;

import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.io.ModelManifest.ParameterIndex;
import dev.bottleneck.core.io.ModelManifest.TensorEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.NetworkSize;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code parameters.bin}: every tensor as little-endian float32, concatenated in index order, no header. The index
 * (names, shapes, offsets, size, SHA-256) lives in {@code model.json}.
 */
final class ParameterFile {

    static final String NAME = "parameters.bin";
    static final String DTYPE = "float32";
    static final String BYTE_ORDER = "little-endian";
    private static final int CHUNK = 1 << 16;

    /** A tensor to write: {@code rows x cols} values, row-major. */
    record Tensor(String name, int rows, int cols, float[] data) {
        Tensor {
            if (data.length != (long) rows * cols) {
                throw new IllegalArgumentException(name + ": " + data.length + " values for " + rows + "x" + cols);
            }
        }
    }

    private ParameterFile() {
    }

    /** Writes the tensors to a new file, forced to disk, and returns their index. */
    static ParameterIndex write(Path file, List<Tensor> tensors) throws IOException {
        MessageDigest sha = sha256();
        List<TensorEntry> entries = new ArrayList<>();
        long offset = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors) {
                entries.add(new TensorEntry(t.name(), new int[] {t.rows(), t.cols()}, offset, t.data().length));
                offset += t.data().length;
                for (float v : t.data()) {
                    if (!buf.hasRemaining()) {
                        flush(ch, buf, sha);
                    }
                    buf.putFloat(v);
                }
            }
            flush(ch, buf, sha);
            ch.force(true);
        }
        return new ParameterIndex(NAME, DTYPE, BYTE_ORDER, offset * Float.BYTES, HexFormat.of().formatHex(sha.digest()),
                entries);
    }

    private static void flush(FileChannel ch, ByteBuffer buf, MessageDigest sha) throws IOException {
        buf.flip();
        sha.update(buf.array(), 0, buf.limit());
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /**
     * Checks that the index is self-consistent; problems are reported against {@code manifest}.
     *
     * @return the index's tensor entries
     */
    static List<TensorEntry> checkIndex(ParameterIndex index, Path manifest) throws ModelFormatException {
        if (index.dtype() != null && !DTYPE.equals(index.dtype())) {
            throw new ModelFormatException(manifest, "parameters are " + index.dtype() + "; format 1 stores " + DTYPE);
        }
        if (index.byteOrder() != null && !BYTE_ORDER.equals(index.byteOrder())) {
            throw new ModelFormatException(manifest, "parameters are " + index.byteOrder() + "; format 1 stores "
                    + BYTE_ORDER);
        }
        if (index.bytes() < 0 || index.bytes() % Float.BYTES != 0) {
            throw new ModelFormatException(manifest, "parameter file size " + index.bytes()
                    + " is not a whole number of floats");
        }
        if (index.sha256() == null || !index.sha256().matches("[0-9a-fA-F]{64}")) {
            throw new ModelFormatException(manifest, "the parameter index has no valid sha256");
        }
        List<TensorEntry> tensors = index.tensors() == null ? List.of() : index.tensors();
        long floats = index.bytes() / Float.BYTES;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tensors.size(); i++) {
            TensorEntry t = tensors.get(i);
            String what = "parameter tensor " + i + (t == null || t.name() == null ? "" : " (" + t.name() + ")");
            if (t == null || t.name() == null || t.shape() == null || t.shape().length != 2
                    || t.shape()[0] < 0 || t.shape()[1] < 0) {
                throw new ModelFormatException(manifest, what + " needs a name and a shape [rows, cols]");
            }
            if (!names.add(t.name())) {
                throw new ModelFormatException(manifest, "parameter tensor " + t.name() + " is listed twice");
            }
            if (t.length() != (long) t.shape()[0] * t.shape()[1]) {
                throw new ModelFormatException(manifest, what + " has length " + t.length() + " but shape "
                        + t.shape()[0] + "x" + t.shape()[1]);
            }
            if (t.offset() < 0 || t.offset() + t.length() > floats) {
                throw new ModelFormatException(manifest, what + " lies outside the " + floats
                        + " floats of the parameter file");
            }
        }
        return tensors;
    }

    /**
     * Checks the parameter index against the network the config asks for, before that network is built: the number
     * of stored floats must be what the config implies, and the network (its values, gradients and a read buffer)
     * must fit in {@code budget}. A config that asks for a far larger network than its parameter file (or an input
     * size near 2^31) is refused here instead of failing, or running out of memory, while building.
     */
    static void checkAgainstConfig(Path folder, Path manifest, ModelConfig config, ParameterIndex index,
            List<TensorEntry> entries, MemoryBudget budget) throws ModelFormatException {
        long wanted = NetworkSize.parameters(config);
        long stored = index.bytes() / Float.BYTES;
        if (wanted != stored) {
            throw new ModelFormatException(manifest, String.format(Locale.ROOT, "the config asks for a %s network "
                    + "of %s parameters (input size %,d, latent size %,d), but %s holds %,d%s; the two do not "
                    + "belong together", config.kind().label(), wanted == Long.MAX_VALUE ? "more than 9e18"
                    : String.format(Locale.ROOT, "%,d", wanted), config.inputDim(), config.latentDim(), NAME, stored,
                    firstMismatch(config, entries)));
        }
        try {
            budget.check(folder.toString(), List.of(new MemoryBudget.Part(String.format(Locale.ROOT,
                    "%,d parameters, their gradients and a read buffer", wanted),
                    MemoryBudget.times(wanted, 3L * Float.BYTES), MemoryBudget.Knob.NONE)), Map.of());
        } catch (MemoryBudget.TooLargeException e) {
            throw new ModelFormatException(folder, "too large to load: " + e.getMessage().substring(
                    folder.toString().length() + 1), e);
        }
    }

    /** The first tensor whose stored shape is not the one the config needs, as "; tensor X has shape ...". */
    private static String firstMismatch(ModelConfig config, List<TensorEntry> entries) {
        Map<String, TensorEntry> byName = new HashMap<>();
        for (TensorEntry e : entries) {
            byName.put(e.name(), e);
        }
        for (Map.Entry<String, long[]> want : NetworkSize.tensorShapes(config).entrySet()) {
            TensorEntry e = byName.get(want.getKey());
            long[] s = want.getValue();
            if (e == null) {
                return " (it has no tensor " + want.getKey() + ", which the config needs)";
            }
            if (e.shape()[0] != s[0] || e.shape()[1] != s[1]) {
                return " (tensor " + e.name() + " has shape " + e.shape()[0] + "x" + e.shape()[1]
                        + " but the model needs " + s[0] + "x" + s[1] + ")";
            }
        }
        return "";
    }

    /** Checks the file's size and SHA-256 against the index: a short file is truncated, any other change corrupt. */
    static void verify(Path file, ParameterIndex index) throws IOException {
        if (!Files.exists(file)) {
            throw new ModelFormatException(file, "missing: the model's parameters are not there");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file, "not a regular file but " + ManifestReader.kindOf(file)
                    + "; not reading it");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "missing: the model's parameters are not there");
        }
        if (size < index.bytes()) {
            throw new ModelFormatException(file, "truncated: " + size + " bytes, model.json says " + index.bytes());
        }
        if (size > index.bytes()) {
            throw new ModelFormatException(file, "corrupt: " + size + " bytes, model.json says " + index.bytes());
        }
        MessageDigest sha = sha256();
        byte[] buf = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equalsIgnoreCase(index.sha256())) {
            throw new ModelFormatException(file, "corrupt: its SHA-256 " + actual.substring(0, 12)
                    + "... differs from the " + index.sha256().substring(0, 12) + "... that model.json records");
        }
    }

    /** Reads one tensor's values (the entry already checked against the file's size). */
    static float[] read(FileChannel ch, TensorEntry t) throws IOException {
        float[] out = new float[Math.toIntExact(t.length())];
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        long position = t.offset() * Float.BYTES;
        int done = 0;
        while (done < out.length) {
            buf.clear();
            buf.limit(Math.min(CHUNK, (out.length - done) * Float.BYTES));
            while (buf.hasRemaining()) {
                int n = ch.read(buf, position);
                if (n < 0) {
                    throw new IOException("unexpected end of the parameter file");
                }
                position += n;
            }
            buf.flip();
            int count = buf.remaining() / Float.BYTES;
            buf.asFloatBuffer().get(out, done, count);
            done += count;
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
