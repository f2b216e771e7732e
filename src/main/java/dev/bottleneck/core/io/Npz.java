package dev.bottleneck.core.io;

import dev.bottleneck.core.MemoryBudget;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} archives of float32 arrays: what {@code numpy.savez} writes and {@code numpy.load} reads.
 *
 * <p>An {@code .npz} is a zip of {@code NAME.npy} entries (stored or deflated). Each {@code .npy} is the magic
 * {@code \x93NUMPY}, a version byte pair (1.0: 2-byte header length; 2.0 and 3.0: 4-byte), and a header that is a
 * Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (8, 12), }}, padded with
 * spaces to a multiple of 16 (64 since NumPy 1.20) and ending in a newline; the C-order data follows. Reading
 * accepts only little-endian float32 ({@code '<f4'}) in C order, what model parameters are: anything else is refused
 * with a message that names the file, the array and what was found. Writing also takes the other dtypes of
 * {@link NpyEntry} (bytes, integers, booleans, strings, streamed rows), which a dataset export needs.
 */
public final class Npz {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    /**
     * One float32 array in C (row-major) order.
     *
     * @param shape the dimensions, outermost first; empty for a scalar
     * @param data {@code product(shape)} values
     */
    public record Array(int[] shape, float[] data) implements NpyEntry {

        public Array {
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
            }
            shape = shape.clone();
        }

        @Override
        public String descr() {
            return "<f4";
        }

        @Override
        public int itemSize() {
            return 4;
        }

        /** Writes the values as little-endian float32, a block at a time. */
        @Override
        public void writeData(OutputStream out) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(4 * Math.min(data.length, 1 << 14)).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < data.length; from += 1 << 14) {
                int n = Math.min(1 << 14, data.length - from);
                b.clear();
                b.asFloatBuffer().put(data, from, n);
                out.write(b.array(), 0, 4 * n);
            }
        }

        /** The shape as NumPy prints it: {@code (8, 12)}, {@code (3,)}. */
        public String shapeText() {
            return shapeText(shape);
        }

        static String shapeText(int[] shape) {
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                s.append(i == 0 ? "" : ", ").append(shape[i]);
            }
            return s.append(shape.length == 1 ? ",)" : ")").toString();
        }
    }

    /**
     * Reads every array of an {@code .npz}, in archive order, keyed by name without the {@code .npy} suffix.
     *
     * @throws ModelFormatException if the file is not a readable zip, or an entry is not a C-order {@code '<f4'}
     *     {@code .npy}, or is truncated; the message names the file (and the array)
     * @throws IOException if reading fails
     */
    public static Map<String, Array> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file, Files.exists(file) ? "not a file" : "no such file");
        }
        Map<String, Array> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                byte[] bytes;
                // An entry is read up to what the heap can hold, whatever its header claims (a zip bomb stops).
                long limit = Math.min(Integer.MAX_VALUE - 8, MemoryBudget.ofThisJvm().usableBytes() / 2);
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
                    if (bytes.length > limit) {
                        throw new ModelFormatException(file, "array '" + name + "' is larger than the "
                                + MemoryBudget.size(limit) + " this Java can read of it");
                    }
                } catch (ModelFormatException ex) {
                    throw ex;
                } catch (IOException ex) {
                    throw new ModelFormatException(file, "array '" + name + "': damaged zip entry (" + ex.getMessage()
                            + ")", ex);
                }
                arrays.put(name, parseNpy(bytes, file, name));
            }
        } catch (ZipException ex) {
            throw new ModelFormatException(file, "not a readable .npz (zip) archive, truncated or corrupt ("
                    + ex.getMessage() + ")", ex);
        }
        return arrays;
    }

    /** Parses one {@code .npy} held in {@code bytes}; {@code file} and {@code name} only label errors. */
    static Array parseNpy(byte[] bytes, Path file, String name) throws ModelFormatException {
        String where = "array '" + name + "': ";
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new ModelFormatException(file, where + "not a .npy (no \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        switch (major) {
            case 1 -> {
                headerLength = b.getShort(8) & 0xffff;
                headerStart = 10;
            }
            case 2, 3 -> {
                if (bytes.length < 12) {
                    throw new ModelFormatException(file, where + "truncated .npy header");
                }
                headerLength = b.getInt(8) & 0xffffffffL;
                headerStart = 12;
            }
            default -> throw new ModelFormatException(file, where + ".npy version " + major + "." + (bytes[7] & 0xff)
                    + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new ModelFormatException(file, where + "truncated .npy header");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeM = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeM.find()) {
            throw new ModelFormatException(file, where + "unreadable .npy header " + header.trim());
        }
        if (!descr.group(1).equals("<f4")) {
            throw new ModelFormatException(file, where + "dtype '" + descr.group(1) + "', but only float32 ('<f4') "
                    + "is supported; convert with .astype('<f4')");
        }
        if (fortran.group(1).equals("True")) {
            throw new ModelFormatException(file, where + "stored in Fortran order; save a C-order array "
                    + "(numpy.ascontiguousarray)");
        }
        int[] shape;
        long count = 1;
        try {
            shape = Arrays.stream(shapeM.group(1).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException ex) {
            throw new ModelFormatException(file, where + "unreadable shape (" + shapeM.group(1) + ")");
        }
        for (int d : shape) {
            if (d < 0) {
                throw new ModelFormatException(file, where + "negative dimension in shape (" + shapeM.group(1) + ")");
            }
            count *= d;
        }
        long dataStart = headerStart + headerLength;
        long have = (bytes.length - dataStart) / 4;
        if (count > Integer.MAX_VALUE || have < count) {
            throw new ModelFormatException(file, where + "truncated: shape " + Array.shapeText(shape) + " needs "
                    + count + " floats, the entry holds " + have);
        }
        float[] data = new float[(int) count];
        b.position((int) dataStart);
        b.asFloatBuffer().get(data);
        return new Array(shape, data);
    }

    /**
     * Writes {@code arrays} as an {@code .npz} (deflated, like {@code numpy.savez_compressed}), {@code .npy}
     * format 1.0, in map order: float32 {@link Array}s and the other dtypes of {@link NpyEntry}. Each array's data
     * is streamed into the archive as its entry writes it, never held as one byte array. The file is replaced as a
     * whole: written beside it, then renamed, so a failed or interrupted write leaves the old file (or none), never
     * half a new one.
     *
     * @throws IllegalStateException if a {@link NpyEntry.Streamed} array writes more or fewer bytes than its shape
     *     says (nothing is written then)
     */
    public static void write(Path file, Map<String, ? extends NpyEntry> arrays) throws IOException {
        write(file, arrays, null);
    }

    /**
     * {@link #write(Path, Map)} with a zip {@code comment} (null: none): a mark that says which program wrote the
     * archive, which NumPy ignores and {@link #comment} reads back without reading any array.
     */
    public static void write(Path file, Map<String, ? extends NpyEntry> arrays, String comment) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                if (comment != null) {
                    zip.setComment(comment);
                }
                for (Map.Entry<String, ? extends NpyEntry> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    writeNpy(e.getKey(), e.getValue(), zip);
                    zip.closeEntry();
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The zip comment of an archive, or null when it has none or is not a readable zip: what {@link #write} was
     * given as {@code comment}.
     */
    public static String comment(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getComment();
        } catch (IOException e) {
            return null;
        }
    }

    /** One array as {@code .npy} version 1.0: the header, padded to a multiple of 64, then the data. */
    private static void writeNpy(String name, NpyEntry a, OutputStream zip) throws IOException {
        zip.write(npyHeader(a.descr(), a.shape()));
        long expected = a.values() * a.itemSize();
        long[] written = new long[1];
        OutputStream counting = new FilterOutputStream(zip) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written[0] += len;
            }

            @Override
            public void close() {
                // the zip stays open for the next entry
            }
        };
        a.writeData(counting);
        if (written[0] != expected) {
            throw new IllegalStateException("array '" + name + "' of shape " + Array.shapeText(a.shape()) + " and dtype "
                    + a.descr() + " needs " + expected + " bytes, but " + written[0] + " were written");
        }
    }

    /** The {@code .npy} 1.0 magic, version, header length and header of an array, padded to a multiple of 64. */
    static byte[] npyHeader(String descr, int[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + Array.shapeText(shape)
                + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + header.length());
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
