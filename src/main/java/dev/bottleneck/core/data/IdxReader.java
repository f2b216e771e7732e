package dev.bottleneck.core.data;

import dev.bottleneck.core.MemoryBudget;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of LeCun's MNIST distribution: unsigned-byte 3-D image files (magic {@code 0x00000803}) and
 * 1-D label files (magic {@code 0x00000801}), gzipped or raw.
 *
 * <p>Compression is recognised by the gzip magic bytes {@code 1f 8b}, not by the file name. The file must hold exactly
 * the bytes its header promises: a short file and a file with bytes left over are both refused with a message that
 * names the file and both counts. Reading streams straight into one array sized from the header, so the 47 MB of
 * MNIST training pixels are read in a fraction of a second.
 *
 * <p>All methods are static and the class keeps no state: a failed read leaves nothing behind.
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte, 3-dimensional IDX file ({@code count x rows x cols} images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER = 1 << 16;
    /** Deflate cannot expand data by more than about 1032:1, which bounds what a gzipped file can hold. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /**
     * Reads an IDX image file as a byte-backed dataset of {@code 1 x rows x cols} images, without labels, named after
     * the file.
     *
     * @throws DataException when the file is missing, is not an unsigned-byte 3-D IDX file, or is truncated or longer
     *                       than its header says
     */
    public static Dataset readImages(Path file) throws DataException {
        try (IdxFile idx = IdxFile.open(file, 3)) {
            return Dataset.ofBytes(InputFiles.baseName(file), idx.imageShape(), idx.readBody("pixel"), null, null);
        }
    }

    /**
     * Reads an IDX label file: one value in 0..255 per example.
     *
     * @throws DataException when the file is missing, is not an unsigned-byte 1-D IDX file, or is truncated or longer
     *                       than its header says
     */
    public static int[] readLabels(Path file) throws DataException {
        try (IdxFile idx = IdxFile.open(file, 1)) {
            byte[] body = idx.readBody("label");
            int[] values = new int[body.length];
            for (int i = 0; i < body.length; i++) {
                values[i] = body[i] & 0xFF;
            }
            return values;
        }
    }

    /**
     * Reads an image file and its label file into one labelled dataset. Labels are numbered classes "0", "1", ...;
     * there are at least 10 classes (as in MNIST), more if a label is 10 or larger.
     *
     * <p>The label file is read first and its count compared with the image file's header, so a mismatch is reported
     * before the pixels are read.
     *
     * @throws DataException when either file cannot be read, or when the image and label counts differ (the message
     *                       names both files)
     */
    public static Dataset read(Path images, Path labels, String name) throws DataException {
        int[] values = readLabels(labels);
        try (IdxFile idx = IdxFile.open(images, 3)) {
            int count = idx.dims[0];
            if (count != values.length) {
                throw new DataException(images, count + " images but " + values.length + " labels in " + labels);
            }
            byte[] pixels = idx.readBody("pixel");
            int max = -1;
            for (int v : values) {
                max = Math.max(max, v);
            }
            Labels l = Labels.numbered(values, Math.max(10, max + 1));
            return Dataset.ofBytes(name, idx.imageShape(), pixels, l, null);
        }
    }

    /** One open IDX file whose header has been read and checked. */
    private static final class IdxFile implements Closeable {

        private final Path file;
        private final long fileSize;
        private final boolean gzipped;
        private final InputStream in;
        private int[] dims;
        private int headerBytes;

        private IdxFile(Path file, long fileSize, boolean gzipped, InputStream in) {
            this.file = file;
            this.fileSize = fileSize;
            this.gzipped = gzipped;
            this.in = in;
        }

        /** Opens {@code file}, detects gzip, and reads and checks a header of {@code expectedDims} dimensions. */
        static IdxFile open(Path file, int expectedDims) throws DataException {
            InputFiles.requireFile(file);
            InputStream raw = null;
            try {
                long size = Files.size(file);
                raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
                raw.mark(2);
                boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
                raw.reset();
                InputStream in = raw;
                if (gz) {
                    try {
                        in = new GZIPInputStream(raw, BUFFER);
                    } catch (EOFException e) {
                        throw new DataException(file, "truncated: the gzip header is incomplete", e);
                    } catch (ZipException e) {
                        throw new DataException(file, "corrupt gzip data: " + e.getMessage(), e);
                    }
                }
                IdxFile idx = new IdxFile(file, size, gz, in);
                idx.readHeader(expectedDims);
                return idx;
            } catch (ZipException e) {
                closeQuietly(raw);
                throw new DataException(file, "corrupt gzip data: " + e.getMessage(), e);
            } catch (IOException e) {
                closeQuietly(raw);
                throw InputFiles.failure(file, e);
            }
        }

        private void readHeader(int expectedDims) throws IOException {
            byte[] m = new byte[4];
            int got = readFully(m, 0, 4);
            if (got < 4) {
                throw new DataException(file, "truncated: too short for an IDX header (expected at least 4 bytes, found "
                        + got + ")");
            }
            int magic = ((m[0] & 0xFF) << 24) | ((m[1] & 0xFF) << 16) | ((m[2] & 0xFF) << 8) | (m[3] & 0xFF);
            int expectedMagic = expectedDims == 3 ? IMAGES_MAGIC : LABELS_MAGIC;
            String kind = expectedDims == 3 ? "images" : "labels";
            if (m[0] != 0 || m[1] != 0) {
                throw new DataException(file, String.format("not an IDX file: magic number 0x%08X, expected 0x%08X (%s)",
                        magic, expectedMagic, kind));
            }
            int type = m[2] & 0xFF;
            if (type != UNSIGNED_BYTE) {
                throw new DataException(file, String.format("element type 0x%02X (%s) is not supported: magic number"
                        + " 0x%08X, only unsigned bytes (type 0x08) can be read", type, typeName(type), magic));
            }
            int ndims = m[3] & 0xFF;
            if (ndims != expectedDims) {
                String hint = ndims == 1 ? " (a label file?)" : ndims == 3 ? " (an image file?)" : "";
                throw new DataException(file, String.format("has %d dimension%s, magic number 0x%08X%s; expected %d for %s"
                        + " (magic 0x%08X)", ndims, ndims == 1 ? "" : "s", magic, hint, expectedDims, kind,
                        expectedMagic));
            }
            headerBytes = 4 + 4 * ndims;
            byte[] d = new byte[4 * ndims];
            got = readFully(d, 0, d.length);
            if (got < d.length) {
                throw new DataException(file, "truncated: expected a " + headerBytes + "-byte header, found " + (4 + got)
                        + " bytes");
            }
            dims = new int[ndims];
            for (int i = 0; i < ndims; i++) {
                long v = ((d[4 * i] & 0xFFL) << 24) | ((d[4 * i + 1] & 0xFF) << 16) | ((d[4 * i + 2] & 0xFF) << 8)
                        | (d[4 * i + 3] & 0xFF);
                if (v > MAX_ARRAY) {
                    throw new DataException(file, "dimension " + (i + 1) + " of the header is " + v + ", too large");
                }
                if (i > 0 && v == 0) {
                    throw new DataException(file, "dimension " + (i + 1) + " of the header is 0; images need at least"
                            + " one row and one column");
                }
                dims[i] = (int) v;
            }
        }

        SampleShape imageShape() {
            return SampleShape.image(1, dims[1], dims[2]);
        }

        /** Reads exactly the body the header promises and checks that nothing follows it. */
        byte[] readBody(String unit) throws DataException {
            long n = 1;
            for (int dim : dims) {
                n *= dim; // each dim <= 2^31, so a 3-D product fits in a long
                if (n > MAX_ARRAY) {
                    throw new DataException(file, "the header promises more " + unit + " bytes than one Java array can"
                            + " hold (" + String.join(" x ", dimStrings()) + ")");
                }
            }
            String expected = "expected " + n + " " + unit + " bytes after the " + headerBytes + "-byte header";
            if (!gzipped && fileSize != headerBytes + n) {
                // Raw file: the size alone tells, before a byte is read or allocated.
                long found = fileSize - headerBytes;
                throw new DataException(file, found < n ? "truncated: " + expected + ", found " + found
                        : "trailing bytes: " + expected + ", found " + found + " (" + (found - n) + " too many)");
            }
            try {
                // A corrupt header cannot make us allocate more than the compressed file could possibly expand to.
                int capacity = (int) Math.min(n, gzipped ? fileSize * MAX_DEFLATE_RATIO : n);
                // The bytes, then the dataset built from them: twice the body must fit in the heap.
                MemoryBudget budget = MemoryBudget.ofThisJvm();
                if (!budget.fits(2L * capacity)) {
                    throw new DataException(file, "too large for memory: its header announces " + n + " bytes ("
                            + String.join(" x ", dimStrings()) + "), more than the " + MemoryBudget.size(
                            budget.usableBytes()) + " this Java may use, twice over");
                }
                byte[] body = new byte[capacity];
                long got = readFully(body, 0, capacity);
                if (got == capacity && capacity < n) {
                    got += drain(true);
                }
                if (got < n) {
                    throw new DataException(file, "truncated: " + expected + ", found " + got);
                }
                long extra;
                try {
                    extra = drain(false);
                } catch (EOFException e) {
                    throw new DataException(file, "truncated: all " + n + " " + unit
                            + " bytes are there, but the gzip stream ends before its trailer", e);
                }
                if (extra > 0) {
                    throw new DataException(file, "trailing bytes: " + expected + ", found " + (n + extra) + " ("
                            + extra + " too many)");
                }
                return body;
            } catch (ZipException e) {
                throw new DataException(file, "corrupt gzip data: " + e.getMessage(), e);
            } catch (IOException e) {
                throw InputFiles.failure(file, e);
            }
        }

        /**
         * Reads up to {@code len} bytes; fewer only at the end of the data. A gzip stream that is cut short counts as
         * the end of the data, so the caller can say how many bytes it found.
         */
        private int readFully(byte[] b, int off, int len) throws IOException {
            int total = 0;
            while (total < len) {
                int r;
                try {
                    r = in.read(b, off + total, len - total);
                } catch (EOFException e) {
                    break;
                }
                if (r < 0) {
                    break;
                }
                total += r;
            }
            return total;
        }

        /**
         * Reads to the end and returns how many bytes there were. With {@code cutShortIsEnd}, a gzip stream that is
         * cut short ends the count; otherwise it throws {@link EOFException}.
         */
        private long drain(boolean cutShortIsEnd) throws IOException {
            byte[] scratch = new byte[BUFFER];
            long total = 0;
            try {
                for (int r; (r = in.read(scratch)) >= 0; ) {
                    total += r;
                }
            } catch (EOFException e) {
                if (!cutShortIsEnd) {
                    throw e;
                }
            }
            return total;
        }

        private String[] dimStrings() {
            String[] s = new String[dims.length];
            for (int i = 0; i < dims.length; i++) {
                s[i] = Integer.toString(dims[i]);
            }
            return s;
        }

        private static String typeName(int type) {
            return switch (type) {
                case 0x09 -> "signed byte";
                case 0x0B -> "short";
                case 0x0C -> "int";
                case 0x0D -> "float";
                case 0x0E -> "double";
                default -> "unknown";
            };
        }

        @Override
        public void close() {
            closeQuietly(in);
        }

        private static void closeQuietly(Closeable c) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // Nothing was written, so nothing can be lost by a failed close.
                }
            }
        }
    }
}
