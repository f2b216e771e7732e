package dev.bottleneck.core.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * Turns a decoded image of any type into the bytes of one example: opaque sRGB, resized smoothly, then grey or RGB
 * channel planes. Uses only off-screen {@link BufferedImage}s, so it runs headless.
 */
final class ImageConversion {

    private ImageConversion() {
    }

    /**
     * {@code image} as {@code channels x height x width} bytes, channel-major: grey (1 channel, Rec. 601 luminance) or
     * red, green and blue planes (3 channels). Transparent pixels are composited over black.
     */
    static byte[] toBytes(BufferedImage image, int width, int height, int channels) {
        BufferedImage rgb = resize(toOpaqueRgb(image), width, height);
        int[] argb = rgb.getRGB(0, 0, width, height, null, 0, width);
        int plane = width * height;
        byte[] out = new byte[channels * plane]; // channels x height x width
        for (int k = 0; k < plane; k++) {
            int p = argb[k];
            int r = (p >> 16) & 0xFF;
            int g = (p >> 8) & 0xFF;
            int b = p & 0xFF;
            if (channels == 1) {
                out[k] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
            } else {
                out[k] = (byte) r;
                out[plane + k] = (byte) g;
                out[2 * plane + k] = (byte) b;
            }
        }
        return out;
    }

    /**
     * A {@code TYPE_INT_RGB} copy. Grey images are copied from their raster: Java treats their colour space as linear
     * and {@code getRGB} would brighten them (50 becomes 122), while PNG and JPEG grey values are meant as they are.
     */
    static BufferedImage toOpaqueRgb(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        if (src.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            Raster raster = src.getRaster();
            int bits = src.getColorModel().getComponentSize(0);
            int max = (1 << bits) - 1;
            boolean alpha = src.getColorModel().hasAlpha() && raster.getNumBands() > 1;
            int maxAlpha = alpha ? (1 << src.getColorModel().getComponentSize(1)) - 1 : 1;
            int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData(); // h x w, packed RGB
            int[] row = new int[w];
            int[] alphaRow = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                if (alpha) {
                    raster.getSamples(0, y, w, 1, 1, alphaRow);
                }
                for (int x = 0; x < w; x++) {
                    long v = alpha ? (long) row[x] * alphaRow[x] : row[x];
                    long scale = (long) max * (alpha ? maxAlpha : 1);
                    int grey = (int) ((v * 255 + scale / 2) / scale);
                    pixels[y * w + x] = (grey << 16) | (grey << 8) | grey;
                }
            }
            return out;
        }
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, 0, 0, null); // onto black: alpha is composited over black
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * {@code src} scaled to {@code width x height} with bilinear interpolation. Shrinking halves the image step by step
     * until the last step is at most 2x, so every source pixel contributes (one big bilinear step would skip most of
     * them and alias). An image already of the right size is returned as it is.
     */
    static BufferedImage resize(BufferedImage src, int width, int height) {
        BufferedImage current = src;
        int w = src.getWidth();
        int h = src.getHeight();
        while (w != width || h != height) {
            w = w > width ? Math.max(w / 2, width) : width;
            h = h > height ? Math.max(h / 2, height) : height;
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        }
        return current;
    }
}
