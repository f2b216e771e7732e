package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 10: an image folder's total decoded pixels are bounded, from the image headers, before anything
 * is decoded. The big image is a real, valid 1-bit PNG of 10000 x 10000 pixels that takes a few KB: its rows are
 * all zero, deflated.
 */
class ImageFolderPixelBoundTest {

    @TempDir
    Path dir;

    @Test
    void eightLinksToOneHundredMegapixelPngAreRefusedFastNamingTheFolder() throws Exception {
        Path big = dir.resolve("big.png");
        Files.write(big, blankPng(10_000, 10_000));
        assertEquals(10_000, ImageIO.read(big.toFile()).getWidth(), "a valid PNG that decodes");
        Path folder = dir.resolve("photos");
        Files.createDirectories(folder);
        for (int i = 0; i < 8; i++) {
            Files.createSymbolicLink(folder.resolve("copy" + i + ".png"), big);
        }
        DataException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(DataException.class,
                () -> ImageFolderReader.read(folder, 28, 28, ImageFolderReader.ColorMode.GREY)));
        assertEquals(folder, e.file());
        assertTrue(e.getMessage().startsWith(folder + ": its 8 images hold 800 megapixels in all"), e.getMessage());
        assertTrue(e.getMessage().contains("10000x10000"), e.getMessage());
        assertTrue(e.getMessage().contains("more than the 256 megapixels one folder may decode"), e.getMessage());
    }

    @Test
    void aFolderUnderTheBoundIsDecoded() throws Exception {
        Path folder = dir.resolve("small");
        Files.createDirectories(folder);
        Files.write(folder.resolve("big.png"), blankPng(4000, 4000));
        for (int i = 0; i < 3; i++) {
            ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_GRAY), "png",
                    folder.resolve(i + ".png").toFile());
        }
        ImageFolderResult r = ImageFolderReader.read(folder, 8, 8, ImageFolderReader.ColorMode.GREY);
        assertEquals(4, r.dataset().size());
        assertEquals(0, r.skipped().size());
    }

    /** A valid greyscale 1-bit PNG, all black, without building its pixels in memory. */
    static byte[] blankPng(int width, int height) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.writeByte(1); // bit depth
        h.writeByte(0); // greyscale
        h.writeByte(0); // deflate
        h.writeByte(0); // adaptive filtering
        h.writeByte(0); // no interlace
        chunk(png, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
            byte[] row = new byte[1 + (width + 7) / 8]; // filter byte 0, then zero bits
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
