"""A2 reference solution: training deep and convolutional networks (NumPy)."""
import numpy as np


def _np(a):
    """NumPy float64 view of an array or a CPU torch tensor."""
    if hasattr(a, "detach"):
        a = a.detach().cpu().numpy()
    return np.asarray(a, dtype=np.float64)


def dropout(x, mask, p):
    """Inverted dropout: keep where mask is 1 and scale kept units by 1 / (1 - p)."""
    x, mask, p = _np(x), _np(mask), float(p)
    return x * mask / (1.0 - p)


def _channel_shape(x):
    shape = [1] * x.ndim
    shape[1] = x.shape[1]
    return shape


def batch_norm_train(x, gamma, beta, running_mean, running_var, momentum, eps):
    """Batch norm in training mode over (N, C) or (N, C, H, W).

    Returns (y, new_running_mean, new_running_var). The batch is normalised with the biased
    variance; the running variance is updated with the unbiased one (as torch does)."""
    x = _np(x)
    momentum, eps = float(momentum), float(eps)
    axes = tuple(a for a in range(x.ndim) if a != 1)
    count = x.size // x.shape[1]
    mean = x.mean(axis=axes)
    var = ((x - mean.reshape(_channel_shape(x))) ** 2).mean(axis=axes)
    shape = _channel_shape(x)
    y = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps)
    y = y * _np(gamma).reshape(shape) + _np(beta).reshape(shape)
    new_mean = (1 - momentum) * _np(running_mean) + momentum * mean
    new_var = (1 - momentum) * _np(running_var) + momentum * var * count / (count - 1)
    return y, new_mean, new_var


def batch_norm_eval(x, gamma, beta, running_mean, running_var, eps):
    """Batch norm in evaluation mode: normalise with the running statistics."""
    x = _np(x)
    shape = _channel_shape(x)
    y = (x - _np(running_mean).reshape(shape)) / np.sqrt(_np(running_var).reshape(shape) + float(eps))
    return y * _np(gamma).reshape(shape) + _np(beta).reshape(shape)


def layer_norm(x, gamma, beta, eps):
    """Layer norm over the last axis with element-wise scale and shift of shape (D,)."""
    x = _np(x)
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + float(eps)) * _np(gamma) + _np(beta)


def conv2d(x, weight, bias, stride, padding):
    """Cross-correlation of x (N, C_in, H, W) with weight (C_out, C_in, kH, kW) plus bias (C_out,)."""
    x, weight, bias = _np(x), _np(weight), _np(bias)
    s, p = int(stride), int(padding)
    n, c_in, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    h_out = (h + 2 * p - kh) // s + 1
    w_out = (w + 2 * p - kw) // s + 1
    y = np.empty((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            patch = xp[:, :, i * s:i * s + kh, j * s:j * s + kw]
            y[:, :, i, j] = np.tensordot(patch, weight, axes=([1, 2, 3], [1, 2, 3]))
    return y + bias.reshape(1, c_out, 1, 1)


def max_pool2d(x, kernel_size, stride):
    """Max pooling of x (N, C, H, W) with square windows, no padding."""
    x = _np(x)
    k, s = int(kernel_size), int(stride)
    n, c, h, w = x.shape
    h_out = (h - k) // s + 1
    w_out = (w - k) // s + 1
    y = np.empty((n, c, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            y[:, :, i, j] = x[:, :, i * s:i * s + k, j * s:j * s + k].max(axis=(2, 3))
    return y


def relu(x):
    return np.maximum(x, 0.0)


def lenet_forward(x, conv1_w, conv1_b, conv2_w, conv2_b, fc1_w, fc1_b, fc2_w, fc2_b, fc3_w, fc3_b):
    """(conv 5x5 - ReLU - max pool 2) twice, flatten (C, H, W), fc1 - ReLU, fc2 - ReLU, fc3."""
    h = max_pool2d(relu(conv2d(x, conv1_w, conv1_b, 1, 0)), 2, 2)
    h = max_pool2d(relu(conv2d(h, conv2_w, conv2_b, 1, 0)), 2, 2)
    h = h.reshape(h.shape[0], -1)
    h = relu(h @ _np(fc1_w).T + _np(fc1_b))
    h = relu(h @ _np(fc2_w).T + _np(fc2_b))
    return h @ _np(fc3_w).T + _np(fc3_b)


def gd_step_l2(param, grad, lr, l2):
    """One gradient-descent step on loss + (l2 / 2) * ||param||^2."""
    param, grad = _np(param), _np(grad)
    return param - float(lr) * grad - float(l2) * param


def clip_grad_norm(grad, max_norm):
    """Scale grad by max_norm / (norm + 1e-6) when its L2 norm exceeds max_norm."""
    grad = _np(grad)
    norm = np.sqrt((grad ** 2).sum())
    return grad * min(1.0, float(max_norm) / (norm + 1e-6))


def minibatch_sgd(x, y, weight, bias, lr, batch_size, epochs):
    """Mini-batch SGD of a linear model y_hat = x @ w.T + b under MSE, batches in order.

    Returns (weights (steps, d), biases (steps,), losses (steps,)): the parameters after each step
    and the batch loss before it."""
    x, y = _np(x), _np(y)
    w, b = _np(weight).reshape(-1).copy(), float(_np(bias).reshape(-1)[0])
    lr, batch_size, epochs = float(lr), int(batch_size), int(epochs)
    weights, biases, losses = [], [], []
    for _ in range(epochs):
        for start in range(0, len(x), batch_size):
            xb, yb = x[start:start + batch_size], y[start:start + batch_size]
            residual = xb @ w + b - yb
            losses.append(np.mean(residual ** 2))
            g = 2 * residual / len(xb)
            w = w - lr * (g @ xb)
            b = b - lr * g.sum()
            weights.append(w.copy())
            biases.append(b)
    return np.array(weights), np.array(biases), np.array(losses)


def train(X, y, budget_seconds, epochs=40, lr=0.01):
    """A small CNN trained with Adam on mini-batches until the epochs or 70 % of the budget run out."""
    import time
    import torch
    torch.manual_seed(0)
    start = time.monotonic()
    X = torch.as_tensor(X, dtype=torch.float32)
    y = torch.as_tensor(y, dtype=torch.long)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(16 * 3 * 3, int(y.max()) + 1))
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(epochs):
        if time.monotonic() - start > 0.7 * float(budget_seconds):
            break
        order = torch.randperm(len(X))
        for i in range(0, len(X), 32):
            batch = order[i:i + 32]
            optimiser.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(X[batch]), y[batch])
            loss.backward()
            optimiser.step()
    return model


def predict(model, X):
    """One label per image."""
    import torch
    with torch.no_grad():
        return model(torch.as_tensor(X, dtype=torch.float32)).argmax(dim=1).numpy()


# ---- LeNet as an nn.Module (module check) -----------------------------------------------------

import torch
from torch import nn
import torch.nn.functional as F


class LeNet(nn.Module):
    """LeNet-5: conv1 (6, 5x5, padding conv1_padding) - ReLU - max pool 2, conv2 (16, 5x5) - ReLU -
    max pool 2, flatten (C, H, W), fc1 (120) - ReLU, fc2 (84) - ReLU, fc3 (num_classes)."""

    def __init__(self, in_channels=1, num_classes=10, image_size=28, conv1_padding=2):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 6, 5, padding=conv1_padding)
        self.conv2 = nn.Conv2d(6, 16, 5)
        side = ((image_size + 2 * conv1_padding - 4) // 2 - 4) // 2
        self.fc1 = nn.Linear(16 * side * side, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, num_classes)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.conv1(x)), 2)
        h = F.max_pool2d(F.relu(self.conv2(h)), 2)
        h = h.flatten(1)
        h = F.relu(self.fc1(h))
        h = F.relu(self.fc2(h))
        return self.fc3(h)
