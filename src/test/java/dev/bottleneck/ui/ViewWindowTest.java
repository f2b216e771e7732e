package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewWindowTest {

    @Test
    void fitAddsFivePercentOnEachSide() {
        ViewWindow w = new ViewWindow();
        w.fit(new double[] {0, 10, -2, 2});
        assertEquals(-0.5, w.x0(), 1e-12);
        assertEquals(10.5, w.x1(), 1e-12);
        assertEquals(-2.2, w.y0(), 1e-12);
        assertEquals(2.2, w.y1(), 1e-12);
        assertFalse(w.userMoved());
    }

    @Test
    void aSinglePointOrALineStillGetsAnArea() {
        ViewWindow w = new ViewWindow();
        w.fit(new double[] {3, 3, 5, 5});
        assertTrue(w.width() > 0 && w.height() > 0);
        assertTrue(w.x0() < 3 && w.x1() > 3 && w.y0() < 5 && w.y1() > 5);
    }

    @Test
    void zoomKeepsTheAnchorAndMarksTheUsersChoice() {
        ViewWindow w = new ViewWindow();
        w.fit(new double[] {0, 10, 0, 10});
        double anchorX = w.x0() + 0.25 * w.width();
        double anchorY = w.y0() + 0.75 * w.height();
        assertTrue(w.zoom(2, 0.25, 0.75, 10));
        assertEquals(anchorX, w.x0() + 0.25 * w.width(), 1e-12);
        assertEquals(anchorY, w.y0() + 0.75 * w.height(), 1e-12);
        assertEquals(5.5, w.width(), 1e-12);
        assertTrue(w.userMoved());
    }

    @Test
    void zoomStopsAtItsLimitsAndIgnoresNonsense() {
        ViewWindow w = new ViewWindow();
        w.fit(new double[] {0, 1, 0, 1});
        assertFalse(w.zoom(1e9, 0.5, 0.5, 1), "deeper than a millionth of the data");
        assertFalse(w.zoom(1e-6, 0.5, 0.5, 1), "farther out than ten thousand times the data");
        assertFalse(w.zoom(Double.NaN, 0.5, 0.5, 1));
        assertFalse(w.zoom(0, 0.5, 0.5, 1));
        assertFalse(w.userMoved());
        assertFalse(w.set(1, 0, 0, 1), "inverted");
    }

    @Test
    void panMovesByFractionsOfTheWindow() {
        ViewWindow w = new ViewWindow();
        w.fit(new double[] {0, 10, 0, 10});
        double x0 = w.x0();
        double y0 = w.y0();
        assertTrue(w.pan(0.1, -0.2));
        assertEquals(x0 + 1.1, w.x0(), 1e-12);
        assertEquals(y0 - 2.2, w.y0(), 1e-12);
    }
}
