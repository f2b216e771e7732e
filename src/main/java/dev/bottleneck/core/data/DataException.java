package dev.bottleneck.core.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Input that cannot be read as a dataset. The message always names the file and the problem, so it can be shown to a
 * user as it is: {@code "train-images.gz: truncated: expected 47040000 pixel bytes, found 1000"}.
 */
public class DataException extends IOException {

    private final transient Path file;
    private final String problem;

    public DataException(Path file, String problem) {
        this(file, problem, null);
    }

    public DataException(Path file, String problem, Throwable cause) {
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
