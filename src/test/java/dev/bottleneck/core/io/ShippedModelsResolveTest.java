package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An installed app finds its shipped models by README's paths whatever the working directory. */
class ShippedModelsResolveTest {

    @TempDir
    Path dir;

    Path cwd;
    Path installModels;

    @BeforeEach
    void layout() throws Exception {
        cwd = Files.createDirectories(dir.resolve("home/user"));
        // An app image: lib/app/models/mnist-vae-2/model.json beside lib/app/bottleneck.jar.
        installModels = Files.createDirectories(dir.resolve("Bottleneck/lib/app/models"));
        Files.createDirectories(installModels.resolve("mnist-vae-2"));
        Files.writeString(installModels.resolve("mnist-vae-2").resolve(ModelStore.MODEL_FILE), "{}");
    }

    private Path resolve(String given) {
        return ShippedModels.resolve(Path.of(given), cwd, List.of(cwd.resolve("models"), installModels));
    }

    @Test
    void readmesModelsPathResolvesToTheInstalledModel() {
        assertEquals(installModels.resolve("mnist-vae-2"), resolve("models/mnist-vae-2"));
    }

    @Test
    void aBareShippedNameResolvesToo() {
        assertEquals(installModels.resolve("mnist-vae-2"), resolve("mnist-vae-2"));
    }

    @Test
    void aFolderInTheWorkingDirectoryWins() throws Exception {
        Files.createDirectories(cwd.resolve("models/mnist-vae-2"));
        assertEquals(Path.of("models/mnist-vae-2"), resolve("models/mnist-vae-2"));
    }

    @Test
    void anUnknownNameStaysAsGivenSoItsErrorNamesIt() {
        assertEquals(Path.of("models/no-such-model"), resolve("models/no-such-model"));
        assertEquals(Path.of("runs/my-vae"), resolve("runs/my-vae"));
        assertEquals(Path.of("../mnist-vae-2"), resolve("../mnist-vae-2"));
        Path absolute = dir.resolve("elsewhere/mnist-vae-2");
        assertEquals(absolute, ShippedModels.resolve(absolute, cwd, List.of(installModels)));
    }
}
