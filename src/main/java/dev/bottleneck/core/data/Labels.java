package dev.bottleneck.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Integer class labels, one per example, with a display name per class ({@code names.get(label)}).
 */
public record Labels(int[] values, List<String> names) {

    public Labels {
        Objects.requireNonNull(values, "values");
        names = List.copyOf(Objects.requireNonNull(names, "names"));
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= names.size()) {
                throw new IllegalArgumentException("label " + values[i] + " of example " + i + " is outside 0.."
                        + (names.size() - 1));
            }
        }
    }

    /** Labels named by their number: "0", "1", ... {@code classes - 1}. */
    public static Labels numbered(int[] values, int classes) {
        String[] names = new String[classes];
        for (int c = 0; c < classes; c++) {
            names[c] = Integer.toString(c);
        }
        return new Labels(values, List.of(names));
    }

    public int count() {
        return values.length;
    }

    public int classCount() {
        return names.size();
    }

    public Labels subset(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return new Labels(out, names);
    }
}
