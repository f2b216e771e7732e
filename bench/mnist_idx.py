"""Minimal numpy loader for the raw (gzipped) MNIST IDX files.

Images are returned as float32 arrays of shape (N, 784) with pixel/255 in [0, 1];
labels as uint8 arrays of shape (N,).
"""
import gzip
from pathlib import Path

import numpy as np

# the repository holds bench/ and datasets/ side by side: datasets/mnist is the shipped MNIST
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "datasets" / "mnist"

_DTYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0:
        raise ValueError(f"{path}: bad IDX magic {data[:4]!r}")
    dtype = np.dtype(_DTYPES[data[2]])
    ndim = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    offset = 4 + 4 * ndim
    arr = np.frombuffer(data, dtype=dtype, offset=offset)
    if arr.size != int(np.prod(shape)):
        raise ValueError(f"{path}: expected {shape}, got {arr.size} items")
    return arr.reshape(shape)


def load_mnist(data_dir=DEFAULT_DIR):
    """Return (x_train, y_train, x_test, y_test); x as float32 (N, 784) in [0, 1]."""
    d = Path(data_dir)

    def images(name):
        raw = read_idx(d / name)
        return (raw.reshape(raw.shape[0], -1).astype(np.float32) / np.float32(255.0))

    x_train = images("train-images-idx3-ubyte.gz")
    y_train = read_idx(d / "train-labels-idx1-ubyte.gz").astype(np.uint8)
    x_test = images("t10k-images-idx3-ubyte.gz")
    y_test = read_idx(d / "t10k-labels-idx1-ubyte.gz").astype(np.uint8)
    assert x_train.shape == (60000, 784) and x_test.shape == (10000, 784)
    assert y_train.shape == (60000,) and y_test.shape == (10000,)
    return x_train, y_train, x_test, y_test


if __name__ == "__main__":
    xtr, ytr, xte, yte = load_mnist()
    print(xtr.shape, xtr.dtype, float(xtr.min()), float(xtr.max()), float(xtr.mean()))
    print(xte.shape, np.bincount(yte))
