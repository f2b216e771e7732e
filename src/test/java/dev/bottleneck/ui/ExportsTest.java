package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTest {

    @TempDir
    Path tmp;

    @Test
    void theLossChartIsWrittenAtTheAskedSize() throws Exception {
        Path file = tmp.resolve("figures/loss.png");
        FxTestSupport.call(() -> {
            LossChart chart = new LossChart();
            Exports.png(chart, file, 800, 450);
            return null;
        });
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img);
        assertEquals(800, img.getWidth());
        assertEquals(450, img.getHeight());
    }

    @Test
    void theLossChartIsWrittenAsSvg() throws Exception {
        Path file = tmp.resolve("loss.svg");
        FxTestSupport.call(() -> {
            Exports.svg(new LossChart(), file, 600, 400);
            return null;
        });
        String svg = java.nio.file.Files.readString(file);
        org.junit.jupiter.api.Assertions.assertTrue(svg.contains("<svg") && svg.contains("epoch"), svg.substring(0, 200));
    }

    @Test
    void aViewIsWrittenAsItsSnapshot() throws Exception {
        Path file = tmp.resolve("view.png");
        FxTestSupport.call(() -> {
            StackPane pane = new StackPane(new Label("Bottleneck"));
            pane.setPrefSize(320, 200);
            new Scene(pane);
            pane.applyCss();
            pane.layout();
            Exports.png(pane, file);
            return null;
        });
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(320, img.getWidth());
        assertEquals(200, img.getHeight());
    }
}
