package dev.bottleneck.ui;

import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;

/** Turns mouse, touchpad and keyboard input on a {@link LatentScatter} into hover, selection, zoom and pan. */
final class ScatterGestures {

    /** The usual scroll distance of one mouse-wheel notch, in pixels. */
    private static final double WHEEL_NOTCH = 40;
    private static final double ZOOM_PER_NOTCH = 1.2;
    private static final double KEY_ZOOM = 1.25;
    private static final double KEY_PAN = 0.1;

    private ScatterGestures() {
    }

    static void install(LatentScatter s) {
        s.addEventHandler(MouseEvent.MOUSE_MOVED, e -> s.mouseMoved(e.getX(), e.getY()));
        s.addEventHandler(MouseEvent.MOUSE_EXITED, e -> s.mouseExited());
        s.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            s.requestFocus();
            if (e.getButton() == MouseButton.PRIMARY) {
                s.dragStarted(e.getX(), e.getY());
            }
        });
        s.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (e.isPrimaryButtonDown()) {
                s.dragged(e.getX(), e.getY());
            }
        });
        s.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> s.dragEnded(e.getX(), e.getY()));
        s.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
                return;
            }
            if (e.getClickCount() == 2) {
                s.resetView();
            } else {
                s.clicked(e.getX(), e.getY());
            }
        });
        s.addEventHandler(ScrollEvent.SCROLL, e -> {
            // Wheel away from the user zooms in, as on a map.
            double notches = Math.max(-5, Math.min(5, e.getDeltaY() / WHEEL_NOTCH));
            if (notches != 0) {
                s.zoomAbout(e.getX(), e.getY(), Math.pow(ZOOM_PER_NOTCH, notches));
                e.consume();
            }
        });
        s.addEventHandler(ZoomEvent.ZOOM, e -> {
            s.zoomAbout(e.getX(), e.getY(), e.getZoomFactor());
            e.consume();
        });
        s.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            boolean handled = true;
            switch (e.getCode()) {
                case PLUS, ADD, EQUALS -> s.zoomAboutCenter(KEY_ZOOM);
                case MINUS, SUBTRACT -> s.zoomAboutCenter(1 / KEY_ZOOM);
                case DIGIT0, NUMPAD0, HOME -> s.resetView();
                case LEFT -> s.panByFraction(-KEY_PAN, 0);
                case RIGHT -> s.panByFraction(KEY_PAN, 0);
                case UP -> s.panByFraction(0, KEY_PAN);
                case DOWN -> s.panByFraction(0, -KEY_PAN);
                default -> handled = false;
            }
            if (handled) {
                e.consume();
            }
        });
    }
}
