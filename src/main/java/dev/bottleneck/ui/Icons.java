package dev.bottleneck.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Toolbar and button icons from Ikonli's Material Design Icons pack (not drawn here). Their colour and size come from
 * the stylesheet ({@code .button .ikonli-font-icon}), so they follow the text colour in the light and the dark theme.
 */
final class Icons {

    private Icons() {
    }

    /** A new icon node for a button's graphic. */
    static FontIcon of(Ikon ikon) {
        return new FontIcon(ikon);
    }
}
