"""A2: training deep and convolutional networks.

Implement every function below. Inputs arrive as float64 NumPy arrays; hyper-parameters
(p, momentum, eps, stride, padding, kernel_size, lr, l2, max_norm, batch_size, epochs) arrive as
0-d NumPy arrays: convert them with float(...) or int(...). Return NumPy arrays or torch tensors
(both are accepted; tensors are detached and moved to the CPU). Do not call torch.nn.functional
or torch.nn layers for the function you are asked to implement; NumPy and basic torch tensor
operations are fine. See handout.md for shapes and conventions.
"""
import numpy as np


def dropout(x, mask, p):
    """Inverted dropout with a given mask.

    x: any shape; mask: same shape, 1 = keep, 0 = drop; p: drop probability in [0, 1).
    Returns an array shaped like x: kept units scaled by 1 / (1 - p), dropped units 0."""
    raise NotImplementedError


def batch_norm_train(x, gamma, beta, running_mean, running_var, momentum, eps):
    """Batch normalisation in training mode.

    x: (N, C) or (N, C, H, W); gamma, beta, running_mean, running_var: (C,).
    Normalise each channel with the batch mean and the biased batch variance, then scale and shift.
    Returns (y, new_running_mean, new_running_var) where
    new = (1 - momentum) * old + momentum * batch statistic, using the UNBIASED batch variance
    (divide by m - 1, m = values per channel) for the running variance, as torch.nn.BatchNorm does."""
    raise NotImplementedError


def batch_norm_eval(x, gamma, beta, running_mean, running_var, eps):
    """Batch normalisation in evaluation mode: normalise with the running statistics.

    x: (N, C) or (N, C, H, W); the others: (C,). Returns y shaped like x."""
    raise NotImplementedError


def layer_norm(x, gamma, beta, eps):
    """Layer normalisation over the last axis.

    x: (..., D); gamma, beta: (D,). Mean and biased variance are taken per row over the last axis.
    Returns y shaped like x."""
    raise NotImplementedError


def conv2d(x, weight, bias, stride, padding):
    """2-d convolution (cross-correlation, as torch.nn.Conv2d).

    x: (N, C_in, H, W); weight: (C_out, C_in, kH, kW); bias: (C_out,); stride, padding: ints
    (same on both spatial axes; padding = zeros added on every side).
    Returns (N, C_out, H_out, W_out) with H_out = floor((H + 2 * padding - kH) / stride) + 1."""
    raise NotImplementedError


def max_pool2d(x, kernel_size, stride):
    """Max pooling with square kernel_size x kernel_size windows moved by stride, no padding.

    x: (N, C, H, W). Returns (N, C, floor((H - k) / s) + 1, floor((W - k) / s) + 1)."""
    raise NotImplementedError


def lenet_forward(x, conv1_w, conv1_b, conv2_w, conv2_b, fc1_w, fc1_b, fc2_w, fc2_b, fc3_w, fc3_b):
    """Forward pass of a LeNet-style network with the given weights (torch layouts).

    conv1 (stride 1, no padding) - ReLU - max pool 2x2 stride 2 - conv2 - ReLU - max pool 2x2
    stride 2 - flatten each sample in (C, H, W) order - fc1 - ReLU - fc2 - ReLU - fc3.
    Convolution weights are (C_out, C_in, k, k), linear weights (out, in) (y = h @ W.T + b).
    x: (N, C, H, W). Returns the logits (N, classes)."""
    raise NotImplementedError



import torch
from torch import nn
import torch.nn.functional as F


class LeNet(nn.Module):
    """LeNet-5 as an nn.Module (module check; see the handout's table for names and shapes).

    conv1: Conv2d(in_channels, 6, 5, padding=conv1_padding) - ReLU - max pool 2
    conv2: Conv2d(6, 16, 5) - ReLU - max pool 2, then flatten in (C, H, W) order
    fc1: Linear(16*s*s, 120) - ReLU, with s = ((image_size + 2*conv1_padding - 4) // 2 - 4) // 2
    fc2: Linear(120, 84) - ReLU
    fc3: Linear(84, num_classes), the logits
    """

    def __init__(self, in_channels=1, num_classes=10, image_size=28, conv1_padding=2):
        super().__init__()
        raise NotImplementedError("write LeNet.__init__")

    def forward(self, x):
        """x: (N, in_channels, image_size, image_size) -> logits (N, num_classes)."""
        raise NotImplementedError("write LeNet.forward")

def gd_step_l2(param, grad, lr, l2):
    """One gradient-descent step with L2 weight decay.

    The loss is L(param) + (l2 / 2) * ||param||^2 and grad is dL/dparam.
    Returns the updated parameter, shaped like param."""
    raise NotImplementedError


def clip_grad_norm(grad, max_norm):
    """Gradient clipping by (L2) norm, as torch.nn.utils.clip_grad_norm_.

    grad: any shape, treated as one vector. Returns grad * min(1, max_norm / (norm + 1e-6))."""
    raise NotImplementedError


def minibatch_sgd(x, y, weight, bias, lr, batch_size, epochs):
    """Mini-batch SGD for a linear model y_hat = x @ weight.T + bias under the MSE loss.

    x: (N, d); y: (N,); weight: (1, d); bias: (1,). No shuffling: each epoch takes the batches
    x[0:b], x[b:2b], ... in order; the last batch may be smaller. Each step uses the mean squared
    error of its own batch. Returns (weights, biases, losses):
    weights (steps, d) and biases (steps,) after each step, losses (steps,) the batch loss
    computed before that step's update."""
    raise NotImplementedError


def make_shape_images(n, size=28, seed=0):
    """Synthetic image set for part B (given, not graded): n noisy grey images of four classes.

    Class 0: filled square, 1: cross, 2: filled disc, 3: diagonal bar; position, size and
    thickness vary, Gaussian noise (std 0.2) is added. Returns (images (n, 1, size, size) float32,
    labels (n,) int64)."""
    rng = np.random.default_rng(seed)
    images = np.zeros((n, 1, size, size), dtype=np.float32)
    labels = rng.integers(0, 4, size=n)
    rows, cols = np.mgrid[0:size, 0:size]
    for i, label in enumerate(labels):
        half = rng.integers(size // 6, size // 3)
        cy, cx = rng.integers(half, size - half, size=2)
        thick = rng.integers(1, 4)
        if label == 0:
            mask = (np.abs(rows - cy) <= half) & (np.abs(cols - cx) <= half)
        elif label == 1:
            box = (np.abs(rows - cy) <= half) & (np.abs(cols - cx) <= half)
            mask = box & ((np.abs(rows - cy) < thick) | (np.abs(cols - cx) < thick))
        elif label == 2:
            mask = (rows - cy) ** 2 + (cols - cx) ** 2 <= half ** 2
        else:
            box = (np.abs(rows - cy) <= half) & (np.abs(cols - cx) <= half)
            mask = box & (np.abs((rows - cy) - (cols - cx)) < thick)
        images[i, 0][mask] = 1.0
    images += rng.normal(0.0, 0.2, size=images.shape).astype(np.float32)
    return images, labels.astype(np.int64)


def train(X, y, budget_seconds):
    """Train a classifier on images X (n, 1, 12, 12) float64 with labels y (n,) within budget_seconds.

    Return any object predict() understands (e.g. a torch.nn.Module).
    """
    raise NotImplementedError("write train")


def predict(model, X):
    """Return one integer label per image of X (shape (n,))."""
    raise NotImplementedError("write predict")
