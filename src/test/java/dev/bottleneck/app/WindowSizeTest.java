package dev.bottleneck.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The window fits the screen it opens on: small screens whole, large ones mostly, a remembered size if it fits. */
class WindowSizeTest {

    private static Rectangle2D screen(double w, double h) {
        return new Rectangle2D(0, 0, w, h);
    }

    @Test
    void aFirstWindowTakesMostOfALargeScreen() {
        assertArrayEquals(new double[] {1632, 918}, WindowSize.fit(screen(1920, 1080), null), 1e-9);
    }

    @Test
    void onASmallScreenItIsNeverLargerThanTheScreen() {
        // 1024x700 less a 40 px panel: the menu bar and Train stay on screen.
        assertArrayEquals(new double[] {1024, 640}, WindowSize.fit(screen(1024, 660), null), 1e-9);
        assertArrayEquals(new double[] {1024, 640}, WindowSize.minimum(screen(1024, 660)), 1e-9);
        assertArrayEquals(new double[] {800, 600}, WindowSize.minimum(screen(800, 600)), 1e-9);
    }

    @Test
    void aRememberedSizeIsKeptWhenItFits() {
        assertArrayEquals(new double[] {1400, 900}, WindowSize.fit(screen(1920, 1080), new double[] {1400, 900}), 1e-9);
        assertArrayEquals(new double[] {1280, 700}, WindowSize.fit(screen(1280, 700), new double[] {1400, 900}), 1e-9);
    }
}
