#!/usr/bin/env python3
"""PyTorch (CPU) reference for Bottleneck's convolutional VAE on MNIST: same net, same data, same machine.

The net is the one Bottleneck builds for 28x28 images (ConvNets with ConvSpec.defaultFor(1x28x28)):
  encoder  Conv2d(1,32,4,2,1) ReLU -> 32x14x14, Conv2d(32,64,4,2,1) ReLU -> 64x7x7, Flatten (3136),
           Linear(3136,256) ReLU, Linear(256,2k) = [mu | logvar]
  decoder  Linear(k,256) ReLU, Linear(256,3136) ReLU, Unflatten 64x7x7,
           ConvTranspose2d(64,32,4,2,1) ReLU -> 32x14x14, ConvTranspose2d(32,1,4,2,1) -> 1x28x28 logits
with PyTorch's default initialisation, a Bernoulli decoder (BCE with logits summed over the 784 pixels), the
analytic KL to N(0, I), loss = mean over the batch of -ELBO, Adam (lr 1e-3), batch 128. Pixels are byte/255 in
[0, 1], not binarised, as Bottleneck reads MNIST (bench/mnist_idx.py). Training uses all 60,000 training images
(Bottleneck: --val-fraction 0), the test figures the 10,000 official test images.

It measures
  * per epoch: the mean training loss, the test -ELBO in nats per image (one posterior sample per image with fixed
    noise, the estimator Bottleneck's train and eval print: ReconstructionMetrics over blocks of 500), and training
    samples/s (the optimisation loop only, the per-epoch shuffle and gather inside it; evaluation is not timed);
  * with --speed-steps N: training samples/s over N steps after --speed-warmup untimed ones, on a fresh model, as
    `bottleneck bench` measures (defaults 469 and 100, bench's own), then the median time to encode the 10,000 test
    images in one batch (`with torch.no_grad(): model.encoder(x_test)`, after one untimed call) and the median
    latency of decoding one latent vector;
  * with --check: shapes and a finite-difference check of the loss gradient on a small batch, in float64.

Run it with Debian's interpreter (python3-torch, python3-numpy, libopenblas0-pthread), from the project root:
    /usr/bin/python3 bench/torch_conv_reference.py --check
    /usr/bin/python3 bench/torch_conv_reference.py --epochs 0 --speed-steps 469 --threads 1 --out target/t.json
    /usr/bin/python3 bench/torch_conv_reference.py --epochs 10 --latent 16 --threads 2 --out target/q.json
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnist_idx import DEFAULT_DIR, load_mnist  # noqa: E402
from torch_reference import machine_info, tune_malloc  # noqa: E402

SIDE = 28
D = SIDE * SIDE
EVAL_BLOCK = 500  # Bottleneck's Evaluation.BLOCK


class ConvVAE(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.zdim = k
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 32, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(),
            nn.Flatten(),
            nn.Linear(64 * 7 * 7, 256), nn.ReLU(),
            nn.Linear(256, 2 * k))
        self.decoder = nn.Sequential(
            nn.Linear(k, 256), nn.ReLU(),
            nn.Linear(256, 64 * 7 * 7), nn.ReLU(),
            nn.Unflatten(1, (64, 7, 7)),
            nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(32, 1, 4, 2, 1))

    def encode(self, x):
        """x: n x 784 in [0, 1] -> (mu, logvar), each n x k."""
        h = self.encoder(x.view(-1, 1, SIDE, SIDE))
        return h[:, : self.zdim], h[:, self.zdim:]

    def decode_logits(self, z):
        """z: n x k -> n x 784 logits."""
        return self.decoder(z).reshape(z.shape[0], D)


def neg_elbo_terms(model, x, eps):
    """Per-image reconstruction (BCE summed over pixels) and KL, with the posterior sample mu + sigma * eps."""
    mu, logvar = model.encode(x)
    z = mu + torch.exp(0.5 * logvar) * eps
    rec = F.binary_cross_entropy_with_logits(model.decode_logits(z), x, reduction="none").sum(1)
    kl = -0.5 * (1.0 + logvar - mu.pow(2) - logvar.exp()).sum(1)
    return rec, kl


def train_step(model, opt, xb):
    eps = torch.randn(xb.shape[0], model.zdim)
    rec, kl = neg_elbo_terms(model, xb, eps)
    loss = (rec + kl).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss


def train_epoch(model, opt, x_train, batch_size, gen):
    """One epoch over x_train in a fresh random order; returns (wall seconds, mean training loss per image)."""
    model.train()
    n = x_train.shape[0]
    total = 0.0
    t0 = time.perf_counter()
    perm = torch.randperm(n, generator=gen)
    for i in range(0, n, batch_size):
        xb = x_train[perm[i: i + batch_size]]
        loss = train_step(model, opt, xb)
        total += loss.item() * xb.shape[0]
    return time.perf_counter() - t0, total / n


@torch.no_grad()
def evaluate(model, x, seed):
    """Test -ELBO (nats/image), reconstruction and KL: one posterior sample per image, fixed noise, blocks of 500."""
    model.eval()
    g = torch.Generator().manual_seed(seed)
    rec_s = kl_s = 0.0
    for i in range(0, x.shape[0], EVAL_BLOCK):
        xb = x[i: i + EVAL_BLOCK]
        eps = torch.randn((xb.shape[0], model.zdim), generator=g)
        rec, kl = neg_elbo_terms(model, xb, eps)
        rec_s += rec.sum().item()
        kl_s += kl.sum().item()
    n = x.shape[0]
    return {"test_neg_elbo": (rec_s + kl_s) / n, "test_recon_bce": rec_s / n, "test_kl": kl_s / n}


def speed(model, opt, x_train, x_test, batch_size, steps, warmup, gen, repeats, decode_calls):
    """Training samples/s over `steps` steps after `warmup` untimed ones (shuffle and gather inside the loop, a new
    permutation when one runs out, as `bottleneck bench` does), then encode and decode timings."""
    model.train()
    n = x_train.shape[0]
    perm = torch.randperm(n, generator=gen)
    pos = 0
    start = None
    for s in range(warmup + steps):
        if s == warmup:
            start = time.perf_counter()
        if pos + batch_size > n:
            perm = torch.randperm(n, generator=gen)
            pos = 0
        xb = x_train[perm[pos: pos + batch_size]]
        pos += batch_size
        train_step(model, opt, xb)
    train_s = time.perf_counter() - start
    model.eval()
    out = {"steps": steps, "warmup": warmup, "batch_size": batch_size, "train_wall_s": train_s,
           "train_samples_per_s": steps * batch_size / train_s}
    with torch.no_grad():
        model.encoder(x_test.view(-1, 1, SIDE, SIDE))  # warm-up
        enc = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            h = model.encoder(x_test.view(-1, 1, SIDE, SIDE))
            enc.append(time.perf_counter() - t0)
        assert h.shape == (x_test.shape[0], 2 * model.zdim)
        g = torch.Generator().manual_seed(7)
        zs = torch.randn(decode_calls + 100, model.zdim, generator=g)
        for j in range(100):
            torch.sigmoid(model.decode_logits(zs[j: j + 1]))
        lat = []
        for j in range(100, 100 + decode_calls):
            t0 = time.perf_counter_ns()
            torch.sigmoid(model.decode_logits(zs[j: j + 1]))
            lat.append((time.perf_counter_ns() - t0) / 1e3)
    out.update({"encode10k_fullbatch_s_all": enc, "encode10k_fullbatch_median_s": statistics.median(enc),
                "encode_examples": int(x_test.shape[0]),
                "decode1_calls": decode_calls, "decode1_median_us": statistics.median(lat)})
    return out


def check(k, seed):
    """Shapes of every layer, and the loss gradient against central differences, in float64 on 4 images."""
    torch.manual_seed(seed)
    model = ConvVAE(k).double()
    x = torch.rand(4, D, dtype=torch.float64)
    h = x.view(-1, 1, SIDE, SIDE)
    shapes = []
    for layer in model.encoder:
        h = layer(h)
        shapes.append(tuple(h.shape[1:]))
    assert shapes == [(32, 14, 14), (32, 14, 14), (64, 7, 7), (64, 7, 7), (3136,), (256,), (256,), (2 * k,)], shapes
    z = torch.randn(4, k, dtype=torch.float64)
    shapes = []
    for layer in model.decoder:
        z = layer(z)
        shapes.append(tuple(z.shape[1:]))
    assert shapes == [(256,), (256,), (3136,), (3136,), (64, 7, 7), (32, 14, 14), (32, 14, 14), (1, 28, 28)], shapes
    n_params = sum(p.numel() for p in model.parameters())
    eps = torch.randn(4, k, dtype=torch.float64)

    def loss_fn():
        rec, kl = neg_elbo_terms(model, x, eps)
        return (rec + kl).mean()

    loss = loss_fn()
    assert torch.isfinite(loss)
    model.zero_grad()
    loss.backward()
    g = torch.Generator().manual_seed(seed)
    worst = 0.0
    checked = 0
    with torch.no_grad():
        for name, p in model.named_parameters():
            flat = p.view(-1)
            for idx in torch.randint(0, flat.numel(), (5,), generator=g).tolist():
                old = flat[idx].item()
                an = p.grad.view(-1)[idx].item()
                # central differences at three steps; the best is kept, since a step may cross a ReLU's kink
                # (the loss is ~500 nats: much smaller steps drown in float64 rounding)
                err, fd = math.inf, None
                for h in (1e-5, 1e-6, 1e-4):
                    flat[idx] = old + h
                    up = loss_fn().item()
                    flat[idx] = old - h
                    down = loss_fn().item()
                    flat[idx] = old
                    f = (up - down) / (2 * h)
                    e = abs(f - an) / max(1e-2, abs(f) + abs(an))
                    if e < err:
                        err, fd = e, f
                worst = max(worst, err)
                checked += 1
                if err > 1e-4:
                    raise AssertionError(f"{name}[{idx}]: autograd {an} vs finite difference {fd}")
    # a float32 step on a small batch lowers the loss
    torch.manual_seed(seed)
    m32 = ConvVAE(k)
    opt = torch.optim.Adam(m32.parameters(), lr=1e-3)
    xb = torch.rand(16, D)
    e = torch.randn(16, k)
    losses = []
    for _ in range(20):
        rec, kl = neg_elbo_terms(m32, xb, e)
        loss = (rec + kl).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0], losses
    return {"params": n_params, "gradient_entries_checked": checked, "worst_relative_error": worst,
            "loss_first_step": losses[0], "loss_after_20_steps": losses[-1]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=str(DEFAULT_DIR))
    ap.add_argument("--epochs", type=int, default=10, help="training epochs for the quality run (0: none)")
    ap.add_argument("--latent", type=int, default=16)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    ap.add_argument("--speed-steps", type=int, default=0, help="timed training steps of the speed run (0: none)")
    ap.add_argument("--speed-warmup", type=int, default=100, help="untimed steps before them (default 100)")
    ap.add_argument("--repeats", type=int, default=5, help="repeats of the encode timing (median kept)")
    ap.add_argument("--decode-calls", type=int, default=1000)
    ap.add_argument("--no-mkldnn", action="store_true",
                    help="turn oneDNN off, so convolutions run as im2col + BLAS (a diagnostic, not the default)")
    ap.add_argument("--mallopt", action="store_true",
                    help="tune glibc malloc to keep freed memory (no page faults on every large tensor; a diagnostic)")
    ap.add_argument("--check", action="store_true", help="only the shape and gradient check, then exit")
    ap.add_argument("--out", default="", help="write JSON results here")
    args = ap.parse_args()

    threads_default = torch.get_num_threads()
    interop_default = torch.get_num_interop_threads()
    torch.set_num_threads(args.threads)
    if args.no_mkldnn:
        torch.backends.mkldnn.enabled = False
    mallopt_ok = tune_malloc() if args.mallopt else None
    if args.check:
        print(json.dumps({"check": check(args.latent, args.seed)}), flush=True)
        return
    info = machine_info(threads_default, interop_default)
    info["mkldnn_available"] = torch.backends.mkldnn.is_available()
    info["mkldnn_enabled"] = torch.backends.mkldnn.enabled
    info["mallopt"] = mallopt_ok
    print(json.dumps(info), flush=True)

    t0 = time.perf_counter()
    xtr, _, xte, _ = load_mnist(args.data_dir)
    x_train = torch.from_numpy(xtr)
    x_test = torch.from_numpy(xte)
    print(f"data loaded in {time.perf_counter() - t0:.2f}s (not counted)", flush=True)
    results = {"machine": info, "args": vars(args), "model": "conv-vae 1x28x28 conv32-conv64-dense256",
               "latent": args.latent}

    if args.speed_steps > 0:
        torch.manual_seed(args.seed)
        model = ConvVAE(args.latent)
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
        gen = torch.Generator().manual_seed(args.seed)
        results["speed"] = speed(model, opt, x_train, x_test, args.batch_size, args.speed_steps, args.speed_warmup,
                                 gen, args.repeats, args.decode_calls)
        print(json.dumps({"speed": results["speed"]}), flush=True)

    if args.epochs > 0:
        torch.manual_seed(args.seed)
        model = ConvVAE(args.latent)
        results["params"] = sum(p.numel() for p in model.parameters())
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
        gen = torch.Generator().manual_seed(args.seed)
        epochs = []
        for ep in range(1, args.epochs + 1):
            dt, loss = train_epoch(model, opt, x_train, args.batch_size, gen)
            e = {"epoch": ep, "wall_s": dt, "samples_per_s": x_train.shape[0] / dt, "train_loss": loss}
            te = time.perf_counter()
            e.update(evaluate(model, x_test, seed=args.seed + 12345))
            e["eval_s"] = time.perf_counter() - te
            epochs.append(e)
            print(json.dumps(e), flush=True)
        results["epochs"] = epochs
        results["final_test_neg_elbo"] = epochs[-1]["test_neg_elbo"]
        results["train_samples_per_s_median"] = statistics.median(e["samples_per_s"] for e in epochs)

    results["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
    results["total_wall_s"] = time.perf_counter() - t0
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1)
    print(f"total {results['total_wall_s']:.1f}s", flush=True)


if __name__ == "__main__":
    main()
