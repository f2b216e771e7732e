package dev.bottleneck.app;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The application icon (icons/ at the top of the project; the POM copies the PNGs to
 * {@code dev/bottleneck/app/icons/} on the classpath). A window gets every size and the platform picks the one that fits
 * the title bar, the task switcher or the dock.
 */
public final class AppIcons {

    /** The sizes rendered in icons/, in pixels. */
    public static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private AppIcons() {
    }

    /** The classpath resource of one size, or null if that size is missing. */
    static URL resource(int size) {
        return AppIcons.class.getResource("icons/bottleneck-" + size + ".png");
    }

    /** Every size that is on the classpath, smallest first; empty (not an error) if none is. */
    public static List<Image> images() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            URL url = resource(size);
            if (url != null) {
                images.add(new Image(url.toExternalForm()));
            }
        }
        return images;
    }

    /** Gives the stage the application icon in every size. */
    public static void install(Stage stage) {
        stage.getIcons().setAll(images());
    }
}
