package dev.bottleneck.core.model;

import java.util.List;

/**
 * A {@link Network} described layer by layer ({@link LayerSpec}): what format 2 of the saved model writes for the
 * encoder and the decoder, and checks against the network its config builds when the model is opened.
 *
 * @param name the prefix of the network's parameter names, "encoder" or "decoder"
 * @param layers in order
 */
public record NetworkSpec(String name, List<LayerSpec> layers) {

    public NetworkSpec {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
