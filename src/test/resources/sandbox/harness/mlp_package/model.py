import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


class Mlp:
    def __init__(self, w1, w2):
        self.w1, self.w2 = np.asarray(w1), np.asarray(w2)

    def forward(self, x):
        return {"hidden": relu(x @ self.w1), "logits": relu(x @ self.w1) @ self.w2}
