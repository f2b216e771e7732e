package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/** The heat maps' colours: a larger value stands out more from the theme's background, and its text stays legible. */
class HeatScaleTest {

    private static final Color LIGHT_BACKGROUND = Color.WHITE;
    private static final Color DARK_BACKGROUND = Color.web("#1e1f22");   // bottleneck-dark.css -fx-background

    private static double contrast(Color a, Color b) {
        double la = HeatScale.luminance(a);
        double lb = HeatScale.luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @Test
    void largerValuesContrastMoreWithTheBackgroundInBothThemes() {
        for (boolean dark : new boolean[] {false, true}) {
            HeatScale scale = HeatScale.of(dark);
            Color background = dark ? DARK_BACKGROUND : LIGHT_BACKGROUND;
            double previous = 0;
            for (int i = 0; i <= 100; i++) {
                double c = contrast(scale.color(i / 100.0), background);
                assertTrue(c > previous, (dark ? "dark" : "light") + " scale at " + i / 100.0 + ": " + c);
                previous = c;
            }
            assertTrue(previous > 7, "1 stands out on a washed-out projector too: contrast " + previous);
        }
    }

    /** WCAG AA for normal text is 4.5:1; black or white on any colour reaches it (the worst case is about 4.6). */
    @Test
    void cellTextIsLegibleOnEveryColour() {
        for (HeatScale scale : new HeatScale[] {HeatScale.LIGHT, HeatScale.DARK}) {
            for (int i = 0; i <= 100; i++) {
                Color fill = scale.color(i / 100.0);
                assertTrue(contrast(HeatScale.textOn(fill), fill) >= 4.5, "text on " + fill);
            }
        }
        assertEquals(HeatScale.UNDEFINED, HeatScale.LIGHT.color(Double.NaN));
        assertEquals(HeatScale.LIGHT.color(1), HeatScale.LIGHT.color(7), "clamped");
    }
}
