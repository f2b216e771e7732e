package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.io.TorchModels;
import dev.bottleneck.core.model.Autoencoder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchInteropCommandTest {

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

    /** 40 rows of 12 numbers evenly spread over [lo, hi]: data of the demo models' shape. */
    private Path csv(String name, double lo, double hi) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 40; r++) {
            for (int c = 0; c < 12; c++) {
                sb.append(c == 0 ? "" : ",").append(lo + (hi - lo) * ((r * 12 + c) % 7) / 6.0);
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
