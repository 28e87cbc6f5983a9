import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


class Linear:
    def __init__(self, weight, bias):
        self.weight = np.asarray(weight)
        self.bias = np.asarray(bias)

    def forward(self, x):
        return x @ self.weight.T + self.bias


def train(x, y, budget):
    """Least squares 'training' in at most `budget` gradient steps; returns the model."""
    w = np.zeros(x.shape[1])
    for _ in range(int(budget)):
        w -= 0.1 * x.T @ (x @ w - y) / len(y)
    return {"w": w}


def predict(model, x):
    return x @ model["w"], np.random.rand(2)


def broken(x):
    return _helper(x)


def _helper(x):
    return x[100]


def nothing(x):
    return None


def transposed(x):
    """A correct answer NumPy holds in Fortran order: the transpose of a C-ordered product."""
    return (x @ x.T).T * 2, x.T


def torch_transposed(x):
    import torch
    return torch.from_numpy(x).t()


def scalar(x):
    return np.float64(x.sum())
