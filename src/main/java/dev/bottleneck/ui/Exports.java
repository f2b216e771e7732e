package dev.bottleneck.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;

/** Figures as files: any view as PNG (a snapshot of its node), the loss chart as PNG at a chosen size. */
public final class Exports {

    private Exports() {
    }

    /** A PNG of {@code node} as it is on screen. Call on the FX thread. */
    public static void png(Node node, Path file) throws IOException {
        WritableImage img = node.snapshot(new SnapshotParameters(), null);
        write(img, file);
    }

    /** The loss chart as a PNG of {@code width x height} pixels, drawn afresh (not a screen capture). */
    public static void png(LossChart chart, Path file, int width, int height) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart.getChart(), width, height);
    }

    /** The loss chart as an SVG document of {@code width x height} user units (JFreeSVG). */
    public static void svg(LossChart chart, Path file, int width, int height) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        org.jfree.svg.SVGGraphics2D g = new org.jfree.svg.SVGGraphics2D(width, height);
        chart.getChart().draw(g, new java.awt.Rectangle(0, 0, width, height));
        Files.writeString(file, g.getSVGDocument());
    }

    private static void write(WritableImage img, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile())) {
            throw new IOException(file + ": no PNG writer");
        }
    }
}
