package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Robot tier: real (Monocle headless) mouse input on a scatter in a window. */
@ExtendWith(ApplicationExtension.class)
class LatentScatterRobotTest {

    private LatentScatter scatter;

    @Start
    void start(Stage stage) {
        // Points on a 10 x 10 lattice, far apart on screen; point i is at (i % 10, i / 10), label i % 10.
        int n = 100;
        float[] x = new float[n];
        float[] y = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 10;
            y[i] = i / 10;
            labels[i] = i % 10;
        }
        scatter = new LatentScatter();
        scatter.setPoints(x, y, labels, List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
                "eight", "nine"));
        scatter.setAxisLabels("z1", "z2");
        stage.setScene(new Scene(scatter, 640, 480));
        stage.show();
    }

    private Point2D onScreen(double dataX, double dataY) {
        return FxTestSupport.call(() -> scatter.localToScreen(scatter.dataToLocal(dataX, dataY)));
    }

    @Test
    void hoverClickAndWheelDriveTheScatter(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.moveTo(onScreen(3, 4));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(43, scatter.getHoveredIndex());

        robot.clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(43, scatter.getSelectedIndex());

        // Only "the view changed" is asserted, not its direction: Monocle's robot sends a wheel notch as
        // deltaY = -1 for UP where desktop platforms send +40 (TestFX/TestFX#658, TestFX/Monocle#95). The direction
        // and the factor per notch are checked with synthetic events in LatentScatterTest.
        Rectangle2D before = scatter.getViewBounds();
        Point2D pointBefore = onScreen(3, 4);
        robot.scroll(10, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D after = scatter.getViewBounds();
        assertNotEquals(before.getWidth(), after.getWidth(), 1e-9, "the wheel zooms: " + before + " -> " + after);
        assertTrue(onScreen(3, 4).distance(pointBefore) < 1, "zoomed about the cursor, which is over point (3, 4)");

        robot.moveTo(onScreen(3.5, 4.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(-1, scatter.getHoveredIndex());
        assertEquals(43, scatter.getSelectedIndex(), "moving does not change the selection");
    }
}
