package dev.bottleneck.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;

/**
 * Colours, strokes and fonts of the charts. JFreeChart draws with Java2D paints, not CSS, so the chart's look lives
 * here rather than in the stylesheet. Series colours are from Okabe and Ito's colour-blind-safe set; the dark palette
 * uses its lighter members so lines keep their contrast on a dark background. Font sizes are in pixels and chosen
 * for a projector: ticks 15, axis labels 17.
 *
 * @param background the chart's background, outside the plot
 * @param plot the plot's background
 * @param grid gridlines
 * @param text tick labels, axis labels, legend and marker labels
 * @param axisLine axis lines and tick marks
 * @param train the training curves
 * @param validation the validation curves
 * @param accent the best-epoch marker
 * @param cursor the time cursor
 */
public record ChartPalette(Color background, Color plot, Color grid, Color text, Color axisLine, Color train,
        Color validation, Color accent, Color cursor) {

    /** Okabe-Ito blue #0072B2 and vermillion #D55E00 on white. */
    public static final ChartPalette LIGHT = new ChartPalette(Color.WHITE, Color.WHITE, new Color(0xD9D9D9),
            new Color(0x222222), new Color(0x707070), new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7));

    /** Okabe-Ito sky blue #56B4E9 and orange #E69F00 on near-black. */
    public static final ChartPalette DARK = new ChartPalette(new Color(0x1E1F22), new Color(0x1E1F22),
            new Color(0x3C3F44), new Color(0xE6E6E6), new Color(0x9A9A9A), new Color(0x56B4E9), new Color(0xE69F00),
            new Color(0x5FD3A8), new Color(0xE08AC0));

    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font AXIS_LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font MARKER_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    /** {@code font} at {@code f} times its size. */
    static Font scaled(Font font, double f) {
        return font.deriveFont((float) (font.getSize2D() * f));
    }

    static final Stroke RAW_STROKE = new BasicStroke(1.0f);
    static final Stroke SMOOTH_STROKE = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke EPOCH_STROKE = new BasicStroke(3.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke VALIDATION_STROKE = new BasicStroke(3.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {9f, 6f}, 0f);
    static final Stroke MARKER_STROKE = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
            new float[] {6f, 4f}, 0f);

    /** The colour with the given opacity in [0, 1]. */
    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(alpha * 255));
    }
}
