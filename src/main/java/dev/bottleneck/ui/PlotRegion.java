package dev.bottleneck.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.FontCssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A region for plots painted in code, with the colours and font a canvas cannot take from CSS by itself:
 * {@code -fx-font} (inherited, like a control's), {@code -bn-foreground} for axes, text and marks, and
 * {@code -bn-grid-color}. The background is the region's own {@code -fx-background-color}. Setters work as well,
 * and an author stylesheet overrides them, as for any JavaFX property.
 */
public abstract class PlotRegion extends Region {

    private static final Font DEFAULT_FONT = Font.font(12);
    private static final Color DEFAULT_FOREGROUND = Color.web("#333333");
    /** Half-transparent grey reads as a faint grid on light and dark backgrounds alike. */
    private static final Color DEFAULT_GRID = Color.gray(0.5, 0.3);

    private static final CssMetaData<PlotRegion, Font> FONT = new FontCssMetaData<>("-fx-font", DEFAULT_FONT) {
        @Override
        public boolean isSettable(PlotRegion s) {
            return !s.font.isBound();
        }

        @Override
        public StyleableProperty<Font> getStyleableProperty(PlotRegion s) {
            return s.font;
        }
    };

    private static final CssMetaData<PlotRegion, Color> FOREGROUND = new CssMetaData<>("-bn-foreground",
            StyleConverter.getColorConverter(), DEFAULT_FOREGROUND) {
        @Override
        public boolean isSettable(PlotRegion s) {
            return !s.foreground.isBound();
        }

        @Override
        public StyleableProperty<Color> getStyleableProperty(PlotRegion s) {
            return s.foreground;
        }
    };

    private static final CssMetaData<PlotRegion, Color> GRID_COLOR = new CssMetaData<>("-bn-grid-color",
            StyleConverter.getColorConverter(), DEFAULT_GRID) {
        @Override
        public boolean isSettable(PlotRegion s) {
            return !s.gridColor.isBound();
        }

        @Override
        public StyleableProperty<Color> getStyleableProperty(PlotRegion s) {
            return s.gridColor;
        }
    };

    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

    static {
        List<CssMetaData<? extends Styleable, ?>> list = new ArrayList<>(Region.getClassCssMetaData());
        list.add(FONT);
        list.add(FOREGROUND);
        list.add(GRID_COLOR);
        CSS_META_DATA = Collections.unmodifiableList(list);
    }

    private final StyleableObjectProperty<Font> font = new StyleChangeProperty<>(FONT, "font", DEFAULT_FONT);
    private final StyleableObjectProperty<Color> foreground =
            new StyleChangeProperty<>(FOREGROUND, "foreground", DEFAULT_FOREGROUND);
    private final StyleableObjectProperty<Color> gridColor =
            new StyleChangeProperty<>(GRID_COLOR, "gridColor", DEFAULT_GRID);

    /** A styleable property whose change calls {@link #styleChanged()}. */
    private final class StyleChangeProperty<T> extends SimpleStyleableObjectProperty<T> {
        StyleChangeProperty(CssMetaData<PlotRegion, T> meta, String name, T initial) {
            super(meta, PlotRegion.this, name, initial);
        }

        @Override
        protected void invalidated() {
            styleChanged();
        }
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META_DATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS_META_DATA;
    }

    /** Font of tick labels, titles and legend; CSS {@code -fx-font}. */
    public StyleableObjectProperty<Font> fontProperty() {
        return font;
    }

    public Font getFont() {
        return font.get() == null ? DEFAULT_FONT : font.get();
    }

    public void setFont(Font value) {
        font.set(value);
    }

    /** Colour of axes, text and marks; CSS {@code -bn-foreground}. */
    public StyleableObjectProperty<Color> foregroundProperty() {
        return foreground;
    }

    public Color getForeground() {
        return foreground.get() == null ? DEFAULT_FOREGROUND : foreground.get();
    }

    public void setForeground(Color value) {
        foreground.set(value);
    }

    /** Colour of grid lines and the plot frame; CSS {@code -bn-grid-color}. */
    public StyleableObjectProperty<Color> gridColorProperty() {
        return gridColor;
    }

    public Color getGridColor() {
        return gridColor.get() == null ? DEFAULT_GRID : gridColor.get();
    }

    public void setGridColor(Color value) {
        gridColor.set(value);
    }

    /** Called when the font or a colour changes, by CSS or by a setter; the subclass repaints. */
    protected abstract void styleChanged();
}
