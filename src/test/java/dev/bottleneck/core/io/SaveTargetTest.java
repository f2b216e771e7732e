package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.FileProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save replaces a folder only when it is a Bottleneck model folder by its manifest and holds nothing but what a
 * save writes; anything else is refused with the folder named and the reason, and nothing in it is touched.
 */
class SaveTargetTest {

    @TempDir
    Path dir;

    private final ModelStore store = new ModelStore("test");

    /** The reproduction: a TensorFlow.js model.json beside a thesis and a source folder. */
    @Test
    void aProjectFolderWithAForeignModelJsonIsRefusedAndKeptWhole() throws IOException {
        Path p = Files.createDirectories(dir.resolve("p/src"));
        p = p.getParent();
        Files.writeString(p.resolve("model.json"), "{\"format\":\"layers-model\"}");
        Files.writeString(p.resolve("thesis.tex"), "thesis");
        Files.writeString(p.resolve("src/Main.java"), "class Main {}");
        Map<String, String> before = contents(p);

        Path folder = p;
        FileProblemException e = assertThrows(FileProblemException.class,
                () -> store.save(folder, TestModels.pca(TestModels.D, 2, 1)));
        assertTrue(e.getMessage().startsWith(folder + ": not replacing it"), e.getMessage());
        assertTrue(e.getMessage().contains("it holds other files: src/, thesis.tex"), e.getMessage());
        assertTrue(e.getMessage().contains("its model.json is not a Bottleneck model description"), e.getMessage());
        assertTrue(!e.getMessage().contains("layers-model"), "does not quote the file: " + e.getMessage());
        assertEquals(before, contents(p), "nothing deleted or changed");
        assertEquals(List.of(p), listing(dir), "no temporary folder beside it");
    }

    @Test
    void aForeignModelJsonAloneIsRefused() throws IOException {
        Path p = Files.createDirectory(dir.resolve("tfjs"));
        Files.writeString(p.resolve("model.json"), "{\"format\":\"layers-model\",\"modelTopology\":{}}");
        FileProblemException e = assertThrows(FileProblemException.class, () -> ModelStore.checkCanSave(p));
        assertTrue(e.getMessage().contains("not a Bottleneck model description (no formatVersion)"), e.getMessage());
        assertEquals("{\"format\":\"layers-model\",\"modelTopology\":{}}", Files.readString(p.resolve("model.json")));
    }

    @Test
    void aBottleneckModelWithANoteBesideItIsRefused() throws IOException {
        Path model = dir.resolve("model");
        store.save(model, TestModels.pca(TestModels.D, 2, 1));
        Files.writeString(model.resolve("notes.txt"), "my notes");
        FileProblemException e = assertThrows(FileProblemException.class,
                () -> store.save(model, TestModels.pca(TestModels.D, 3, 2)));
        assertTrue(e.getMessage().contains("it holds other files: notes.txt"), e.getMessage());
        assertEquals("my notes", Files.readString(model.resolve("notes.txt")));
        assertEquals(2, store.load(model).model().latentDim(), "the old model is still there");
    }

    @Test
    void modelFilesWithoutAManifestAreNotAModelFolder() throws IOException {
        Path p = Files.createDirectory(dir.resolve("half"));
        Files.writeString(p.resolve("parameters.bin"), "someone's");
        FileProblemException e = assertThrows(FileProblemException.class, () -> ModelStore.checkCanSave(p));
        assertTrue(e.getMessage().contains("no model.json"), e.getMessage());
    }

    @Test
    void aModelFolderAFileBrowserHasShownIsReplaced() throws IOException {
        Path model = dir.resolve("model");
        store.save(model, TestModels.pca(TestModels.D, 2, 1));
        Files.writeString(model.resolve(".DS_Store"), "finder");
        store.save(model, TestModels.pca(TestModels.D, 3, 2));
        assertEquals(3, store.load(model).model().latentDim());
        assertEquals(List.of(model), listing(dir));
    }

    @Test
    void aFileIsNotReplaced() throws IOException {
        Path file = Files.writeString(dir.resolve("model"), "a file");
        FileProblemException e = assertThrows(FileProblemException.class,
                () -> store.save(file, TestModels.pca(TestModels.D, 2, 1)));
        assertEquals(file + ": is a file, not a model folder", e.getMessage());
        assertEquals("a file", Files.readString(file));
    }

    @Test
    void aLinkToAModelFolderIsNotReplaced() throws IOException {
        Path real = dir.resolve("real");
        store.save(real, TestModels.pca(TestModels.D, 2, 1));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        FileProblemException e = assertThrows(FileProblemException.class,
                () -> store.save(link, TestModels.pca(TestModels.D, 3, 1)));
        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
        assertEquals(2, store.load(real).model().latentDim());
    }

    @Test
    void leftoverDeletionKeepsAnythingASaveDoesNotWrite() throws IOException {
        Path d = Files.createDirectory(dir.resolve(".m.old-0123456789ab"));
        Files.writeString(d.resolve("model.json"), "{}");
        Files.writeString(d.resolve("mine.txt"), "mine");
        assertEquals(false, FolderSwap.deleteSaved(d));
        assertEquals("mine", Files.readString(d.resolve("mine.txt")));
        assertTrue(Files.exists(d.resolve("model.json")));
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "/");
            }
        }
        return m;
    }

    private static List<Path> listing(Path dir) {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
