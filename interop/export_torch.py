#!/usr/bin/env python3
"""PyTorch <-> Bottleneck interop for MLP and convolutional autoencoders, VAEs and beta-TCVAEs.

A model travels as two files side by side:

  NAME.json   what the net is: {"format": "bottleneck-mlp", "version": 1 (MLP) | 2 (convolutional),
              "family": "ae"|"vae"|"tcvae", "inputDim", "hidden": [...] (MLP only), "latentDim",
              "activation": "relu"|"tanh"|"sigmoid"|"elu"|"leaky_relu", "likelihood": "bernoulli"|"gaussian", "gaussianSigma",
              "codeActivation": "identity"|"sigmoid", "layout": "torch", "arrays": "NAME.npz",
              "parameters": {array name: shape},
              "conv" (version 2 only): {"image": {"channels", "height", "width"}, "channels": [...], "kernel",
                                        "stride", "padding", "dense": [...]}}
  NAME.npz    the parameters, float32 ('<f4'), one array per Bottleneck parameter, named as Bottleneck names them:
              encoder.0.weight, encoder.0.bias, ..., decoder.N.bias, where layer i is the i-th module of the
              nn.Sequential that is not an activation (Bottleneck fuses the activation into the layer before it; a
              Flatten or Unflatten takes a position but has no arrays). For an MLP, layer i is the i-th nn.Linear.

The beta-TCVAE (family "tcvae", Bottleneck's beta-tcvae and conv-beta-tcvae kinds) has a VAE's nets and arrays; its
objective travels as extra fields: "alpha", "beta", "gamma" (the weights of the index-code mutual information, the
total correlation and the dimension-wise KL) and "datasetSize", "batchSize" (the N and M of the minibatch-stratified
estimator it was trained with; 0: not known). tcvae_terms() computes that objective as Bottleneck's KlDecomposition
does; a reader older than the family refuses the file by its family.

The format name "bottleneck-mlp" is historic; version 2 only adds "conv" (and drops "hidden", whose place the conv
dense widths take), so MLP files stay version 1 and older readers keep reading them.

Layout: PyTorch's own. A Linear weight is nn.Linear's (out x in) matrix (Bottleneck stores in x out and transposes
when it loads); a Conv2d weight is (out, in, kH, kW), a ConvTranspose2d weight (in, out, kH, kW) (Bottleneck stores
both in this order, flattened to 2-D); a bias is 1-D (out,). The VAE's encoder ends in ONE layer with 2*latent
outputs, [mu | logvar]: the separate mu and logvar heads of a PyTorch VAE (fc_mu, fc_logvar) are stacked, mu rows
first, into the last encoder.K.weight / encoder.K.bias, and split again by load().

The MLP nets: encoder Linear sizes [input, *hidden, latent] (VAE: two heads of size latent), decoder
[latent, *reversed(hidden), input], the hidden activation after every Linear but the last of each.
The convolutional nets (Bottleneck's ConvNets): encoder Conv2d(k, stride, padding) to each of "channels", Flatten,
Linear to each of "dense", then the code (VAE: the two heads); decoder Linear to each of reversed("dense"), Linear
to the size C*H*W after the last convolution, Unflatten to C x H x W, ConvTranspose2d(k, stride, padding) back
through the channels to the image's; the hidden activation after every layer but the last of each net. Inputs and
reconstructions are flat rows of C*H*W numbers in NCHW order, as Bottleneck holds images.
The decoder's output is the logits of a Bernoulli (reconstruction = sigmoid) or the mean of a Gaussian.

Usage (run with the Debian interpreter that has python3-torch):
  /usr/bin/python3 interop/export_torch.py --demo ae --out src/test/resources/interop/demo-ae
  /usr/bin/python3 interop/export_torch.py --demo vae --out src/test/resources/interop/demo-vae
  /usr/bin/python3 interop/export_torch.py --demo conv-vae --activation elu --out src/test/resources/interop/demo-conv-vae
  /usr/bin/python3 interop/export_torch.py --demo beta-tcvae --activation elu --out src/test/resources/interop/demo-beta-tcvae
  /usr/bin/python3 interop/export_torch.py --self-test
From your own code:  save(model, "out/mymodel")  writes out/mymodel.json + .npz;  model = load("out/mymodel.json").
--demo also writes NAME-check.npz: inputs x, PyTorch's reconstructions recon (VAE: decoded from the posterior mean)
and codes (VAE: mu), all float32, that Bottleneck's tests compare against. The conv demos' check files also hold,
for the batch x, the loss (-ELBO for the VAE, the reconstruction NLL for the AE; mean over the batch) and
grad.NAME, its gradient with respect to every parameter in the npz's layout, the VAE's with the fixed noise eps
(z = mu + exp(logvar / 2) * eps) also stored there. The conv demos' reference values are computed in float64 from
the float32 weights, inputs and eps, so they are the exact answer up to the final rounding to float32. The
beta-TCVAE demo's check file has the same, its loss being the beta-TCVAE objective of the batch (with the JSON's
N), and the batch's terms beside it: reconstruction, kl, mi, tc and dim.
"""
import argparse
import copy
import json
import math
import os
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn


class LeakyReLU(nn.LeakyReLU):
    """Bottleneck's leaky ReLU: slope 0.2 below 0 (Kim & Mnih's discriminator's)."""

    def __init__(self):
        super().__init__(0.2)


ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "elu": nn.ELU, "leaky_relu": LeakyReLU}


def mlp(sizes, act):
    """nn.Linear layers of the given widths with `act` after every one but the last."""
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(ACTIVATIONS[act]())
    return nn.Sequential(*layers)


class MlpAE(nn.Module):
    """Deterministic AE: z = encoder(x), decoder(z) = logits (bernoulli) or means (gaussian)."""
    family = "ae"

    def __init__(self, input_dim, hidden, latent, activation="relu", likelihood="bernoulli"):
        super().__init__()
        self.input_dim, self.hidden, self.latent = input_dim, list(hidden), latent
        self.activation, self.likelihood = activation, likelihood
        self.encoder = mlp([input_dim, *hidden, latent], activation)
        self.decoder = mlp([latent, *reversed(hidden), input_dim], activation)

    def encode(self, x):
        return self.encoder(x)

    def logits(self, z):
        return self.decoder(z)

    def reconstruct(self, x):
        out = self.decoder(self.encode(x))
        return torch.sigmoid(out) if self.likelihood == "bernoulli" else out


class MlpVAE(nn.Module):
    """VAE with separate heads: q(z|x) = N(fc_mu(h), exp(fc_logvar(h))), h = body(x) (pytorch/examples style)."""
    family = "vae"

    def __init__(self, input_dim, hidden, latent, activation="relu", likelihood="bernoulli"):
        super().__init__()
        self.input_dim, self.hidden, self.latent = input_dim, list(hidden), latent
        self.activation, self.likelihood = activation, likelihood
        # body: Linear+act for every hidden layer (the act also follows the last one: the heads read it)
        body = []
        for a, b in zip([input_dim, *hidden][:-1], hidden):
            body += [nn.Linear(a, b), ACTIVATIONS[activation]()]
        self.body = nn.Sequential(*body)
        h = hidden[-1] if hidden else input_dim
        self.fc_mu = nn.Linear(h, latent)
        self.fc_logvar = nn.Linear(h, latent)
        self.decoder = mlp([latent, *reversed(hidden), input_dim], activation)

    def posterior(self, x):
        h = self.body(x)
        return self.fc_mu(h), self.fc_logvar(h)

    def encode(self, x):
        """The posterior mean, as Bottleneck's encode()."""
        return self.posterior(x)[0]

    def logits(self, z):
        return self.decoder(z)

    def reconstruct(self, x):
        out = self.decoder(self.encode(x))
        return torch.sigmoid(out) if self.likelihood == "bernoulli" else out


def conv_shapes(conv):
    """[(C, H, W) of the image, after conv 1, .., after conv L] as nn.Conv2d computes them."""
    img = conv["image"]
    shapes = [(img["channels"], img["height"], img["width"])]
    k, s, p = conv["kernel"], conv["stride"], conv["padding"]
    for c in conv["channels"]:
        _, h, w = shapes[-1]
        shapes.append((c, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1))
    return shapes


def conv_body(conv, act):
    """Conv2d+act for every convolution, Flatten, Linear+act for every dense width; and the width it ends in."""
    shapes = conv_shapes(conv)
    k, s, p = conv["kernel"], conv["stride"], conv["padding"]
    layers = []
    for (cin, _, _), (cout, _, _) in zip(shapes[:-1], shapes[1:]):
        layers += [nn.Conv2d(cin, cout, k, s, p), ACTIVATIONS[act]()]
    layers.append(nn.Flatten())
    c, h, w = shapes[-1]
    width = c * h * w
    for d in conv["dense"]:
        layers += [nn.Linear(width, d), ACTIVATIONS[act]()]
        width = d
    return layers, width


def conv_decoder(latent, conv, act):
    """Linear+act to reversed(dense) and to the last convolution's C*H*W, Unflatten, ConvTranspose2d back."""
    shapes = conv_shapes(conv)
    k, s, p = conv["kernel"], conv["stride"], conv["padding"]
    top = shapes[-1]
    layers = []
    width = latent
    for d in [*reversed(conv["dense"]), top[0] * top[1] * top[2]]:
        layers += [nn.Linear(width, d), ACTIVATIONS[act]()]
        width = d
    layers.append(nn.Unflatten(1, top))
    for i in range(len(shapes) - 1, 0, -1):
        layers.append(nn.ConvTranspose2d(shapes[i][0], shapes[i - 1][0], k, s, p))
        if i > 1:
            layers.append(ACTIVATIONS[act]())
    seq = nn.Sequential(*layers)
    out = seq(torch.zeros(1, latent)).shape[1:]
    if tuple(out) != shapes[0]:
        raise ValueError(f"the transposed convolutions give {tuple(out)}, not the image {shapes[0]}")
    return seq


class ConvAE(nn.Module):
    """Deterministic AE on Bottleneck's convolutional nets; x and reconstructions are flat NCHW rows."""
    family = "ae"

    def __init__(self, conv, latent, activation="relu", likelihood="bernoulli"):
        super().__init__()
        self.conv, self.latent = copy.deepcopy(conv), latent
        self.activation, self.likelihood = activation, likelihood
        body, width = conv_body(conv, activation)
        self.encoder = nn.Sequential(*body, nn.Linear(width, latent))
        self.decoder = conv_decoder(latent, conv, activation)

    @property
    def input_dim(self):
        c, h, w = conv_shapes(self.conv)[0]
        return c * h * w

    def image(self, x):
        return x.reshape(-1, *conv_shapes(self.conv)[0])

    def encode(self, x):
        return self.encoder(self.image(x))

    def logits(self, z):
        return self.decoder(z).flatten(1)

    def reconstruct(self, x):
        out = self.logits(self.encode(x))
        return torch.sigmoid(out) if self.likelihood == "bernoulli" else out


class ConvVAE(nn.Module):
    """VAE on Bottleneck's convolutional nets with separate heads: q(z|x) = N(fc_mu(h), exp(fc_logvar(h)))."""
    family = "vae"

    def __init__(self, conv, latent, activation="relu", likelihood="bernoulli"):
        super().__init__()
        self.conv, self.latent = copy.deepcopy(conv), latent
        self.activation, self.likelihood = activation, likelihood
        body, width = conv_body(conv, activation)
        self.body = nn.Sequential(*body)
        self.fc_mu = nn.Linear(width, latent)
        self.fc_logvar = nn.Linear(width, latent)
        self.decoder = conv_decoder(latent, conv, activation)

    input_dim = ConvAE.input_dim
    image = ConvAE.image
    logits = ConvAE.logits

    def posterior(self, x):
        h = self.body(self.image(x))
        return self.fc_mu(h), self.fc_logvar(h)

    def encode(self, x):
        """The posterior mean, as Bottleneck's encode()."""
        return self.posterior(x)[0]

    def reconstruct(self, x):
        out = self.logits(self.encode(x))
        return torch.sigmoid(out) if self.likelihood == "bernoulli" else out


HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


class TcObjective:
    """The beta-TCVAE's objective (Chen, Li, Grosse & Duvenaud 2018), mixed into a VAE class: its nets are the VAE's.

    loss = reconstruction + alpha MI + beta TC + gamma dimension-wise KL, the three estimated on each batch by
    tcvae_terms() with the training set's size N (dataset_size) in them; batch_size is the M training used, which
    Bottleneck's evaluation also estimates in parts of at most M."""
    family = "tcvae"

    def set_objective(self, alpha=1.0, beta=6.0, gamma=1.0, dataset_size=0, batch_size=0):
        self.alpha, self.beta, self.gamma = float(alpha), float(beta), float(gamma)
        self.dataset_size, self.batch_size = int(dataset_size), int(batch_size)
        return self


class MlpTCVAE(TcObjective, MlpVAE):
    """An MLP beta-TCVAE: MlpVAE's nets and arrays, the objective of TcObjective."""

    def __init__(self, input_dim, hidden, latent, activation="relu", likelihood="bernoulli", **objective):
        MlpVAE.__init__(self, input_dim, hidden, latent, activation, likelihood)
        self.set_objective(**objective)


class ConvTCVAE(TcObjective, ConvVAE):
    """A convolutional beta-TCVAE: ConvVAE's nets and arrays, the objective of TcObjective."""

    def __init__(self, conv, latent, activation="relu", likelihood="bernoulli", **objective):
        ConvVAE.__init__(self, conv, latent, activation, likelihood)
        self.set_objective(**objective)


def mss_log_weights(m, dataset_size, dtype=torch.float64):
    """log w_ir (m x m) of minibatch stratified sampling, as Bottleneck's KlDecomposition.logWeights: the example's
    own posterior 1/N, the next one's in the batch (i+1 mod m) (N - M')/(N M'), every other 1/M', M' = m - 1,
    N at least m; all 0 for a batch of one (it is the whole set). Each row's weights sum to 1."""
    if m == 1:
        return torch.zeros(1, 1, dtype=dtype)
    n = max(int(dataset_size), m)
    w = torch.full((m, m), -math.log(m - 1), dtype=dtype)
    i = torch.arange(m)
    w[i, (i + 1) % m] = math.log((n - (m - 1)) / (n * (m - 1)))
    w[i, i] = -math.log(n)
    return w


def tcvae_terms(mu, logvar, z, dataset_size):
    """(MI, TC, dimension-wise KL), each the batch mean in nats, estimated as Bottleneck's KlDecomposition does
    (minibatch stratified sampling, Chen et al. 2018, appendix):
        log q(z_ij | n_r) = -log(2 pi)/2 - logvar_rj/2 - (z_ij - mu_rj)^2 exp(-logvar_rj) / 2
        A_i  = logsumexp_r [log w_ir + sum_j log q(z_ij | n_r)]      C_ij = logsumexp_r [log w_ir + log q(z_ij | n_r)]
        MI = mean_i [sum_j log q(z_ij | n_i) - A_i]    TC = mean_i [A_i - sum_j C_ij]
        dim = mean_i [sum_j C_ij - log N(z_i; 0, I)]
    mu, logvar, z: m x k, one sample z_i ~ q(z | x_i) per row; differentiable in all three. Computed in the dtype
    given: Bottleneck computes them in float64 from its float32 posteriors and samples."""
    m = mu.shape[0]
    diff = z.unsqueeze(1) - mu.unsqueeze(0)                                   # [i, r, j]
    logq = -HALF_LOG_2PI - 0.5 * logvar.unsqueeze(0) - 0.5 * diff * diff * torch.exp(-logvar.unsqueeze(0))
    logw = mss_log_weights(m, dataset_size, mu.dtype)                         # [i, r]
    joint = torch.logsumexp(logw + logq.sum(2), dim=1)                        # A_i
    marginals = torch.logsumexp(logw.unsqueeze(2) + logq, dim=1).sum(1)       # sum_j C_ij
    i = torch.arange(m)
    own = logq[i, i].sum(1)                                                   # log q(z_i | n_i)
    prior = (-HALF_LOG_2PI - 0.5 * z * z).sum(1)
    return (own - joint).mean(), (joint - marginals).mean(), (marginals - prior).mean()


def bernoulli_nll(logits, x):
    """-log p(x | logits) per row, summed over the features: BCE with logits, as Bottleneck's Bernoulli likelihood."""
    return nn.functional.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)


def tcvae_loss(model, x, eps, dataset_size=None):
    """The beta-TCVAE objective of the batch x with z = mu + exp(logvar / 2) * eps, as Bottleneck's TcVae computes
    it: the mean Bernoulli NLL + alpha MI + beta TC + gamma dim, the three in float64 with N = dataset_size (default:
    the model's). Returns (loss, terms) with terms the batch means of reconstruction, kl (closed form), mi, tc, dim."""
    mu, logvar = model.posterior(x)
    z = mu + torch.exp(0.5 * logvar) * eps
    rec = bernoulli_nll(model.logits(z), x).mean()
    kl = (0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar)).sum(1).mean()
    n = model.dataset_size if dataset_size is None else dataset_size
    mi, tc, dim = tcvae_terms(mu.double(), logvar.double(), z.double(), n)
    loss = rec.double() + model.alpha * mi + model.beta * tc + model.gamma * dim
    return loss.to(mu.dtype), {"reconstruction": rec, "kl": kl, "mi": mi, "tc": tc, "dim": dim}


PARAMETRISED = (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)


def has_heads(model):
    """True for the families whose encoder ends in the mu and logvar heads (VAE, beta-TCVAE)."""
    return model.family in ("vae", "tcvae")


def positioned(seq):
    """The modules of an nn.Sequential that are not activations, whose index is Bottleneck's layer position."""
    return [m for m in seq if not isinstance(m, tuple(ACTIVATIONS.values()))]


def encoder_layers(model):
    """(position, module) of the encoder's layers with parameters; the VAE's heads come after these."""
    seq = model.encoder if model.family == "ae" else model.body
    return [(i, m) for i, m in enumerate(positioned(seq)) if isinstance(m, PARAMETRISED)]


def decoder_layers(model):
    return [(i, m) for i, m in enumerate(positioned(model.decoder)) if isinstance(m, PARAMETRISED)]


def head_position(model):
    """Bottleneck's position of the VAE's stacked [mu | logvar] layer: after every module of the body."""
    return len(positioned(model.body))


def to_arrays(model, grad=False):
    """Bottleneck's parameter names -> float32 arrays in PyTorch layout (the values, or with grad=True the .grad)."""
    pick = (lambda t: t.grad) if grad else (lambda t: t)
    enc = [(i, pick(m.weight), pick(m.bias)) for i, m in encoder_layers(model)]
    if has_heads(model):  # stack the heads: rows [mu | logvar]
        enc.append((head_position(model), torch.cat([pick(model.fc_mu.weight), pick(model.fc_logvar.weight)], 0),
                    torch.cat([pick(model.fc_mu.bias), pick(model.fc_logvar.bias)], 0)))
    dec = [(i, pick(m.weight), pick(m.bias)) for i, m in decoder_layers(model)]
    arrays = {}
    for part, layers in (("encoder", enc), ("decoder", dec)):
        for i, w, b in layers:
            arrays[f"{part}.{i}.weight"] = w.detach().cpu().numpy().astype("<f4")
            arrays[f"{part}.{i}.bias"] = b.detach().cpu().numpy().astype("<f4")
    return arrays


def save(model, path, gaussian_sigma=0.1):
    """Writes PATH.json and PATH.npz (PATH without extension, or ending in .json)."""
    base = path[:-5] if path.endswith(".json") else path
    arrays = to_arrays(model)
    conv = getattr(model, "conv", None)
    desc = {"format": "bottleneck-mlp", "version": 2 if conv else 1, "family": model.family,
            "inputDim": model.input_dim}
    if conv:
        desc["conv"] = conv
    else:
        desc["hidden"] = model.hidden
    desc.update({"latentDim": model.latent,
                 "activation": model.activation, "likelihood": model.likelihood, "gaussianSigma": gaussian_sigma,
                 "codeActivation": "identity", "layout": "torch", "arrays": os.path.basename(base) + ".npz",
                 "parameters": {k: list(v.shape) for k, v in arrays.items()}})
    if model.family == "tcvae":
        desc.update({"alpha": model.alpha, "beta": model.beta, "gamma": model.gamma,
                     "datasetSize": model.dataset_size, "batchSize": model.batch_size})
    os.makedirs(os.path.dirname(os.path.abspath(base)), exist_ok=True)
    np.savez(base + ".npz", **arrays)
    with open(base + ".json", "w") as f:
        json.dump(desc, f, indent=1)
        f.write("\n")


def load(json_path):
    """Builds the PyTorch model that a NAME.json (ours, or written by Bottleneck's export) describes."""
    with open(json_path) as f:
        desc = json.load(f)
    if desc.get("layout", "torch") != "torch":
        raise ValueError(f"{json_path}: layout {desc.get('layout')!r}, expected 'torch'")
    if desc.get("codeActivation", "identity") != "identity":
        raise ValueError(f"{json_path}: codeActivation {desc['codeActivation']!r} is not supported here")
    if desc.get("version", 1) not in (1, 2):
        raise ValueError(f"{json_path}: version {desc['version']!r}, this script reads 1 and 2")
    family = desc["family"]
    if family not in ("ae", "vae", "tcvae"):
        raise ValueError(f"{json_path}: family {family!r}, this script reads 'ae', 'vae' and 'tcvae'")
    if "conv" in desc:
        cls = {"ae": ConvAE, "vae": ConvVAE, "tcvae": ConvTCVAE}[family]
        model = cls(desc["conv"], desc["latentDim"], desc["activation"], desc["likelihood"])
        if model.input_dim != desc["inputDim"]:
            raise ValueError(f"{json_path}: inputDim {desc['inputDim']} is not the image's size {model.input_dim}")
    else:
        cls = {"ae": MlpAE, "vae": MlpVAE, "tcvae": MlpTCVAE}[family]
        model = cls(desc["inputDim"], desc["hidden"], desc["latentDim"], desc["activation"], desc["likelihood"])
    if family == "tcvae":  # Bottleneck's defaults where a field is missing
        model.set_objective(desc.get("alpha", 1.0), desc.get("beta", 6.0), desc.get("gamma", 1.0),
                            desc.get("datasetSize", 0), desc.get("batchSize", 0))
    npz = np.load(os.path.join(os.path.dirname(os.path.abspath(json_path)), desc["arrays"]))
    k = desc["latentDim"]
    with torch.no_grad():
        for part, layers in (("encoder", encoder_layers(model)), ("decoder", decoder_layers(model))):
            for i, layer in layers:
                layer.weight.copy_(torch.from_numpy(npz[f"{part}.{i}.weight"]))
                layer.bias.copy_(torch.from_numpy(npz[f"{part}.{i}.bias"]))
        if has_heads(model):
            last = head_position(model)
            w, b = npz[f"encoder.{last}.weight"], npz[f"encoder.{last}.bias"]
            model.fc_mu.weight.copy_(torch.from_numpy(w[:k]))
            model.fc_mu.bias.copy_(torch.from_numpy(b[:k]))
            model.fc_logvar.weight.copy_(torch.from_numpy(w[k:]))
            model.fc_logvar.bias.copy_(torch.from_numpy(b[k:]))
    return model


def train_a_little(model, x, steps=50, lr=1e-2):
    """A few Adam steps on the Bernoulli (+ KL) loss, so the demo weights are not just the initialisation."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    g = torch.Generator().manual_seed(1)
    for _ in range(steps):
        if model.family == "vae":
            mu, logvar = model.posterior(x)
            z = mu + torch.exp(0.5 * logvar) * torch.randn(mu.shape, generator=g)
            kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(1)
        else:
            z, kl = model.encode(x), 0.0
        rec = nn.functional.binary_cross_entropy_with_logits(model.logits(z), x, reduction="none").sum(1)
        loss = (rec + kl).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()


def demo(family, out, activation, steps):
    """Tiny model (12 -> [8] -> 3), seeded, trained a few steps on random data in [0,1]; writes the check file."""
    torch.manual_seed(0)
    cls = MlpAE if family == "ae" else MlpVAE
    model = cls(12, [8], 3, activation, "bernoulli")
    x = torch.rand(64, 12)
    if steps:
        train_a_little(model, x, steps)
    save(model, out)
    with torch.no_grad():
        xc = x[:5]
        np.savez(out + "-check.npz", x=xc.numpy().astype("<f4"),
                 recon=model.reconstruct(xc).numpy().astype("<f4"),
                 codes=model.encode(xc).numpy().astype("<f4"))


# The conv demos: 1x8x12 images (not square, so height and width cannot be swapped unseen), 8x12 -> 4x6 -> 2x3.
DEMO_CONV = {"image": {"channels": 1, "height": 8, "width": 12}, "channels": [4, 8], "kernel": 4, "stride": 2,
             "padding": 1, "dense": [16]}


def loss_and_gradients(model, x, eps=None):
    """The batch's mean loss (AE: -log p(x|z); VAE: -ELBO with z = mu + exp(logvar / 2) * eps) and its gradients
    in to_arrays' names and layout, computed in float64 on a copy of the model (Bernoulli likelihood)."""
    assert model.likelihood == "bernoulli"
    m = copy.deepcopy(model).double()
    m.zero_grad()
    x = x.double()
    if m.family == "tcvae":
        loss, _ = tcvae_loss(m, x, eps.double())
        loss.backward()
        return loss.detach(), to_arrays(m, grad=True)
    if m.family == "vae":
        mu, logvar = m.posterior(x)
        z = mu + torch.exp(0.5 * logvar) * eps.double()
        kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
    else:
        z, kl = m.encode(x), 0.0
    rec = nn.functional.binary_cross_entropy_with_logits(m.logits(z), x, reduction="none").sum(1)
    loss = (rec + kl).mean()
    loss.backward()
    return loss.detach(), to_arrays(m, grad=True)


def blobs(n, conv, generator):
    """n one-channel images of a Gaussian blob (values in (0, 1]) at a random place with a random width, as flat
    rows: data with three factors, so the demo VAE's codes move with the input (on noise its posterior collapses
    to the prior and the codes would all be about 0)."""
    img = conv["image"]
    h, w = img["height"], img["width"]
    cy = torch.rand(n, 1, 1, generator=generator) * (h - 1)
    cx = torch.rand(n, 1, 1, generator=generator) * (w - 1)
    s = 0.8 + 1.7 * torch.rand(n, 1, 1, generator=generator)
    yy = torch.arange(h, dtype=torch.float32).view(1, h, 1)
    xx = torch.arange(w, dtype=torch.float32).view(1, 1, w)
    return torch.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * s * s)).reshape(n, -1)


def conv_demo(family, out, activation, steps):
    """Tiny conv model (1x8x12, conv 4, 8, dense 16, latent 3), seeded, trained a few steps on images of blobs;
    the check file has float64 reference codes, reconstructions, loss and gradients on 6 of them."""
    torch.manual_seed(0)
    cls = ConvAE if family == "conv-ae" else ConvVAE
    model = cls(DEMO_CONV, 3, activation, "bernoulli")
    x = blobs(64, DEMO_CONV, torch.Generator().manual_seed(1))
    if steps:
        train_a_little(model, x, steps)
    save(model, out)
    xc = x[:6]
    check = {"x": xc.numpy().astype("<f4")}
    eps = None
    if model.family == "vae":
        eps = torch.randn(6, model.latent, generator=torch.Generator().manual_seed(2))
        check["eps"] = eps.numpy().astype("<f4")
    m64 = copy.deepcopy(model).double()
    with torch.no_grad():
        check["codes"] = m64.encode(xc.double()).numpy().astype("<f4")
        check["recon"] = m64.reconstruct(xc.double()).numpy().astype("<f4")
    loss, grads = loss_and_gradients(model, xc, eps)
    check["loss"] = loss.numpy().astype("<f4")
    check.update({"grad." + k: v for k, v in grads.items()})
    np.savez(out + "-check.npz", **check)


# The beta-TCVAE demo: 48 inputs, the pixels of 6x8 images of blobs, so the codes carry the blob's place and width.
DEMO_TCVAE_IMAGE = {"image": {"channels": 1, "height": 6, "width": 8}}


def tcvae_demo(out, activation, steps):
    """Tiny MLP beta-TCVAE (48 -> [16] -> 3, alpha 1, beta 6, gamma 1, N 64, M 8), seeded; its weights are those of
    the same nets trained a few steps as a VAE (on its own objective so tiny a model collapses to the prior, and the
    three terms and their gradients would be about 0). The check file has float64 reference codes, reconstructions,
    the beta-TCVAE objective of a batch of 8 with its terms, and its gradients."""
    torch.manual_seed(0)
    vae = MlpVAE(48, [16], 3, activation, "bernoulli")
    x = blobs(64, DEMO_TCVAE_IMAGE, torch.Generator().manual_seed(1))
    if steps:
        train_a_little(vae, x, steps)
    model = MlpTCVAE(48, [16], 3, activation, "bernoulli", alpha=1.0, beta=6.0, gamma=1.0, dataset_size=64,
                     batch_size=8)
    model.load_state_dict(vae.state_dict())
    save(model, out)
    xc = x[:8]
    eps = torch.randn(8, model.latent, generator=torch.Generator().manual_seed(2))
    check = {"x": xc.numpy().astype("<f4"), "eps": eps.numpy().astype("<f4")}
    m64 = copy.deepcopy(model).double()
    with torch.no_grad():
        check["codes"] = m64.encode(xc.double()).numpy().astype("<f4")
        check["recon"] = m64.reconstruct(xc.double()).numpy().astype("<f4")
        _, terms = tcvae_loss(m64, xc.double(), eps.double())
    loss, grads = loss_and_gradients(model, xc, eps)
    check["loss"] = loss.numpy().astype("<f4")
    check.update({k: v.detach().numpy().astype("<f4") for k, v in terms.items()})
    check.update({"grad." + k: v for k, v in grads.items()})
    np.savez(out + "-check.npz", **check)


def self_test():
    """Save, load and compare every family, MLP and convolutional; cheap, no files left behind."""
    conv = {"image": {"channels": 2, "height": 5, "width": 7}, "channels": [3], "kernel": 3, "stride": 1,
            "padding": 1, "dense": [6, 4]}
    makers = [lambda: MlpAE(7, [5, 4], 2, "tanh", "gaussian"), lambda: MlpVAE(7, [5, 4], 2, "tanh", "gaussian"),
              lambda: ConvAE(conv, 2, "elu", "gaussian"), lambda: ConvVAE(DEMO_CONV, 2, "tanh", "bernoulli"),
              lambda: MlpTCVAE(7, [5, 4], 2, "relu", "bernoulli", alpha=0.5, beta=4.0, gamma=2.0,
                               dataset_size=1000, batch_size=32),
              lambda: ConvTCVAE(DEMO_CONV, 2, "elu", "bernoulli", alpha=1.0, beta=6.0, gamma=1.0)]
    for make in makers:
        torch.manual_seed(3)
        m = make()
        x = torch.rand(4, m.input_dim)
        with tempfile.TemporaryDirectory() as d:
            save(m, os.path.join(d, "m"))
            m2 = load(os.path.join(d, "m.json"))
        name = type(m).__name__
        assert sorted(to_arrays(m)) == sorted(to_arrays(m2)), name
        with torch.no_grad():
            assert torch.equal(m.reconstruct(x), m2.reconstruct(x)), name
            assert torch.equal(m.encode(x), m2.encode(x)), name
        if m.family == "tcvae":
            assert type(m2) is type(m), name
            got = (m2.alpha, m2.beta, m2.gamma, m2.dataset_size, m2.batch_size)
            assert got == (m.alpha, m.beta, m.gamma, m.dataset_size, m.batch_size), (name, got)
    tcvae_self_test()
    print("self-test passed")


def tcvae_self_test():
    """The estimator's identities: MI + TC + dim is the one-sample KL estimate mean_i [log q(z_i|x_i) - log p(z_i)]
    whatever N; each row of weights sums to 1; a batch of one has MI = TC = 0."""
    g = torch.Generator().manual_seed(5)
    mu = torch.randn(9, 4, generator=g, dtype=torch.float64)
    logvar = torch.randn(9, 4, generator=g, dtype=torch.float64) - 1
    z = mu + torch.exp(0.5 * logvar) * torch.randn(9, 4, generator=g, dtype=torch.float64)
    own = (-HALF_LOG_2PI - 0.5 * logvar - 0.5 * (z - mu) ** 2 / logvar.exp()).sum(1)
    prior = (-HALF_LOG_2PI - 0.5 * z * z).sum(1)
    for n in (9, 100, 10 ** 6):
        mi, tc, dim = tcvae_terms(mu, logvar, z, n)
        assert abs((mi + tc + dim) - (own - prior).mean()) < 1e-12, n
        assert torch.allclose(mss_log_weights(9, n).exp().sum(1), torch.ones(9, dtype=torch.float64)), n
    mi, tc, dim = tcvae_terms(mu[:1], logvar[:1], z[:1], 100)
    assert abs(mi) < 1e-12 and abs(tc) < 1e-12, (mi, tc)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--demo", choices=["ae", "vae", "conv-ae", "conv-vae", "beta-tcvae"],
                    help="build, train a little and export the tiny demo model")
    ap.add_argument("--out", help="output path without extension (writes OUT.json, OUT.npz, OUT-check.npz)")
    ap.add_argument("--activation", default="relu", choices=sorted(ACTIVATIONS))
    ap.add_argument("--steps", type=int, help="training steps of the demo (0: initial weights; default 50, "
                    "conv demos 200, beta-tcvae 300)")
    ap.add_argument("--self-test", action="store_true", help="round trip save -> load in PyTorch")
    ap.add_argument("--check", metavar="JSON", help="load a NAME.json (e.g. written by Bottleneck) and print it")
    args = ap.parse_args()
    if args.self_test:
        self_test()
    if args.demo:
        if not args.out:
            ap.error("--demo needs --out")
        conv = args.demo.startswith("conv-")
        steps = args.steps if args.steps is not None else 200 if conv else 300 if args.demo == "beta-tcvae" else 50
        if args.demo == "beta-tcvae":
            tcvae_demo(args.out, args.activation, steps)
        else:
            (conv_demo if conv else demo)(args.demo, args.out, args.activation, steps)
        print(f"wrote {args.out}.json, {args.out}.npz, {args.out}-check.npz")
    if args.check:
        print(load(args.check))
    if not (args.self_test or args.demo or args.check):
        ap.print_help()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
