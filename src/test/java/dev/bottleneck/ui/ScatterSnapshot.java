package dev.bottleneck.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A one-shot visual check, not a test: renders 10,000 clustered points with the app's stylesheet into
 * {@code <dir>/scatter.png} and {@code <dir>/scatter-dark.png}, and 70,000 into a small
 * {@code <dir>/scatter-70k-small.png}, each with a selected point and the hover popup showing.
 * {@code <dir>/scatter-sized.png} and {@code scatter-sized-dark.png} show 3,000 hollow points sized by their
 * distance from their cluster's centre, with an interpolation path between two clusters.
 * Run with {@code mvn -o -q test -Dtest=ScatterSnapshot -Dscatter.snapshot=/tmp} and look at the images.
 */
@EnabledIfSystemProperty(named = "scatter.snapshot", matches = ".+")
class ScatterSnapshot {

    private static final List<String> DIGITS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine");

    @Test
    void renderPngs() {
        String dir = System.getProperty("scatter.snapshot");
        FxTestSupport.run(() -> {
            // The app's stylesheet uses Modena's looked-up colours; creating any control loads Modena, as in the app.
            new Label();
            render(new File(dir, "scatter.png"), null, 10_000, 720, 480);
            render(new File(dir, "scatter-dark.png"), "-fx-base: #2b2b2b; -fx-control-inner-background: #1e1e1e;",
                    10_000, 720, 480);
            render(new File(dir, "scatter-70k-small.png"), null, 70_000, 380, 260);
            renderSizedWithPath(new File(dir, "scatter-sized.png"), null);
            renderSizedWithPath(new File(dir, "scatter-sized-dark.png"),
                    "-fx-base: #2b2b2b; -fx-control-inner-background: #1e1e1e;");
        });
    }

    private static void renderSizedWithPath(File file, String rootStyle) {
        int n = 3_000;
        Random random = new Random(2);
        float[] x = new float[n];
        float[] y = new float[n];
        float[] error = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
            double angle = labels[i] * 2 * Math.PI / 10;
            double dx = 0.9 * random.nextGaussian();
            double dy = 0.6 * random.nextGaussian();
            x[i] = (float) (4 * Math.cos(angle) + dx);
            y[i] = (float) (2.5 * Math.sin(angle) + dy);
            error[i] = (float) (Math.hypot(dx, dy) + 0.2 * random.nextDouble());
        }
        error[7] = 1000; // an outlier must not shrink all other rings
        int steps = 9;
        float[] px = new float[steps];
        float[] py = new float[steps];
        for (int k = 0; k < steps; k++) {
            double t = k / (double) (steps - 1);
            px[k] = (float) (4 * (1 - t) + 4 * Math.cos(Math.PI * 0.8) * t);
            py[k] = (float) (0 * (1 - t) + 2.5 * Math.sin(Math.PI * 0.8) * t + Math.sin(Math.PI * t));
        }
        LatentScatter scatter = new LatentScatter();
        scatter.setPoints(x, y, labels, DIGITS);
        scatter.setPointSizes(error);
        scatter.setPath(px, py);
        scatter.setAxisLabels("z1", "z2");
        StackPane root = new StackPane(scatter);
        if (rootStyle != null) {
            root.setStyle(rootStyle);
        }
        Scene scene = new Scene(root, 720, 480);
        scene.getStylesheets().add(LatentScatter.class.getResource("/dev/bottleneck/app/bottleneck.css")
                .toExternalForm());
        root.applyCss();
        root.layout();
        scatter.select(17);
        root.layout();
        scatter.paintNow();
        write(root.snapshot(null, null), file);
        System.out.println("wrote " + file);
    }

    private static void write(WritableImage image, File file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void render(File file, String rootStyle, int n, int width, int height) {
        Random random = new Random(1);
        float[] x = new float[n];
        float[] y = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
            double angle = labels[i] * 2 * Math.PI / 10;
            x[i] = (float) (4 * Math.cos(angle) + 0.9 * random.nextGaussian());
            y[i] = (float) (2.5 * Math.sin(angle) + 0.6 * random.nextGaussian());
        }
        LatentScatter scatter = new LatentScatter();
        scatter.setPoints(x, y, labels, DIGITS);
        scatter.setAxisLabels("z1 (KL 4.1 nats)", "z2 (KL 3.2 nats)");
        scatter.setHoverContent(i -> new Label("example " + i + "\nlabel " + DIGITS.get(labels[i])));
        StackPane root = new StackPane(scatter);
        if (rootStyle != null) {
            root.setStyle(rootStyle);
        }
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(LatentScatter.class.getResource("/dev/bottleneck/app/bottleneck.css")
                .toExternalForm());
        root.applyCss();
        root.layout();
        scatter.select(17);
        Point2D p = scatter.dataToLocal(x[42], y[42]);
        Event.fireEvent(scatter, new MouseEvent(MouseEvent.MOUSE_MOVED, p.getX(), p.getY(), p.getX(), p.getY(),
                MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null));
        root.layout();
        scatter.paintNow();
        WritableImage image = root.snapshot(null, null);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("wrote " + file + ", hovered " + scatter.getHoveredIndex());
    }
}
