package dev.bottleneck.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ImageFolderReader#read} made of a folder: the images it could read, and the files it passed over with
 * the reason for each, so the user can see what was left out.
 */
public record ImageFolderResult(Dataset dataset, List<Skipped> skipped) {

    public ImageFolderResult {
        Objects.requireNonNull(dataset, "dataset");
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
    }

    /** A file that was not read, and why ("not an image ...", "damaged image: ..."). */
    public record Skipped(Path file, String reason) {

        public Skipped {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    /**
     * A short report for the user: "Read 120 images in 3 classes." followed, when files were skipped, by one line per
     * skipped file.
     */
    public String summary() {
        StringBuilder s = new StringBuilder("Read ").append(dataset.size())
                .append(dataset.size() == 1 ? " image" : " images");
        dataset.labels().ifPresent(l -> s.append(" in ").append(l.classCount())
                .append(l.classCount() == 1 ? " class" : " classes"));
        s.append('.');
        if (!skipped.isEmpty()) {
            s.append(" Skipped ").append(skipped.size()).append(skipped.size() == 1 ? " file:" : " files:");
            for (Skipped k : skipped) {
                s.append("\n  ").append(k);
            }
        }
        return s.toString();
    }
}
