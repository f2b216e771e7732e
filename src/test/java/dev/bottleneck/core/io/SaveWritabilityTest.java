package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bottleneck.core.FileProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that cannot be written is found before any work, and a save that fails says why in words with the
 * folder the user gave, never a hidden temporary name.
 */
class SaveWritabilityTest {

    @TempDir
    Path dir;

    private final ModelStore store = new ModelStore("test");

    @Test
    void aParentThatIsAFileIsFoundBeforeSaving() throws IOException {
        Path file = Files.writeString(dir.resolve("notes"), "mine");
        Path out = file.resolve("a/model");
        FileProblemException e = assertThrows(FileProblemException.class, () -> ModelStore.checkCanSave(out));
        assertEquals(out + ": cannot be made: " + file + " is a file, not a folder", e.getMessage());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void anOutThatIsAFileIsFoundBeforeSaving() throws IOException {
        Path file = Files.writeString(dir.resolve("model"), "mine");
        FileProblemException e = assertThrows(FileProblemException.class, () -> ModelStore.checkCanSave(file));
        assertEquals(file + ": is a file, not a model folder", e.getMessage());
    }

    @Test
    void aWritableFolderPassesAndTheProbeLeavesNothing() throws IOException {
        Path out = dir.resolve("new/model");
        ModelStore.checkCanSave(out);
        assertEquals(List.of(), listing(dir), "nothing made by the check");
        store.save(out, TestModels.pca(TestModels.D, 2, 1));
        ModelStore.checkCanSave(out);
        assertEquals(List.of("model.json", "history.json", "parameters.bin").stream().sorted().toList(),
                listing(out));
    }

    @Test
    void aFolderWithoutWritePermissionIsFoundBeforeSaving() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions");
        Path parent = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(parent), "running as root: permissions do not bite");
            Path out = parent.resolve("model");
            FileProblemException e = assertThrows(FileProblemException.class, () -> ModelStore.checkCanSave(out));
            assertEquals(out + ": cannot save there: permission denied (in " + parent + ")", e.getMessage());
            FileProblemException s = assertThrows(FileProblemException.class,
                    () -> store.save(out, TestModels.pca(TestModels.D, 2, 1)));
            assertTrue(s.getMessage().startsWith(out + ": "), s.getMessage());
            assertTrue(s.getMessage().contains("permission denied"), s.getMessage());
            assertFalse(s.getMessage().contains(".tmp-"), s.getMessage());
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** The words for what the OS says, checked on a real "No space left on device" where Linux can give one. */
    @Test
    void aFullDiskIsNamedInWords() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "Linux's /dev/full");
        IOException enospc = assertThrows(IOException.class, () -> Files.write(full, new byte[4096]));
        assertEquals("no space left on device", SaveTarget.reason(enospc));
    }

    @Test
    void otherFailuresAreNamedInWordsWithoutTheFile() {
        Path temp = dir.resolve(".model.tmp-0123456789ab");
        assertEquals("permission denied", SaveTarget.reason(new AccessDeniedException(temp.toString())));
        assertEquals("read-only file system",
                SaveTarget.reason(new FileSystemException(temp.toString(), null, "Read-only file system")));
        assertEquals("disk quota exceeded",
                SaveTarget.reason(new FileSystemException(temp.toString(), null, "Disk quota exceeded")));
        assertEquals("no space left on device",
                SaveTarget.reason(new FileSystemException(temp.toString(), null,
                        "There is not enough space on the disk")));
    }

    /**
     * A save onto a full file system, end to end. Needs a folder on a (nearly) full file system, given as
     * {@code -Dbottleneck.fullFolder=...} (on Linux as root: {@code mount -t tmpfs -o size=256k tmpfs /mnt/full}, then
     * fill it); skipped without one.
     */
    @Test
    void aSaveOntoAFullDiskSaysSoWithTheFolderAndLeavesNothing() throws IOException {
        String full = System.getProperty("bottleneck.fullFolder");
        assumeTrue(full != null, "no full file system given (-Dbottleneck.fullFolder)");
        Path out = Path.of(full, "model");
        List<String> before = listing(Path.of(full));
        FileProblemException e = assertThrows(FileProblemException.class,
                () -> store.save(out, TestModels.trained(AutoencoderConfigs.large(), 1, 1, "big")));
        System.out.println("full disk: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(out + ": not saved: no space left on device"), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp-"), e.getMessage());
        assertEquals(before, listing(Path.of(full)), "no temporary folder left");
    }

    /** A model of some megabytes, more than a nearly full file system holds. */
    private static final class AutoencoderConfigs {
        static dev.bottleneck.core.model.ModelConfig large() {
            return dev.bottleneck.core.model.AutoencoderConfig.plain(TestModels.D, List.of(1024, 1024), 2);
        }
    }

    private static List<String> listing(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
