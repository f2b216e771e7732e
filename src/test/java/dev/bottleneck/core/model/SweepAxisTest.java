package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each axis turns one knob of the settings and leaves the rest, and refuses what its kinds' configs refuse. */
class SweepAxisTest {

    private static final ModelSettings BASE = ModelSettings.DEFAULTS.withLatent(10).withHidden(List.of(64))
            .withCapacity(0, 50, 25);

    @Test
    void betaSetsTheKlWeightAndTurnsTheCapacityObjectiveOff() {
        ModelSettings withCapacity = BASE.withCapacity(20, 50, 25);
        ModelSettings s = SweepAxis.BETA.apply(ModelKind.BETA_VAE, withCapacity, 8);
        assertEquals(8.0, s.beta());
        assertEquals(0, s.capacityMax());
        VaeConfig c = (VaeConfig) ModelKind.BETA_VAE.configure(784, s);
        assertEquals(8.0, c.beta());
        assertFalse(c.usesCapacity());
        assertEquals(10, c.latentDim());

        TcVaeConfig tc = (TcVaeConfig) ModelKind.BETA_TCVAE.configure(784,
                SweepAxis.BETA.apply(ModelKind.BETA_TCVAE, BASE, 3));
        assertEquals(3.0, tc.beta(), "the beta-TCVAE's beta weighs the total correlation");
        assertEquals(TcVaeConfig.DEFAULT_ALPHA, tc.alpha());
        assertEquals(TcVaeConfig.DEFAULT_GAMMA, tc.gamma());
    }

    @Test
    void capacityKeepsGammaAndEpochsAndZeroIsTheBetaVaeWithBetaGamma() {
        VaeConfig c = (VaeConfig) ModelKind.BETA_VAE.configure(784,
                SweepAxis.CAPACITY.apply(ModelKind.BETA_VAE, BASE, 10));
        assertTrue(c.usesCapacity());
        assertEquals(10, c.capacityMax());
        assertEquals(50, c.capacityGamma());
        assertEquals(25, c.capacityEpochs());

        VaeConfig zero = (VaeConfig) ModelKind.BETA_VAE.configure(784,
                SweepAxis.CAPACITY.apply(ModelKind.BETA_VAE, BASE, 0));
        assertFalse(zero.usesCapacity());
        assertEquals(50, zero.beta(), "recon + gamma |KL - 0| is recon + gamma KL");

        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> SweepAxis.CAPACITY.apply(ModelKind.BETA_VAE, BASE.withCapacity(0, 5000, 25), 0));
        assertTrue(big.getMessage().contains("above the largest beta"), big.getMessage());
        // C_max > 0 takes gamma up to the capacity objective's own limit.
        SweepAxis.CAPACITY.apply(ModelKind.BETA_VAE, BASE.withCapacity(0, 5000, 25), 5);
    }

    @Test
    void latentSetsTheCodeSizeOfAnyKind() {
        assertEquals(3, SweepAxis.LATENT.apply(ModelKind.PCA, BASE, 3).latent());
        assertEquals(32, SweepAxis.LATENT.apply(ModelKind.BETA_VAE, BASE, 32).latent());
        assertTrue(List.of(ModelKind.values()).stream().allMatch(SweepAxis.LATENT::appliesTo));
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> SweepAxis.LATENT.check(ModelKind.AE, 2.5));
        assertTrue(half.getMessage().contains("whole number"), half.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepAxis.LATENT.check(ModelKind.AE, 0));
    }

    @Test
    void rangesAndKindsAreThoseOfTheConfigs() {
        assertEquals(List.of("beta-vae", "conv-beta-vae", "beta-tcvae", "conv-beta-tcvae"), SweepAxis.BETA.kinds());
        assertEquals(List.of("beta-vae", "conv-beta-vae"), SweepAxis.CAPACITY.kinds());
        IllegalArgumentException vae = assertThrows(IllegalArgumentException.class,
                () -> SweepAxis.BETA.check(ModelKind.VAE, 2));
        assertTrue(vae.getMessage().contains("a VAE is the beta-VAE at beta = 1"), vae.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> SweepAxis.BETA.check(ModelKind.BETA_VAE, -1));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepAxis.BETA.check(ModelKind.BETA_VAE, 0));
        assertThrows(IllegalArgumentException.class, () -> SweepAxis.BETA.check(ModelKind.BETA_VAE, 1001));
        SweepAxis.BETA.check(ModelKind.BETA_TCVAE, 0);
        assertThrows(IllegalArgumentException.class, () -> SweepAxis.BETA.check(ModelKind.BETA_TCVAE, 101));
        assertThrows(IllegalArgumentException.class, () -> SweepAxis.CAPACITY.check(ModelKind.BETA_VAE, -5));
        assertThrows(IllegalArgumentException.class, () -> SweepAxis.BETA.check(ModelKind.BETA_VAE, Double.NaN));
        assertEquals(Optional.of(SweepAxis.CAPACITY), SweepAxis.fromCliName(" Capacity "));
        assertTrue(SweepAxis.fromCliName("gamma").isEmpty());
        assertNull(SweepAxis.fromCliName(null).orElse(null));
        assertEquals("0.5", SweepAxis.BETA.format(0.5));
        assertEquals("16", SweepAxis.BETA.format(16));
    }
}
