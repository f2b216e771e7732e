package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path tmp;

    /** Writes an .npz with one entry whose .npy header says {@code descr} and {@code shape}, then {@code data}. */
    static void writeRaw(Path file, String name, String descr, String shape, byte[] data) throws IOException {
        writeNpy(file, name, 1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }",
                data);
    }

    static void writeNpy(Path file, String name, int major, String dict, byte[] data) throws IOException {
        String header = dict + " ".repeat(64) + "\n";
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) header.length());
        } else {
            len.putInt(header.length());
        }
        npy.writeBytes(len.array());
        npy.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        npy.writeBytes(data);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name + ".npy"));
            zip.write(npy.toByteArray());
            zip.closeEntry();
        }
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    @Test
    void writeThenReadKeepsNamesShapesAndValues() throws Exception {
        Map<String, Npz.Array> a = new LinkedHashMap<>();
        a.put("w", new Npz.Array(new int[] {2, 3}, new float[] {1, 2, 3, -4, 5.5f, Float.MIN_VALUE}));
        a.put("b", new Npz.Array(new int[] {3}, new float[] {0, -0f, 7}));
        a.put("s", new Npz.Array(new int[] {}, new float[] {42}));
        a.put("e", new Npz.Array(new int[] {0, 4}, new float[0]));
        Path f = tmp.resolve("a.npz");
        Npz.write(f, a);
        Map<String, Npz.Array> back = Npz.read(f);
        assertEquals(List.copyOf(a.keySet()), List.copyOf(back.keySet()));
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).shape(), back.get(k).shape(), k);
            assertArrayEquals(a.get(k).data(), back.get(k).data(), k);
        }
    }

    @Test
    void readsNumpyFilesAndVersion2Headers() throws Exception {
        Map<String, Npz.Array> check = Npz.read(TorchModelsTest.resource("demo-ae-check.npz"));
        assertArrayEquals(new int[] {5, 12}, check.get("x").shape());
        assertArrayEquals(new int[] {5, 3}, check.get("codes").shape());
        Path f = tmp.resolve("v2.npz");
        writeNpy(f, "v", 2, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", floats(1.5f, -2f));
        assertArrayEquals(new float[] {1.5f, -2f}, Npz.read(f).get("v").data());
    }

    @Test
    void refusesWhatItCannotRead() throws Exception {
        Path f = tmp.resolve("bad.npz");
        writeRaw(f, "v", ">f4", "(1,)", floats(1));
        assertTrue(assertThrows(ModelFormatException.class, () -> Npz.read(f)).getMessage().contains("'>f4'"));
        writeNpy(f, "v", 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", floats(1));
        assertTrue(assertThrows(ModelFormatException.class, () -> Npz.read(f)).getMessage().contains("Fortran"));
        writeRaw(f, "v", "<f4", "(4,)", floats(1, 2));
        String m = assertThrows(ModelFormatException.class, () -> Npz.read(f)).getMessage();
        assertTrue(m.startsWith(f.toString()) && m.contains("'v'") && m.contains("truncated"), m);
        writeNpy(f, "v", 9, "{}", new byte[0]);
        assertTrue(assertThrows(ModelFormatException.class, () -> Npz.read(f)).getMessage().contains("version 9"));
        Files.writeString(f, "not a zip");
        assertTrue(assertThrows(ModelFormatException.class, () -> Npz.read(f)).getMessage().contains("zip"));
    }

    /**
     * A streamed array that writes fewer or more bytes than its shape says fails the write, and so does one whose
     * writer fails midway: the file that was there stays as it was and no temporary file is left beside it.
     */
    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
        Path f = tmp.resolve("a.npz");
        Map<String, NpyEntry> good = new LinkedHashMap<>();
        good.put("v", new Npz.Array(new int[] {2}, new float[] {1, 2}));
        Npz.write(f, good);
        byte[] before = Files.readAllBytes(f);
        Map<String, NpyEntry> shortOne = new LinkedHashMap<>();
        shortOne.put("v", new Npz.Array(new int[] {2}, new float[] {3, 4}));
        shortOne.put("rows", new NpyEntry.Streamed("|u1", 1, new int[] {2, 3}, out -> out.write(new byte[5])));
        String m = assertThrows(IllegalStateException.class, () -> Npz.write(f, shortOne)).getMessage();
        assertTrue(m.contains("'rows'") && m.contains("needs 6 bytes, but 5"), m);
        Map<String, NpyEntry> failing = new LinkedHashMap<>();
        failing.put("rows", new NpyEntry.Streamed("|u1", 1, new int[] {4}, out -> {
            out.write(new byte[2]);
            throw new IOException("disk gone");
        }));
        assertThrows(IOException.class, () -> Npz.write(f, failing));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("a.npz"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** The other dtypes' headers and bytes: uint8, int32, bool, fixed-width UTF-32 strings, and a 0-D string. */
    @Test
    void otherDtypesHaveNumpysHeadersAndBytes() throws Exception {
        assertEquals("|u1", new NpyEntry.Bytes(new int[] {2}, new byte[] {1, (byte) 255}).descr());
        assertEquals("<i4", new NpyEntry.Ints(new int[] {1}, new int[] {-2}).descr());
        assertEquals("|b1", new NpyEntry.Booleans(new int[] {1}, new boolean[] {true}).descr());
        NpyEntry.Strings s = NpyEntry.Strings.of(List.of("ab", "\u00e9xyz"));
        assertEquals("<U4", s.descr());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        s.writeData(out);
        assertArrayEquals(new byte[] {'a', 0, 0, 0, 'b', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            (byte) 0xe9, 0, 0, 0, 'x', 0, 0, 0, 'y', 0, 0, 0, 'z', 0, 0, 0}, out.toByteArray());
        assertEquals(0, NpyEntry.Strings.scalar("x").shape().length);
        String header = new String(Npz.npyHeader("<U4", new int[] {2}), StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("{'descr': '<U4', 'fortran_order': False, 'shape': (2,), }"), header);
        assertEquals(0, header.length() % 64);
        assertThrows(IllegalArgumentException.class, () -> new NpyEntry.Ints(new int[] {3}, new int[2]));
    }
}
