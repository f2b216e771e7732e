package dev.bottleneck.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * FactorVAE (Kim &amp; Mnih 2018, "Disentangling by Factorising"): a VAE whose loss adds gamma times the total
 * correlation of the code, estimated by a discriminator D by the density-ratio trick.
 *
 * <pre>
 *   encoder(x) = [mu, logvar]                 q(z|x) = N(mu, diag(exp(logvar)))
 *   z = mu + exp(logvar / 2) * eps            eps ~ N(0, I)           (reparameterisation)
 *   recon = -log p(x | decoder(z))            KL = KL(q(z|x) || N(0, I)), closed form
 *   TC = KL(q(z) || prod_j q(z_j)) ~ 1/M sum_i log(D(z_i) / (1 - D(z_i))) = 1/M sum_i s(z_i)
 *   loss = recon + KL + gamma TC              (the VAE's loss; its gradient runs through D into the encoder)
 *
 *   D(z) = sigmoid(s(z)), s an MLP with leaky ReLUs: the probability that z came from q(z), not prod_j q(z_j)
 *   z~ = the batch's z with each dimension j shuffled across the batch by its own permutation: samples of prod_j q(z_j)
 *   loss_D = 1/2 [1/M sum_i -log D(z_i) + 1/M sum_i -log(1 - D(z~_i))]   (D's loss; it alone moves D's weights)
 * </pre>
 *
 * <p>Each training step computes the VAE's gradient with D as it is, then D's gradient of its own loss, and steps D
 * by its own Adam ({@link FactorVaeConfig#DISCRIMINATOR_BETA1}, {@link FactorVaeConfig#DISCRIMINATOR_BETA2}, the
 * config's rate): Kim &amp; Mnih's Algorithm 2, both updated from the same D every iteration. The trainer's optimiser
 * steps only the encoder and decoder ({@link #optimizedParameters}); D's weights are still the model's
 * {@link #parameters()}, so they are saved, copied and restored with it.
 *
 * <p>The permuted codes come from the same batch as the joint ones. Kim &amp; Mnih draw a second batch for them; the
 * trainer hands a model one batch per step, and the same batch is what disentanglement_lib's FactorVAE does
 * (Locatello et al. 2019): the permuted codes then have exactly the batch's marginals, so D can only learn the
 * dependence between dimensions, not a difference between two batches. D sees its inputs detached: its loss moves
 * neither the encoder nor the decoder.
 */
public final class FactorVae extends GaussianEncoderAutoencoder {

    /** The name of the discriminator network, the prefix of its parameters ("discriminator.0.weight"). */
    public static final String DISCRIMINATOR = "discriminator";

    private final FactorVaeConfig config;
    private final Network discriminator;
    private final AdamRule discriminatorAdam;
    private final List<Parameter> discriminatorParameters;
    private final Map<Integer, Matrix> eps = new HashMap<>();
    private final Map<Integer, Matrix> codes = new HashMap<>(); // 2n x k: [z ; z permuted]
    private int[] order = new int[0];
    private final double[] squaredError = new double[1];

    /** The FactorVAE of {@code config} on MLP or (with {@code config.conv()}) convolutional nets. */
    public FactorVae(FactorVaeConfig config, long seed) {
        this(config, nets(config));
        SplittableRandom rng = new SplittableRandom(seed);
        encoder.init(rng.split());
        decoder.init(rng.split());
        discriminator.init(rng.split());
    }

    private FactorVae(FactorVaeConfig config, Network[] nets) {
        super(nets[0], nets[1], config.likelihood(), config.gaussianSigma());
        this.config = config;
        this.discriminator = nets[2];
        this.discriminatorAdam = new AdamRule(config.discriminatorRate(), FactorVaeConfig.DISCRIMINATOR_BETA1,
                FactorVaeConfig.DISCRIMINATOR_BETA2, 1e-8);
        this.discriminatorParameters = discriminator.parameters();
        checkNetworks(2 * config.latentDim());
        if (discriminator.inputSize() != config.latentDim() || discriminator.outputSize() != 1) {
            throw new IllegalArgumentException("the discriminator takes " + discriminator.inputSize() + " and gives "
                    + discriminator.outputSize() + " numbers, not the code's " + config.latentDim() + " and 1 logit");
        }
    }

    /** The VAE's nets of the same sizes (so the same seed draws the same encoder and decoder), and D. */
    private static Network[] nets(FactorVaeConfig c) {
        int k = c.latentDim();
        Network[] vae;
        if (c.conv() == null) {
            vae = mlp(c.inputDim(), c.hidden(), k, 2 * k, c.activation(), Activation.IDENTITY);
        } else {
            ConvArchitecture a = c.conv();
            vae = new Network[] {ConvNets.encoder(a.image(), a.spec(), 2 * k, c.activation(), Activation.IDENTITY),
                ConvNets.decoder(k, a.image(), a.spec(), c.activation())};
        }
        int[] widths = c.discriminatorWidths().stream().mapToInt(Integer::intValue).toArray();
        return new Network[] {vae[0], vae[1],
            Network.mlp(DISCRIMINATOR, widths, Activation.LEAKY_RELU, Activation.IDENTITY)};
    }

    @Override
    public FactorVaeConfig config() {
        return config;
    }

    /** The discriminator: the code to one logit s(z) = log(D(z) / (1 - D(z))). */
    public Network discriminatorNetwork() {
        return discriminator;
    }

    @Override
    public List<NetworkSpec> networks() {
        return List.of(encoder.spec(), decoder.spec(), discriminator.spec());
    }

    /** The encoder's, the decoder's and the discriminator's parameters, in that order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(super.parameters());
        ps.addAll(discriminator.parameters());
        return ps;
    }

    /** The encoder's and the decoder's: the discriminator is stepped by its own Adam inside each training step. */
    @Override
    public List<Parameter> optimizedParameters() {
        return super.parameters();
    }

    /**
     * One step: fills the encoder's and decoder's gradients with the VAE loss's (TC through D as it is), fills D's
     * with D's loss's, and steps D by its Adam.
     */
    @Override
    public LossTerms computeGradients(float[] input, float[] target, int n, double epochsDone,
            SplittableRandom noise) {
        LossTerms terms = pass(input, target, n, noise, true);
        discriminatorAdam.step(discriminatorParameters);
        return terms;
    }

    @Override
    public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed) {
        return pass(input, target, n, new SplittableRandom(noiseSeed), false);
    }

    /**
     * The loss terms, and with {@code train} every gradient; D is not stepped. The noise is read in a fixed order:
     * the {@code n x k} reparameterisation noise row by row (as the VAE reads it), then the k permutations.
     */
    LossTerms pass(float[] input, float[] target, int n, SplittableRandom noise, boolean train) {
        checkLength(input, n, inputDim(), "input");
        checkLength(target, n, inputDim(), "target");
        int d = inputDim();
        int k = latentDim();
        Matrix x = input(input, 0, n);
        Matrix h = encoder.forward(x);          // n x 2k: [mu | logvar]
        Matrix e = eps.computeIfAbsent(n, r -> new Matrix(r, k));
        Matrix z = codeBuffer(n);               // n x k
        for (int i = 0; i < n * k; i++) {
            e.data[i] = (float) noise.nextGaussian();
        }
        Matrix both = codes.computeIfAbsent(n, r -> new Matrix(2 * r, k)); // 2n x k: [z ; z permuted]
        double klSum = 0;
        for (int r = 0; r < n; r++) {
            int ho = r * 2 * k;
            int zo = r * k;
            for (int j = 0; j < k; j++) {
                float mu = h.data[ho + j];
                float lv = h.data[ho + k + j];
                z.data[zo + j] = mu + (float) Math.exp(0.5 * lv) * e.data[zo + j];
                klSum += 0.5 * (mu * mu + Math.exp(lv) - 1.0 - lv);
            }
        }
        z.changed();
        System.arraycopy(z.data, 0, both.data, 0, n * k);
        permuteDimensions(z.data, both.data, n * k, n, k, noise);
        both.changed();

        Matrix logits = discriminator.forward(both); // 2n x 1: s(z) for the joint rows, then the permuted ones
        double tcSum = 0;
        double discriminatorSum = 0;
        int right = 0;
        for (int r = 0; r < 2 * n; r++) {
            double s = logits.data[r];
            boolean joint = r < n;
            if (joint) {
                tcSum += s;
            }
            discriminatorSum += joint ? softplus(-s) : softplus(s); // -log D(z), -log(1 - D(z~))
            right += (joint ? s > 0 : s < 0) ? 1 : 0;
        }
        double tc = tcSum / n;
        double discriminatorLoss = discriminatorSum / (2.0 * n);
        double accuracy = right / (2.0 * n);

        Matrix out = decoder.forward(z);
        Matrix gOut = train ? decoder.outputGrad(n) : null;
        squaredError[0] = 0;
        double recon = Reconstruction.nll(likelihood, sigma, out.data, target, n, d, train ? gOut.data : null,
                1f / n, null, squaredError) / n;
        double kl = klSum / n;
        double gamma = config.gamma();
        double loss = recon + kl + gamma * tc;
        if (train) {
            gOut.changed();
            float[] gz = decoder.backward(z, true).data; // n x k, already scaled by 1/n
            // d(gamma TC)/dz through D as it is: gamma / n on each joint logit, nothing on the permuted ones.
            Matrix gs = discriminator.outputGrad(2 * n);
            java.util.Arrays.fill(gs.data, 0, n, (float) (gamma / n));
            java.util.Arrays.fill(gs.data, n, 2 * n, 0f);
            gs.changed();
            float[] gTc = discriminator.backward(both, true).data; // 2n x k; the first n rows are dTC/dz
            Matrix gh = encoder.outputGrad(n);          // n x 2k
            float w = 1f / n;
            for (int r = 0; r < n; r++) {
                int ho = r * 2 * k;
                int zo = r * k;
                for (int j = 0; j < k; j++) {
                    float mu = h.data[ho + j];
                    float lv = h.data[ho + k + j];
                    float std = (float) Math.exp(0.5 * lv);
                    float g = gz[zo + j] + gTc[zo + j];
                    gh.data[ho + j] = g + w * mu;                                           // dL/dmu
                    gh.data[ho + k + j] = g * e.data[zo + j] * 0.5f * std + w * 0.5f * (std * std - 1f); // dL/dlogvar
                }
            }
            gh.changed();
            encoder.backward(x, false);
            // D's own loss, on the same forward pass: d loss_D / d s = (sigmoid(s) - label) / 2n.
            for (int r = 0; r < 2 * n; r++) {
                float p = Activation.sigmoid(logits.data[r]);
                gs.data[r] = (p - (r < n ? 1f : 0f)) / (2f * n);
            }
            gs.changed();
            discriminator.backward(both, false); // D's gradients now hold loss_D's alone
        }
        return LossTerms.builder()
                .put(Term.LOSS, loss)
                .put(Term.RECONSTRUCTION, recon)
                .put(Term.KL, kl)
                .put(Term.DISCRIMINATOR_TC, tc)
                .put(Term.DISCRIMINATOR_LOSS, discriminatorLoss)
                .put(Term.DISCRIMINATOR_ACCURACY, accuracy)
                .put(Term.NEG_ELBO, recon + kl)
                .put(Term.MSE_PER_FEATURE, squaredError[0] / ((double) n * d))
                .build();
    }

    /**
     * Writes {@code z} ({@code n x k}) into {@code dst} from {@code at} with each column shuffled by its own uniform
     * permutation of the rows (Fisher-Yates): samples of the product of the batch's marginals.
     */
    private void permuteDimensions(float[] z, float[] dst, int at, int n, int k, SplittableRandom noise) {
        if (order.length < n) {
            order = new int[n];
        }
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < n; r++) {
                order[r] = r;
            }
            for (int r = n - 1; r > 0; r--) {
                int q = noise.nextInt(r + 1);
                int t = order[r];
                order[r] = order[q];
                order[q] = t;
            }
            for (int r = 0; r < n; r++) {
                dst[at + r * k + j] = z[order[r] * k + j];
            }
        }
    }

    /** log(1 + e^x) without overflow. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** A copy with the same weights (D's too); its discriminator's Adam starts afresh, as the trainer's does. */
    @Override
    public FactorVae copy() {
        return new FactorVae(config, new Network[] {encoder.copy(), decoder.copy(), discriminator.copy()});
    }
}
