package dev.bottleneck.ui;

import java.util.List;
import javafx.scene.paint.Color;

/**
 * Colours for class labels: the ten-colour accessible sequence of M. A. Petroff, "Accessible Color Sequences for
 * Data Visualization", arXiv:2107.02270 (2021), which matplotlib ships as the {@code petroff10} style.
 *
 * <p>Why this one: MNIST has ten classes, and Okabe-Ito (8) and Paul Tol's sets (7-9 plus a grey for "bad data")
 * stop short of ten. Petroff's sequence was chosen under colour-vision-deficiency simulation for all ten colours at
 * once, and it contains neither black nor white, so every colour stays visible on light and dark backgrounds.
 * Labels beyond ten reuse the colours in order.
 */
public final class ScatterPalette {

    /** The sequence in Petroff's order: blue, yellow, red, grey, violet, brown, orange, khaki, slate, cyan. */
    public static final List<Color> PETROFF_10 = List.of(
            Color.web("#3f90da"), Color.web("#ffa90e"), Color.web("#bd1f01"), Color.web("#94a4a2"),
            Color.web("#832db6"), Color.web("#a96b59"), Color.web("#e76300"), Color.web("#b9ac70"),
            Color.web("#717581"), Color.web("#92dadd"));

    private ScatterPalette() {
    }

    /** The colour of a class label {@code >= 0}; labels past the end of the sequence wrap around. */
    public static Color colorOf(int label) {
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, was " + label);
        }
        return PETROFF_10.get(label % PETROFF_10.size());
    }
}
