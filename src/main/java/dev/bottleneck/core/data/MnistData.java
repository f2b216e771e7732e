package dev.bottleneck.core.data;

import java.util.Objects;

/**
 * The two parts of MNIST as {@link Mnist#load} reads them: 60,000 training and 10,000 test images of {@code 1 x 28 x
 * 28} grey pixels in [0, 1], labelled "0".."9".
 */
public record MnistData(Dataset train, Dataset test) {

    public MnistData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
