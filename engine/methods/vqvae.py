"""VQ-VAE: a vector-quantised autoencoder.

van den Oord, Vinyals & Kavukcuoglu, "Neural Discrete Representation Learning", NeurIPS 2017. The
encoder outputs a grid of vectors; each is replaced by its nearest code in a learned codebook, and the
decoder rebuilds the image from the grid of codes. Gradients pass the quantisation "straight through".

Small-data trap: codes that no encoder output picks receive no update and die, and a dead code stays
dead. The defaults avoid it three ways: the codebook starts from encoder outputs, it is updated by
exponential moving averages (the paper's appendix A.1) rather than by gradients, and a code unused for
a while is re-seeded with a random recent encoder output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from engine.nn.losses import reconstruction_loss, vq_losses, vq_vae_objective
from engine.methods.base import Batch, Method, Reconstruction
from engine.nn.networks import ConvDecoder, ConvEncoder
from engine.params import param


@dataclass(frozen=True)
class VQVAEParams:
    codebook_size: int = param(64, low=2, high=4096, help="number of codes in the codebook")
    code_dim: int = param(16, low=2, high=256, help="length of each code vector")
    commitment: float = param(0.25, low=0.0, high=10.0, live=True, help="beta: weight of the commitment term")
    ema: bool = param(True, help="update the codebook by moving averages of its assigned encoder outputs")
    ema_decay: float = param(0.99, low=0.5, high=0.9999, help="decay of those moving averages")
    reset_dead_codes: bool = param(True, help="re-seed codes unused for dead_after steps with encoder outputs")
    dead_after: int = param(100, low=1, high=100000, help="steps without use after which a code counts as dead")
    width: int = param(32, low=8, high=128, help="channels of the first conv layer (doubling per stage)")


class VQVAE(Method):
    name = "vqvae"
    label = "VQ-VAE"
    family = "reconstruction"
    paper = "van den Oord et al., NeurIPS 2017"
    Params = VQVAEParams

    def __init__(self, params: VQVAEParams, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        p = params
        encoder = ConvEncoder(image_shape, 1, p.width, norm="group")
        decoder = ConvDecoder(image_shape, 1, p.width, norm="group")
        ch, self.grid, _ = encoder.feature_shape
        self.features = encoder.features  # the conv stack without its linear head
        self.to_codes = nn.Conv2d(ch, p.code_dim, 1)
        self.from_codes = nn.Conv2d(p.code_dim, decoder.start_shape[0], 1)
        self.decoder_body = decoder.body
        self.register_buffer("codebook", torch.randn(p.codebook_size, p.code_dim) * 0.1)
        self.register_buffer("ema_count", torch.ones(p.codebook_size))
        self.register_buffer("ema_sum", self.codebook.clone())
        self.register_buffer("last_used", torch.zeros(p.codebook_size, dtype=torch.long))
        self.register_buffer("initialised", torch.zeros((), dtype=torch.bool))
        # Steps taken, saved with the weights: "unused lately" counts from last_used to this, so a
        # restored checkpoint must know it (as a plain attribute it came back as 0 and hid every dead code).
        self.register_buffer("steps_taken", torch.zeros((), dtype=torch.long))
        self._recent: torch.Tensor | None = None  # encoder outputs of the last batch, for re-seeding

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        # Checkpoints written before steps_taken was saved: the last step any code was used is the
        # nearest thing they hold.
        key = prefix + "steps_taken"
        if key not in state_dict and prefix + "last_used" in state_dict:
            state_dict[key] = state_dict[prefix + "last_used"].max().clone()
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    # -- quantisation -----------------------------------------------------------------------------
    def encode_grid(self, x: torch.Tensor) -> torch.Tensor:
        return self.to_codes(self.features(x))  # (B, D, g, g)

    def nearest(self, flat: torch.Tensor) -> torch.Tensor:
        """Index of the nearest code for each row of flat (N, D)."""
        d = flat.pow(2).sum(1, keepdim=True) - 2 * flat @ self.codebook.T + self.codebook.pow(2).sum(1)[None]
        return d.argmin(dim=1)

    def quantise(self, z_e: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(z_q (B, D, g, g), code indices (B, g, g))."""
        b, d, g, _ = z_e.shape
        flat = z_e.permute(0, 2, 3, 1).reshape(-1, d)  # (B*g*g, D)
        idx = self.nearest(flat)
        z_q = self.codebook[idx].view(b, g, g, d).permute(0, 3, 1, 2)
        return z_q, idx.view(b, g, g)

    def decode_codes(self, idx: torch.Tensor) -> torch.Tensor:
        """Images (B, C, H, W) in [0, 1] from a grid of code indices (B, g, g)."""
        z_q = self.codebook[idx].permute(0, 3, 1, 2)
        return torch.sigmoid(self.decoder_body(self.from_codes(z_q)))

    # -- training ---------------------------------------------------------------------------------
    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        x = batch.images
        z_e = self.encode_grid(x)
        flat = z_e.detach().permute(0, 2, 3, 1).reshape(-1, z_e.shape[1])
        if not bool(self.initialised):
            with torch.no_grad():  # start the codebook on the data, not on noise
                pick = torch.randint(0, flat.shape[0], (self.params.codebook_size,), device=flat.device,
                                     generator=self.generator)
                self.codebook.copy_(flat[pick])
                self.ema_sum.copy_(flat[pick])
                self.initialised.fill_(True)
        z_q, idx = self.quantise(z_e)
        codebook_loss, commitment = vq_losses(z_e, z_q)
        z_st = z_e + (z_q - z_e).detach()  # straight-through: the decoder's gradient reaches the encoder
        recon = reconstruction_loss(self.decoder_body(self.from_codes(z_st)), x, "bce")
        loss = vq_vae_objective(recon, codebook_loss, commitment, self.params.commitment, x[0].numel(),
                                with_codebook=not self.params.ema)
        if self.params.ema and self.training:
            self._ema_update(flat, idx.view(-1))
        counts = torch.bincount(idx.view(-1), minlength=self.params.codebook_size).float()
        self._note_usage(counts, flat)
        probs = counts / counts.sum()
        perplexity = torch.exp(-(probs * torch.log(probs + 1e-10)).sum())
        return {"loss": loss, "reconstruction": recon.detach(), "commitment": commitment.detach(),
                "perplexity": perplexity.detach()}

    @torch.no_grad()
    def _ema_update(self, flat: torch.Tensor, idx: torch.Tensor) -> None:
        decay, k = self.params.ema_decay, self.params.codebook_size
        onehot = F.one_hot(idx, k).type(flat.dtype)  # (N, K)
        self.ema_count.mul_(decay).add_(onehot.sum(0), alpha=1 - decay)
        self.ema_sum.mul_(decay).add_(onehot.T @ flat, alpha=1 - decay)
        n = self.ema_count.sum()
        count = (self.ema_count + 1e-5) / (n + k * 1e-5) * n  # Laplace smoothing keeps rare codes finite
        self.codebook.copy_(self.ema_sum / count[:, None])

    def unused_for(self) -> torch.Tensor:
        """(K,) steps since each code was last picked by a training batch."""
        return self.steps_taken - self.last_used

    @torch.no_grad()
    def _note_usage(self, counts: torch.Tensor, flat: torch.Tensor) -> None:
        if self.training:
            self.last_used[counts > 0] = self.steps_taken
            self._recent = flat

    @torch.no_grad()
    def after_step(self, step: int) -> None:
        self.steps_taken.fill_(step + 1)
        if not self.params.reset_dead_codes or self._recent is None:
            return
        dead = self.unused_for() > self.params.dead_after
        n = int(dead.sum())
        if n:
            pick = torch.randint(0, self._recent.shape[0], (n,), device=self._recent.device, generator=self.generator)
            self.codebook[dead] = self._recent[pick]
            self.ema_sum[dead] = self._recent[pick]
            self.ema_count[dead] = 1.0
            self.last_used[dead] = self.steps_taken

    # -- the rest of the interface ----------------------------------------------------------------
    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The encoder's whole grid before quantisation, flattened: (B, D g g).

        Where a digit's strokes lie is what the grid encodes, so pooling it away (to 2x2, tried
        first) left kNN accuracy near 50%; the full grid scores about 90%, and the continuous
        outputs probe slightly better than their nearest codes, which add only rounding.
        """
        return self.encode_grid(x).flatten(1)  # (B, D*g*g)

    def reconstruct(self, x: torch.Tensor) -> Reconstruction:
        _, idx = self.quantise(self.encode_grid(x))
        return Reconstruction(None, self.decode_codes(idx))

    def interact(self, x: torch.Tensor, payload: dict[str, Any]) -> dict[str, Any]:
        """{"grid": g x g code indices}: the image the decoder makes of that grid."""
        grid = torch.as_tensor(payload["grid"], dtype=torch.long, device=x.device).reshape(1, self.grid, self.grid)
        if grid.min() < 0 or grid.max() >= self.params.codebook_size:
            raise ValueError(f"codes must be between 0 and {self.params.codebook_size - 1}")
        return {"decoded": self.decode_codes(grid)}

    def code_grid(self, x: torch.Tensor) -> torch.Tensor:
        return self.quantise(self.encode_grid(x))[1]

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> dict[str, Any]:
        idx = self.code_grid(x)
        counts = torch.bincount(idx.view(-1), minlength=self.params.codebook_size).float()
        probs = counts / counts.sum()
        perplexity = torch.exp(-(probs * torch.log(probs + 1e-10)).sum()).item()
        dead = int((self.unused_for() > self.params.dead_after).sum())
        return {"bars:code usage on these images (click a bar)": counts.cpu().numpy(),
                "value:perplexity": f"{perplexity:.1f} of {self.params.codebook_size} codes",
                "value:codes unused lately": str(dead),
                "codes:code grids": idx.cpu().numpy()}
