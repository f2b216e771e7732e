package dev.bottleneck.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file or folder that cannot be read as what it should be. The message always names the file and the problem, so
 * it can be shown to a user as it is ({@code "train-images.gz: truncated: ..."}); {@link #problem()} is the part
 * after the name. The data readers and the model store each have their own subclass.
 */
public class FileProblemException extends IOException {

    private final transient Path file;
    private final String problem;

    public FileProblemException(Path file, String problem, Throwable cause) {
        super((file == null ? "(no file)" : file.toString()) + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file (or folder) that could not be read. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
