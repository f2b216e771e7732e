package dev.bottleneck.core.data;

import dev.bottleneck.core.FileProblemException;
import java.nio.file.Path;

/**
 * Input that cannot be read as a dataset. The message always names the file and the problem, so it can be shown to a
 * user as it is: {@code "train-images.gz: truncated: expected 47040000 pixel bytes, found 1000"}.
 */
public class DataException extends FileProblemException {

    public DataException(Path file, String problem) {
        this(file, problem, null);
    }

    public DataException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
