package dev.bottleneck.core.data;

import dev.bottleneck.core.MemoryBudget;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a folder of images (PNG, JPEG, and whatever else {@link ImageIO} decodes) into a byte-backed dataset of one
 * chosen size and colour mode.
 *
 * <p>Layout: each sub-folder is a class named after it (its images may sit in deeper folders); class names are sorted
 * alphabetically, ignoring case, and label {@code i} is the {@code i}-th name. When no sub-folder holds an image, the
 * images directly in the folder form an unlabelled dataset; when sub-folders do, images directly in the folder are
 * skipped, as they have no class. Hidden files (names starting with a dot) are ignored.
 *
 * <p>Every image is resized to {@code width x height} with smooth (bilinear, stepwise) scaling, whatever its own size,
 * and stored channel-major as in {@link SampleShape}. Files that are not images or cannot be decoded are skipped and
 * listed in the {@link ImageFolderResult}; they do not stop the read. All methods are static and the class keeps no
 * state.
 */
public final class ImageFolderReader {

    /** How colour is kept: one luminance channel, or red, green and blue planes. */
    public enum ColorMode {
        /** One channel, Rec. 601 luminance {@code 0.299 R + 0.587 G + 0.114 B}. */
        GREY(1),
        /** Three channels: the red plane, then green, then blue. */
        RGB(3);

        private final int channels;

        ColorMode(int channels) {
            this.channels = channels;
        }

        /** Channels per image: 1 or 3. */
        public int channels() {
            return channels;
        }
    }

    /** Larger images are skipped rather than risk running out of memory while decoding one file. */
    static final long MAX_PIXELS_PER_IMAGE = 100_000_000L;
    /**
     * The most pixels one folder may decode, all images together: 256 megapixels, some ten seconds of decoding
     * (MNIST's 70,000 digits are 55 megapixels; 21 photos of 12 megapixels reach it). Larger images should be
     * resized before they become a dataset of small ones.
     */
    static final long MAX_TOTAL_PIXELS = 256_000_000L;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private ImageFolderReader() {
    }

    /**
     * Reads every image under {@code folder}, resized to {@code width x height} in the given colour mode. The dataset
     * is named after the folder.
     *
     * @throws DataException            when {@code folder} does not exist, is not a folder, cannot be listed, or holds no
     *                                  readable image (the message then says how many files were skipped and why the
     *                                  first was)
     * @throws IllegalArgumentException when {@code width} or {@code height} is not positive
     */
    public static ImageFolderResult read(Path folder, int width, int height, ColorMode mode) throws DataException {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        InputFiles.requireFolder(folder);
        SampleShape shape = SampleShape.image(mode.channels(), height, width);

        List<Path> topFiles = new ArrayList<>();
        List<ImageFolderResult.Skipped> skipped = new ArrayList<>();
        Map<String, List<Path>> classFolders = new TreeMap<>(InputFiles.ALPHABETICAL);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (isHidden(p)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    classFolders.put(p.getFileName().toString(), filesUnder(p));
                } else if (Files.isRegularFile(p)) {
                    topFiles.add(p);
                } else {
                    // Opening a FIFO would block forever; a device may never end.
                    skipped.add(new ImageFolderResult.Skipped(p, "not a regular file (a pipe, device or other "
                            + "special file)"));
                }
            }
        } catch (IOException e) {
            throw InputFiles.failure(folder, e);
        }
        topFiles.sort(Comparator.naturalOrder());

        // First the headers only (image readers give the size without decoding), so that the pixels to decode are
        // known, and bounded, before any is decoded: eight links to one 100-megapixel PNG are refused at once.
        Map<String, List<Header>> classHeaders = new LinkedHashMap<>();
        boolean labelled = false;
        for (Map.Entry<String, List<Path>> c : classFolders.entrySet()) {
            List<Header> h = headers(c.getValue(), skipped);
            classHeaders.put(c.getKey(), h);
            labelled |= !h.isEmpty();
        }
        List<Header> topHeaders = List.of();
        if (labelled) {
            for (Path p : topFiles) {
                skipped.add(new ImageFolderResult.Skipped(p, "not in a class sub-folder, so it has no label"));
            }
        } else {
            topHeaders = headers(topFiles, skipped);
        }
        List<Header> all = new ArrayList<>(topHeaders);
        classHeaders.values().forEach(all::addAll);
        checkTotalPixels(folder, all);

        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        for (Map.Entry<String, List<Header>> c : classHeaders.entrySet()) {
            int before = images.size();
            readAll(c.getValue(), shape, images, skipped, folder);
            if (images.size() > before) {
                for (int i = before; i < images.size(); i++) {
                    labels.add(classNames.size());
                }
                classNames.add(c.getKey());
            }
        }
        if (!labelled) {
            readAll(topHeaders, shape, images, skipped, folder);
        }
        labelled = !classNames.isEmpty();
        if (images.isEmpty()) {
            String why = skipped.isEmpty() ? "no files" : skipped.size() + " file(s) skipped, the first: " + skipped.get(0);
            throw new DataException(folder, "no readable images (PNG or JPEG) in this folder or its sub-folders (" + why
                    + ")");
        }

        int size = shape.size();
        byte[] values = new byte[images.size() * size]; // N x channels x height x width
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, values, i * size, size);
        }
        Labels l = null;
        if (labelled) {
            l = new Labels(labels.stream().mapToInt(Integer::intValue).toArray(), classNames);
        }
        Path name = folder.toAbsolutePath().normalize().getFileName();
        Dataset dataset = Dataset.ofBytes(name == null ? folder.toString() : name.toString(), shape, values, l, null);
        return new ImageFolderResult(dataset, skipped);
    }

    /**
     * The files the reader would try to decode under {@code folder}: the files of its non-hidden sub-folders, or,
     * when those hold none, the files directly in it. An upper bound on the images it holds, found without opening
     * any file.
     */
    static long countCandidates(Path folder) throws DataException {
        InputFiles.requireFolder(folder);
        long top = 0;
        long nested = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (isHidden(p)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    nested += filesUnder(p).size();
                } else if (Files.isRegularFile(p)) {
                    top++;
                }
            }
        } catch (IOException e) {
            throw InputFiles.failure(folder, e);
        }
        return nested > 0 ? nested : top;
    }

    /** An image file and its size, read from its header. */
    private record Header(Path file, int width, int height) {
        long pixels() {
            return (long) width * height;
        }
    }

    /** The headers of the files that have one, in order; the others are added to {@code skipped} with the reason. */
    private static List<Header> headers(List<Path> files, List<ImageFolderResult.Skipped> skipped) {
        List<Header> headers = new ArrayList<>();
        for (Path file : files) {
            try {
                headers.add(withReader(file, reader -> new Header(file, reader.getWidth(0), reader.getHeight(0))));
            } catch (SkipException e) {
                skipped.add(new ImageFolderResult.Skipped(file, e.getMessage()));
            }
        }
        return headers;
    }

    /** Refuses a folder whose images together hold more than {@link #MAX_TOTAL_PIXELS} to decode. */
    private static void checkTotalPixels(Path folder, List<Header> headers) throws DataException {
        long total = 0;
        Header largest = null;
        for (Header h : headers) {
            total += h.pixels();
            if (largest == null || h.pixels() > largest.pixels()) {
                largest = h;
            }
        }
        if (total > MAX_TOTAL_PIXELS) {
            throw new DataException(folder, String.format(Locale.ROOT, "its %,d images hold %,d megapixels in all "
                    + "(the largest, %s, is %dx%d), more than the %,d megapixels one folder may decode; make the "
                    + "images smaller or use fewer", headers.size(), total / 1_000_000, largest.file().getFileName(),
                    largest.width(), largest.height(), MAX_TOTAL_PIXELS / 1_000_000));
        }
    }

    /** Decodes each image in order, adding its bytes to {@code images} or its reason to {@code skipped}. */
    private static void readAll(List<Header> files, SampleShape shape, List<byte[]> images,
                                List<ImageFolderResult.Skipped> skipped, Path folder) throws DataException {
        for (Header h : files) {
            if ((long) (images.size() + 1) * shape.size() > MAX_ARRAY) {
                throw new DataException(folder, "too many images: more than " + images.size() + " images of " + shape
                        + " exceed the 2 GB one dataset can hold; choose a smaller size");
            }
            try {
                BufferedImage image = withReader(h.file(), reader -> reader.read(0));
                images.add(ImageConversion.toBytes(image, shape.width(), shape.height(), shape.channels()));
            } catch (SkipException e) {
                skipped.add(new ImageFolderResult.Skipped(h.file(), e.getMessage()));
            }
        }
    }

    /** Work with an image reader. */
    private interface ReaderWork<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /**
     * Opens {@code file} with the first image reader that recognises it, refuses an image too large to decode, and
     * runs {@code work}; or says why it cannot.
     */
    private static <T> T withReader(Path file, ReaderWork<T> work) throws SkipException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new SkipException("cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new SkipException("not an image: no PNG, JPEG or other image reader recognises it");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS_PER_IMAGE) {
                    throw new SkipException("too large: " + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels");
                }
                // Decoded as up to 8 bytes a pixel (16-bit RGBA), twice while converting.
                if (!MemoryBudget.ofThisJvm().fits(pixels * 16)) {
                    throw new SkipException("too large to decode in the memory this Java may use: "
                            + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels");
                }
                return work.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (SkipException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders signal damaged data with IIOException and, for some damage, with runtime exceptions.
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new SkipException("damaged or unsupported image: " + detail);
        }
    }

    /** Regular files anywhere under {@code dir}, in path order, leaving out hidden files and hidden folders. */
    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p) && !isHiddenUnder(dir, p)).sorted().toList();
        }
    }

    private static boolean isHiddenUnder(Path dir, Path p) {
        for (Path part : dir.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** Why one file is skipped; never leaves this class. */
    private static final class SkipException extends Exception {
        SkipException(String reason) {
            super(reason, null, false, false);
        }
    }
}
