package dev.bottleneck.core.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * The checks and messages every reader shares: a path that is missing, a folder where a file was expected, an I/O
 * error turned into a {@link DataException} that names the file.
 */
final class InputFiles {

    /** Alphabetical order for class names: ignoring case first, then exact, so the order is total. */
    static final Comparator<String> ALPHABETICAL =
            Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder());

    private InputFiles() {
    }

    /** Fails unless {@code file} exists and is a regular file (not a folder). */
    static void requireFile(Path file) throws DataException {
        if (file == null) {
            throw new DataException(null, "no file given");
        }
        if (!Files.exists(file)) {
            throw new DataException(file, "does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new DataException(file, "is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            // A FIFO would block the read forever, a link to /dev/zero never end it.
            throw new DataException(file, "is not a regular file (a pipe, device or other special file); not "
                    + "reading it");
        }
        if (!Files.isReadable(file)) {
            throw new DataException(file, "cannot be read (permission denied)");
        }
    }

    /** Fails unless {@code folder} exists and is a folder. */
    static void requireFolder(Path folder) throws DataException {
        if (folder == null) {
            throw new DataException(null, "no folder given");
        }
        if (!Files.exists(folder)) {
            throw new DataException(folder, "does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder, "is not a folder");
        }
    }

    /**
     * An I/O error while reading {@code file} as a {@link DataException}; a {@code DataException} passes through
     * unchanged.
     */
    static DataException failure(Path file, IOException e) {
        if (e instanceof DataException d) {
            return d;
        }
        if (e instanceof NoSuchFileException) {
            return new DataException(file, "does not exist", e);
        }
        if (e instanceof AccessDeniedException) {
            return new DataException(file, "cannot be read (permission denied)", e);
        }
        if (e instanceof CharacterCodingException) {
            return new DataException(file, "is not UTF-8 text", e);
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DataException(file, "cannot be read: " + detail, e);
    }

    /** The file name without its last extension: {@code "iris.csv"} gives {@code "iris"}. */
    static String baseName(Path file) {
        Path name = file.getFileName();
        String s = name == null ? file.toString() : name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
