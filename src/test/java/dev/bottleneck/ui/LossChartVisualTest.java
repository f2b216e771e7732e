package dev.bottleneck.ui;

import static dev.bottleneck.ui.FxTestSupport.run;

import dev.bottleneck.core.model.Term;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Renders the chart to PNGs in /tmp for a person to look at: {@code mvn -o test -Dtest=LossChartVisualTest
 * -Dvisual=true}. Asserts nothing; skipped unless asked for.
 */
@EnabledIfSystemProperty(named = "visual", matches = "true")
class LossChartVisualTest {

    @Test
    void renderSyntheticRun() {
        run(() -> {
            LossChart chart = new LossChart();
            Scene scene = new Scene(chart, 1000, 600);
            scene.getStylesheets().add(
                    dev.bottleneck.app.BottleneckApp.class.getResource("bottleneck.css").toExternalForm());
            var history = SyntheticHistory.overfitting(10, 469, 42);
            chart.setHistory(history.batches(), history.epochs());
            chart.setSmoothingHalfLife(25);
            chart.setShowGap(true);
            chart.setCursorEpoch(3.5);
            save(chart, "/tmp/losschart.png", 7.0);

            chart.setLogScale(true);
            chart.setShowGap(false);
            chart.setCursorEpoch(Double.NaN);
            save(chart, "/tmp/losschart-log.png", Double.NaN);

            chart.setLogScale(false);
            chart.setTerm(Term.KL);
            chart.setDark(true);
            save(chart, "/tmp/losschart-dark.png", 2.0);

        });
        // A small window, a run just started (one and a half epochs), points added one by one as they arrive live;
        // they are drawn at the next runLater, so the snapshot is taken in the next call.
        LossChart small = FxTestSupport.call(() -> {
            LossChart c = new LossChart();
            Scene scene = new Scene(c, 720, 420);
            scene.getStylesheets().add(
                    dev.bottleneck.app.BottleneckApp.class.getResource("bottleneck.css").toExternalForm());
            var history = SyntheticHistory.overfitting(10, 469, 43);
            for (var b : history.batches().subList(0, 700)) {
                c.addBatch(b.epochsDone(), b.terms());
            }
            c.addEpoch(history.epochs().get(0));
            return c;
        });
        run(() -> save(small, "/tmp/losschart-small.png", 1.0));
    }

    /** Snapshots the node, with the hover read-out at the validation point of {@code hoverEpoch} unless NaN. */
    private static void save(LossChart chart, String path, double hoverEpoch) {
        chart.applyCss();
        chart.layout();
        if (!Double.isNaN(hoverEpoch)) {
            var plot = chart.getChart().getXYPlot();
            var viewer = (org.jfree.chart.fx.ChartViewer) ((javafx.scene.layout.StackPane) chart.getCenter())
                    .getChildren().get(0);
            var area = viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
            var ds = chart.dataset(LossPlot.EPOCH_VALIDATION);
            int item = (int) hoverEpoch - 1;
            chart.hover().moveTo(plot.getDomainAxis().valueToJava2D(ds.getXValue(0, item), area,
                    plot.getDomainAxisEdge()), plot.getRangeAxis().valueToJava2D(ds.getYValue(0, item), area,
                    plot.getRangeAxisEdge()));
        } else {
            chart.hover().clear();
        }
        WritableImage image = chart.snapshot(null, null);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
