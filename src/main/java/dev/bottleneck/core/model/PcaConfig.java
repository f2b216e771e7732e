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
    public String objective() {
        return "loss = squared reconstruction error (PCA's least squares, fitted in closed form)";
    }

    @Override
    public String lossUnit() {
        return "squared error per example";
    }

    @Override
    public ModelSettings settings() {
        return ModelSettings.DEFAULTS.withLatent(latentDim);
    }

    @Override
    public String describe() {
        return "PCA, " + latentDim + (latentDim == 1 ? " component" : " components") + " of " + inputDim
                + " inputs, fitted in closed form";
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
