package dev.bottleneck.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Puts a freshly written folder in the place of another with renames only, so that no reader ever sees half a
 * folder and an existing folder survives a failure or a crash at any instant; and recovers from such a crash.
 *
 * <p>The swap: the new folder is written and forced to disk as {@code .<name>.tmp-<random>}. If the target exists it
 * is renamed aside to {@code .<name>.old-<random>}, the new folder is renamed into place at once, the parent folder
 * is forced to disk, and the old folder is deleted ({@code model.json} first). If the second rename fails the old
 * folder is renamed back. The save is committed the instant the second rename happens; a crash before that rolls
 * back to the old model, a crash after it keeps the new one.
 *
 * <p>The one window without a folder at the target is between the two rename system calls, two calls apart with
 * nothing between them. No rename in Java can swap two non-empty folders in one step (Linux's
 * {@code renameat2(RENAME_EXCHANGE)} and macOS's {@code renamex_np(RENAME_SWAP)} can, but need native code). A crash
 * in the window leaves the old model complete as {@code .<name>.old-*}; {@link #recover}, which every save and load
 * runs first, renames it back. A crash anywhere else leaves a {@code .tmp-} or {@code .old-} folder beside the
 * model that {@link #recover} deletes. The guarantee per OS is in {@code docs/SAVING.md}.
 *
 * <p>Renames use {@code ATOMIC_MOVE} where the file system supports it; every rename stays within one parent folder.
 * Deleting is only ever of folders a save wrote, file by known file ({@link #deleteSaved}).
 */
final class FolderSwap {

    /** One rename; the seam the tests use to make a step fail. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** The real rename: atomic where supported. The caller forces the parent folder to disk. */
    static final Mover RENAME = (from, to) -> {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    };

    static final String TEMP_MARK = ".tmp-";
    static final String BACKUP_MARK = ".old-";
    static final String PROBE_MARK = ".probe-";
    /**
     * For the crash tests only: milliseconds to sleep between the two renames of a swap and again before the old
     * folder is deleted, so that a test can kill the process inside those windows. Never set in use.
     */
    static final String PAUSE_PROPERTY = "bottleneck.test.swapPauseMillis";
    private static final int RANDOM_BYTES = 6;
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

    /** A name {@code .<target's name><mark><random>} in {@code dir} (a probe file in the target or above it). */
    static Path siblingIn(Path dir, Path target, String mark) {
        return dir.resolve(sibling(target, mark).getFileName());
    }

    private static Path sibling(Path target, String mark) {
        byte[] r = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(r);
        return target.resolveSibling("." + target.getFileName() + mark + HexFormat.of().formatHex(r));
    }

    /** Replaces {@code target} (which may not exist) by {@code source}, a sibling of it. */
    static void replace(Path source, Path target) throws IOException {
        replace(source, target, RENAME);
    }

    static void replace(Path source, Path target, Mover mover) throws IOException {
        Path parent = target.getParent();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            mover.move(source, target);
            syncFolder(parent);
            return;
        }
        Path backup = sibling(target, BACKUP_MARK);
        long pause = Long.getLong(PAUSE_PROPERTY, 0);
        // The window: from here to the second rename no folder is at the target. Nothing else happens in it (the
        // parent is forced to disk after both renames: a power cut may keep the first rename alone, which
        // recover() rolls back like a crash).
        mover.move(target, backup);
        pauseForTests(pause);
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
        syncFolder(parent);
        pauseForTests(pause);
        deleteSaved(backup);
        syncFolder(parent);
    }

    private static void pauseForTests(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Puts right what a save that crashed (or was killed, or lost power) left around {@code target}, before a save or
     * a load uses it. If no folder is at the target but a complete backup ({@code .<name>.old-*} with its
     * {@code model.json}) is, the crash came inside the swap: the backup is renamed back, and the save that was
     * interrupted counts as not having happened (its finished {@code .tmp-} folder is not promoted: the old model is
     * what the user last saw saved). Then every {@code .<name>.tmp-*} and, once the target is there, every
     * {@code .<name>.old-*} is deleted, as are probe files ({@code .<name>.probe-*}), each only if it holds nothing
     * a save does not write.
     *
     * <p>Best effort and quiet: with nothing left over it only lists the parent folder (so loading from a read-only
     * place writes nothing); what it cannot rename or delete stays for the next time.
     */
    static void recover(Path target) {
        Path parent = target.getParent();
        Path name = target.getFileName();
        if (parent == null || name == null) {
            return;
        }
        String prefix = "." + name;
        List<Path> backups = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        List<Path> probes = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, p -> p.getFileName().toString()
                .startsWith(prefix + "."))) {
            for (Path p : s) {
                String rest = p.getFileName().toString().substring(prefix.length());
                if (isMarked(rest, BACKUP_MARK)) {
                    backups.add(p);
                } else if (isMarked(rest, TEMP_MARK)) {
                    temps.add(p);
                } else if (isMarked(rest, PROBE_MARK)) {
                    probes.add(p);
                }
            }
        } catch (IOException e) {
            return; // cannot list the parent: nothing to recover that we could see
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            // the writability check also probes inside the target
            try (DirectoryStream<Path> s = Files.newDirectoryStream(target, p -> p.getFileName().toString()
                    .startsWith(prefix + PROBE_MARK))) {
                for (Path p : s) {
                    if (isMarked(p.getFileName().toString().substring(prefix.length()), PROBE_MARK)) {
                        probes.add(p);
                    }
                }
            } catch (IOException e) {
                // not readable: nothing of ours seen
            }
        }
        if (backups.isEmpty() && temps.isEmpty() && probes.isEmpty()) {
            return;
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path newest = null;
            FileTime newestTime = null;
            for (Path b : backups) {
                Path manifest = b.resolve(ModelStore.MODEL_FILE);
                if (SaveTarget.holdsOnlySavedFiles(b) && Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        FileTime t = Files.getLastModifiedTime(manifest);
                        if (newestTime == null || t.compareTo(newestTime) > 0) {
                            newest = b;
                            newestTime = t;
                        }
                    } catch (IOException e) {
                        // not a candidate
                    }
                }
            }
            if (newest != null) {
                try {
                    RENAME.move(newest, target);
                    syncFolder(parent);
                    backups.remove(newest);
                } catch (IOException e) {
                    return; // leave everything as it is: the backup is the only copy
                }
            }
        }
        boolean targetThere = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        for (Path t : temps) {
            deleteSaved(t);
        }
        for (Path b : backups) {
            // Without a target only incomplete backups are left here (a complete one was restored above).
            if (targetThere || !Files.exists(b.resolve(ModelStore.MODEL_FILE), LinkOption.NOFOLLOW_LINKS)) {
                deleteSaved(b);
            }
        }
        for (Path p : probes) {
            try {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                // next time
            }
        }
        syncFolder(parent);
    }

    /** True if {@code rest} is {@code mark} followed by exactly the random hex digits {@link #sibling} makes. */
    private static boolean isMarked(String rest, String mark) {
        return rest.startsWith(mark) && rest.length() == mark.length() + 2 * RANDOM_BYTES
                && rest.substring(mark.length()).chars().allMatch(c -> Character.digit(c, 16) >= 0);
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
