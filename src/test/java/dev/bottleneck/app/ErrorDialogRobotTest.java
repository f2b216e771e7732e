package dev.bottleneck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An exception nothing catches shows one error dialog with its message and a copyable trace, and the app goes on:
 * thrown by a button's handler on the FX thread, and by a background thread while the dialog is open.
 */
@ExtendWith(ApplicationExtension.class)
class ErrorDialogRobotTest {

    private final AtomicInteger clicks = new AtomicInteger();
    private Thread.UncaughtExceptionHandler previousDefault;
    private Thread.UncaughtExceptionHandler previousFx;
    private Thread fxThread;
    private ErrorDialog errors;

    @Start
    void start(Stage stage) {
        previousDefault = Thread.getDefaultUncaughtExceptionHandler();
        fxThread = Thread.currentThread();
        previousFx = fxThread.getUncaughtExceptionHandler();
        errors = ErrorDialog.install(stage); // as BottleneckApp.start does
        Button boom = new Button("Boom");
        boom.setOnAction(e -> {
            throw new IllegalStateException("the histogram has no bins");
        });
        Button count = new Button("Count");
        count.setOnAction(e -> clicks.incrementAndGet());
        stage.setScene(new Scene(new HBox(10, boom, count), 400, 200));
        stage.show();
    }

    @AfterEach
    void restoreHandlers() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            if (errors.dialog() != null) {
                errors.dialog().close();
            }
            fxThread.setUncaughtExceptionHandler(previousFx);
        }).get(10, TimeUnit.SECONDS);
        Thread.setDefaultUncaughtExceptionHandler(previousDefault);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static long dialogsShowing(FxRobot robot) {
        return robot.listWindows().stream().filter(Window::isShowing)
                .filter(w -> w.getScene() != null && w.getScene().getRoot().lookup(".dialog-pane") != null).count();
    }

    @Test
    void anExceptionInAHandlerShowsOneDialogAndTheAppGoesOn(FxRobot robot) {
        robot.clickOn("Boom");
        waitFor("the error dialog", () -> errors.dialog() != null && errors.dialog().isShowing());
        DialogPane pane = errors.dialog().getDialogPane();
        assertTrue(pane.getContentText().contains("the histogram has no bins"), pane.getContentText());
        TextArea trace = (TextArea) pane.getExpandableContent().lookup(".error-trace");
        assertNotNull(trace, "the trace is in a text area, to copy");
        assertTrue(trace.getText().contains("java.lang.IllegalStateException: the histogram has no bins"));
        assertTrue(trace.getText().contains("ErrorDialogRobotTest"), "the trace names where it was thrown");
        assertEquals(1, dialogsShowing(robot));

        // A second failure, on another thread, while the dialog is open: added to it, no second dialog.
        Thread worker = new Thread(() -> {
            throw new ArithmeticException("second failure");
        }, "worker-for-test");
        worker.start();
        waitFor("the second failure in the trace", () -> trace.getText().contains("second failure"));
        assertTrue(trace.getText().contains("worker-for-test"), "it says which thread failed");
        assertEquals(1, dialogsShowing(robot), "one dialog, however many failures");

        robot.clickOn((javafx.scene.Node) pane.lookupButton(javafx.scene.control.ButtonType.OK));
        waitFor("the dialog to close", () -> errors.dialog() == null);
        assertEquals(0, dialogsShowing(robot));
        robot.clickOn("Count");
        waitFor("the app to respond", () -> clicks.get() == 1);
        assertNull(errors.dialog());

        // And the next failure shows a dialog again.
        robot.clickOn("Boom");
        waitFor("a new dialog", () -> errors.dialog() != null && errors.dialog().isShowing());
        assertTrue(errors.dialog().getDialogPane().getContentText().contains("the histogram has no bins"));
    }

    @Test
    void messagesNameTheProblemOrTheType() {
        assertEquals("IllegalArgumentException: bad", ErrorDialog.messageOf(new IllegalArgumentException("bad")));
        assertEquals("java.lang.NullPointerException", ErrorDialog.messageOf(new NullPointerException()));
        assertTrue(ErrorDialog.messageOf(new OutOfMemoryError("Java heap space")).startsWith("Not enough memory"));
    }
}
