package dev.bottleneck.ui;

import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.ExplorerViewModel.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One slider per latent dimension, most important first, each labelled with the figure that orders it and carrying
 * a strip of decoded previews across its range; the large image decoded from all sliders; "back to the anchor" and
 * "random sample from the prior".
 */
public final class TraversalPanel extends BorderPane {

    private static final double PREVIEW = 34;

    private final ExplorerViewModel vm;
    private final VBox rows = new VBox(4);
    private final ImageView large = Images.view(168);
    private final Label caption = new Label("Click a point on the scatter to anchor the sliders.");
    private final List<Row> rowViews = new ArrayList<>();
    private boolean updating;

    /** The controls of one dimension, kept between refreshes so a drag is not interrupted. */
    private final class Row {
        final Label name = new Label();
        final Label figure = new Label();
        final Slider slider = new Slider(-ExplorerViewModel.RANGE, ExplorerViewModel.RANGE, 0);
        final javafx.scene.shape.Rectangle band = new javafx.scene.shape.Rectangle(0, 0, 0, 16);
        final HBox strip = new HBox(1);
        final ImageView[] previews = new ImageView[ExplorerViewModel.STRIP];
        int dim = -1;

        Row() {
            name.getStyleClass().add("dim-name");
            figure.getStyleClass().add("dim-figure");
            slider.getStyleClass().add("traversal-slider");
            slider.setPrefWidth(PREVIEW * ExplorerViewModel.STRIP + ExplorerViewModel.STRIP);
            band.getStyleClass().add("posterior-band");
            band.setFill(javafx.scene.paint.Color.rgb(213, 94, 0, 0.35)); // Okabe-Ito vermillion, as the chart's validation
            band.setArcWidth(6);
            band.setArcHeight(6);
            band.setMouseTransparent(true);
            band.setManaged(false);
            for (int i = 0; i < previews.length; i++) {
                previews[i] = Images.view(PREVIEW);
                strip.getChildren().add(previews[i]);
            }
            slider.valueProperty().addListener((o, a, v) -> {
                if (!updating && dim >= 0) {
                    vm.setValue(dim, v.doubleValue());
                }
            });
        }
    }

    public TraversalPanel(ExplorerViewModel vm) {
        this.vm = vm;
        getStyleClass().add("traversal-panel");
        large.getStyleClass().add("decoded-image");
        Button anchor = new Button("Back to the anchor");
        anchor.setOnAction(e -> vm.backToAnchor());
        anchor.setGraphic(Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ANCHOR));
        anchor.setTooltip(new Tooltip("Move every slider to the selected example's code (A)"));
        Button random = new Button("Random from the prior");
        random.setOnAction(e -> vm.randomFromPrior());
        random.setGraphic(Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignD.DICE_MULTIPLE));
        random.setTooltip(new Tooltip("Draw every slider from N(0, 1) (R)"));
        caption.setWrapText(true);
        caption.setTooltip(new Tooltip("The shaded band on a slider is the anchor's posterior mean plus or minus one"
                + " sigma (VAE)."));
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        caption.getStyleClass().add("caption");
        VBox right = new VBox(8, large, anchor, random, caption);
        right.setAlignment(Pos.TOP_CENTER);
        right.setPadding(new Insets(4, 8, 4, 12));
        right.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        anchor.setMaxWidth(Double.MAX_VALUE);
        random.setMaxWidth(Double.MAX_VALUE);
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
        setRight(right);
        vm.dimensions().addListener((javafx.collections.ListChangeListener<Dimension>) c -> showRows());
        vm.decodedProperty().addListener((o, a, img) -> showLarge(img));
        vm.selectedProperty().addListener((o, a, s) -> caption.setText(s.intValue() >= 0
                ? "Anchored on example #" + s + "."
                : "Click a point on the scatter to anchor the sliders."));
    }

    private void showLarge(float[] img) {
        SampleShape shape = vm.imageShapeProperty().get();
        if (img != null && Images.drawable(shape)) {
            large.setImage(Images.of(img, shape));
        }
    }

    private void showRows() {
        List<Dimension> dims = vm.dimensions();
        SampleShape shape = vm.imageShapeProperty().get();
        while (rowViews.size() < dims.size()) {
            rowViews.add(new Row());
        }
        List<javafx.scene.Node> nodes = new ArrayList<>();
        updating = true;
        try {
            for (int i = 0; i < dims.size(); i++) {
                Dimension d = dims.get(i);
                Row r = rowViews.get(i);
                r.dim = d.dim();
                r.name.setText(d.name());
                r.figure.setText(d.figure());
                if (!r.slider.isValueChanging()) {
                    r.slider.setValue(d.value());
                }
                r.slider.setAccessibleText(d.name() + ", " + d.figure());
                Tooltip.install(r.slider, new Tooltip(String.format(Locale.ROOT,
                        "%s: %.2f standard units (%s)", d.name(), d.value(), d.figure())));
                if (Images.drawable(shape)) {
                    for (int s = 0; s < r.previews.length; s++) {
                        r.previews[s].setImage(Images.of(d.previews().get(s), shape));
                    }
                }
                placeBand(r, d);
                nodes.add(rowNode(r));
            }
        } finally {
            updating = false;
        }
        rows.getChildren().setAll(nodes);
    }

    private void placeBand(Row r, Dimension d) {
        boolean show = !Double.isNaN(d.bandLo());
        r.band.setVisible(show);
        if (show) {
            double range = 2 * ExplorerViewModel.RANGE;
            double w = r.slider.getPrefWidth();
            double lo = Math.max(0, (d.bandLo() + ExplorerViewModel.RANGE) / range);
            double hi = Math.min(1, (d.bandHi() + ExplorerViewModel.RANGE) / range);
            r.band.setX(lo * w);
            r.band.setY(1);
            r.band.setWidth(Math.max(3, (hi - lo) * w));
        }
    }

    private javafx.scene.Node rowNode(Row r) {
        VBox labels = new VBox(0, r.name, r.figure);
        labels.setMinWidth(120);
        labels.setPrefWidth(120);
        Pane sliderWithBand = new Pane(r.band, r.slider);
        sliderWithBand.setPrefWidth(r.slider.getPrefWidth());
        VBox track = new VBox(2, sliderWithBand, r.strip);
        HBox row = new HBox(8, labels, track);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("dim-row");
        return row;
    }
}
