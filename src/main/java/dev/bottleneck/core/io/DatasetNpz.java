package dev.bottleneck.core.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bottleneck.core.FileProblemException;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.Factors;
import dev.bottleneck.core.data.SampleShape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parts of a {@link DataSplit} with their ground-truth factors as one NumPy {@code .npz}, so that another
 * implementation (the PyTorch reference {@code bench/torch_dsprites_reference.py}) trains and tests on exactly the
 * examples a Bottleneck run with the same data flags trains and tests on. {@code numpy.load} reads it:
 *
 * <pre>
 *   x                n x D   uint8 ('|u1') for 8-bit data (images: MNIST, shapes, dSprites), whose float values are
 *                            x * x_scale computed in float32, bit for bit what Bottleneck trains on; float32 otherwise
 *   x_scale          ()      float32: 1f/255f for uint8 x, 1 for float32 x
 *   shape            (3,)    int32: channels, height, width of one example (1, 1, D for vectors); rows are C order
 *   factors          n x F   float32: the ground-truth factor values
 *   factor_names     (F,)    str: the factors' names ("shape", "scale", "rotation", "posX", "posY")
 *   factor_discrete  (F,)    bool: true where a factor's distinct values are its exact classes (MIG keeps them)
 *   labels           (n,)    int32, with label_names (str), when the data has labels
 *   part             (n,)    uint8: the part of each row, an index into part_names
 *   part_names       (3,)    str: "train", "validation", "test"
 *   meta             ()      str: JSON with "format": "bottleneck-dataset", "version", the data flags, the part
 *                            sizes and the split's fingerprint (the one train saves in model.json)
 * </pre>
 * Rows are the parts asked for, in the order train, validation, test, each in the order Bottleneck holds it. The
 * archive's zip comment is {@value #FORMAT} and the version, so that a later export replaces a file it wrote and
 * refuses to replace anything else ({@link #checkReplaceable}).
 */
public final class DatasetNpz {

    /** The {@code format} of the meta JSON and the start of the zip comment. */
    public static final String FORMAT = "bottleneck-dataset";
    /** The version this class writes. */
    public static final int VERSION = 1;
    /** Rows of pixels written at a time: a few megabytes of buffer whatever the data's size. */
    private static final int ROWS_PER_WRITE = 256;

    /** A part of a split, with its name in the file. */
    public enum Part {
        TRAIN("train"), VALIDATION("validation"), TEST("test");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        /** Its name in {@code part_names} and on the command line. */
        public String label() {
            return label;
        }

        /** The part of {@code split} this names. */
        public Dataset of(DataSplit split) {
            return switch (this) {
                case TRAIN -> split.train();
                case VALIDATION -> split.validation();
                case TEST -> split.test();
            };
        }
    }

    private DatasetNpz() {
    }

    /**
     * What {@link #write} wrote: rows per part and whether x is uint8.
     *
     * @param rows the rows of each part written, in file order
     * @param bytes true when x is uint8 (exact 8-bit data), false when float32
     * @param fingerprint the split's fingerprint ({@link DataSplit#fingerprintHex()})
     */
    public record Written(Map<Part, Integer> rows, boolean bytes, String fingerprint) {
        /** All rows written. */
        public int total() {
            return rows.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Refuses a {@code file} an export must not write to: one that exists and is not an {@code .npz} this class
     * wrote (a model's arrays, someone's data), a folder, a symbolic link, or a place that cannot be written.
     *
     * @throws FileProblemException naming {@code file} and the reason
     */
    public static void checkReplaceable(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(file)) {
                throw new FileProblemException(file, "is a symbolic link; give the file it points to, or another "
                        + "name", null);
            }
            if (Files.isDirectory(file)) {
                throw new FileProblemException(file, "is a folder, not an .npz file", null);
            }
            if (!writtenHere(file)) {
                throw new FileProblemException(file, "exists and is not a dataset .npz that export-data wrote; not "
                        + "replacing it: remove it or choose another name", null);
            }
        }
        SaveTarget.checkWritable(file.toAbsolutePath().normalize(), file);
    }

    /** True when {@code file} is an archive this class wrote (by its zip comment). */
    public static boolean writtenHere(Path file) {
        String c = Npz.comment(file);
        return c != null && c.startsWith(FORMAT + " ");
    }

    /**
     * Writes {@code parts} of {@code split} to {@code file} (replaced as a whole: written beside it, then renamed).
     *
     * @param provenance what made the split (dataset, seed, data flags, command): copied into the meta JSON
     * @throws IllegalArgumentException when the data has no ground-truth factors, or no part is asked for
     * @throws FileProblemException when the file cannot be written, naming it and the reason
     */
    public static Written write(Path file, DataSplit split, Set<Part> parts, Map<String, Object> provenance)
            throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no part of the split to write");
        }
        Set<Part> chosen = EnumSet.copyOf(parts);
        List<Dataset> data = new ArrayList<>();
        Map<Part, Integer> rows = new LinkedHashMap<>();
        for (Part p : chosen) {
            Dataset d = p.of(split);
            data.add(d);
            rows.put(p, d.size());
        }
        Dataset first = split.train();
        Factors f0 = first.factors().orElseThrow(() -> new IllegalArgumentException(first.name()
                + " has no ground-truth factors"));
        int n = rows.values().stream().mapToInt(Integer::intValue).sum();
        int d = first.features();
        int nf = f0.width();
        boolean bytes = data.stream().allMatch(Dataset::isByteBacked);
        boolean labelled = data.stream().allMatch(p -> p.labels().isPresent());
        float[] factors = new float[Math.multiplyExact(n, nf)];  // n x F
        int[] labels = labelled ? new int[n] : null;
        byte[] part = new byte[n];
        boolean[] discrete = new boolean[nf];
        for (int j = 0; j < nf; j++) {
            discrete[j] = f0.isDiscrete(j);
        }
        int row = 0;
        int index = 0;
        for (Part p : chosen) {
            Dataset ds = data.get(index++);
            Factors f = ds.factors().orElseThrow(() -> new IllegalArgumentException(ds.name()
                    + " has no ground-truth factors"));
            System.arraycopy(f.values(), 0, factors, row * nf, ds.size() * nf);
            if (labelled) {
                System.arraycopy(ds.labels().get().values(), 0, labels, row, ds.size());
            }
            java.util.Arrays.fill(part, row, row + ds.size(), (byte) p.ordinal());
            row += ds.size();
        }
        String fingerprint = split.fingerprintHex();

        Map<String, NpyEntry> arrays = new LinkedHashMap<>();
        arrays.put("x", new NpyEntry.Streamed(bytes ? "|u1" : "<f4", bytes ? 1 : 4, new int[] {n, d},
                out -> writeRows(data, bytes, out)));
        arrays.put("x_scale", new Npz.Array(new int[0], new float[] {bytes ? Dataset.BYTE_SCALE : 1f}));
        SampleShape s = first.shape();
        arrays.put("shape", new NpyEntry.Ints(new int[] {3}, new int[] {s.channels(), s.height(), s.width()}));
        arrays.put("factors", new Npz.Array(new int[] {n, nf}, factors));
        arrays.put("factor_names", NpyEntry.Strings.of(f0.names()));
        arrays.put("factor_discrete", new NpyEntry.Booleans(new int[] {nf}, discrete));
        if (labelled) {
            arrays.put("labels", new NpyEntry.Ints(new int[] {n}, labels));
            arrays.put("label_names", NpyEntry.Strings.of(first.labels().get().names()));
        }
        arrays.put("part", new NpyEntry.Bytes(new int[] {n}, part));
        arrays.put("part_names", NpyEntry.Strings.of(List.of(Part.TRAIN.label, Part.VALIDATION.label,
                Part.TEST.label)));
        arrays.put("meta", NpyEntry.Strings.scalar(meta(provenance, rows, split, bytes, fingerprint)));
        try {
            Npz.write(file, arrays, FORMAT + " " + VERSION);
        } catch (FileProblemException e) {
            throw e;
        } catch (IOException e) {
            throw new FileProblemException(file, "could not be written: " + SaveTarget.reason(e), e);
        }
        return new Written(rows, bytes, fingerprint);
    }

    /** The meta JSON: format, version, provenance, what each part holds, the split's sizes and fingerprint. */
    private static String meta(Map<String, Object> provenance, Map<Part, Integer> rows, DataSplit split,
            boolean bytes, String fingerprint) throws IOException {
        ObjectNode m = ModelJson.MAPPER.createObjectNode();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        provenance.forEach((k, v) -> m.set(k, ModelJson.MAPPER.valueToTree(v)));
        ObjectNode written = m.putObject("rows");
        rows.forEach((p, r) -> written.put(p.label, r));
        ObjectNode sizes = m.putObject("splitSizes");
        for (Part p : Part.values()) {
            sizes.put(p.label, p.of(split).size());
        }
        m.put("splitFingerprint", fingerprint);
        m.put("x", bytes ? "uint8; values = x * x_scale in float32 (x_scale = 1f/255f)" : "float32");
        return ModelJson.MAPPER.writeValueAsString(m);
    }

    /** Every row of every part, in order, as uint8 or little-endian float32, a block of rows at a time. */
    private static void writeRows(List<Dataset> parts, boolean bytes, OutputStream out) throws IOException {
        for (Dataset p : parts) {
            int d = p.features();
            byte[] block = new byte[Math.multiplyExact(ROWS_PER_WRITE * d, bytes ? 1 : 4)];
            float[] row = bytes ? null : new float[d];
            ByteBuffer le = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < p.size(); from += ROWS_PER_WRITE) {
                int m = Math.min(ROWS_PER_WRITE, p.size() - from);
                for (int r = 0; r < m; r++) {
                    if (bytes) {
                        p.copyExampleBytes(from + r, block, r * d);
                    } else {
                        p.copyExample(from + r, row, 0);
                        le.position(4 * r * d);
                        le.asFloatBuffer().put(row);
                    }
                }
                out.write(block, 0, m * d * (bytes ? 1 : 4));
            }
        }
    }

    /** The parts a {@code --part} value names: one of train, validation, test, or all three. */
    public static Set<Part> parts(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "all" -> EnumSet.allOf(Part.class);
            case "train", "training" -> EnumSet.of(Part.TRAIN);
            case "validation", "val" -> EnumSet.of(Part.VALIDATION);
            case "test" -> EnumSet.of(Part.TEST);
            default -> throw new IllegalArgumentException("--part must be train, validation, test or all, not '"
                    + text + "'");
        };
    }
}
