package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.Npz;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.io.TorchModels;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ConvArchitecture;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.NeuralConfig;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.VaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchInteropCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void importMakesAFolderAndExportWritesItBack() throws Exception {
        Path json = Path.of(getClass().getResource("/interop/demo-vae.json").toURI());
        Path folder = tmp.resolve("vae");
        Path csv = csv("twelve.csv", 0, 1);
        CliRun imported = CliRun.of("import", "--torch", json.toString(), "--out", folder.toString(),
                "--dataset", csv.toString());
        assertEquals(0, imported.exit(), imported.toString());
        SavedModel m = new ModelStore().load(folder);
        assertTrue(m.command().contains("--dataset " + csv), m.command());
        Autoencoder original = TorchModels.load(json);
        float[] x = new float[2 * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 5) / 5f;
        }
        assertArrayEquals(original.reconstruct(x, 2), m.model().reconstruct(x, 2));

        Path out = tmp.resolve("back.json");
        CliRun exported = CliRun.of("export", "--model", folder.toString(), "--out", out.toString());
        assertEquals(0, exported.exit(), exported.toString());
        assertTrue(Files.exists(tmp.resolve("back.npz")));
        assertArrayEquals(original.reconstruct(x, 2), TorchModels.load(out).reconstruct(x, 2));
    }

    /**
     * PyTorch's conv VAE (1x8x12 images) through import and back through export: the folder holds the Conv VAE with
     * the image and nets of the JSON, and the files export writes are PyTorch's arrays again, so the model
     * PyTorch rebuilds from them computes what it computed.
     */
    @Test
    void aConvModelImportsAndExportsBackUnchanged() throws Exception {
        Path json = Path.of(getClass().getResource("/interop/demo-conv-vae.json").toURI());
        Path folder = tmp.resolve("conv-vae");
        CliRun imported = CliRun.of("import", "--torch", json.toString(), "--out", folder.toString());
        assertEquals(0, imported.exit(), imported.toString());
        assertTrue(imported.out().contains("(Conv VAE, input 1x8x12, latent 3)"), imported.out());
        SavedModel m = new ModelStore().load(folder);
        Autoencoder original = TorchModels.load(json);
        assertEquals(ModelKind.CONV_VAE, m.model().config().kind());
        assertEquals(original.config(), m.model().config());
        assertEquals(Shape.image(1, 8, 12), ((NeuralConfig) m.model().config()).conv().image());
        float[] x = inputs(3, 96);
        assertArrayEquals(original.encode(x, 3), m.model().encode(x, 3));
        assertArrayEquals(original.reconstruct(x, 3), m.model().reconstruct(x, 3));

        Path out = tmp.resolve("back.json");
        CliRun exported = CliRun.of("export", "--model", folder.toString(), "--out", out.toString());
        assertEquals(0, exported.exit(), exported.toString());
        assertSameArrays(json.resolveSibling("demo-conv-vae.npz"), tmp.resolve("back.npz"));
        assertEquals(JSON.readTree(json.toFile()).get("conv"),
                JSON.readTree(out.toFile()).get("conv"));
        assertArrayEquals(original.reconstruct(x, 3), TorchModels.load(out).reconstruct(x, 3));
    }

    /**
     * A Bottleneck conv model for the shapes data (1x32x32) through export, import --dataset shapes (which fits)
     * and export again: the same arrays, the same outputs.
     */
    @Test
    void aConvModelOfTheShapesDataRoundTripsThroughExportAndImport() throws Exception {
        Autoencoder model = VaeConfig.standard(1024, null, 2, 1.0).withConv(new ConvArchitecture(
                Shape.image(1, 32, 32), new ConvSpec(List.of(2, 3), 4, 2, 1, List.of(5)))).build(7);
        Path first = tmp.resolve("first.json");
        TorchModels.export(model, first);
        Path folder = tmp.resolve("shapes-conv-vae");
        CliRun imported = CliRun.of("import", "--torch", first.toString(), "--out", folder.toString(),
                "--dataset", "shapes");
        assertEquals(0, imported.exit(), imported.toString());
        Path second = tmp.resolve("second.json");
        CliRun exported = CliRun.of("export", "--model", folder.toString(), "--out", second.toString());
        assertEquals(0, exported.exit(), exported.toString());
        assertSameArrays(tmp.resolve("first.npz"), tmp.resolve("second.npz"));
        float[] x = inputs(2, 1024);
        Autoencoder back = new ModelStore().load(folder).model();
        assertEquals(model.config(), back.config());
        assertArrayEquals(model.reconstruct(x, 2), back.reconstruct(x, 2));
        assertArrayEquals(model.encode(x, 2), TorchModels.load(second).encode(x, 2));
    }

    @Test
    void importRefusesVectorsForAConvModel() throws Exception {
        Path json = Path.of(getClass().getResource("/interop/demo-conv-vae.json").toURI());
        Path csv = csv("ninety-six.csv", 96, 0, 1);
        Path folder = tmp.resolve("conv-vae");
        CliRun r = CliRun.of("import", "--torch", json.toString(), "--out", folder.toString(), "--dataset",
                csv.toString());
        CliErrorsTest.assertOneErrorLine(r, "--dataset " + csv + " does not fit the model in " + json);
        assertTrue(r.err().contains("the data are vectors of 96 numbers, the model's convolutions take 1x8x12 "
                + "images"), r.err());
        assertFalse(Files.exists(folder), "nothing written");
    }

    private static float[] inputs(int n, int d) {
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 5) / 5f;
        }
        return x;
    }

    private static void assertSameArrays(Path expected, Path actual) throws IOException {
        Map<String, Npz.Array> a = Npz.read(expected);
        Map<String, Npz.Array> b = Npz.read(actual);
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).shape(), b.get(k).shape(), k);
            assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
        }
    }

    /** 40 rows of 12 numbers evenly spread over [lo, hi]: data of the demo models' shape. */
    private Path csv(String name, double lo, double hi) throws Exception {
        return csv(name, 12, lo, hi);
    }

    /** 40 rows of {@code width} numbers evenly spread over [lo, hi]. */
    private Path csv(String name, int width, double lo, double hi) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 40; r++) {
            for (int c = 0; c < width; c++) {
                sb.append(c == 0 ? "" : ",").append(lo + (hi - lo) * ((r * width + c) % 7) / 6.0);
            }
            sb.append('\n');
        }
        Path file = tmp.resolve(name);
        Files.writeString(file, sb.toString());
        return file;
    }

    @Test
    void importRefusesADatasetOfAnotherInputSize() throws Exception {
        Path json = Path.of(getClass().getResource("/interop/demo-vae.json").toURI());
        Path folder = tmp.resolve("vae");
        CliRun r = CliRun.of("import", "--torch", json.toString(), "--out", folder.toString(), "--dataset", "shapes");
        CliErrorsTest.assertOneErrorLine(r, "--dataset shapes does not fit the model in " + json);
        assertTrue(r.err().contains("the data has 1024 numbers per example, the model takes 12"), r.err());
        assertFalse(Files.exists(folder), "nothing written");
    }

    @Test
    void importRefusesDataOutsideTheBernoulliDecodersRange() throws Exception {
        Path json = Path.of(getClass().getResource("/interop/demo-vae.json").toURI());
        Path csv = csv("wide.csv", -1, 2);
        Path folder = tmp.resolve("vae");
        CliRun r = CliRun.of("import", "--torch", json.toString(), "--out", folder.toString(), "--dataset",
                csv.toString());
        CliErrorsTest.assertOneErrorLine(r, "--dataset " + csv + " does not fit the model in " + json);
        assertTrue(r.err().contains("[-1.0, 2.0]") && r.err().contains("Bernoulli"), r.err());
        assertFalse(Files.exists(folder), "nothing written");
    }

    /**
     * A shipped model by name, not by a path that exists here: the folder is found among the shipped models (the
     * bottleneck.models property in the tests, lib/app/models in an installed app).
     */
    @Test
    void exportFindsAShippedModelByName() {
        Path out = tmp.resolve("mnist-vae-2.json");
        CliRun r = CliRun.of("export", "--model", "mnist-vae-2", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(out), r.toString());
    }

    @Test
    void aMissingFileIsOneClearLine() {
        Path missing = tmp.resolve("nothing.json");
        CliRun r = CliRun.of("import", "--torch", missing.toString(), "--out", tmp.resolve("f").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(missing + ": no such file"), r.err());
    }
}
