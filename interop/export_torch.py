#!/usr/bin/env python3
"""PyTorch <-> Bottleneck interop for MLP and convolutional autoencoders and VAEs.

A model travels as two files side by side:

  NAME.json   what the net is: {"format": "bottleneck-mlp", "version": 1 (MLP) | 2 (convolutional),
              "family": "ae"|"vae", "inputDim", "hidden": [...] (MLP only), "latentDim",
              "activation": "relu"|"tanh"|"sigmoid"|"elu", "likelihood": "bernoulli"|"gaussian", "gaussianSigma",
              "codeActivation": "identity"|"sigmoid", "layout": "torch", "arrays": "NAME.npz",
              "parameters": {array name: shape},
              "conv" (version 2 only): {"image": {"channels", "height", "width"}, "channels": [...], "kernel",
                                        "stride", "padding", "dense": [...]}}
  NAME.npz    the parameters, float32 ('<f4'), one array per Bottleneck parameter, named as Bottleneck names them:
              encoder.0.weight, encoder.0.bias, ..., decoder.N.bias, where layer i is the i-th module of the
              nn.Sequential that is not an activation (Bottleneck fuses the activation into the layer before it; a
              Flatten or Unflatten takes a position but has no arrays). For an MLP, layer i is the i-th nn.Linear.

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
  /usr/bin/python3 interop/export_torch.py --self-test
From your own code:  save(model, "out/mymodel")  writes out/mymodel.json + .npz;  model = load("out/mymodel.json").
--demo also writes NAME-check.npz: inputs x, PyTorch's reconstructions recon (VAE: decoded from the posterior mean)
and codes (VAE: mu), all float32, that Bottleneck's tests compare against. The conv demos' check files also hold,
for the batch x, the loss (-ELBO for the VAE, the reconstruction NLL for the AE; mean over the batch) and
grad.NAME, its gradient with respect to every parameter in the npz's layout, the VAE's with the fixed noise eps
(z = mu + exp(logvar / 2) * eps) also stored there. The conv demos' reference values are computed in float64 from
the float32 weights, inputs and eps, so they are the exact answer up to the final rounding to float32.
"""
import argparse
import copy
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


PARAMETRISED = (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)


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
    if model.family == "vae":  # stack the heads: rows [mu | logvar]
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
    if "conv" in desc:
        cls = {"ae": ConvAE, "vae": ConvVAE}[desc["family"]]
        model = cls(desc["conv"], desc["latentDim"], desc["activation"], desc["likelihood"])
        if model.input_dim != desc["inputDim"]:
            raise ValueError(f"{json_path}: inputDim {desc['inputDim']} is not the image's size {model.input_dim}")
    else:
        cls = {"ae": MlpAE, "vae": MlpVAE}[desc["family"]]
        model = cls(desc["inputDim"], desc["hidden"], desc["latentDim"], desc["activation"], desc["likelihood"])
    npz = np.load(os.path.join(os.path.dirname(os.path.abspath(json_path)), desc["arrays"]))
    k = desc["latentDim"]
    with torch.no_grad():
        for part, layers in (("encoder", encoder_layers(model)), ("decoder", decoder_layers(model))):
            for i, layer in layers:
                layer.weight.copy_(torch.from_numpy(npz[f"{part}.{i}.weight"]))
                layer.bias.copy_(torch.from_numpy(npz[f"{part}.{i}.bias"]))
        if model.family == "vae":
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


def self_test():
    """Save, load and compare every family, MLP and convolutional; cheap, no files left behind."""
    conv = {"image": {"channels": 2, "height": 5, "width": 7}, "channels": [3], "kernel": 3, "stride": 1,
            "padding": 1, "dense": [6, 4]}
    makers = [lambda: MlpAE(7, [5, 4], 2, "tanh", "gaussian"), lambda: MlpVAE(7, [5, 4], 2, "tanh", "gaussian"),
              lambda: ConvAE(conv, 2, "elu", "gaussian"), lambda: ConvVAE(DEMO_CONV, 2, "tanh", "bernoulli")]
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
    print("self-test passed")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--demo", choices=["ae", "vae", "conv-ae", "conv-vae"],
                    help="build, train a little and export the tiny demo model")
    ap.add_argument("--out", help="output path without extension (writes OUT.json, OUT.npz, OUT-check.npz)")
    ap.add_argument("--activation", default="relu", choices=sorted(ACTIVATIONS))
    ap.add_argument("--steps", type=int, help="training steps of the demo (0: initial weights; default 50, "
                    "conv demos 200)")
    ap.add_argument("--self-test", action="store_true", help="round trip save -> load in PyTorch")
    ap.add_argument("--check", metavar="JSON", help="load a NAME.json (e.g. written by Bottleneck) and print it")
    args = ap.parse_args()
    if args.self_test:
        self_test()
    if args.demo:
        if not args.out:
            ap.error("--demo needs --out")
        conv = args.demo.startswith("conv-")
        steps = args.steps if args.steps is not None else 200 if conv else 50
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
