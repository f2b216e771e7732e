package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving replaces a model whole or not at all, and never leaves a temporary folder behind. */
class ModelStoreAtomicSaveTest {

    @TempDir
    Path dir;

    private final ModelStore store = new ModelStore("test");

    @Test
    void savingOverAnExistingModelReplacesIt() throws IOException {
        Path folder = dir.resolve("model");
        store.save(folder, TestModels.pca(TestModels.D, 2, 1));
        SavedModel second = TestModels.trained(TestModels.sparseDenoisingAe(), 1, 2, "second");
        store.save(folder, second);

        SavedModel loaded = store.load(folder);
        assertEquals(second.model().config(), loaded.model().config());
        assertEquals("second", loaded.command());
        assertEquals(List.of(folder), listing(dir));
    }

    @Test
    void aSaveThatFailsWhileWritingLeavesTheOldModelAndNoTemporaryFolder() throws IOException {
        Path folder = dir.resolve("model");
        SavedModel old = TestModels.trained(TestModels.sparseDenoisingAe(), 1, 3, "old");
        store.save(folder, old);
        float[] z = TestModels.data(4, 3, 1);
        float[] before = store.load(folder).model().decode(z, 4);

        SavedModel failing = SavedModel.of(new FailingModel(old.model()), old.training(), old.history(), null, 3, 1,
                0, null, "new");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.save(folder, failing));
        assertTrue(e.getMessage().contains("simulated"));

        SavedModel loaded = store.load(folder);
        assertEquals("old", loaded.command());
        assertArrayEquals(before, loaded.model().decode(z, 4));
        assertEquals(List.of(folder), listing(dir), "no temporary folder left");
    }

    @Test
    void aFailedSaveOfANewModelLeavesNothing() {
        Path folder = dir.resolve("fresh");
        SavedModel old = TestModels.trained(TestModels.sparseDenoisingAe(), 1, 3, null);
        SavedModel failing = SavedModel.of(new FailingModel(old.model()), null, null, null, 3, 0, 0, null, null);
        assertThrows(UncheckedIOException.class, () -> store.save(folder, failing));
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void aFailedRenameIntoPlaceRestoresTheOldFolder() throws IOException {
        Path target = Files.createDirectory(dir.resolve("model"));
        Files.writeString(target.resolve("model.json"), "old");
        Path source = Files.createDirectory(dir.resolve(".model.tmp-1"));
        Files.writeString(source.resolve("model.json"), "new");

        IOException failure = new IOException("rename refused (simulated)");
        FolderSwap.Mover failsIntoPlace = (from, to) -> {
            if (from.equals(source)) {
                throw failure;
            }
            FolderSwap.RENAME.move(from, to);
        };
        IOException e = assertThrows(IOException.class, () -> FolderSwap.replace(source, target, failsIntoPlace));
        assertSame(failure, e);
        assertEquals("old", Files.readString(target.resolve("model.json")));
        assertEquals(List.of(source, target), listing(dir), "backup renamed back, nothing else left");
    }

    @Test
    void aRenameIntoPlaceSwapsFoldersAndDeletesTheBackup() throws IOException {
        Path target = Files.createDirectory(dir.resolve("model"));
        Files.writeString(target.resolve("model.json"), "old");
        Files.writeString(target.resolve("parameters.bin"), "old");
        Path source = Files.createDirectory(dir.resolve(".model.tmp-1"));
        Files.writeString(source.resolve("model.json"), "new");

        FolderSwap.replace(source, target);
        assertEquals("new", Files.readString(target.resolve("model.json")));
        assertFalse(Files.exists(target.resolve("parameters.bin")));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void aReplacedFolderHoldingAnythingASaveDoesNotWriteIsKeptNotDeleted() throws IOException {
        Path target = Files.createDirectory(dir.resolve("model"));
        Files.createDirectories(target.resolve("nested"));
        Files.writeString(target.resolve("nested/old.txt"), "old");
        Path source = Files.createDirectory(dir.resolve(".model.tmp-1"));
        Files.writeString(source.resolve("model.json"), "new");

        FolderSwap.replace(source, target);
        assertEquals("new", Files.readString(target.resolve("model.json")));
        List<Path> left = listing(dir);
        assertEquals(2, left.size(), left.toString());
        Path backup = left.get(0);
        assertEquals("old", Files.readString(backup.resolve("nested/old.txt")));
    }

    @Test
    void refusesToReplaceAFolderThatIsNotAModel() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("documents"));
        Files.writeString(folder.resolve("thesis.tex"), "precious");
        IOException e = assertThrows(IOException.class,
                () -> store.save(folder, TestModels.pca(TestModels.D, 2, 1)));
        assertTrue(e.getMessage().contains("holds other files: thesis.tex"), e.getMessage());
        assertEquals("precious", Files.readString(folder.resolve("thesis.tex")));
        assertEquals(List.of(folder), listing(dir));
    }

    @Test
    void savesIntoAnEmptyFolderAndCreatesMissingParents() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        store.save(empty, TestModels.pca(TestModels.D, 2, 1));
        assertTrue(Files.exists(empty.resolve(ModelStore.MODEL_FILE)));
        Path nested = dir.resolve("a/b/model");
        store.save(nested, TestModels.pca(TestModels.D, 2, 1));
        assertTrue(Files.exists(nested.resolve(ModelStore.PARAMETERS_FILE)));
    }

    @Test
    void temporaryFoldersAreHiddenSiblingsWithRandomNames() throws IOException {
        Path target = dir.resolve("model");
        Path a = FolderSwap.createSibling(target, FolderSwap.TEMP_MARK);
        Path b = FolderSwap.createSibling(target, FolderSwap.TEMP_MARK);
        assertEquals(dir, a.getParent());
        assertTrue(a.getFileName().toString().startsWith(".model.tmp-"), a.toString());
        assertNotEquals(a, b);
    }

    private static List<Path> listing(Path dir) {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model whose parameters cannot be read, like a disk that fails mid-save. */
    private record FailingModel(Autoencoder real) implements Autoencoder {

        @Override
        public ModelConfig config() {
            return real.config();
        }

        @Override
        public float[] encode(float[] x, int n) {
            return real.encode(x, n);
        }

        @Override
        public float[] decode(float[] z, int n) {
            return real.decode(z, n);
        }

        @Override
        public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed) {
            return real.evaluate(input, target, n, noiseSeed);
        }

        @Override
        public List<Parameter> parameters() {
            throw new UncheckedIOException(new IOException("disk full (simulated)"));
        }

        @Override
        public Autoencoder copy() {
            return this;
        }
    }
}
