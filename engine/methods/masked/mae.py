"""Masked autoencoder (MAE) with a tiny ViT.

He, Chen, Xie, Li, Dollár & Girshick, "Masked Autoencoders Are Scalable Vision Learners", CVPR 2022.
The image is cut into patches; most of them (75%) are hidden at random; the encoder sees only the
visible patches, and a light decoder, given the encoder's output and a placeholder for each hidden
patch, must paint the hidden patches back. The loss counts the hidden patches only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from engine.errors import ParamError
from engine.figures import Figure, Heatmap, ImageGrid, MaskGrid, Value, by_title, edited_figure
from engine.methods.base import Batch, Method, Reconstruction, figure_images
from engine.nn.losses import masked_patch_loss
from engine.nn.networks import check_image_shape
from engine.nn.vit import (among_mask_tokens, keep_tokens, patchify, run_blocks, sincos_positions, transformer_blocks,
                           unpatchify, visible_indices)
from engine.params import param
from engine.words import Words


@dataclass(frozen=True)
class MAEParams:
    patch_size: int = param(4, choices=(2, 4, 7, 8, 16),
                            help="side of a patch in pixels; must divide the image side (4 or 7 for 28x28, 4 or 8 for 32x32)")
    mask_ratio: float = param(0.75, low=0.0, high=0.95, live=True, help="share of patches hidden from the encoder")
    embed_dim: int = param(64, low=16, high=512, help="width of the encoder's tokens")
    depth: int = param(3, low=1, high=12, help="transformer blocks in the encoder")
    heads: int = param(4, low=1, high=16, help="attention heads (must divide the widths)")
    decoder_dim: int = param(48, low=16, high=512, help="width of the decoder's tokens")
    decoder_depth: int = param(1, low=1, high=8, help="transformer blocks in the decoder")
    normalise_target: bool = param(False, help="standardise each target patch (the paper's 'norm pix' loss)")


class MAE(Method):
    name = "mae"
    label = "Masked autoencoder (MAE)"
    family = "masked modelling"
    paper = "He et al., CVPR 2022"
    Params = MAEParams
    corrupted_name = "masked"

    def __init__(self, params: MAEParams, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        check_image_shape(image_shape)
        c, s, _ = image_shape
        p = params.patch_size
        if s % p:
            sizes = [q for q in MAEParams.__dataclass_fields__["patch_size"].metadata["choices"] if s % q == 0]
            raise ParamError(Words("patch size {p} does not divide the image side {s}; choose one of {sizes}", p=p,
                                   s=s, sizes=str(sizes)))
        for dim in (params.embed_dim, params.decoder_dim):
            if dim % params.heads:
                raise ParamError(Words("heads ({heads}) must divide the token widths ({dim})", heads=params.heads,
                                       dim=dim))
        self.grid = s // p
        n = self.grid * self.grid
        self.patch_embed = nn.Linear(p * p * c, params.embed_dim)
        self.register_buffer("pos", sincos_positions(self.grid, params.embed_dim)[None])  # (1, L, E)
        # The layers are attributes of the method itself (not of a ViT module): their names are the
        # checkpoints' tensor names, and their order the optimiser state's.
        self.encoder = transformer_blocks(params.embed_dim, params.heads, params.depth)
        self.encoder_norm = nn.LayerNorm(params.embed_dim)
        self.to_decoder = nn.Linear(params.embed_dim, params.decoder_dim)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, params.decoder_dim))
        nn.init.normal_(self.mask_token, std=0.02)
        self.register_buffer("decoder_pos", sincos_positions(self.grid, params.decoder_dim)[None])
        self.decoder = transformer_blocks(params.decoder_dim, params.heads, params.decoder_depth)
        self.decoder_norm = nn.LayerNorm(params.decoder_dim)
        self.to_pixels = nn.Linear(params.decoder_dim, p * p * c)
        self.n_patches = n

    # -- masking ----------------------------------------------------------------------------------
    def visible_count(self) -> int:
        return max(1, round(self.n_patches * (1 - self.params.mask_ratio)))

    def random_mask(self, b: int, device, generator: torch.Generator | None = None) -> torch.Tensor:
        """(B, L) float, 1 for a hidden patch: exactly L - visible_count() hidden in every image."""
        noise = torch.rand(b, self.n_patches, device=device, generator=generator)
        keep = noise.argsort(dim=1)[:, : self.visible_count()]
        mask = torch.ones(b, self.n_patches, device=device)
        mask.scatter_(1, keep, 0.0)
        return mask

    # -- forward ----------------------------------------------------------------------------------
    def encode_visible(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Tokens of the visible patches (B, V, E); every image must show the same number V."""
        tokens = self.patch_embed(patchify(x, self.params.patch_size)) + self.pos  # (B, L, E)
        h = keep_tokens(tokens, visible_indices(mask))  # (B, V, E)
        return self.encoder_norm(run_blocks(self.encoder, h))

    def predict(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Predicted pixels of every patch (B, L, p*p*C) from the visible ones."""
        h = self.to_decoder(self.encode_visible(x, mask))  # (B, V, Dd)
        full = among_mask_tokens(h, visible_indices(mask), self.mask_token, self.n_patches) + self.decoder_pos
        return self.to_pixels(self.decoder_norm(run_blocks(self.decoder, full)))  # (B, L, p*p*C)

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        x = batch.images
        mask = self.random_mask(x.shape[0], x.device, self.generator)
        pred = self.predict(x, mask)
        target = patchify(x, self.params.patch_size)
        return {"loss": masked_patch_loss(pred, target, mask, self.params.normalise_target)}

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """Mean of the encoder's tokens over all patches, none hidden."""
        mask = torch.zeros(x.shape[0], self.n_patches, device=x.device)
        return self.encode_visible(x, mask).mean(dim=1)

    # -- showing it -------------------------------------------------------------------------------
    def images_of(self, x: torch.Tensor, mask: torch.Tensor) -> dict[str, torch.Tensor]:
        """The masked input, the reconstruction, and the reconstruction with the visible patches pasted."""
        c, h, w = self.image_shape
        p = self.params.patch_size
        target = patchify(x, p)
        pred = self.predict(x, mask)
        if self.params.normalise_target:  # show pixels, not standardised units
            mean, std = target.mean(-1, keepdim=True), (target.var(-1, keepdim=True) + 1e-6).sqrt()
            pred = pred * std + mean
        m = mask[..., None]
        grey = torch.full_like(target, 0.5)
        return {
            "masked": unpatchify(target * (1 - m) + grey * m, p, c, h, w),
            "reconstruction": unpatchify(pred, p, c, h, w).clamp(0, 1),
            "reconstruction + visible": unpatchify(target * (1 - m) + pred * m, p, c, h, w).clamp(0, 1),
            "patch error": ((pred - target) ** 2).mean(-1) * mask,  # (B, L), hidden patches only
        }

    def fixed_mask(self, x: torch.Tensor) -> torch.Tensor:
        g = torch.Generator(device=x.device).manual_seed(1234)  # the same patches hidden at each refresh
        return self.random_mask(x.shape[0], x.device, g)

    def reconstruct(self, x: torch.Tensor) -> Reconstruction:
        out = self.images_of(x, self.fixed_mask(x))
        return Reconstruction(out["masked"], out["reconstruction"])

    def probe_rows(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> dict[str, torch.Tensor]:
        return {"reconstruction + visible": self.images_of(x, self.fixed_mask(x))["reconstruction + visible"]}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        mask = self.fixed_mask(x)
        err = self.images_of(x, mask)["patch error"].sum(0) / mask.sum(0).clamp(min=1)  # (L,)
        p = self.params.patch_size
        return [Heatmap("error of each hidden patch, mean over images", err.view(self.grid, self.grid).cpu().numpy(),
                        help="squared error of the reconstruction in each patch, where it was hidden"),
                Value("patches", Words("{n} of {p}x{p} pixels, {hidden} hidden", n=self.n_patches, p=p,
                                       hidden=self.n_patches - self.visible_count())),
                MaskGrid("hidden patches", figure_images(x), mask.view(-1, self.grid, self.grid).cpu().numpy(),
                         help="click patches to hide or show them; the reconstruction follows")]

    def interact(self, x: torch.Tensor, payload: dict[str, Any]) -> dict[str, Figure]:
        """An edit of the MaskGrid, {"image": i, "mask": grid x grid of 0/1}: image i reconstructed
        with exactly those patches hidden.

        Any number of hidden patches works here, as the images are reconstructed one at a time.
        """
        edited_figure(payload, MaskGrid)
        i = int(payload["image"])
        mask = torch.as_tensor(payload["mask"], dtype=torch.float32, device=x.device).reshape(1, self.n_patches)
        if not ((mask == 0) | (mask == 1)).all():
            raise ValueError("the mask must hold 0 (visible) or 1 (hidden) for each patch")
        if mask.sum() >= self.n_patches:
            raise ValueError("at least one patch must stay visible")
        out = self.images_of(x[i:i + 1], mask)
        shown = torch.cat([out["reconstruction"], out["reconstruction + visible"]])  # (2, C, H, W)
        return by_title(ImageGrid("with this mask", figure_images(shown), columns=2,
                                  captions=("reconstruction", "reconstruction + visible")))
