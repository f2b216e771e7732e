package dev.bottleneck.core.model;

/**
 * Principal component analysis: the linear baseline. Keeps the {@code latentDim} directions of largest variance.
 *
 * @param inputDim numbers per example
 * @param latentDim number of components kept, 1..256 and at most inputDim
 */
public record PcaConfig(int inputDim, int latentDim) implements ModelConfig {

    public PcaConfig {
        ModelConfig.checkInput(inputDim);
        ModelConfig.checkLatent(latentDim);
        if (latentDim > inputDim) {
            throw new IllegalArgumentException("PCA cannot keep " + latentDim + " components of " + inputDim
                    + "-dimensional data");
        }
    }

    @Override
    public ModelKind kind() {
        return ModelKind.PCA;
    }

    @Override
    public Autoencoder build(long seed) {
        return new Pca(this);
    }
}
