package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.data.Splits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-data} writes exactly the examples and factors of the split {@code train} makes with the same flags.
 * The files are read back here with a reader of their own (zip entries, the {@code .npy} header parsed by regular
 * expressions, the data decoded by dtype), not with the writer's code, so a header or layout the writer gets wrong
 * in the same way on both sides cannot pass. Values are compared exactly: x is uint8 and {@code x * (1f/255f)} in
 * float arithmetic is the float Bottleneck computes from the same byte, and factors are copied floats.
 */
class ExportDataCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** One {@code .npy} array as read back: dtype, shape and raw little-endian data. */
    record Npy(String descr, int[] shape, byte[] data) {

        int rows() {
            return shape[0];
        }

        float[] floats() {
            assertEquals("<f4", descr);
            float[] f = new float[data.length / 4];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
            return f;
        }

        int[] ints() {
            assertEquals("<i4", descr);
            int[] v = new int[data.length / 4];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
            return v;
        }

        /** NumPy's fixed-width '<U' strings, trailing zeros stripped. */
        List<String> strings() {
            assertTrue(descr.startsWith("<U"), descr);
            int width = Integer.parseInt(descr.substring(2));
            List<String> out = new ArrayList<>();
            Charset utf32 = Charset.forName("UTF-32LE");
            for (int at = 0; at < data.length; at += 4 * width) {
                out.add(new String(data, at, 4 * width, utf32).replaceAll("\u0000+$", ""));
            }
            return out;
        }
    }

    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '([^']+)', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\}\\s*");

    /** Every array of an .npz, by name, parsed from the zip here. */
    static Map<String, Npy> read(Path file) throws IOException {
        Map<String, Npy> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] b;
                try (InputStream in = zip.getInputStream(e)) {
                    b = in.readAllBytes();
                }
                assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(b, 8),
                        e.getName());
                int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
                assertEquals(0, (10 + headerLength) % 64, "header padded to 64 bytes: " + e.getName());
                String header = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
                assertTrue(header.endsWith("\n"), header);
                Matcher m = HEADER.matcher(header);
                assertTrue(m.matches(), header);
                int[] shape = Arrays.stream(m.group(2).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .mapToInt(Integer::parseInt).toArray();
                arrays.put(e.getName().replace(".npy", ""), new Npy(m.group(1), shape,
                        Arrays.copyOfRange(b, 10 + headerLength, b.length)));
            }
        }
        return arrays;
    }

    /** The split train makes of {@code dataset} with these flags (its defaults otherwise). */
    private static DataSplit split(String dataset, int count, double valFraction, long seed) throws Exception {
        DatasetCatalog.Source s = DatasetCatalog.open(dataset, new DatasetCatalog.Options(count,
                DatasetCatalog.DEFAULT_TOY_NOISE, DatasetCatalog.DEFAULT_IMAGE_SIZE, seed));
        return Splits.split(s.pool(), s.officialTest(), valFraction, 0, Splits.DEFAULT_TEST_FRACTION, seed);
    }

    /** Row {@code from + r} of x against example r of {@code part}, bit for bit; the factors likewise. */
    private static void sameExamples(Dataset part, Map<String, Npy> a, int from) {
        Npy x = a.get("x");
        int d = part.features();
        assertEquals(d, x.shape()[1]);
        float scale = a.get("x_scale").floats()[0];
        float[] factors = a.get("factors").floats();
        int nf = part.factors().get().width();
        float[] row = new float[d];
        for (int r = 0; r < part.size(); r++) {
            part.copyExample(r, row, 0);
            for (int j = 0; j < d; j++) {
                float back = x.descr().equals("|u1") ? (x.data()[(from + r) * d + j] & 0xFF) * scale
                        : ByteBuffer.wrap(x.data(), 4 * ((from + r) * d + j), 4).order(ByteOrder.LITTLE_ENDIAN)
                                .getFloat();
                if (Float.floatToIntBits(back) != Float.floatToIntBits(row[j])) {
                    throw new AssertionError("row " + (from + r) + ", value " + j + ": " + back + " in the file, "
                            + row[j] + " in Bottleneck's split");
                }
            }
            for (int f = 0; f < nf; f++) {
                assertEquals(part.factors().get().value(r, f), factors[(from + r) * nf + f],
                        "factor " + f + " of row " + (from + r));
            }
        }
    }

    @Test
    void theTestPartIsTheOneTrainTestsOnByItsExamplesFactorsAndFingerprint() throws Exception {
        Path out = tmp.resolve("test.npz");
        CliRun r = CliRun.of("export-data", "--dataset", "dsprites32", "--count", "600", "--seed", "3", "--part",
                "test", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        Map<String, Npy> a = read(out);
        DataSplit split = split("dsprites32", 600, 0.1, 3);
        Dataset test = split.test();
        assertEquals(120, test.size(), "20 % of 600");
        assertEquals("|u1", a.get("x").descr(), "dSprites is 8-bit: x is uint8");
        assertArrayEquals(new int[] {120, 1024}, a.get("x").shape());
        assertArrayEquals(new int[] {120, 5}, a.get("factors").shape());
        assertEquals(1f / 255f, a.get("x_scale").floats()[0]);
        assertArrayEquals(new int[] {1, 32, 32}, a.get("shape").ints());
        assertEquals(List.of("shape", "scale", "rotation", "posX", "posY"), a.get("factor_names").strings());
        assertArrayEquals(new byte[] {1, 1, 1, 1, 1}, a.get("factor_discrete").data(), "the grid's classes");
        assertEquals(List.of("train", "validation", "test"), a.get("part_names").strings());
        byte[] twos = new byte[120];
        Arrays.fill(twos, (byte) 2);
        assertArrayEquals(twos, a.get("part").data());
        assertArrayEquals(test.labels().get().values(), a.get("labels").ints());
        sameExamples(test, a, 0);
        assertTrue(test.factors().get().values()[2] != test.factors().get().values()[7], "factors vary");

        // The fingerprint is the one train saves for the same flags: the reference trains on train's examples.
        JsonNode meta = JSON.readTree(a.get("meta").strings().get(0));
        assertEquals("bottleneck-dataset", meta.get("format").asText());
        assertEquals(120, meta.get("rows").get("test").asInt());
        assertEquals(420, meta.get("splitSizes").get("train").asInt());
        Path model = tmp.resolve("ae");
        CliRun train = CliRun.of("train", "--dataset", "dsprites32", "--count", "600", "--seed", "3", "--model", "ae",
                "--hidden", "4", "--latent", "2", "--epochs", "1", "--out", model.toString());
        assertEquals(0, train.exit(), train.toString());
        JsonNode saved = JSON.readTree(model.resolve("model.json").toFile());
        assertEquals(saved.get("dataset").get("splitFingerprint").asText(), meta.get("splitFingerprint").asText());
        assertEquals(split.fingerprintHex(), meta.get("splitFingerprint").asText());
    }

    @Test
    void allPartsComeInTrainValidationTestOrderAndFollowValFraction() throws Exception {
        Path out = tmp.resolve("all.npz");
        CliRun r = CliRun.of("export-data", "--dataset", "dsprites32", "--count", "400", "--seed", "5",
                "--val-fraction", "0.25", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("train 220, validation 100, test 80"), r.out());
        Map<String, Npy> a = read(out);
        DataSplit split = split("dsprites32", 400, 0.25, 5);
        assertArrayEquals(new int[] {400, 1024}, a.get("x").shape());
        byte[] part = a.get("part").data();
        assertEquals(0, part[0]);
        assertEquals(0, part[219]);
        assertEquals(1, part[220]);
        assertEquals(1, part[319]);
        assertEquals(2, part[320]);
        assertEquals(2, part[399]);
        sameExamples(split.train(), a, 0);
        sameExamples(split.validation(), a, 220);
        sameExamples(split.test(), a, 320);
    }

    @Test
    void floatDataIsWrittenAsFloat32() throws Exception {
        Path out = tmp.resolve("moons.npz");
        CliRun r = CliRun.of("export-data", "--dataset", "moons", "--count", "50", "--part", "train", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.toString());
        Map<String, Npy> a = read(out);
        assertEquals("<f4", a.get("x").descr());
        assertEquals(1f, a.get("x_scale").floats()[0]);
        assertEquals(List.of("t"), a.get("factor_names").strings());
        assertArrayEquals(new byte[] {0}, a.get("factor_discrete").data(), "continuous");
        DataSplit split = split("moons", 50, 0.1, 1);
        assertEquals(split.train().size(), a.get("x").rows());
        sameExamples(split.train(), a, 0);
    }

    @Test
    void dataWithoutFactorsIsOneLine() throws Exception {
        Path csv = tmp.resolve("plain.csv");
        Files.writeString(csv, "0.1,0.2\n0.3,0.4\n0.5,0.6\n0.7,0.8\n0.9,1.0\n");
        Path out = tmp.resolve("plain.npz");
        CliRun r = CliRun.of("export-data", "--dataset", csv.toString(), "--out", out.toString());
        CliErrorsTest.assertOneErrorLine(r, csv + " has no ground-truth factors");
        assertFalse(Files.exists(out));
    }

    @Test
    void badFlagsAreOneLineEach() {
        String out = tmp.resolve("x.npz").toString();
        CliErrorsTest.assertOneErrorLine(CliRun.of("export-data", "--dataset", "no-such-set", "--out", out),
                "no-such-set");
        CliErrorsTest.assertOneErrorLine(CliRun.of("export-data", "--dataset", "dsprites32", "--part", "tests",
                "--out", out), "--part must be train, validation, test or all, not 'tests'");
        CliErrorsTest.assertOneErrorLine(CliRun.of("export-data", "--dataset", "dsprites32", "--out",
                tmp.resolve("x.npy").toString()), "--out must end in .npz");
        CliErrorsTest.assertOneErrorLine(CliRun.of("export-data", "--dataset", "dsprites32", "--count", "-1",
                "--out", out), "--count must be 0");
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void replacesItsOwnFileButNoOtherAndNeverAFolder() throws Exception {
        Path out = tmp.resolve("d.npz");
        assertEquals(0, CliRun.of("export-data", "--dataset", "dsprites32", "--count", "100", "--part", "test",
                "--out", out.toString()).exit());
        CliRun again = CliRun.of("export-data", "--dataset", "dsprites32", "--count", "200", "--part", "test",
                "--out", out.toString());
        assertEquals(0, again.exit(), again.toString());
        assertEquals(40, read(out).get("x").rows(), "replaced by the second export");

        Path foreign = tmp.resolve("model.npz");
        Files.writeString(foreign, "someone's file");
        CliRun refused = CliRun.of("export-data", "--dataset", "dsprites32", "--count", "100", "--out",
                foreign.toString());
        CliErrorsTest.assertOneErrorLine(refused, foreign + ": exists and is not a dataset .npz that export-data "
                + "wrote");
        assertEquals("someone's file", Files.readString(foreign), "left as it was");

        Path folder = Files.createDirectory(tmp.resolve("folder.npz"));
        CliErrorsTest.assertOneErrorLine(CliRun.of("export-data", "--dataset", "dsprites32", "--count", "100",
                "--out", folder.toString()), folder + ": is a folder");
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("d.npz", "folder.npz", "model.npz"), files.map(p -> p.getFileName().toString())
                    .sorted().toList(), "no temporary file left behind");
        }
    }

    @Test
    void anUnwritableFolderIsOneLineAndLeavesNothing() throws Exception {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        assumeTrue(Files.getFileStore(locked).supportsFileAttributeView("posix"), "POSIX permissions");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(locked), "running as a user who can write anyway (root)");
            Path out = locked.resolve("d.npz");
            CliRun r = CliRun.of("export-data", "--dataset", "dsprites32", "--count", "100", "--out", out.toString());
            CliErrorsTest.assertOneErrorLine(r, out + ": cannot save there: permission denied");
            try (var files = Files.list(locked)) {
                assertEquals(0, files.count());
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
