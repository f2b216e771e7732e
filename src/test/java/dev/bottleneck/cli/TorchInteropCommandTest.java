package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        CliRun imported = CliRun.of("import", "--torch", json.toString(), "--out", folder.toString(),
                "--dataset", "shapes");
        assertEquals(0, imported.exit(), imported.toString());
        SavedModel m = new ModelStore().load(folder);
        assertTrue(m.command().contains("--dataset shapes"), m.command());
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

    @Test
    void aMissingFileIsOneClearLine() {
        Path missing = tmp.resolve("nothing.json");
        CliRun r = CliRun.of("import", "--torch", missing.toString(), "--out", tmp.resolve("f").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(missing + ": no such file"), r.err());
    }
}
