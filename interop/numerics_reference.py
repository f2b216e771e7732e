#!/usr/bin/env python3
"""Reference values for Bottleneck's optimisers and losses, from PyTorch, for the tests that compare with them.

Writes two files under src/test/resources/reference/ (CI has no torch; the output is committed):

optim.json, for OptimizerReferenceTest. The problem: two float32 parameters, a 2x3 "weight" and a 1x3 "bias",
and the loss

    L = sum a * (weight - c)^4 / 4  +  sum s * (bias - d)^2 / 2

whose gradient a * (weight - c)^3 shrinks quickly as a step nears c (so the moments see gradients of very
different sizes and a wrong beta2 shows), and s * (bias - d) with s = 1e-8 in two places: gradients of about
1e-8, where Adam's eps decides the step. Three steps of torch.optim.Adam and of torch.optim.SGD (momentum 0.9)
from the same start. The script checks that no gradient changes sign within the three steps, which the test's
error bound assumes (no cancellation in the moment sums).

For each optimiser its hyperparameters and, for each parameter, its shape and, flattened row-major, the start
values, the gradient torch computed at each step (float32, given exactly as the shortest decimal of the double
that holds the float) and the values after each step. The Java test feeds the recorded
gradients to the engine's optimiser, so the comparison is of the optimisers alone.

losses.json, for LossReferenceTest, computed in float64 from float32 inputs (so, to float32's eyes, exact):
  bernoulli  -log p(x | logits) per example, F.binary_cross_entropy_with_logits summed over features, and its
             gradient with respect to the logits (autograd), on logits from 0 to +-90 and targets in [0, 1];
  gaussian   -log N(x; mu, sigma^2) per example, -Normal(mu, sigma).log_prob(x) summed, and its gradient;
  vae        a VAE without hidden layers (encoder 6 -> [mu | logvar] of 2 + 2, decoder 2 -> 6), Bottleneck's
             layout (weights in x out), fed one-hot inputs so that mu and logvar are rows of the encoder weight
             exactly; the reparameterisation noise is the engine's own for seed 11 (SplittableRandom(11),
             nextGaussian() cast to float, row by row), so the engine's VariationalAutoencoder.evaluate can be
             compared: per example and mean reconstruction (Bernoulli and Gaussian decoders), the closed-form
             KL(q || N(0, I)) (torch.distributions.kl_divergence), -ELBO = reconstruction + KL, and the beta = 4
             objective reconstruction + 4 KL, with the intermediates z and decoder outputs.

Run with the Debian interpreter that has python3-torch:
  /usr/bin/python3 interop/numerics_reference.py [--out-dir src/test/resources/reference]
"""
import argparse
import json
import os
import re

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "src", "test", "resources", "reference")

START_WEIGHT = [[0.5, -1.25, 2.0], [1.5, -0.3, 0.8]]
C = [[-0.5, 0.25, 0.4], [0.2, -1.8, -1.2]]
A = [[1.0, 0.5, 0.25], [1.0, 2.0, 0.75]]
START_BIAS = [[0.7, -0.4, 1.1]]
D = [[-0.3, 0.6, 0.1]]
S = [[1e-8, 1e-8, 1.0]]

STEPS = 3
ADAM = {"lr": 0.1, "betas": [0.9, 0.999], "eps": 1e-8}
SGD = {"lr": 0.05, "momentum": 0.9}


def floats(t):
    """A float32 tensor, flattened row-major, as Python floats (each the exact value of the float)."""
    return t.detach().double().flatten().tolist()


def dumps(obj):
    """JSON with one line per list of numbers."""
    text = json.dumps(obj, indent=1)
    return re.sub(r"\[[-0-9.e+,\s]*\]", lambda m: re.sub(r"\s+", " ", m.group(0)), text)


def run(make_optimizer):
    weight = torch.tensor(START_WEIGHT, dtype=torch.float32, requires_grad=True)
    bias = torch.tensor(START_BIAS, dtype=torch.float32, requires_grad=True)
    c, a = torch.tensor(C), torch.tensor(A)
    d, s = torch.tensor(D), torch.tensor(S)
    opt = make_optimizer([weight, bias])
    record = {name: {"shape": list(p.shape), "start": floats(p), "grads": [], "after": []}
              for name, p in (("weight", weight), ("bias", bias))}
    for _ in range(STEPS):
        opt.zero_grad()
        loss = (a * (weight - c) ** 4 / 4).sum() + (s * (bias - d) ** 2 / 2).sum()
        loss.backward()
        for name, p in (("weight", weight), ("bias", bias)):
            record[name]["grads"].append(floats(p.grad))
        opt.step()
        for name, p in (("weight", weight), ("bias", bias)):
            record[name]["after"].append(floats(p))
    for name, r in record.items():
        g = torch.tensor(r["grads"])
        assert bool((torch.sign(g) == torch.sign(g[0])).all()), name + ": a gradient changed sign"
        assert bool((g != 0).all()), name + ": a zero gradient"
    return [dict(name=name, **r) for name, r in record.items()]


# The engine's reparameterisation noise for evaluate(..., noiseSeed = 11) on 4 examples of a 2-D code:
# new SplittableRandom(11).nextGaussian() cast to float, 8 times (row 0: eps_00, eps_01; row 1: ...).
# LossReferenceTest draws them again and fails with a clear message if the engine's stream differs.
ENGINE_EPS_SEED = 11
ENGINE_EPS = [0.8437296748161316, 0.6858524680137634, -1.2008953094482422, -0.6075478792190552,
              0.34967780113220215, -2.4424734115600586, 0.3464573323726654, -0.3074907958507538]

LOGITS = [[0.0, 1e-3, -1e-3, 0.5, -0.5, 3.0, -3.0, 17.0],
          [-17.0, 40.0, -40.0, 90.0, -90.0, 2.25, -0.125, 8.0],
          [0.75, -1.5, 5.0, -6.5, 12.0, -0.01, 0.3, -2.0]]
TARGETS = [[0.0, 1.0, 0.25, 0.7, 1.0, 0.0, 0.5, 1.0],
           [0.0, 1.0, 0.3, 0.0, 1.0, 0.9, 0.1, 0.6],
           [1.0, 0.0, 0.45, 0.55, 0.2, 1.0, 0.0, 0.8]]
SIGMA = 0.5
MEANS = [[0.1, 0.9, -0.3, 1.7, 0.5, 0.45],
         [2.5, -1.0, 0.0, 0.33, 0.66, 0.99]]
GAUSS_TARGETS = [[0.0, 1.0, 0.2, 0.9, 0.5, 0.4],
                 [0.1, 0.0, 1.0, 0.3, 0.7, 0.95]]

# The VAE: encoder.0.weight is 6 x 4 (in x out, out = [mu_1, mu_2 | logvar_1, logvar_2]), its bias 0; decoder.0
# weight 2 x 6 and bias 6. Input row r is one-hot at r, so mu and logvar of example r are encoder row r.
ENC_W = [[0.3, -0.8, -0.5, 0.2],
         [-1.2, 0.4, 0.9, -1.6],
         [0.05, 1.1, -2.5, 0.0],
         [2.0, -0.6, 0.4, -0.3],
         [0.7, 0.7, 0.1, 0.1],
         [-0.2, 0.9, -0.7, 0.6]]
DEC_W = [[1.5, -0.7, 0.3, 2.2, -1.1, 0.05],
         [-0.4, 1.9, -2.6, 0.8, 0.6, -1.3]]
DEC_B = [0.1, -0.2, 0.3, 0.0, -0.5, 0.25]
VAE_TARGETS = [[0.0, 1.0, 0.5, 0.8, 0.1, 1.0],
               [1.0, 0.0, 0.2, 0.4, 0.9, 0.0],
               [0.3, 0.3, 1.0, 0.0, 0.6, 0.7],
               [0.9, 0.1, 0.0, 1.0, 0.25, 0.5]]
N_VAE, D_VAE, K_VAE = 4, 6, 2
BETA = 4.0


def f32(values):
    """The float32 values of `values`, as a float64 tensor (so later arithmetic is float64 on float32 inputs)."""
    return torch.tensor(values, dtype=torch.float32).double()


def bernoulli():
    logits = f32(LOGITS).requires_grad_()
    x = f32(TARGETS)
    per_example = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    per_example.sum().backward()
    return {"logits": floats(logits), "targets": floats(x), "n": logits.shape[0], "d": logits.shape[1],
            "nll": per_example.tolist(), "grad": logits.grad.flatten().tolist()}


def gaussian():
    mu = f32(MEANS).requires_grad_()
    x = f32(GAUSS_TARGETS)
    per_example = -torch.distributions.Normal(mu, SIGMA).log_prob(x).sum(1)
    per_example.sum().backward()
    return {"sigma": SIGMA, "means": floats(mu), "targets": floats(x), "n": mu.shape[0], "d": mu.shape[1],
            "nll": per_example.tolist(), "grad": mu.grad.flatten().tolist()}


def vae():
    enc_w, dec_w, dec_b = f32(ENC_W), f32(DEC_W), f32(DEC_B)
    x_in = torch.eye(N_VAE, D_VAE, dtype=torch.float64)
    h = x_in @ enc_w                                   # n x 2k: [mu | logvar], exactly rows of enc_w
    mu, logvar = h[:, :K_VAE], h[:, K_VAE:]
    eps = f32(ENGINE_EPS).reshape(N_VAE, K_VAE)
    std = torch.exp(0.5 * logvar)
    z = mu + std * eps                                 # n x k
    out = z @ dec_w + dec_b                            # n x d: logits (Bernoulli) or means (Gaussian)
    target = f32(VAE_TARGETS)
    kl = torch.distributions.kl_divergence(torch.distributions.Normal(mu, std),
                                           torch.distributions.Normal(torch.zeros_like(mu), 1.0)).sum(1)
    kl_formula = 0.5 * (mu ** 2 + logvar.exp() - 1 - logvar).sum(1)
    assert torch.allclose(kl, kl_formula, rtol=1e-12, atol=0), "closed-form KL disagrees with kl_divergence"
    result = {"n": N_VAE, "d": D_VAE, "k": K_VAE, "noiseSeed": ENGINE_EPS_SEED, "eps": floats(eps),
              "encoderWeight": floats(enc_w), "decoderWeight": floats(dec_w), "decoderBias": floats(dec_b),
              "input": floats(x_in), "target": floats(target), "mu": mu.flatten().tolist(),
              "logvar": logvar.flatten().tolist(), "z": z.flatten().tolist(), "out": out.flatten().tolist(),
              "kl": kl.tolist(), "beta": BETA, "sigma": SIGMA}
    for name, recon in (
            ("bernoulli", F.binary_cross_entropy_with_logits(out, target, reduction="none").sum(1)),
            ("gaussian", -torch.distributions.Normal(out, SIGMA).log_prob(target).sum(1))):
        result[name] = {"reconstruction": recon.tolist(), "meanReconstruction": recon.mean().item(),
                        "meanKl": kl.mean().item(), "negElbo": (recon + kl).mean().item(),
                        "betaLoss": (recon + BETA * kl).mean().item()}
    return result


def write(path, obj):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write(dumps(obj) + "\n")
    print("wrote", os.path.normpath(path))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out-dir", default=DEFAULT_OUT)
    args = ap.parse_args()
    torch.set_num_threads(1)
    write(os.path.join(args.out_dir, "optim.json"), {
        "source": "interop/numerics_reference.py",
        "torch": torch.__version__,
        "steps": STEPS,
        "adam": dict(ADAM, params=run(lambda ps: torch.optim.Adam(
            ps, lr=ADAM["lr"], betas=tuple(ADAM["betas"]), eps=ADAM["eps"], foreach=False))),
        "sgd": dict(SGD, params=run(lambda ps: torch.optim.SGD(
            ps, lr=SGD["lr"], momentum=SGD["momentum"], foreach=False))),
    })
    write(os.path.join(args.out_dir, "losses.json"), {
        "source": "interop/numerics_reference.py",
        "torch": torch.__version__,
        "bernoulli": bernoulli(),
        "gaussian": gaussian(),
        "vae": vae(),
    })


if __name__ == "__main__":
    main()
