"""A4 reference solution: autoencoders, generative models, RBF networks and graph convolution."""
import torch
from torch import nn


def _t(a):
    """A float64 tensor from a NumPy array or a tensor."""
    return torch.as_tensor(a, dtype=torch.float64)


def _mlp(x, layers, hidden, last):
    """Linear layers (weight, bias) with `hidden` between them and `last` after the final one."""
    for i, (w, b) in enumerate(layers):
        x = x @ _t(w).T + _t(b)
        x = last(x) if i == len(layers) - 1 else hidden(x)
    return x


# ---- autoencoders ------------------------------------------------------------------------------

def autoencoder(x, enc1_w, enc1_b, enc2_w, enc2_b, dec1_w, dec1_b, dec2_w, dec2_b):
    """Encoder Linear-ReLU-Linear to the code, decoder Linear-ReLU-Linear-Sigmoid back to D.
    Returns (code, reconstruction, loss): loss is the mean squared error over every element."""
    x = _t(x)
    code = _mlp(x, [(enc1_w, enc1_b), (enc2_w, enc2_b)], torch.relu, lambda h: h)
    reconstruction = _mlp(code, [(dec1_w, dec1_b), (dec2_w, dec2_b)], torch.relu, torch.sigmoid)
    return code, reconstruction, ((reconstruction - x) ** 2).mean()


def denoising_autoencoder(x, noise, enc1_w, enc1_b, enc2_w, enc2_b, dec1_w, dec1_b, dec2_w, dec2_b):
    """The autoencoder applied to the corrupted input x + noise, its loss measured against the clean x."""
    x = _t(x)
    code, reconstruction, _ = autoencoder(x + _t(noise), enc1_w, enc1_b, enc2_w, enc2_b, dec1_w, dec1_b, dec2_w,
                                          dec2_b)
    return code, reconstruction, ((reconstruction - x) ** 2).mean()


def masked_denoising_autoencoder(x, mask, enc1_w, enc1_b, enc2_w, enc2_b, dec1_w, dec1_b, dec2_w, dec2_b):
    """Masking noise (Vincent et al. 2008): the autoencoder applied to x * mask, which zeroes the entries where
    the given 0/1 mask is 0; the loss is the mean squared error against the clean x over every entry."""
    x = _t(x)
    code, reconstruction, _ = autoencoder(x * _t(mask), enc1_w, enc1_b, enc2_w, enc2_b, dec1_w, dec1_b, dec2_w,
                                          dec2_b)
    return code, reconstruction, ((reconstruction - x) ** 2).mean()


# ---- variational autoencoder -------------------------------------------------------------------

def reparameterise(mu, logvar, eps):
    """z = mu + eps * sigma with sigma = exp(logvar / 2)."""
    return mu + eps * torch.exp(0.5 * logvar)


def kl_divergence(mu, logvar):
    """KL(q(z|x) || N(0, I)) summed over the batch and the latent axis."""
    return -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp())


def vae_forward(x, eps, enc_w, enc_b, mu_w, mu_b, logvar_w, logvar_b, dec1_w, dec1_b, dec2_w, dec2_b):
    """Returns (mu, logvar, z, reconstruction, reconstruction_loss, kl, loss); the losses are sums over the
    batch, reconstruction_loss the binary cross-entropy, loss = reconstruction_loss + kl (the negative ELBO)."""
    x, eps = _t(x), _t(eps)
    hidden = torch.relu(x @ _t(enc_w).T + _t(enc_b))
    mu = hidden @ _t(mu_w).T + _t(mu_b)
    logvar = hidden @ _t(logvar_w).T + _t(logvar_b)
    z = reparameterise(mu, logvar, eps)
    reconstruction = _mlp(z, [(dec1_w, dec1_b), (dec2_w, dec2_b)], torch.relu, torch.sigmoid)
    bce = nn.functional.binary_cross_entropy(reconstruction, x, reduction="sum")
    kl = kl_divergence(mu, logvar)
    return mu, logvar, z, reconstruction, bce, kl, bce + kl


class VAE(nn.Module):
    """encoder = Sequential(Linear(D, H), ReLU), fc_mu, fc_logvar = Linear(H, Z),
    decoder = Sequential(Linear(Z, H), ReLU, Linear(H, D), Sigmoid).
    forward(x, eps) -> (reconstruction, mu, logvar)."""

    def __init__(self, input_size, hidden_size, latent_size):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_size, hidden_size), nn.ReLU())
        self.fc_mu = nn.Linear(hidden_size, latent_size)
        self.fc_logvar = nn.Linear(hidden_size, latent_size)
        self.decoder = nn.Sequential(nn.Linear(latent_size, hidden_size), nn.ReLU(),
                                     nn.Linear(hidden_size, input_size), nn.Sigmoid())

    def forward(self, x, eps):
        hidden = self.encoder(x)
        mu, logvar = self.fc_mu(hidden), self.fc_logvar(hidden)
        return self.decoder(reparameterise(mu, logvar, eps)), mu, logvar


# ---- GAN ---------------------------------------------------------------------------------------

def _bce_logits(logits, target):
    return nn.functional.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


def gan_step(real, noise, lr, g1_w, g1_b, g2_w, g2_b, d1_w, d1_b, d2_w, d2_b):
    """One alternating step with plain SGD: D first (G frozen), then G through the updated D with the
    non-saturating loss. Returns (d_loss, g_loss, the six generator and discriminator tensors after the step)."""
    real, noise, lr = _t(real), _t(noise), float(lr)
    g = [_t(p).requires_grad_() for p in (g1_w, g1_b, g2_w, g2_b)]
    d = [_t(p).requires_grad_() for p in (d1_w, d1_b, d2_w, d2_b)]

    def generate(z, params):
        return _mlp(z, [(params[0], params[1]), (params[2], params[3])], torch.relu, torch.tanh)

    def discriminate(x, params):
        return _mlp(x, [(params[0], params[1]), (params[2], params[3])],
                    lambda h: nn.functional.leaky_relu(h, 0.2), lambda h: h)

    fake = generate(noise, g).detach()
    d_loss = _bce_logits(discriminate(real, d), 0.0) + _bce_logits(discriminate(fake, d), 1.0)
    d_grads = torch.autograd.grad(d_loss, d)
    d_new = [(p - lr * gr).detach() for p, gr in zip(d, d_grads)]
    g_loss = _bce_logits(discriminate(generate(noise, g), d_new), 1.0)
    g_grads = torch.autograd.grad(g_loss, g)
    g_new = [(p - lr * gr).detach() for p, gr in zip(g, g_grads)]
    return (d_loss.detach(), g_loss.detach(), *g_new, *d_new)


# ---- RBF network and graph convolution ---------------------------------------------------------

def rbf_network(x, centres, widths, weight, bias):
    """phi_k(x) = exp(-||x - c_k||^2 / (2 sigma_k^2)); y = phi @ weight.T + bias. Returns (y, phi)."""
    x, centres, widths = _t(x), _t(centres), _t(widths)
    squared = ((x[:, None, :] - centres[None, :, :]) ** 2).sum(-1)
    phi = torch.exp(-squared / (2 * widths ** 2))
    return phi @ _t(weight).T + _t(bias), phi


def rbf_fit(x, target, centres, widths):
    """The output layer of an RBF network with the given units, fitted by least squares: weight (out, K)
    and bias (out,) minimise ||phi W^T + b - target||^2. Returns (weight, bias, phi)."""
    x, target, k = _t(x), _t(target), len(centres)
    _, phi = rbf_network(x, centres, widths, torch.zeros(1, k, dtype=torch.float64), torch.zeros(1, dtype=torch.float64))
    design = torch.cat([phi, torch.ones(len(x), 1, dtype=torch.float64)], dim=1)
    beta = torch.linalg.lstsq(design, target).solution
    return beta[:k].T, beta[k], phi


def graph_convolution(adjacency, x, weight, bias):
    """Kipf & Welling: A_hat = D^-1/2 (A + I) D^-1/2 with D the degrees of A + I; y = relu(A_hat x W + b).
    Returns (y, A_hat)."""
    a = _t(adjacency) + torch.eye(len(adjacency), dtype=torch.float64)
    inverse_root = a.sum(1).rsqrt()
    a_hat = inverse_root[:, None] * a * inverse_root[None, :]
    return torch.relu(a_hat @ _t(x) @ _t(weight) + _t(bias)), a_hat


# ---- training check: an autoencoder on generated points ----------------------------------------

class Autoencoder(nn.Module):
    """The autoencoder of `autoencoder` as a module: encoder Linear(D, H)-ReLU-Linear(H, Z) (no
    activation on the code), decoder Linear(Z, H)-ReLU-Linear(H, D)-Sigmoid."""

    def __init__(self, input_size, hidden_size, code_size):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_size, hidden_size), nn.ReLU(), nn.Linear(hidden_size, code_size))
        self.decoder = nn.Sequential(nn.Linear(code_size, hidden_size), nn.ReLU(), nn.Linear(hidden_size, input_size),
                                     nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


def train_autoencoder(X, budget_seconds, hidden_size=16, code_size=2, epochs=500, lr=0.01):
    """Trains an Autoencoder full-batch with Adam on the mean squared error until the epochs or 70 % of
    the budget run out. X (N, D) float64 points in [0, 1] (up to noise)."""
    import time
    start = time.monotonic()
    torch.manual_seed(0)
    x = torch.as_tensor(X, dtype=torch.float32)
    model = Autoencoder(x.shape[1], hidden_size, code_size)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(epochs):
        if time.monotonic() - start > 0.7 * float(budget_seconds):
            break
        optimiser.zero_grad()
        ((model(x) - x) ** 2).mean().backward()
        optimiser.step()
    return model


def reconstruct(model, X):
    """The model's reconstruction (N, D) of the points X (N, D)."""
    with torch.no_grad():
        return model(torch.as_tensor(X, dtype=torch.float32)).numpy()
