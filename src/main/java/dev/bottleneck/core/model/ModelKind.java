package dev.bottleneck.core.model;

/** The model families as the lecture names them. */
public enum ModelKind {
    PCA("PCA"),
    AE("AE"),
    SPARSE_AE("Sparse AE"),
    DENOISING_AE("Denoising AE"),
    VAE("VAE"),
    BETA_VAE("beta-VAE");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    /** The name shown to users. */
    public String label() {
        return label;
    }
}
