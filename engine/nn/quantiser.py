"""The vector quantiser of VQ-VAE: a codebook, nearest-code lookup, moving-average updates and the
re-seeding of dead codes.

van den Oord, Vinyals & Kavukcuoglu, "Neural Discrete Representation Learning", NeurIPS 2017: "the
discrete latent variables z are then calculated by a nearest neighbour look-up using the shared
embedding space e", z_q(x) = e_k with k = argmin_j ||z_e(x) - e_j||_2 (eq. 1-2). Appendix A.1 updates
the codebook by exponential moving averages instead of by a loss:
N_i <- gamma N_i + (1 - gamma) n_i,  m_i <- gamma m_i + (1 - gamma) sum_j z_e(x)_i,j,  e_i = m_i / N_i.

Small-data trap: a code that no encoder output picks receives no update and stays dead; the quantiser
counts the steps since each code was last picked, so the method can re-seed those codes with recent
encoder outputs.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

# Its state, saved with the weights. Checkpoints written before the quantiser was its own module hold
# these names at the method's top level (see VQVAE._load_from_state_dict).
QUANTISER_STATE = ("codebook", "ema_count", "ema_sum", "last_used", "initialised", "steps_taken")


class VectorQuantiser(nn.Module):
    def __init__(self, codebook_size: int, code_dim: int, learned: bool = False):
        """``learned``: the codebook is a parameter that the codebook loss || sg[z_e] - e ||^2 trains
        (the paper's eq. 3); otherwise a buffer that only the moving averages move (appendix A.1)."""
        super().__init__()
        codebook = torch.randn(codebook_size, code_dim) * 0.1  # (K, D)
        if learned:
            self.codebook = nn.Parameter(codebook)
        else:
            self.register_buffer("codebook", codebook)
        self.register_buffer("ema_count", torch.ones(codebook_size))  # (K,) N_i
        self.register_buffer("ema_sum", codebook.clone())  # (K, D) m_i
        self.register_buffer("last_used", torch.zeros(codebook_size, dtype=torch.long))  # (K,) step
        self.register_buffer("initialised", torch.zeros((), dtype=torch.bool))
        # Steps taken, saved with the weights: "unused lately" counts from last_used to this, so a
        # restored checkpoint must know it (as a plain attribute it came back as 0 and hid every dead code).
        self.register_buffer("steps_taken", torch.zeros((), dtype=torch.long))
        self.recent: torch.Tensor | None = None  # (N, D) encoder outputs of the last batch, for re-seeding

    @property
    def size(self) -> int:
        return self.codebook.shape[0]

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        # Checkpoints written before steps_taken was saved: the last step any code was used is the
        # nearest thing they hold.
        key = prefix + "steps_taken"
        if key not in state_dict and prefix + "last_used" in state_dict:
            state_dict[key] = state_dict[prefix + "last_used"].max().clone()
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    # -- look-up ----------------------------------------------------------------------------------
    def nearest(self, flat: torch.Tensor) -> torch.Tensor:
        """(N, D) vectors -> (N,) index of the nearest code: argmin_j ||z - e_j||^2, expanded."""
        d = flat.pow(2).sum(1, keepdim=True) - 2 * flat @ self.codebook.T + self.codebook.pow(2).sum(1)[None]
        return d.argmin(dim=1)  # (N,)

    def forward(self, z_e: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(B, D, g, g) encoder grid -> (z_q (B, D, g, g), code indices (B, g, g))."""
        b, d, g, _ = z_e.shape
        flat = z_e.permute(0, 2, 3, 1).reshape(-1, d)  # (B*g*g, D)
        idx = self.nearest(flat)
        z_q = self.codebook[idx].view(b, g, g, d).permute(0, 3, 1, 2)  # (B, D, g, g)
        return z_q, idx.view(b, g, g)

    def lookup(self, idx: torch.Tensor) -> torch.Tensor:
        """(B, g, g) code indices -> (B, D, g, g) code vectors."""
        return self.codebook[idx].permute(0, 3, 1, 2)

    # -- learning ---------------------------------------------------------------------------------
    @torch.no_grad()
    def start_on(self, flat: torch.Tensor, generator: torch.Generator | None = None) -> None:
        """Start the codebook on random encoder outputs (N, D), not on noise, the first time only."""
        if bool(self.initialised):
            return
        pick = torch.randint(0, flat.shape[0], (self.size,), device=flat.device, generator=generator)
        self.codebook.copy_(flat[pick])
        self.ema_sum.copy_(flat[pick])
        self.initialised.fill_(True)

    @torch.no_grad()
    def ema_update(self, flat: torch.Tensor, idx: torch.Tensor, decay: float) -> None:
        """Appendix A.1: moving averages of the count and sum of the outputs (N, D) each code took (N,)."""
        k = self.size
        onehot = F.one_hot(idx, k).type(flat.dtype)  # (N, K)
        self.ema_count.mul_(decay).add_(onehot.sum(0), alpha=1 - decay)
        self.ema_sum.mul_(decay).add_(onehot.T @ flat, alpha=1 - decay)
        n = self.ema_count.sum()
        count = (self.ema_count + 1e-5) / (n + k * 1e-5) * n  # Laplace smoothing keeps rare codes finite
        self.codebook.copy_(self.ema_sum / count[:, None])

    @torch.no_grad()
    def note_usage(self, counts: torch.Tensor, flat: torch.Tensor) -> None:
        """A training batch used codes with ``counts`` (K,); its outputs (N, D) may re-seed dead codes."""
        self.last_used[counts > 0] = self.steps_taken
        self.recent = flat

    def unused_for(self) -> torch.Tensor:
        """(K,) steps since each code was last picked by a training batch."""
        return self.steps_taken - self.last_used

    @torch.no_grad()
    def after_step(self, step: int, dead_after: int | None, generator: torch.Generator | None = None) -> None:
        """Count the step; with ``dead_after``, re-seed each code unused for longer with a random
        recent encoder output."""
        self.steps_taken.fill_(step + 1)
        if dead_after is None or self.recent is None:
            return
        dead = self.unused_for() > dead_after
        n = int(dead.sum())
        if n:
            pick = torch.randint(0, self.recent.shape[0], (n,), device=self.recent.device, generator=generator)
            self.codebook[dead] = self.recent[pick]
            self.ema_sum[dead] = self.recent[pick]
            self.ema_count[dead] = 1.0
            self.last_used[dead] = self.steps_taken


def perplexity(counts: torch.Tensor) -> torch.Tensor:
    """exp(entropy) of the code usage ``counts`` (K,): how many codes are in use, evenly counted."""
    probs = counts / counts.sum()
    return torch.exp(-(probs * torch.log(probs + 1e-10)).sum())
