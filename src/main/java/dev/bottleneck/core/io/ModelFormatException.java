package dev.bottleneck.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model folder that cannot be loaded. The message always names the file and the problem, so it can be shown to a
 * user as it is: {@code "mnist-vae/parameters.bin: truncated: 4000 bytes, model.json says 16384"}.
 */
public class ModelFormatException extends IOException {

    private final transient Path file;
    private final String problem;

    public ModelFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelFormatException(Path file, String problem, Throwable cause) {
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
