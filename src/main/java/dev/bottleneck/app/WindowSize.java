package dev.bottleneck.app;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The main window's size: fitted to the screen it opens on, remembered between sessions. A fixed 1280x800 window put
 * the menu bar and Train off a 1024x700 screen and wasted a 1920x1080 one.
 */
final class WindowSize {

    /** The smallest size the layout is made for. */
    static final double MIN_WIDTH = 1024;
    static final double MIN_HEIGHT = 640;
    /** The share of the screen a first window takes. */
    static final double SHARE = 0.85;

    private static final String NODE = "/dev/bottleneck/window";

    private WindowSize() {
    }

    /**
     * The size to open at on a screen whose usable area is {@code screen}: the remembered size when there is one,
     * else {@link #SHARE} of the screen (at least {@link #MIN_WIDTH} x {@link #MIN_HEIGHT}); never more than the
     * screen. {@code remembered} is {@code {width, height}} or null.
     */
    static double[] fit(Rectangle2D screen, double[] remembered) {
        double w = remembered != null ? remembered[0] : Math.max(MIN_WIDTH, SHARE * screen.getWidth());
        double h = remembered != null ? remembered[1] : Math.max(MIN_HEIGHT, SHARE * screen.getHeight());
        return new double[] {Math.min(w, screen.getWidth()), Math.min(h, screen.getHeight())};
    }

    /** The smallest size the stage may take there: the layout's minimum, or the whole screen when it is smaller. */
    static double[] minimum(Rectangle2D screen) {
        return new double[] {Math.min(MIN_WIDTH, screen.getWidth()), Math.min(MIN_HEIGHT, screen.getHeight())};
    }

    /** Sizes {@code stage} for the primary screen and remembers its size when it is closed. */
    static void install(Stage stage) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double[] size = fit(screen, remembered());
        double[] min = minimum(screen);
        stage.setMinWidth(min[0]);
        stage.setMinHeight(min[1]);
        stage.setWidth(size[0]);
        stage.setHeight(size[1]);
        stage.setX(screen.getMinX() + (screen.getWidth() - size[0]) / 2);
        stage.setY(screen.getMinY() + (screen.getHeight() - size[1]) / 2);
        boolean maximized = prefs() != null && prefs().getBoolean("maximized", false);
        stage.setMaximized(maximized);
        stage.setOnHidden(e -> remember(stage));
    }

    private static double[] remembered() {
        Preferences p = prefs();
        if (p == null) {
            return null;
        }
        double w = p.getDouble("width", -1);
        double h = p.getDouble("height", -1);
        return w >= MIN_WIDTH / 2 && h >= MIN_HEIGHT / 2 ? new double[] {w, h} : null;
    }

    static void remember(Stage stage) {
        Preferences p = prefs();
        if (p == null || stage.isFullScreen()) {
            return; // presenter mode's full screen is not the window's size
        }
        p.putBoolean("maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            p.putDouble("width", stage.getWidth());
            p.putDouble("height", stage.getHeight());
        }
    }

    /** The user's preferences, or null where the platform has none to give (a read-only home, say). */
    private static Preferences prefs() {
        if (Boolean.getBoolean("bottleneck.noPrefs")) {
            return null;
        }
        try {
            return Preferences.userRoot().node(NODE);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
