package dev.bottleneck.core.io;

import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.NetworkSpec;
import dev.bottleneck.core.train.TrainingConfig;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code model.json}, field for field (Jackson writes the components in this order).
 *
 * <pre>
 * {
 *   "formatVersion" : 2,
 *   "app" : "Bottleneck 0.1.0",
 *   "createdAt" : "2026-03-01T10:15:30Z",
 *   "kind" : "BETA_VAE",                              informational: derived from modelConfig
 *   "modelConfig" : { "family" : "vae", ... },
 *   "trainingConfig" : { "epochs" : 20, ... },        null for PCA
 *   "dataset" : { "spec" : "mnist", "trainSize" : 54000, ... },
 *   "seed" : 42, "epochsDone" : 20, "bestEpoch" : 18,
 *   "metrics" : { "validation.loss" : 101.3 },
 *   "command" : "bottleneck train --model vae ...",
 *   "parameters" : { "file" : "parameters.bin", "dtype" : "float32", "byteOrder" : "little-endian",
 *                    "bytes" : 1234, "sha256" : "9f86...",
 *                    "tensors" : [ { "name" : "encoder.0.weight", "shape" : [ 784, 512 ],
 *                                    "offset" : 0, "length" : 401408 }, ... ] },
 *   "networks" : [ { "name" : "encoder", "layers" : [                 format 2; absent for PCA and in format 1
 *                    { "type" : "conv2d", "input" : { "channels" : 1, "height" : 28, "width" : 28 },
 *                      "output" : { "channels" : 32, ... }, "kernel" : 4, "stride" : 2, "padding" : 1,
 *                      "activation" : "RELU", "parameters" : [ "encoder.0.weight", "encoder.0.bias" ] }, ... ] },
 *                  { "name" : "decoder", ... } ]
 * }
 * </pre>
 *
 * <p>Format 2 added {@code networks} (the layers, so that a reader sees what the parameter file holds without
 * knowing how a config builds its nets) and the {@code conv} architecture of a convolutional config; format 1
 * folders, which have neither, read as before.
 */
record ModelManifest(int formatVersion, String app, String createdAt, String kind, ModelConfig modelConfig,
        TrainingConfig trainingConfig, DatasetInfo dataset, long seed, int epochsDone, int bestEpoch,
        Map<String, Double> metrics, String command, ParameterIndex parameters, List<NetworkSpec> networks) {

    /**
     * Where each tensor lies in the parameter file.
     *
     * @param file the parameter file's name inside the folder
     * @param dtype always "float32" in format 1
     * @param byteOrder always "little-endian" in format 1
     * @param bytes the file's exact size
     * @param sha256 the file's SHA-256, lower-case hex
     * @param tensors in file order
     */
    record ParameterIndex(String file, String dtype, String byteOrder, long bytes, String sha256,
            List<TensorEntry> tensors) {
    }

    /**
     * One tensor of the parameter file.
     *
     * @param name the {@link dev.bottleneck.core.model.Parameter} name, or "pca.mean", "pca.components",
     *     "pca.variances"
     * @param shape {@code [rows, cols]}, row-major
     * @param offset where it starts, in floats from the start of the file
     * @param length its length in floats, {@code rows * cols}
     */
    record TensorEntry(String name, int[] shape, long offset, long length) {
    }
}
