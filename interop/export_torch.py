#!/usr/bin/env python3
"""PyTorch <-> Bottleneck interop for MLP autoencoders and VAEs.

A model travels as two files side by side:

  NAME.json   what the net is: {"format": "bottleneck-mlp", "version": 1, "family": "ae"|"vae",
              "inputDim", "hidden": [...], "latentDim", "activation": "relu"|"tanh"|"sigmoid"|"elu",
              "likelihood": "bernoulli"|"gaussian", "gaussianSigma", "codeActivation": "identity"|"sigmoid",
              "layout": "torch", "arrays": "NAME.npz", "parameters": {array name: shape}}
  NAME.npz    the parameters, float32 ('<f4'), one array per Bottleneck parameter, named as Bottleneck names them:
              encoder.0.weight, encoder.0.bias, ..., decoder.N.bias  (layer i = the i-th nn.Linear).

Layout: PyTorch's own. A weight is nn.Linear's (out x in) matrix, a bias is 1-D (out,); Bottleneck transposes
the weights when it loads them. The VAE's encoder ends in ONE layer with 2*latent outputs, [mu | logvar]: the
separate mu and logvar heads of a PyTorch VAE (fc_mu, fc_logvar) are stacked, mu rows first, into the last
encoder.K.weight / encoder.K.bias, and split again by load().

The nets (the ones Bottleneck has): encoder Linear sizes [input, *hidden, latent] (VAE: two heads of size latent),
decoder [latent, *reversed(hidden), input], the hidden activation after every Linear but the last of each. The
decoder's output is the logits of a Bernoulli (reconstruction = sigmoid) or the mean of a Gaussian.

Usage (run with the Debian interpreter that has python3-torch):
  /usr/bin/python3 interop/export_torch.py --demo ae --out src/test/resources/interop/demo-ae
  /usr/bin/python3 interop/export_torch.py --demo vae --out src/test/resources/interop/demo-vae
  /usr/bin/python3 interop/export_torch.py --self-test
From your own code:  save(model, "out/mymodel")  writes out/mymodel.json + .npz;  model = load("out/mymodel.json").
--demo also writes NAME-check.npz: inputs x, PyTorch's reconstructions recon (VAE: decoded from the posterior mean)
and codes (VAE: mu), all float32, that Bottleneck's tests compare against.
"""
import argparse
import json
import os
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "elu": nn.ELU}


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

    def reconstruct(self, x):
        out = self.decoder(self.encode(x))
        return torch.sigmoid(out) if self.likelihood == "bernoulli" else out


def linears(seq):
    return [m for m in seq if isinstance(m, nn.Linear)]


def to_arrays(model):
    """Bottleneck's parameter names -> float32 arrays in PyTorch layout (weight: out x in)."""
    enc = linears(model.encoder) if model.family == "ae" else linears(model.body)
    enc = [(l.weight, l.bias) for l in enc]
    if model.family == "vae":  # stack the heads: rows [mu | logvar]
        enc.append((torch.cat([model.fc_mu.weight, model.fc_logvar.weight], 0),
                    torch.cat([model.fc_mu.bias, model.fc_logvar.bias], 0)))
    dec = [(l.weight, l.bias) for l in linears(model.decoder)]
    arrays = {}
    for part, layers in (("encoder", enc), ("decoder", dec)):
        for i, (w, b) in enumerate(layers):
            arrays[f"{part}.{i}.weight"] = w.detach().cpu().numpy().astype("<f4")
            arrays[f"{part}.{i}.bias"] = b.detach().cpu().numpy().astype("<f4")
    return arrays


def save(model, path, gaussian_sigma=0.1):
    """Writes PATH.json and PATH.npz (PATH without extension, or ending in .json)."""
    base = path[:-5] if path.endswith(".json") else path
    arrays = to_arrays(model)
    desc = {"format": "bottleneck-mlp", "version": 1, "family": model.family,
            "inputDim": model.input_dim, "hidden": model.hidden, "latentDim": model.latent,
            "activation": model.activation, "likelihood": model.likelihood, "gaussianSigma": gaussian_sigma,
            "codeActivation": "identity", "layout": "torch", "arrays": os.path.basename(base) + ".npz",
            "parameters": {k: list(v.shape) for k, v in arrays.items()}}
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
    cls = {"ae": MlpAE, "vae": MlpVAE}[desc["family"]]
    model = cls(desc["inputDim"], desc["hidden"], desc["latentDim"], desc["activation"], desc["likelihood"])
    npz = np.load(os.path.join(os.path.dirname(os.path.abspath(json_path)), desc["arrays"]))
    k = desc["latentDim"]
    enc = linears(model.encoder) if model.family == "ae" else linears(model.body)
    with torch.no_grad():
        for part, layers in (("encoder", enc), ("decoder", linears(model.decoder))):
            for i, lin in enumerate(layers):
                lin.weight.copy_(torch.from_numpy(npz[f"{part}.{i}.weight"]))
                lin.bias.copy_(torch.from_numpy(npz[f"{part}.{i}.bias"]))
        if model.family == "vae":
            last = len(enc)
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
        rec = nn.functional.binary_cross_entropy_with_logits(model.decoder(z), x, reduction="none").sum(1)
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


def self_test():
    """Save, load and compare both families; cheap, no files left behind."""
    for cls in (MlpAE, MlpVAE):
        torch.manual_seed(3)
        m = cls(7, [5, 4], 2, "tanh", "gaussian")
        x = torch.rand(4, 7)
        with tempfile.TemporaryDirectory() as d:
            save(m, os.path.join(d, "m"))
            m2 = load(os.path.join(d, "m.json"))
        with torch.no_grad():
            assert torch.equal(m.reconstruct(x), m2.reconstruct(x)), cls.__name__
            assert torch.equal(m.encode(x), m2.encode(x)), cls.__name__
    print("self-test passed")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--demo", choices=["ae", "vae"], help="build, train a little and export the tiny demo model")
    ap.add_argument("--out", help="output path without extension (writes OUT.json, OUT.npz, OUT-check.npz)")
    ap.add_argument("--activation", default="relu", choices=sorted(ACTIVATIONS))
    ap.add_argument("--steps", type=int, default=50, help="training steps of the demo (0: initial weights)")
    ap.add_argument("--self-test", action="store_true", help="round trip save -> load in PyTorch")
    ap.add_argument("--check", metavar="JSON", help="load a NAME.json (e.g. written by Bottleneck) and print it")
    args = ap.parse_args()
    if args.self_test:
        self_test()
    if args.demo:
        if not args.out:
            ap.error("--demo needs --out")
        demo(args.demo, args.out, args.activation, args.steps)
        print(f"wrote {args.out}.json, {args.out}.npz, {args.out}-check.npz")
    if args.check:
        print(load(args.check))
    if not (args.self_test or args.demo or args.check):
        ap.print_help()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
