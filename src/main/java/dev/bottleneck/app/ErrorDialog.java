package dev.bottleneck.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The last line of defence: an exception that nothing caught, on the FX thread or any other, shows one error dialog
 * with its message and, folded away, the stack trace in a text area to copy into a bug report. The app keeps
 * running. While the dialog is open, further exceptions are added to its trace instead of stacking dialogs (one
 * exception in a layout pass or an animation would otherwise open a dialog per pulse).
 */
public final class ErrorDialog implements Thread.UncaughtExceptionHandler {

    private final Window owner;
    private Alert open;           // FX thread only
    private TextArea trace;
    private int count;

    ErrorDialog(Window owner) {
        this.owner = owner;
    }

    /**
     * Makes this the handler of every thread's uncaught exceptions: the default handler, and the FX thread's own
     * (which JavaFX consults for exceptions thrown by event handlers, listeners and pulses). Call on the FX thread.
     */
    public static ErrorDialog install(Window owner) {
        ErrorDialog d = new ErrorDialog(owner);
        Thread.setDefaultUncaughtExceptionHandler(d);
        Thread.currentThread().setUncaughtExceptionHandler(d);
        return d;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        e.printStackTrace(); // the console keeps a record, whatever becomes of the dialog
        if (Platform.isFxApplicationThread()) {
            showSafely(thread, e);
        } else {
            try {
                Platform.runLater(() -> showSafely(thread, e));
            } catch (IllegalStateException fxGone) {
                // the toolkit has exited: the console has it
            }
        }
    }

    /** The dialog while it is open, else null (for tests). */
    Alert dialog() {
        return open;
    }

    private void showSafely(Thread thread, Throwable e) {
        try {
            show(thread, e);
        } catch (RuntimeException | Error failed) {
            // Never let the handler throw on the FX thread: that would come straight back here.
            failed.printStackTrace();
        }
    }

    private void show(Thread thread, Throwable e) {
        count++;
        if (open != null) {
            trace.appendText("\n\n--- and then, on " + thread.getName() + " ---\n" + traceOf(e));
            open.setHeaderText(count + " unexpected errors. Bottleneck keeps running.");
            return;
        }
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.setTitle("Bottleneck: unexpected error");
        a.setHeaderText("An unexpected error. Bottleneck keeps running.");
        a.setContentText(messageOf(e));
        trace = new TextArea("On " + thread.getName() + ":\n" + traceOf(e));
        trace.setEditable(false);
        trace.setWrapText(false);
        trace.setPrefRowCount(14);
        trace.setPrefColumnCount(90);
        trace.getStyleClass().add("error-trace");
        VBox.setVgrow(trace, Priority.ALWAYS);
        VBox details = new VBox(4, new Label("The details, to copy into a bug report:"), trace);
        details.setMaxHeight(Double.MAX_VALUE);
        a.getDialogPane().setExpandableContent(details);
        if (owner != null && owner.isShowing()) {
            a.initOwner(owner);
        }
        a.setOnHidden(ev -> {
            open = null;
            trace = null;
            count = 0;
        });
        open = a;
        // show, not showAndWait: a nested event loop is not allowed during a layout pass or an animation, where such
        // an exception may come from.
        a.show();
    }

    /** The exception's message for the dialog, or its type when it has none; what ran out, for lack of memory. */
    static String messageOf(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "Not enough memory. Choose a smaller training set or image size, or start Bottleneck with more"
                    + " memory (-Xmx).";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m;
    }

    static String traceOf(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
