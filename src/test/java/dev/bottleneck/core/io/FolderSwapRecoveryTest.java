package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each state a killed save can leave, and what the next load or save makes of it. */
class FolderSwapRecoveryTest {

    @TempDir
    Path dir;

    private final ModelStore store = new ModelStore("test");

    /** Killed between the two renames: the old model is aside, the new one complete in its temporary folder. */
    @Test
    void aKillBetweenTheRenamesRollsBackToTheOldModelOnLoad() throws IOException {
        Path folder = dir.resolve("model");
        store.save(folder, TestModels.pca(TestModels.D, 2, 1));
        Path backup = dir.resolve(".model.old-0123456789ab");
        Files.move(folder, backup);
        Path complete = dir.resolve("other");
        store.save(complete, TestModels.pca(TestModels.D, 3, 1));
        Files.move(complete, dir.resolve(".model.tmp-abcdef012345"));

        assertEquals(2, store.load(folder).model().latentDim(), "the old model, whole");
        assertEquals(List.of("model"), listing(dir));
    }

    @Test
    void aKillBetweenTheRenamesIsPutRightByTheNextSaveToo() throws IOException {
        Path folder = dir.resolve("model");
        store.save(folder, TestModels.pca(TestModels.D, 2, 1));
        Files.move(folder, dir.resolve(".model.old-0123456789ab"));
        store.save(folder, TestModels.pca(TestModels.D, 4, 1));
        assertEquals(4, store.load(folder).model().latentDim());
        assertEquals(List.of("model"), listing(dir));
    }

    /** Killed after the second rename: the new model is in place, the old one not yet (or half) deleted. */
    @Test
    void aHalfDeletedBackupBesideTheNewModelIsDeleted() throws IOException {
        Path folder = dir.resolve("model");
        store.save(folder, TestModels.pca(TestModels.D, 2, 1));
        Path half = Files.createDirectory(dir.resolve(".model.old-0123456789ab"));
        Files.writeString(half.resolve(ModelStore.PARAMETERS_FILE), "old");
        assertEquals(2, store.load(folder).model().latentDim());
        assertEquals(List.of("model"), listing(dir));
    }

    /** Killed while writing the first save: nothing at the path, a temporary folder that is deleted. */
    @Test
    void aTemporaryFolderWithoutAModelIsDeletedAndTheFolderIsMissing() throws IOException {
        Path temp = Files.createDirectory(dir.resolve(".model.tmp-0123456789ab"));
        Files.writeString(temp.resolve(ModelStore.PARAMETERS_FILE), "partial");
        Path folder = dir.resolve("model");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(folder));
        assertTrue(e.getMessage().contains("no such model folder"), e.getMessage());
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void nothingTheUserOwnsIsTouched() throws IOException {
        Path folder = dir.resolve("model");
        store.save(folder, TestModels.pca(TestModels.D, 2, 1));
        Path named = Files.createDirectory(dir.resolve(".model.old-notes"));           // not our pattern
        Path foreign = Files.createDirectory(dir.resolve(".model.tmp-0123456789ab"));  // ours, but holds more
        Files.writeString(foreign.resolve("draft.txt"), "mine");
        Path probeWithData = Files.writeString(dir.resolve(".model.probe-0123456789ab"), "mine");
        store.load(folder);
        assertEquals(List.of(".model.old-notes", ".model.probe-0123456789ab", ".model.tmp-0123456789ab", "model"),
                listing(dir));
        assertEquals("mine", Files.readString(foreign.resolve("draft.txt")));
        assertEquals("mine", Files.readString(probeWithData));
        assertTrue(Files.isDirectory(named));
    }

    @Test
    void ofTwoCompleteBackupsTheNewestIsRestored() throws IOException {
        Path folder = dir.resolve("model");
        store.save(folder, TestModels.pca(TestModels.D, 2, 1));
        Path older = dir.resolve(".model.old-000000000000");
        Files.move(folder, older);
        Files.setLastModifiedTime(older.resolve(ModelStore.MODEL_FILE),
                java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Path other = dir.resolve("other");
        store.save(other, TestModels.pca(TestModels.D, 3, 1));
        Files.move(other, dir.resolve(".model.old-ffffffffffff"));
        assertEquals(3, store.load(folder).model().latentDim());
        assertEquals(List.of("model"), listing(dir));
    }

    private static List<String> listing(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
