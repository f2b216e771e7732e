package dev.bottleneck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The POM copies icons/*.png onto the classpath where AppIcons looks; every size is there and is that size. */
class AppIconsTest {

    @Test
    void everySizeIsOnTheClasspathAtItsSize() throws IOException {
        for (int size : AppIcons.SIZES) {
            URL url = AppIcons.resource(size);
            assertNotNull(url, "dev/bottleneck/app/icons/bottleneck-" + size + ".png is not on the classpath");
            BufferedImage image = ImageIO.read(url);
            assertNotNull(image, url + " is not a PNG");
            assertEquals(size, image.getWidth(), url + " width");
            assertEquals(size, image.getHeight(), url + " height");
        }
    }
}
