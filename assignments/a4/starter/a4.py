"""A4 starter: autoencoders, generative models and beyond. Fill in every function (see the handout)."""
import numpy as np
import torch
from torch import nn


def autoencoder(x, enc1_w, enc1_b, enc2_w, enc2_b, dec1_w, dec1_b, dec2_w, dec2_b):
    """Encoder Linear-ReLU-Linear to the code, decoder Linear-ReLU-Linear-Sigmoid back to D.
    Returns (code, reconstruction, loss): loss is the mean squared error over every element."""
    raise NotImplementedError("write autoencoder")


def denoising_autoencoder(x, noise, enc1_w, enc1_b, enc2_w, enc2_b, dec1_w, dec1_b, dec2_w, dec2_b):
    """The autoencoder applied to the corrupted input x + noise, its loss measured against the clean x."""
    raise NotImplementedError("write denoising_autoencoder")


def masked_denoising_autoencoder(x, mask, enc1_w, enc1_b, enc2_w, enc2_b, dec1_w, dec1_b, dec2_w, dec2_b):
    """A denoising autoencoder with masking noise (Vincent et al. 2008).

    x (N, D) the clean input, mask (N, D) of 0s and 1s (given, not drawn), the weights as for `autoencoder`.
    The network of `autoencoder` is applied to the corrupted input x * mask (the entries where mask is 0 are
    set to 0). Returns (code (N, Z), reconstruction (N, D), loss ()): loss is the mean squared error between
    the reconstruction and the clean x, averaged over all N * D entries, masked ones included.
    """
    raise NotImplementedError("write masked_denoising_autoencoder")


def vae_forward(x, eps, enc_w, enc_b, mu_w, mu_b, logvar_w, logvar_b, dec1_w, dec1_b, dec2_w, dec2_b):
    """Returns (mu, logvar, z, reconstruction, reconstruction_loss, kl, loss); the losses are sums over the
    batch, reconstruction_loss the binary cross-entropy, loss = reconstruction_loss + kl (the negative ELBO)."""
    raise NotImplementedError("write vae_forward")


def gan_step(real, noise, lr, g1_w, g1_b, g2_w, g2_b, d1_w, d1_b, d2_w, d2_b):
    """One alternating step with plain SGD: D first (G frozen), then G through the updated D with the
    non-saturating loss. Returns (d_loss, g_loss, the six generator and discriminator tensors after the step)."""
    raise NotImplementedError("write gan_step")


def rbf_network(x, centres, widths, weight, bias):
    """phi_k(x) = exp(-||x - c_k||^2 / (2 sigma_k^2)); y = phi @ weight.T + bias. Returns (y, phi)."""
    raise NotImplementedError("write rbf_network")


def rbf_fit(x, target, centres, widths):
    """The output layer of an RBF network with the given Gaussian units, fitted by least squares.

    x (N, d), target (N, out), centres (K, d), widths (K,) with N >= K + 1. Returns (weight (out, K),
    bias (out,), phi (N, K)) where weight and bias minimise ||phi @ weight.T + bias - target||^2.
    """
    raise NotImplementedError("write rbf_fit")


def graph_convolution(adjacency, x, weight, bias):
    """Kipf & Welling: A_hat = D^-1/2 (A + I) D^-1/2 with D the degrees of A + I; y = relu(A_hat x W + b).
    Returns (y, A_hat)."""
    raise NotImplementedError("write graph_convolution")


class VAE(nn.Module):
    """encoder = Sequential(Linear(D, H), ReLU), fc_mu, fc_logvar = Linear(H, Z),
    decoder = Sequential(Linear(Z, H), ReLU, Linear(H, D), Sigmoid); z = mu + eps * exp(logvar / 2).
    forward(x, eps) -> (reconstruction, mu, logvar)."""

    def __init__(self, input_size, hidden_size, latent_size):
        super().__init__()
        raise NotImplementedError("write VAE.__init__")

    def forward(self, x, eps):
        raise NotImplementedError("write VAE.forward")


# ---- training check: an autoencoder on generated points (see the handout) ---------------------

def train_autoencoder(X, budget_seconds):
    """Train an autoencoder (for example the one of `autoencoder` as an nn.Module: Linear(D, 16)-ReLU-
    Linear(16, 2), Linear(2, 16)-ReLU-Linear(16, D)-Sigmoid) on the points X (N, D) float64 and return it.
    budget_seconds: stop training well within it (the grader runs on a CPU)."""
    raise NotImplementedError("write train_autoencoder")


def reconstruct(model, X):
    """The model's reconstruction (N, D) of the points X (N, D)."""
    raise NotImplementedError("write reconstruct")
