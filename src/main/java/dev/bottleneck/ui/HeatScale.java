package dev.bottleneck.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * The colour scale of the heat maps, a value in [0, 1] to a colour, one per theme. In both, the larger the value the
 * more a cell stands out from the background, so a matrix that is mostly 0 reads as a few bright or dark cells on a
 * quiet field: light theme, ColorBrewer's sequential "Blues" (white to navy; its blue is near the app's accent);
 * dark theme, viridis (van der Walt and Smith, matplotlib), from a dark purple near the background to yellow. Both
 * rise monotonically in lightness, the property a projector keeps when it washes out hue, and both are readable
 * with the common colour-vision deficiencies. Text on a cell is black or white, whichever contrasts more.
 */
final class HeatScale {

    /** ColorBrewer "Blues", 9 classes (Brewer, colorbrewer2.org), 0 to 1. */
    static final HeatScale LIGHT = new HeatScale("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6",
            "#2171b5", "#08519c", "#08306b");
    /** Viridis sampled at 9 even steps, 0 to 1. */
    static final HeatScale DARK = new HeatScale("#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80",
            "#5ec962", "#addc30", "#fde725");
    /** The fill of an undefined value (a constant factor: no entropy to normalise by). */
    static final Color UNDEFINED = Color.gray(0.5, 0.35);

    private final Color[] stops;

    private HeatScale(String... hex) {
        stops = new Color[hex.length];
        for (int i = 0; i < hex.length; i++) {
            stops[i] = Color.web(hex[i]);
        }
    }

    static HeatScale of(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    /** The colour of {@code v}, clamped to [0, 1]; {@link #UNDEFINED} for NaN. Linear between the stops. */
    Color color(double v) {
        if (Double.isNaN(v)) {
            return UNDEFINED;
        }
        double t = Math.max(0, Math.min(1, v)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) t);
        return stops[i].interpolate(stops[i + 1], t - i);
    }

    /** The scale left (0) to right (1), for a legend bar. */
    LinearGradient gradient() {
        List<Stop> s = new ArrayList<>();
        for (int i = 0; i < stops.length; i++) {
            s.add(new Stop((double) i / (stops.length - 1), stops[i]));
        }
        return new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, s);
    }

    /** Black or white, whichever has the larger WCAG contrast ratio on {@code fill}. */
    static Color textOn(Color fill) {
        double l = luminance(fill);
        return (1.05) / (l + 0.05) >= (l + 0.05) / 0.05 ? Color.WHITE : Color.BLACK;
    }

    /** WCAG relative luminance of an opaque colour. */
    static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double s) {
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
