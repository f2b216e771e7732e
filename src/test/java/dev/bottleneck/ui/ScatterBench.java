package dev.bottleneck.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: scatter frame time and hover query time for 70,000 points, medians printed to stdout.
 * Run with {@code mvn -o -q test -Dtest=ScatterBench -Dbench=true}.
 *
 * <p>"FX thread" times are what the application thread spends; "+ render" adds a snapshot, which makes Prism
 * rasterise the scene graph (here the software pipeline, as on the headless test machine), so that canvas commands
 * are counted where they really cost: {@code GraphicsContext} calls only record, the render pass draws them.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ScatterBench {

    private static final int N = 70_000;
    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;
    private static final int WARMUP = 15;
    private static final int RUNS = 60;

    private float[] x;
    private float[] y;
    private float[] x2;
    private float[] y2;
    private int[] labels;

    @Test
    void scatterFrameAndHover() {
        makeData();
        FxTestSupport.start();
        LatentScatter scatter = FxTestSupport.call(() -> {
            LatentScatter s = new LatentScatter();
            s.setPoints(x, y, labels, null);
            s.setAxisLabels("z1", "z2");
            new Scene(new StackPane(s), WIDTH, HEIGHT).getRoot().layout();
            s.paintNow();
            return s;
        });
        WritableImage snap = new WritableImage(WIDTH, HEIGHT);
        System.out.printf(Locale.ROOT, "%nScatterBench: %,d points, %d x %d scene, JavaFX %s, prism.order=%s%n", N,
                WIDTH, HEIGHT, System.getProperty("javafx.runtime.version"), System.getProperty("prism.order"));

        boolean[] flip = {false};
        report("update frame (updatePositions + paint), FX thread", onFx(() -> {
            flip[0] = !flip[0];
            long t = System.nanoTime();
            scatter.updatePositions(flip[0] ? x2 : x, flip[0] ? y2 : y);
            scatter.paintNow();
            return System.nanoTime() - t;
        }));
        report("update frame + render (snapshot)", onFx(() -> {
            flip[0] = !flip[0];
            long t = System.nanoTime();
            scatter.updatePositions(flip[0] ? x2 : x, flip[0] ? y2 : y);
            scatter.paintNow();
            scatter.snapshot(null, snap);
            return System.nanoTime() - t;
        }));
        report("render only, nothing changed (snapshot)", onFx(() -> {
            long t = System.nanoTime();
            scatter.snapshot(null, snap);
            return System.nanoTime() - t;
        }));
        double[] zoom = {1.02};
        report("zoom frame (zoomAbout + paint), FX thread", onFx(() -> {
            zoom[0] = 1 / zoom[0];
            long t = System.nanoTime();
            scatter.zoomAbout(WIDTH / 3.0, HEIGHT / 2.0, zoom[0]);
            scatter.paintNow();
            return System.nanoTime() - t;
        }));
        report("hover frame (rings only), FX thread", onFx(() -> {
            flip[0] = !flip[0];
            long t = System.nanoTime();
            scatter.select(flip[0] ? 10 : 20);
            scatter.paintNow();
            return System.nanoTime() - t;
        }));

        gcAlternatives(scatter);
        hover(scatter);
    }

    /** 10,000 hollow points sized by a value (the overfitting view), with an interpolation path over them. */
    @Test
    void hollowSizedFrame() {
        int n = 10_000;
        Random random = new Random(7);
        float[] hx = new float[n];
        float[] hy = new float[n];
        float[] hx2 = new float[n];
        float[] hy2 = new float[n];
        float[] error = new float[n];
        int[] hl = new int[n];
        for (int i = 0; i < n; i++) {
            hl[i] = random.nextInt(10);
            double a = hl[i] * 2 * Math.PI / 10;
            double dx = random.nextGaussian();
            double dy = 0.8 * random.nextGaussian();
            hx[i] = (float) (4 * Math.cos(a) + dx);
            hy[i] = (float) (3 * Math.sin(a) + dy);
            hx2[i] = hx[i] + (float) (0.05 * random.nextGaussian());
            hy2[i] = hy[i] + (float) (0.05 * random.nextGaussian());
            error[i] = (float) Math.hypot(dx, dy);
        }
        FxTestSupport.start();
        LatentScatter scatter = FxTestSupport.call(() -> {
            LatentScatter s = new LatentScatter();
            s.setPoints(hx, hy, hl, null);
            s.setPointSizes(error);
            s.setPath(new float[] {4, 2, 0, -2, -4}, new float[] {0, 2, 3, 2, 0});
            new Scene(new StackPane(s), WIDTH, HEIGHT).getRoot().layout();
            s.paintNow();
            return s;
        });
        WritableImage snap = new WritableImage(WIDTH, HEIGHT);
        System.out.printf(Locale.ROOT, "%nScatterBench: %,d hollow sized points and a path, %d x %d scene%n", n,
                WIDTH, HEIGHT);
        boolean[] flip = {false};
        report("update frame (updatePositions + paint), FX thread", onFx(() -> {
            flip[0] = !flip[0];
            long t = System.nanoTime();
            scatter.updatePositions(flip[0] ? hx2 : hx, flip[0] ? hy2 : hy);
            scatter.paintNow();
            return System.nanoTime() - t;
        }));
        report("update frame + render (snapshot)", onFx(() -> {
            flip[0] = !flip[0];
            long t = System.nanoTime();
            scatter.updatePositions(flip[0] ? hx2 : hx, flip[0] ? hy2 : hy);
            scatter.paintNow();
            scatter.snapshot(null, snap);
            return System.nanoTime() - t;
        }));
        report("setPointSizes (percentiles) + paint, FX thread", onFx(() -> {
            long t = System.nanoTime();
            scatter.setPointSizes(error);
            scatter.paintNow();
            return System.nanoTime() - t;
        }));
        FxTestSupport.run(() -> scatter.setPointSizes(null));
        report("for comparison: the same points as dots, update + render", onFx(() -> {
            flip[0] = !flip[0];
            long t = System.nanoTime();
            scatter.updatePositions(flip[0] ? hx2 : hx, flip[0] ? hy2 : hy);
            scatter.paintNow();
            scatter.snapshot(null, snap);
            return System.nanoTime() - t;
        }));
    }

    /** The canvas alternatives, on a canvas the size of the plot area, each with one colour change per class. */
    private void gcAlternatives(LatentScatter scatter) {
        Point2D origin = FxTestSupport.call(scatter::plotOrigin);
        double plotW = WIDTH - 2 * origin.getX();
        double plotH = HEIGHT - 2 * origin.getY();
        Canvas canvas = FxTestSupport.call(() -> new Canvas(plotW, plotH));
        WritableImage snap = new WritableImage((int) plotW, (int) plotH);
        int[][] byLabel = byLabel();
        double d = 2.5;
        for (boolean oval : new boolean[] {true, false}) {
            String what = oval ? "fillOval" : "fillRect";
            report("GraphicsContext." + what + " x 70k, FX thread", onFx(() -> {
                long t = System.nanoTime();
                drawWithGc(canvas, byLabel, oval, d);
                return System.nanoTime() - t;
            }));
            report("GraphicsContext." + what + " x 70k + render (snapshot)", onFx(() -> {
                long t = System.nanoTime();
                drawWithGc(canvas, byLabel, oval, d);
                canvas.snapshot(null, snap);
                return System.nanoTime() - t;
            }));
        }
        PointLayer layer = new PointLayer();
        ScatterPoints points = ScatterPoints.of(x, y, labels, null);
        ViewWindow window = new ViewWindow();
        window.fit(points.bounds());
        report("PixelWriter path (rasterise + setPixels), FX thread", onFx(() -> {
            long t = System.nanoTime();
            layer.paint(points, window, plotW, plotH, 1, Color.BLACK);
            return System.nanoTime() - t;
        }));
        // The two halves of the PixelWriter path, on their own.
        DotRasterizer rasterizer = new DotRasterizer();
        rasterizer.resize((int) plotW, (int) plotH);
        int[] colours = new int[ScatterPoints.UNKNOWN_SLOT + 1];
        Arrays.fill(colours, 0xFF3F90DA);
        rasterizer.setStyle(2.5, 0.45, colours);
        double kx = plotW / window.width();
        double ky = plotH / window.height();
        report("  of which DotRasterizer.clear + draw", onFx(() -> {
            long t = System.nanoTime();
            rasterizer.clear();
            rasterizer.draw(points.drawX(), points.drawY(), points.drawSlots(), -window.x0() * kx, kx,
                    window.y1() * ky, -ky);
            return System.nanoTime() - t;
        }));
        WritableImage target = new WritableImage((int) plotW, (int) plotH);
        report("  of which PixelWriter.setPixels (IntArgbPre)", onFx(() -> {
            long t = System.nanoTime();
            target.getPixelWriter().setPixels(0, 0, (int) plotW, (int) plotH, PixelFormat.getIntArgbPreInstance(),
                    rasterizer.pixels(), 0, (int) plotW);
            return System.nanoTime() - t;
        }));
        report("PixelWriter path + render (snapshot of its ImageView)", onFx(() -> {
            long t = System.nanoTime();
            layer.paint(points, window, plotW, plotH, 1, Color.BLACK);
            layer.node().snapshot(null, snap);
            return System.nanoTime() - t;
        }));
    }

    private void drawWithGc(Canvas canvas, int[][] byLabel, boolean oval, double d) {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        gc.setGlobalAlpha(0.45);
        double kx = canvas.getWidth() / 16;
        double ky = canvas.getHeight() / 12;
        for (int c = 0; c < byLabel.length; c++) {
            gc.setFill(ScatterPalette.colorOf(c));
            for (int i : byLabel[c]) {
                double px = (x[i] + 8) * kx - d / 2;
                double py = (6 - y[i]) * ky - d / 2;
                if (oval) {
                    gc.fillOval(px, py, d, d);
                } else {
                    gc.fillRect(px, py, d, d);
                }
            }
        }
        gc.setGlobalAlpha(1);
    }

    private void hover(LatentScatter scatter) {
        Random random = new Random(5);
        int queries = 20_000;
        long[] single = new long[queries];
        int[] found = {0};
        FxTestSupport.run(() -> {
            for (int warm = 0; warm < 5; warm++) {
                for (int q = 0; q < queries; q++) {
                    found[0] += scatter.pointNear(40 + random.nextDouble() * (WIDTH - 80),
                            20 + random.nextDouble() * (HEIGHT - 60), 6) >= 0 ? 1 : 0;
                }
            }
            found[0] = 0;
            for (int q = 0; q < queries; q++) {
                double px = 40 + random.nextDouble() * (WIDTH - 80);
                double py = 20 + random.nextDouble() * (HEIGHT - 60);
                long t = System.nanoTime();
                int i = scatter.pointNear(px, py, 6);
                single[q] = System.nanoTime() - t;
                found[0] += i >= 0 ? 1 : 0;
            }
        });
        Arrays.sort(single);
        System.out.printf(Locale.ROOT, "  %-58s median %8.4f ms   p99 %8.4f ms   max %8.4f ms   (%d of %d found a point)%n",
                "hover query (pointNear, 6 px), random positions", single[queries / 2] / 1e6,
                single[queries * 99 / 100] / 1e6, single[queries - 1] / 1e6, found[0], queries);

        boolean[] flip = {false};
        report("first hover after updatePositions (grid rebuild + query)", onFx(() -> {
            flip[0] = !flip[0];
            scatter.updatePositions(flip[0] ? x2 : x, flip[0] ? y2 : y);
            long t = System.nanoTime();
            scatter.pointNear(WIDTH / 2.0, HEIGHT / 2.0, 6);
            return System.nanoTime() - t;
        }));
    }

    /** Runs {@code timedRun} WARMUP + RUNS times on the FX thread, one run per FX event, and returns the RUNS times. */
    private static long[] onFx(LongSupplier timedRun) {
        long[] times = new long[RUNS];
        for (int r = 0; r < WARMUP + RUNS; r++) {
            long t = FxTestSupport.call(timedRun::getAsLong);
            if (r >= WARMUP) {
                times[r - WARMUP] = t;
            }
        }
        return times;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-58s median %8.3f ms   min %8.3f ms   max %8.3f ms   (%d runs)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    /** Ten Gaussian clusters on an ellipse, like a 2-D VAE code of MNIST; x2/y2 are the same points moved a bit. */
    private void makeData() {
        Random random = new Random(42);
        x = new float[N];
        y = new float[N];
        x2 = new float[N];
        y2 = new float[N];
        labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = random.nextInt(10);
            double a = labels[i] * 2 * Math.PI / 10;
            x[i] = (float) (4 * Math.cos(a) + random.nextGaussian());
            y[i] = (float) (3 * Math.sin(a) + 0.8 * random.nextGaussian());
            x2[i] = x[i] + (float) (0.05 * random.nextGaussian());
            y2[i] = y[i] + (float) (0.05 * random.nextGaussian());
        }
    }

    private int[][] byLabel() {
        List<List<Integer>> groups = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < N; i++) {
            groups.get(labels[i]).add(i);
        }
        int[][] out = new int[10][];
        for (int c = 0; c < 10; c++) {
            out[c] = groups.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
