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
from torch import nn

from engine.figures import Bars, CodeGrid, Figure, ImageGrid, Value, by_title, edited_figure
from engine.methods.base import Batch, Method, Reconstruction, figure_images
from engine.nn.losses import reconstruction_loss, vq_losses, vq_vae_objective
from engine.nn.networks import ConvDecoder, ConvEncoder
from engine.nn.quantiser import QUANTISER_STATE, VectorQuantiser, perplexity
from engine.params import param
from engine.words import Words

USAGE = "code usage on these images (click a bar)"


@dataclass(frozen=True)
class VQVAEParams:
    codebook_size: int = param(64, low=2, high=4096, help="number of codes in the codebook")
    code_dim: int = param(16, low=2, high=256, help="length of each code vector")
    commitment: float = param(0.25, low=0.0, high=10.0, live=True, help="beta: weight of the commitment term")
    ema: bool = param(True, help="update the codebook by moving averages of its assigned encoder outputs "
                                  "(appendix A.1); off: the codebook loss trains it (eq. 3)")
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
        self.quantiser = VectorQuantiser(p.codebook_size, p.code_dim, learned=not p.ema)

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        # Checkpoints written before the quantiser was its own module hold its state at the top level.
        for name in QUANTISER_STATE:
            if prefix + name in state_dict:
                state_dict[f"{prefix}quantiser.{name}"] = state_dict.pop(prefix + name)
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    # -- quantisation -----------------------------------------------------------------------------
    def encode_grid(self, x: torch.Tensor) -> torch.Tensor:
        return self.to_codes(self.features(x))  # (B, D, g, g)

    def decode_codes(self, idx: torch.Tensor) -> torch.Tensor:
        """Images (B, C, H, W) in [0, 1] from a grid of code indices (B, g, g)."""
        return torch.sigmoid(self.decoder_body(self.from_codes(self.quantiser.lookup(idx))))

    # -- training ---------------------------------------------------------------------------------
    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        x = batch.images
        z_e = self.encode_grid(x)
        flat = z_e.detach().permute(0, 2, 3, 1).reshape(-1, z_e.shape[1])  # (B*g*g, D)
        self.quantiser.start_on(flat, self.generator)
        z_q, idx = self.quantiser(z_e)
        codebook_loss, commitment = vq_losses(z_e, z_q)
        z_st = z_e + (z_q - z_e).detach()  # straight-through: the decoder's gradient reaches the encoder
        recon = reconstruction_loss(self.decoder_body(self.from_codes(z_st)), x, "bce")
        loss = vq_vae_objective(recon, codebook_loss, commitment, self.params.commitment, x[0].numel(),
                                with_codebook=not self.params.ema)
        if self.params.ema and self.training:
            self.quantiser.ema_update(flat, idx.view(-1), self.params.ema_decay)
        counts = torch.bincount(idx.view(-1), minlength=self.params.codebook_size).float()
        if self.training:
            self.quantiser.note_usage(counts, flat)
        return {"loss": loss, "reconstruction": recon.detach(), "commitment": commitment.detach(),
                "perplexity": perplexity(counts).detach()}

    def after_step(self, step: int) -> None:
        self.quantiser.after_step(step, self.params.dead_after if self.params.reset_dead_codes else None,
                                  self.generator)

    # -- the rest of the interface ----------------------------------------------------------------
    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The encoder's whole grid before quantisation, flattened: (B, D g g).

        Where a digit's strokes lie is what the grid encodes, so pooling it away (to 2x2, tried
        first) left kNN accuracy near 50%; the full grid scores about 90%, and the continuous
        outputs probe slightly better than their nearest codes, which add only rounding.
        """
        return self.encode_grid(x).flatten(1)  # (B, D*g*g)

    def reconstruct(self, x: torch.Tensor) -> Reconstruction:
        _, idx = self.quantiser(self.encode_grid(x))
        return Reconstruction(None, self.decode_codes(idx))

    def code_grid(self, x: torch.Tensor) -> torch.Tensor:
        return self.quantiser(self.encode_grid(x))[1]  # (B, g, g)

    def interact(self, x: torch.Tensor, payload: dict[str, Any]) -> dict[str, Figure]:
        """An edit of the CodeGrid, {"grid": g x g code indices}: the image the decoder makes of it."""
        edited_figure(payload, CodeGrid)
        grid = torch.as_tensor(payload["grid"], dtype=torch.long, device=x.device).reshape(1, self.grid, self.grid)
        if grid.min() < 0 or grid.max() >= self.params.codebook_size:
            raise ValueError(f"codes must be between 0 and {self.params.codebook_size - 1}")
        return by_title(ImageGrid("decoded from the grid", figure_images(self.decode_codes(grid)), columns=1))

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        idx = self.code_grid(x)
        k = self.params.codebook_size
        counts = torch.bincount(idx.view(-1), minlength=k).float()
        dead = int((self.quantiser.unused_for() > self.params.dead_after).sum())
        return [Bars(USAGE, counts.cpu().numpy(), zero_is_dead=True,
                     help="how many grid cells of these images pick each code; red: no image uses it"),
                Value("perplexity", Words("{perplexity:.1f} of {k} codes", perplexity=perplexity(counts).item(), k=k)),
                Value("codes unused lately", str(dead)),
                CodeGrid("code grids", figure_images(x), idx.cpu().numpy(), k, linked_bars=USAGE,
                         help="edit an image's grid of codes and decode it")]
