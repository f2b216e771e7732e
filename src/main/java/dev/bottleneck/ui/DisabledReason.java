package dev.bottleneck.ui;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * A disabled control that says why. JavaFX delivers no mouse events to a disabled node, so its own tooltip never
 * shows; the control is wrapped in a pane that carries a second tooltip, the reason, installed only while the
 * control is disabled and a reason is given.
 */
final class DisabledReason {

    private DisabledReason() {
    }

    /** {@code control} in a wrapper whose tooltip shows {@code reason} while the control is disabled. */
    static StackPane wrap(Control control, ObservableStringValue reason) {
        StackPane wrapper = new StackPane(control);
        wrapper.getStyleClass().add("disabled-reason");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(reason);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        Runnable update = () -> {
            String why = reason.get();
            if (control.isDisabled() && why != null && !why.isEmpty()) {
                Tooltip.install(wrapper, tip);
            } else {
                Tooltip.uninstall(wrapper, tip);
            }
        };
        control.disabledProperty().addListener((o, a, b) -> update.run());
        reason.addListener((o, a, b) -> update.run());
        update.run();
        return wrapper;
    }
}
