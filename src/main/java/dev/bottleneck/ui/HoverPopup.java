package dev.bottleneck.ui;

import java.util.function.IntFunction;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

/** The box beside the cursor that shows what a hovered point stands for. Style class {@code latent-scatter-popup}. */
final class HoverPopup {

    private static final double OFFSET = 14;

    private final StackPane box = new StackPane();
    private IntFunction<Node> factory;
    private int shownIndex = -1;

    HoverPopup() {
        box.getStyleClass().add("latent-scatter-popup");
        box.setManaged(false);
        box.setMouseTransparent(true);
        box.setVisible(false);
    }

    StackPane node() {
        return box;
    }

    void setFactory(IntFunction<Node> factory) {
        this.factory = factory;
        shownIndex = -1;
    }

    /** Hides the box and forgets what it showed: the next {@link #show} asks the factory again. */
    void reset() {
        shownIndex = -1;
        box.getChildren().clear();
        box.setVisible(false);
    }

    /** Shows the content of point {@code index}, or hides the box for -1, no factory, or a null node. */
    void show(int index) {
        if (index == shownIndex) {
            return;
        }
        shownIndex = index;
        Node content = factory == null || index < 0 ? null : factory.apply(index);
        if (content == null) {
            box.getChildren().clear();
            box.setVisible(false);
        } else {
            box.getChildren().setAll(content);
            box.setVisible(true);
        }
    }

    /**
     * Puts the box below right of the cursor, on the other side where it would leave the {@code width x height}
     * parent, and never outside it.
     */
    void place(double cursorX, double cursorY, double width, double height) {
        if (!box.isVisible() || Double.isNaN(cursorX)) {
            return;
        }
        box.applyCss();
        box.autosize();
        double w = box.getWidth();
        double h = box.getHeight();
        double x = cursorX + OFFSET + w <= width ? cursorX + OFFSET : cursorX - OFFSET - w;
        double y = cursorY + OFFSET + h <= height ? cursorY + OFFSET : cursorY - OFFSET - h;
        box.relocate(Math.max(0, Math.min(x, width - w)), Math.max(0, Math.min(y, height - h)));
    }
}
