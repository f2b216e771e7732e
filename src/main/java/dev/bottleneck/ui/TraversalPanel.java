package dev.bottleneck.ui;

import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.ExplorerViewModel.Dimension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * One slider per latent dimension, most important first, each labelled with the figure that orders it and its
 * value, carrying a strip of decoded previews across its range; the large image decoded from all sliders; "back to
 * the anchor" and "random sample from the prior".
 *
 * <p>Each dimension's row is built once and kept (keyed by the dimension, not by its place): a refresh only updates
 * its texts and images. Re-parenting a slider while it is dragged drops the drag (the slider then never sees the
 * release and stays "value changing"), so rows are re-ordered only while no slider is being dragged.
 */
public final class TraversalPanel extends BorderPane {

    /** Side of a preview image, in px at the normal size; presenter mode scales it (see {@link #previewScale()}). */
    private static final double PREVIEW = 34;
    private static final double LARGE = 168;

    private final ExplorerViewModel vm;
    private final VBox rows = new VBox(4);
    private final ImageView large = Images.view(LARGE);
    private final Label caption = new Label("Click a point on the scatter to anchor the sliders.");
    private final Map<Integer, Row> rowsByDim = new HashMap<>();
    private final DoubleProperty previewScale = new SimpleDoubleProperty(1);
    private List<Row> shown = List.of();
    private List<Row> wanted = List.of();
    private boolean updating;

    /** The controls of one latent dimension, kept between refreshes so a drag is never interrupted. */
    final class Row {
        final int dim;
        final Label name = new Label();
        final Label figure = new Label();
        /** The factor the dimension owns and its gap ("posX, gap 0.52"); hidden when it owns none. */
        final Label factor = new Label();
        final Tooltip factorTip = new Tooltip();
        String factorNote = "";
        final Label value = new Label();
        final Slider slider = new Slider(-ExplorerViewModel.RANGE, ExplorerViewModel.RANGE, 0);
        final Tooltip tip = new Tooltip();
        /** The anchor's posterior mean plus or minus one sigma, drawn under the track where the thumb never hides it. */
        final Rectangle band = new Rectangle(0, 0, 0, 5);
        final HBox strip = new HBox(1);
        final ImageView[] previews = new ImageView[ExplorerViewModel.STRIP];
        final HBox node;
        double bandLo = Double.NaN;
        double bandHi = Double.NaN;

        Row(int dim) {
            this.dim = dim;
            name.getStyleClass().add("dim-name");
            figure.getStyleClass().add("dim-figure");
            factor.getStyleClass().add("dim-factor");
            factorTip.setWrapText(true);
            factorTip.setMaxWidth(460);
            factor.setTooltip(factorTip);
            value.getStyleClass().add("dim-value");
            value.setMinWidth(Label.USE_PREF_SIZE);
            slider.getStyleClass().add("traversal-slider");
            slider.setShowTickMarks(true);
            slider.setShowTickLabels(true);
            slider.setMajorTickUnit(1);
            slider.setMinorTickCount(0);
            slider.setTooltip(tip);
            tip.setWrapText(true);   // why: the gap's explanation is a sentence or two
            tip.setMaxWidth(460);
            slider.prefWidthProperty().bind(previewScale.multiply(PREVIEW + 1).multiply(ExplorerViewModel.STRIP));
            slider.setMaxWidth(Slider.USE_PREF_SIZE);
            band.getStyleClass().add("posterior-band");
            band.setArcWidth(4);
            band.setArcHeight(4);
            band.setMouseTransparent(true);
            band.setManaged(false);
            for (int i = 0; i < previews.length; i++) {
                previews[i] = Images.view(PREVIEW);
                previews[i].fitWidthProperty().bind(previewScale.multiply(PREVIEW));
                previews[i].fitHeightProperty().bind(previewScale.multiply(PREVIEW));
                strip.getChildren().add(previews[i]);
            }
            slider.valueChangingProperty().addListener((o, was, now) -> {
                if (!now) {
                    applyOrder();   // a re-ordering that waited for the drag to end
                }
            });
            slider.valueProperty().addListener((o, a, v) -> {
                showValue(v.doubleValue());
                if (!updating) {
                    vm.traversal().setValue(dim, v.doubleValue());
                }
            });
            VBox labels = new VBox(0, name, figure, factor, value);
            labels.minWidthProperty().bind(previewScale.multiply(120));
            labels.prefWidthProperty().bind(previewScale.multiply(120));
            // The band lives in its own pane over the slider, positioned from the track's bounds after each layout.
            Pane sliderWithBand = new Pane(slider, band) {
                @Override
                protected void layoutChildren() {
                    super.layoutChildren();
                    placeBand();
                }
            };
            sliderWithBand.prefWidthProperty().bind(slider.prefWidthProperty());
            sliderWithBand.setMinWidth(Pane.USE_PREF_SIZE);
            VBox track = new VBox(2, sliderWithBand, strip);
            node = new HBox(8, labels, track);
            node.setAlignment(Pos.CENTER_LEFT);
            node.getStyleClass().add("dim-row");
        }

        void showValue(double v) {
            value.setText(String.format(Locale.ROOT, "%+.2f", v));
            tip.setText(String.format(Locale.ROOT, "%s = %+.2f standard units (range %.0f to %+.0f; %s)",
                    name.getText(), v, -ExplorerViewModel.RANGE, ExplorerViewModel.RANGE, figure.getText())
                    + (factorNote.isEmpty() ? "" : "\n" + factorNote));
        }

        void placeBand() {
            Node trackNode = slider.lookup(".track");
            boolean show = !Double.isNaN(bandLo) && trackNode != null;
            band.setVisible(show);
            if (!show) {
                return;
            }
            Bounds t = trackNode.getBoundsInParent();   // in the slider's coordinates
            double range = 2 * ExplorerViewModel.RANGE;
            double lo = Math.max(0, (bandLo + ExplorerViewModel.RANGE) / range);
            double hi = Math.min(1, (bandHi + ExplorerViewModel.RANGE) / range);
            double x0 = slider.getLayoutX() + t.getMinX();
            band.setX(x0 + lo * t.getWidth());
            band.setWidth(Math.max(3, (hi - lo) * t.getWidth()));
            // Just below the track, above the tick marks: the thumb covers the track itself.
            band.setY(slider.getLayoutY() + t.getMaxY() + 1);
        }
    }

    public TraversalPanel(ExplorerViewModel vm) {
        this.vm = vm;
        getStyleClass().add("traversal-panel");
        large.getStyleClass().add("decoded-image");
        Button anchor = new Button("Back to the anchor");
        anchor.setOnAction(e -> vm.traversal().backToAnchor());
        anchor.setGraphic(Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ANCHOR));
        anchor.setTooltip(new Tooltip("Move every slider to the selected example's code (A)"));
        Button random = new Button("Random from the prior");
        random.setOnAction(e -> vm.traversal().randomFromPrior());
        random.setGraphic(Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignD.DICE_MULTIPLE));
        random.setTooltip(new Tooltip("Draw every slider from N(0, 1) (R)"));
        caption.setWrapText(true);
        caption.setTooltip(new Tooltip("The shaded bar under a slider is the anchor's posterior mean plus or minus"
                + " one sigma (VAE). Values are in standard units: prior standard deviations (VAE), code standard"
                + " deviations (AE, PCA)."));
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        caption.getStyleClass().add("caption");
        // As large as the scale asks, but never so large that the buttons and caption under it leave the panel
        // (presenter mode, or a short lower pane).
        var below = anchor.heightProperty().add(random.heightProperty()).add(caption.heightProperty()).add(3 * 8 + 12);
        var side = javafx.beans.binding.Bindings.max(64, javafx.beans.binding.Bindings.min(
                previewScale.multiply(LARGE), heightProperty().subtract(below)));
        large.fitWidthProperty().bind(side);
        large.fitHeightProperty().bind(side);
        VBox right = new VBox(8, large, anchor, random, caption);
        right.setAlignment(Pos.TOP_CENTER);
        right.setPadding(new Insets(4, 8, 4, 12));
        right.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        caption.setMaxWidth(LARGE);
        anchor.setMaxWidth(Double.MAX_VALUE);
        random.setMaxWidth(Double.MAX_VALUE);
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
        setRight(right);
        vm.traversal().dimensions().addListener((javafx.collections.ListChangeListener<Dimension>) c -> showRows());
        vm.traversal().decodedProperty().addListener((o, a, img) -> showLarge(img));
        vm.selectedProperty().addListener((o, a, s) -> caption.setText(s.intValue() >= 0
                ? "Anchored on example #" + s + "."
                : "Click a point on the scatter to anchor the sliders."));
    }

    /** How much larger than normal the previews and the decoded image are drawn (presenter mode sets 1.6). */
    public DoubleProperty previewScale() {
        return previewScale;
    }

    private void showLarge(float[] img) {
        SampleShape shape = vm.imageShapeProperty().get();
        if (img == null) {
            large.setImage(null);
        } else if (Images.drawable(shape)) {
            large.setImage(Images.of(img, shape));
        }
    }

    private void showRows() {
        List<Dimension> dims = vm.traversal().dimensions();
        SampleShape shape = vm.imageShapeProperty().get();
        List<Row> order = new ArrayList<>(dims.size());
        updating = true;
        try {
            for (Dimension d : dims) {
                Row r = rowsByDim.computeIfAbsent(d.dim(), Row::new);
                order.add(r);
                r.name.setText(d.name());
                r.figure.setText(d.figure());
                r.factor.setText(d.factor());
                r.factor.setVisible(!d.factor().isEmpty());
                r.factor.setManaged(!d.factor().isEmpty());
                r.factorNote = d.factorNote();
                r.factorTip.setText(d.factorNote());
                if (!r.slider.isValueChanging()) {
                    r.slider.setValue(d.value());
                }
                r.showValue(r.slider.getValue());
                r.slider.setAccessibleText(d.name() + ", " + d.figure()
                        + (d.factor().isEmpty() ? "" : ", " + d.factor()));
                if (Images.drawable(shape)) {
                    for (int s = 0; s < r.previews.length; s++) {
                        r.previews[s].setImage(Images.of(d.previews().get(s), shape));
                    }
                }
                r.bandLo = d.bandLo();
                r.bandHi = d.bandHi();
                r.placeBand();
            }
        } finally {
            updating = false;
        }
        wanted = order;
        applyOrder();
    }

    private void applyOrder() {
        boolean dragging = shown.stream().anyMatch(r -> r.slider.isValueChanging());
        if (!wanted.equals(shown) && !dragging) {
            shown = wanted;
            rows.getChildren().setAll(wanted.stream().map(r -> (Node) r.node).toList());
        }
    }

    /** The row of latent dimension {@code dim}, or null (for tests). */
    Row row(int dim) {
        return rowsByDim.get(dim);
    }
}
