package dev.bottleneck.core.io;

import dev.bottleneck.core.FileProblemException;
import java.nio.file.Path;

/**
 * A model folder that cannot be loaded. The message always names the file and the problem, so it can be shown to a
 * user as it is: {@code "mnist-vae/parameters.bin: truncated: 4000 bytes, model.json says 16384"}.
 */
public class ModelFormatException extends FileProblemException {

    public ModelFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
