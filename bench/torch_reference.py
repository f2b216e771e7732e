#!/usr/bin/env python3
"""PyTorch (CPU) reference for the autoencoder / VAE trainer: same nets, same data, same machine.

Trains MLP (V)AEs on MNIST (pixels/255 in [0,1], *not* binarised) with Adam and
measures
  * training throughput (samples/s) per full epoch of the 60,000 training images
    (wall time of the optimisation loop only: data is already in memory; the
    per-epoch shuffle/gather is inside the timed loop, evaluation is not),
  * test-set (10,000) negative ELBO in nats/image (Bernoulli decoder: BCE with
    logits summed over the 784 pixels + analytic KL to N(0,I); one z sample per
    image, fixed eval noise) after selected epochs,
  * test reconstruction BCE (and MSE/pixel) for the deterministic AE,
  * the IWAE bound (K importance samples) on the first N test images,
  * inference latency: decoding one latent vector (batch 1, median of many
    calls) and encoding all 10,000 test images.

Needs Debian's python3-torch and python3-numpy (apt-get install python3-torch python3-numpy);
run it with the Debian interpreter so that they import, from the project root:
    /usr/bin/python3 bench/torch_reference.py --models vae16 --epochs 1 --threads 1 --out target/torch-reference.json
Best configuration seen on the 2-core machines: --threads 1 (OpenBLAS keeps its own pool).
"""
import argparse
import ctypes
import json
import math
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnist_idx import DEFAULT_DIR, load_mnist  # noqa: E402

# name -> config.  All hidden layers ReLU; z layer linear.
MODELS = {
    # VAE 784-512-256-(z=16)-256-512-784
    "vae16": dict(kind="vae", hidden=[512, 256], z=16, beta=1.0),
    # same net, beta-VAE objective with beta=4
    "bvae16_b4": dict(kind="vae", hidden=[512, 256], z=16, beta=4.0),
    # deterministic AE, same layer sizes
    "ae16": dict(kind="ae", hidden=[512, 256], z=16),
    # pytorch/examples VAE: 784-400-(z=20)-400-784
    "vae20_examples": dict(kind="vae", hidden=[400], z=20, beta=1.0),
}

D = 784
LOG2PI = math.log(2.0 * math.pi)


def mlp(sizes):
    """Linear layers with ReLU between them, ReLU also after the last one."""
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers)


class VAE(nn.Module):
    def __init__(self, hidden, z):
        super().__init__()
        self.zdim = z
        self.enc = mlp([D] + hidden)
        # mu and logvar heads as one Linear(h, 2z) (equivalent to fc21/fc22)
        self.enc_out = nn.Linear(hidden[-1], 2 * z)
        self.dec = nn.Sequential(mlp([z] + hidden[::-1]), nn.Linear(hidden[0], D))

    def encode(self, x):
        h = self.enc_out(self.enc(x))
        return h[:, : self.zdim], h[:, self.zdim:]

    def decode_logits(self, z):
        return self.dec(z)

    def forward(self, x):
        mu, logvar = self.encode(x)
        eps = torch.randn_like(mu)
        z = mu + torch.exp(0.5 * logvar) * eps
        return self.decode_logits(z), mu, logvar


class AE(nn.Module):
    def __init__(self, hidden, z):
        super().__init__()
        self.zdim = z
        self.enc = nn.Sequential(mlp([D] + hidden), nn.Linear(hidden[-1], z))
        self.dec = nn.Sequential(mlp([z] + hidden[::-1]), nn.Linear(hidden[0], D))

    def encode(self, x):
        return self.enc(x), None

    def decode_logits(self, z):
        return self.dec(z)

    def forward(self, x):
        return self.dec(self.enc(x)), None, None


def bce_sum(logits, x):
    """Per-image BCE with logits summed over pixels (nats)."""
    return F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)


def kl_std_normal(mu, logvar):
    return -0.5 * (1.0 + logvar - mu.pow(2) - logvar.exp()).sum(1)


def make_model(cfg):
    if cfg["kind"] == "vae":
        return VAE(cfg["hidden"], cfg["z"])
    return AE(cfg["hidden"], cfg["z"])


def train_epoch(model, cfg, opt, x_train, batch_size, gen):
    """One epoch; returns (wall seconds, mean train loss, mean recon, mean kl)."""
    model.train()
    beta = cfg.get("beta", 1.0)
    n = x_train.shape[0]
    tot_loss = tot_rec = tot_kl = 0.0
    t0 = time.perf_counter()
    perm = torch.randperm(n, generator=gen)
    for i in range(0, n, batch_size):
        xb = x_train[perm[i: i + batch_size]]
        logits, mu, logvar = model(xb)
        rec = bce_sum(logits, xb)
        if cfg["kind"] == "vae":
            kl = kl_std_normal(mu, logvar)
            loss = (rec + beta * kl).mean()
        else:
            kl = None
            loss = rec.mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        bs = xb.shape[0]
        tot_loss += loss.item() * bs
        tot_rec += rec.detach().sum().item()
        if kl is not None:
            tot_kl += kl.detach().sum().item()
    dt = time.perf_counter() - t0
    return dt, tot_loss / n, tot_rec / n, tot_kl / n


@torch.no_grad()
def evaluate(model, cfg, x, seed, batch=1000):
    """Test metrics.  VAE: one-sample negative ELBO (beta=1) with fixed noise."""
    model.eval()
    g = torch.Generator().manual_seed(seed)
    rec_s = kl_s = se_s = 0.0
    for i in range(0, x.shape[0], batch):
        xb = x[i: i + batch]
        mu, logvar = model.encode(xb)
        if cfg["kind"] == "vae":
            eps = torch.randn(mu.shape, generator=g)
            z = mu + torch.exp(0.5 * logvar) * eps
            rec_s += bce_sum(model.decode_logits(z), xb).sum().item()
            kl_s += kl_std_normal(mu, logvar).sum().item()
        else:
            rec_s += bce_sum(model.decode_logits(mu), xb).sum().item()
        # MSE/pixel of the mean reconstruction sigmoid(dec(mu)) (comparable to PCA)
        se_s += (torch.sigmoid(model.decode_logits(mu)) - xb).pow(2).sum().item()
    n = x.shape[0]
    out = {"test_recon_bce": rec_s / n, "test_mse_per_pixel": se_s / (n * D)}
    if cfg["kind"] == "vae":
        out["test_kl"] = kl_s / n
        out["test_neg_elbo"] = (rec_s + kl_s) / n
    return out


@torch.no_grad()
def iwae_bound(model, x, k, seed, batch=100):
    """Importance-weighted bound on log p(x) with k samples; returns nats/image.

    Also returns the k-sample average ELBO on the same images for comparison.
    """
    model.eval()
    g = torch.Generator().manual_seed(seed)
    iw, elbo = [], []
    for i in range(0, x.shape[0], batch):
        xb = x[i: i + batch]
        mu, logvar = model.encode(xb)
        std = torch.exp(0.5 * logvar)
        eps = torch.randn((k,) + mu.shape, generator=g)
        z = mu + std * eps  # (k, B, z)
        log_q = (-0.5 * (eps.pow(2) + LOG2PI) - 0.5 * logvar).sum(-1)
        log_pz = (-0.5 * (z.pow(2) + LOG2PI)).sum(-1)
        logits = model.decode_logits(z.reshape(-1, z.shape[-1])).reshape(k, xb.shape[0], D)
        log_px_z = -F.binary_cross_entropy_with_logits(
            logits, xb.unsqueeze(0).expand_as(logits), reduction="none").sum(-1)
        log_w = log_px_z + log_pz - log_q  # (k, B)
        iw.append(torch.logsumexp(log_w, 0) - math.log(k))
        elbo.append(log_w.mean(0))
    iw = torch.cat(iw)
    elbo = torch.cat(elbo)
    return {"iwae_k": k, "iwae_n": int(x.shape[0]),
            "iwae_nll": float(-iw.mean()), "iwae_nll_se": float(iw.std() / math.sqrt(len(iw))),
            "elbo_same_images_nll": float(-elbo.mean())}


@torch.no_grad()
def time_inference(model, x_test, calls, seed, enc_repeats=5):
    model.eval()
    g = torch.Generator().manual_seed(seed)
    zs = torch.randn(calls + 100, model.zdim, generator=g)
    with torch.inference_mode():
        for j in range(100):  # warm-up
            torch.sigmoid(model.decode_logits(zs[j: j + 1]))
        lat = []
        for j in range(100, 100 + calls):
            z = zs[j: j + 1]
            t0 = time.perf_counter_ns()
            img = torch.sigmoid(model.decode_logits(z))
            lat.append(time.perf_counter_ns() - t0)
        assert img.shape == (1, D)
        lat_us = sorted(v / 1e3 for v in lat)
        enc = []
        model.encode(x_test)  # warm-up
        for _ in range(enc_repeats):
            t0 = time.perf_counter()
            mu, _ = model.encode(x_test)
            enc.append(time.perf_counter() - t0)
        enc128 = []
        for _ in range(enc_repeats):
            t0 = time.perf_counter()
            for i in range(0, x_test.shape[0], 128):
                model.encode(x_test[i: i + 128])
            enc128.append(time.perf_counter() - t0)
    q = lambda p: lat_us[min(len(lat_us) - 1, int(p * len(lat_us)))]
    return {"decode1_calls": calls,
            "decode1_median_us": statistics.median(lat_us),
            "decode1_p10_us": q(0.10), "decode1_p90_us": q(0.90), "decode1_p99_us": q(0.99),
            "encode10k_fullbatch_s_all": enc, "encode10k_fullbatch_median_s": statistics.median(enc),
            "encode10k_batch128_s_all": enc128, "encode10k_batch128_median_s": statistics.median(enc128)}


def tune_malloc():
    """glibc mallopt: keep freed memory in the heap instead of returning it to the
    OS, so the per-step tensors do not page-fault again on every allocation.
    Same effect as MALLOC_MMAP_THRESHOLD_=256MiB MALLOC_TRIM_THRESHOLD_=1GiB
    MALLOC_TOP_PAD_=256MiB in the environment."""
    libc = ctypes.CDLL("libc.so.6")
    M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
    ok = [libc.mallopt(M_MMAP_THRESHOLD, 256 << 20),
          libc.mallopt(M_TRIM_THRESHOLD, 1 << 30),
          libc.mallopt(M_TOP_PAD, 256 << 20)]
    return all(v == 1 for v in ok)


def openblas_info():
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_num_threads.restype = ctypes.c_int
        lib.openblas_get_corename.restype = ctypes.c_char_p
        lib.openblas_get_config.restype = ctypes.c_char_p
        return {"openblas_threads": lib.openblas_get_num_threads(),
                "openblas_core": lib.openblas_get_corename().decode(),
                "openblas_config": lib.openblas_get_config().decode()}
    except (OSError, AttributeError) as e:
        return {"openblas": f"n/a ({e})"}


def machine_info(threads_default, interop_default):
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu_model": cpu, "python": platform.python_version(),
            "torch": torch.__version__, "numpy": np.__version__,
            "torch_threads_default": threads_default, "torch_interop_threads_default": interop_default,
            "torch_threads_used": torch.get_num_threads(),
            **openblas_info(),
            "env": {k: v for k, v in os.environ.items()
                    if k.startswith(("OMP_", "OPENBLAS_", "MKL_", "MALLOC_", "GOMP_"))},
            "loadavg_start": open("/proc/loadavg").read().split()[:3]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=str(DEFAULT_DIR))
    ap.add_argument("--models", default=",".join(MODELS), help="comma list of: " + ",".join(MODELS))
    ap.add_argument("--epochs", type=int, default=10, help="epochs per model (default 10)")
    ap.add_argument("--epochs-override", default="",
                    help="per-model epochs, e.g. 'ae16=5,vae20_examples=5'")
    ap.add_argument("--eval-epochs", default="1,5,10", help="evaluate on test set after these epochs")
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    ap.add_argument("--iwae-k", type=int, default=100)
    ap.add_argument("--iwae-n", type=int, default=1000, help="first N test images for IWAE")
    ap.add_argument("--iwae-models", default="vae16", help="comma list of VAE models to run IWAE on")
    ap.add_argument("--decode-calls", type=int, default=1000)
    ap.add_argument("--mallopt", action="store_true",
                    help="tune glibc malloc (no trimming/mmap) to avoid page faults per step")
    ap.add_argument("--out", default="", help="write JSON results here")
    args = ap.parse_args()

    threads_default = torch.get_num_threads()
    interop_default = torch.get_num_interop_threads()
    torch.set_num_threads(args.threads)
    mallopt_ok = tune_malloc() if args.mallopt else None
    info = machine_info(threads_default, interop_default)
    info["mallopt"] = mallopt_ok
    print(json.dumps(info), flush=True)

    t0 = time.perf_counter()
    xtr, _, xte, _ = load_mnist(args.data_dir)
    x_train = torch.from_numpy(xtr)
    x_test = torch.from_numpy(xte)
    print(f"data loaded in {time.perf_counter() - t0:.2f}s (not counted)", flush=True)

    eval_epochs = {int(e) for e in args.eval_epochs.split(",") if e}
    overrides = dict(kv.split("=") for kv in args.epochs_override.split(",") if kv)
    iwae_models = set(m for m in args.iwae_models.split(",") if m)
    results = {"machine": info, "args": vars(args), "models": {}}

    for name in [m for m in args.models.split(",") if m]:
        cfg = MODELS[name]
        n_epochs = int(overrides.get(name, args.epochs))
        torch.manual_seed(args.seed)
        model = make_model(cfg)
        n_params = sum(p.numel() for p in model.parameters())
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
        gen = torch.Generator().manual_seed(args.seed)
        rec = {"config": cfg, "params": n_params, "epochs": []}
        print(f"== {name} {cfg} params={n_params}", flush=True)
        for ep in range(1, n_epochs + 1):
            dt, loss, trec, tkl = train_epoch(model, cfg, opt, x_train, args.batch_size, gen)
            e = {"epoch": ep, "wall_s": dt, "samples_per_s": x_train.shape[0] / dt,
                 "train_loss": loss, "train_recon": trec, "train_kl": tkl}
            if ep in eval_epochs or ep == n_epochs:
                te = time.perf_counter()
                e.update(evaluate(model, cfg, x_test, seed=args.seed + 12345))
                e["eval_s"] = time.perf_counter() - te
            rec["epochs"].append(e)
            print(json.dumps({"model": name, **e}), flush=True)
        walls = [e["wall_s"] for e in rec["epochs"]]
        rec["epoch_wall_median_s"] = statistics.median(walls)
        rec["samples_per_s_epoch1"] = x_train.shape[0] / walls[0]
        rec["samples_per_s_median"] = x_train.shape[0] / statistics.median(walls)
        if cfg["kind"] == "vae" and name in iwae_models:
            ti = time.perf_counter()
            rec["iwae"] = iwae_bound(model, x_test[: args.iwae_n], args.iwae_k, seed=args.seed + 999)
            rec["iwae"]["wall_s"] = time.perf_counter() - ti
            print(json.dumps({"model": name, **rec["iwae"]}), flush=True)
        rec["inference"] = time_inference(model, x_test, args.decode_calls, seed=args.seed + 7)
        print(json.dumps({"model": name, **rec["inference"]}), flush=True)
        results["models"][name] = rec

    results["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
    results["total_wall_s"] = time.perf_counter() - t0
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1)
    print(f"total {results['total_wall_s']:.1f}s", flush=True)


if __name__ == "__main__":
    main()
