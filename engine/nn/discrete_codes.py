"""Discrete codes for an autoencoder: binary and one-hot, trained through straight-through gradients.

Bengio, Léonard & Courville, "Estimating or Propagating Gradients Through Stochastic Neurons for
Conditional Computation", arXiv:1308.3432, 2013: "A fourth approach heuristically copies the gradient
with respect to the stochastic output directly as an estimator of the gradient with respect to the
sigmoid argument (we call this the straight-through estimator)."

Jang, Gu & Poole, "Categorical Reparameterization with Gumbel-Softmax", ICLR 2017: "we present an
efficient gradient estimator that replaces the non-differentiable sample from a categorical distribution
with a differentiable sample from a novel Gumbel-Softmax distribution. This distribution has the
essential property that it can be smoothly annealed into a categorical distribution." Their
Straight-Through Gumbel-Softmax discretises the sample with arg max in the forward pass and uses the
continuous sample's gradient in the backward pass, as :func:`gumbel_code` does.

Maddison, Mnih & Teh, "The Concrete Distribution: A Continuous Relaxation of Discrete Random Variables",
ICLR 2017, found the same distribution at the same time: "Concrete random variables—continuous
relaxations of discrete random variables".

The course notes compare three kinds of code (their "Discrete Representation"): real numbers, a binary
code (each dimension says yes or no) and a one-hot code (each group of K dimensions names one of K
things). The encoder always outputs real numbers, its logits; a code turns them into what the decoder
sees. Sign and arg max have no useful gradient (zero almost everywhere), so each code's forward pass is
the hard code and its backward pass the gradient of a smooth stand-in:

- ``binary``: forward ``sign(a)`` in {-1, +1} (0 counts as +1); backward the gradient of ``tanh(a)``, the
  smooth function whose sign it is. {-1, +1} rather than {0, 1}: the two values are symmetric about 0,
  as tanh is, so the decoder's first layer sees "off" as the opposite of "on", not as nothing.
- ``one-hot``: forward, in each group of K, a 1 at the arg max and 0 elsewhere; backward the gradient
  of the group's softmax.
- ``gumbel``: while training, arg max of the logits plus Gumbel noise, a sample of the softmax's
  categorical distribution (the Gumbel-max trick); backward the gradient of the softmax of the noisy
  logits divided by the temperature. Outside training (the map, the probes, the sliders) no noise: the
  most likely value of each group, so that the same image always gets the same code.

The trick that makes the forward pass exact: ``hard + (soft - soft.detach())``. The bracket is exactly
0 in value (x - x is 0 for any finite x), so the sum is exactly ``hard``; its gradient is ``soft``'s.
"""

from __future__ import annotations

import torch

from engine.errors import ParamError
from engine.words import Words

REAL, BINARY, ONE_HOT, GUMBEL = "real", "binary", "one-hot", "gumbel"
CODES = (REAL, BINARY, ONE_HOT, GUMBEL)
GROUPED = (ONE_HOT, GUMBEL)  # the codes made of groups of K values


def straight_through(hard: torch.Tensor, soft: torch.Tensor) -> torch.Tensor:
    """``hard``'s values with ``soft``'s gradient (same shapes)."""
    return hard + (soft - soft.detach())


def binary_code(logits: torch.Tensor) -> torch.Tensor:
    """(..., D) real logits -> (..., D) values in {-1, +1}, with the gradient of tanh."""
    soft = torch.tanh(logits)
    hard = torch.where(logits >= 0, 1.0, -1.0).to(logits.dtype)  # sign, with sign(0) = +1
    return straight_through(hard, soft)


def _groups(logits: torch.Tensor, k: int) -> torch.Tensor:
    """(B, G*K) -> (B, G, K)."""
    return logits.reshape(*logits.shape[:-1], logits.shape[-1] // k, k)


def _hard_one_hot(scores: torch.Tensor) -> torch.Tensor:
    """(B, G, K) -> (B, G, K): a 1 at each group's arg max, 0 elsewhere."""
    return torch.zeros_like(scores).scatter_(-1, scores.argmax(-1, keepdim=True), 1.0)


def one_hot_code(logits: torch.Tensor, k: int) -> torch.Tensor:
    """(B, G*K) logits -> (B, G*K): one 1 in each group of ``k``, with the gradient of the group's softmax."""
    scores = _groups(logits, k)  # (B, G, K)
    soft = scores.softmax(-1)
    return straight_through(_hard_one_hot(scores), soft).reshape(logits.shape)


def gumbel_noise(shape: torch.Size, like: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
    """Standard Gumbel noise -log(-log(U)), U ~ Uniform(0, 1), of ``shape`` on ``like``'s device and dtype."""
    u = torch.rand(shape, generator=generator, device=like.device, dtype=like.dtype)
    u = u.clamp_min(torch.finfo(like.dtype).tiny)  # rand may give 0, whose log is -inf
    return -torch.log(-torch.log(u))


def gumbel_code(logits: torch.Tensor, k: int, temperature: float = 1.0, generator: torch.Generator | None = None,
                sample: bool = True) -> torch.Tensor:
    """(B, G*K) logits -> (B, G*K): Straight-Through Gumbel-Softmax, one 1 in each group of ``k``.

    ``sample``: draw the Gumbel noise from ``generator`` (training); else none, the most likely value of
    each group (with the gradient of the softmax at ``temperature`` all the same)."""
    scores = _groups(logits, k)  # (B, G, K)
    if sample:
        scores = scores + gumbel_noise(scores.shape, scores, generator)
    soft = (scores / temperature).softmax(-1)  # the Gumbel-Softmax sample; only its gradient is used
    return straight_through(_hard_one_hot(scores), soft).reshape(logits.shape)


def check_code(code: str, latent_dim: int, k: int) -> None:
    """Refuse, with a message for the learner, a code that cannot be made: an unknown kind, groups of
    one value (which carry no information) or a code size that is not a whole number of groups."""
    if code not in CODES:
        raise ParamError(Words("code: '{code}' is not a kind of code; choose one of {choices}", code=code,
                               choices=", ".join(CODES)))
    if code not in GROUPED:
        return
    if k < 2:
        raise ParamError(Words(
            "one_hot_k: a {code} code needs at least 2 values per group; a group of {k} value is always on, so "
            "it says nothing about the image. Choose 2 or more", code=code, k=k))
    if latent_dim % k:
        below, above = k * (latent_dim // k), k * (latent_dim // k + 1)  # the nearest multiples of k
        if below:
            raise ParamError(Words(
                "a {code} code of latent_dim {dim} cannot be split into groups of one_hot_k = {k} values; make "
                "latent_dim a multiple of one_hot_k (latent_dim = groups × one_hot_k), such as {below} or {above}",
                code=code, dim=latent_dim, k=k, below=below, above=above))
        raise ParamError(Words(
            "a {code} code of latent_dim {dim} is smaller than one group of one_hot_k = {k} values; make latent_dim "
            "a multiple of one_hot_k (latent_dim = groups × one_hot_k), such as {above}", code=code, dim=latent_dim,
            k=k, above=above))


def apply_code(code: str, logits: torch.Tensor, k: int = 2, temperature: float = 1.0,
               generator: torch.Generator | None = None, sample: bool = False) -> torch.Tensor:
    """(B, D) encoder outputs -> (B, D) the code the decoder sees (``real``: the outputs themselves)."""
    if code == REAL:
        return logits
    if code == BINARY:
        return binary_code(logits)
    if code == ONE_HOT:
        return one_hot_code(logits, k)
    if code == GUMBEL:
        return gumbel_code(logits, k, temperature, generator, sample)
    raise ValueError(f"unknown code {code!r}; one of {CODES}")


def code_indices(codes: torch.Tensor, k: int) -> torch.Tensor:
    """(B, G*K) one-hot codes -> (B, G) the index of the value that is on in each group."""
    return _groups(codes, k).argmax(-1)
