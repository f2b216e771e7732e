package dev.bottleneck.core.io;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses parameters that are NaN or infinite. Such a model decodes to NaN everywhere and its metrics are
 * meaningless ({@code "negElbo": null}); it comes from a run that diverged or a damaged file, and is refused by name
 * wherever parameters enter or leave the app: loading a model folder, importing PyTorch arrays, saving.
 */
final class FiniteValues {

    private FiniteValues() {
    }

    /**
     * Fails if any of {@code values} (a {@code rows x cols} tensor, row-major; {@code cols} 0 for a vector) is not
     * finite, with {@code file}, the tensor's name, where the first one is and how many there are.
     */
    static void require(Path file, String tensor, float[] values, int cols) throws ModelFormatException {
        String problem = problem(tensor, values, cols);
        if (problem != null) {
            throw new ModelFormatException(file, problem + "; a model needs finite parameters (these come from a"
                    + " run that diverged, or the file is damaged)");
        }
    }

    /** What is not finite in the tensor, in words, or null if every value is finite. */
    static String problem(String tensor, float[] values, int cols) {
        int first = -1;
        long count = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (first < 0) {
            return null;
        }
        float v = values[first];
        String what = Float.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
        String at = cols > 0 ? String.format(Locale.ROOT, "[%d, %d]", first / cols, first % cols) : "[" + first + "]";
        return "tensor " + tensor + " holds " + what + " at " + at
                + (count > 1 ? " (" + count + " of its " + values.length + " values are not finite)" : "");
    }
}
