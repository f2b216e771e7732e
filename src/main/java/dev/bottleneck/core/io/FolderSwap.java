package dev.bottleneck.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Puts a freshly written folder in the place of another with renames only, so that no reader ever sees half a
 * folder and an existing folder survives a failure.
 *
 * <p>If the target exists it is first renamed aside to {@code .<name>.old-<random>}, then the new folder is renamed
 * into place, then the old one is deleted. If the second rename fails the old folder is renamed back. A crash
 * between the two renames leaves the old folder complete under its backup name (the loader points at it). Renames
 * use {@code ATOMIC_MOVE} where the file system supports it; every rename stays within one parent folder.
 */
final class FolderSwap {

    /** One rename; the seam the tests use to make a step fail. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** The real rename: atomic where supported, then the parent folder's entry forced to disk. */
    static final Mover RENAME = (from, to) -> {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
        syncFolder(to.getParent());
    };

    static final String TEMP_MARK = ".tmp-";
    static final String BACKUP_MARK = ".old-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FolderSwap() {
    }

    /**
     * Makes a new empty sibling folder {@code .<name><mark><random>} of {@code target}, with the default permissions
     * (unlike {@link Files#createTempDirectory}, which makes it private to the user).
     */
    static Path createSibling(Path target, String mark) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = sibling(target, mark);
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    private static Path sibling(Path target, String mark) {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        return target.resolveSibling("." + target.getFileName() + mark + HexFormat.of().formatHex(r));
    }

    /** Replaces {@code target} (which may not exist) by {@code source}, a sibling of it. */
    static void replace(Path source, Path target) throws IOException {
        replace(source, target, RENAME);
    }

    static void replace(Path source, Path target, Mover mover) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            mover.move(source, target);
            return;
        }
        Path backup = sibling(target, BACKUP_MARK);
        mover.move(target, backup);
        try {
            mover.move(source, target);
        } catch (IOException | RuntimeException e) {
            try {
                mover.move(backup, target);
            } catch (IOException | RuntimeException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        deleteSaved(backup);
    }

    /**
     * Deletes a folder a save wrote (a replaced model, a temporary folder): {@code model.json} first, so that a
     * folder half deleted is never taken for a complete model, then the other files a save writes, then the folder.
     * Anything else in it (which a save never writes) is left, and so is the folder: nothing of the user's is ever
     * deleted. Best effort; returns whether the folder is gone.
     */
    static boolean deleteSaved(Path dir) {
        if (!SaveTarget.holdsOnlySavedFiles(dir)) {
            return false;
        }
        try {
            Files.deleteIfExists(dir.resolve(ModelStore.MODEL_FILE));
            for (String name : SaveTarget.SAVED_FILES) {
                Files.deleteIfExists(dir.resolve(name));
            }
            for (String name : SaveTarget.OS_METADATA) {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            return false; // a leftover wastes space but loses nothing; the next save or load tries again
        }
    }

    /**
     * Forces a folder's entries to disk, so a rename or a new file in it survives a crash. Best effort: some
     * platforms (Windows) cannot open a folder for this and do not need it.
     */
    static void syncFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here
        }
    }
}
