"""Vision-transformer pieces: patches, fixed 2-D positions, the pre-norm block, and the token
bookkeeping a masked encoder needs (keep the visible tokens; put them back among mask tokens).

Dosovitskiy et al., "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale", ICLR
2021: an image is cut into p x p patches, each flattened and linearly embedded, with a position
embedding added, and the tokens pass through transformer blocks. He et al., "Masked Autoencoders Are
Scalable Vision Learners", CVPR 2022 (engine/methods/masked/mae.py): "the encoder ... operates only on visible,
unmasked patches"; "the input to the MAE decoder is the full set of tokens consisting of (i) encoded
visible patches, and (ii) mask tokens", with positions added to all of them, and fixed sine-cosine
position embeddings.
"""

from __future__ import annotations

import torch
from torch import nn


class TransformerBlock(nn.Module):
    """Pre-norm transformer block: x + MHA(LN(x)), then x + MLP(LN(x))."""

    def __init__(self, dim: int, heads: int, mlp_ratio: float = 2.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, int(dim * mlp_ratio)), nn.GELU(), nn.Linear(int(dim * mlp_ratio), dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.norm1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]  # (B, L, dim)
        return x + self.mlp(self.norm2(x))


def transformer_blocks(dim: int, heads: int, depth: int) -> nn.ModuleList:
    """``depth`` pre-norm blocks of width ``dim``, applied in order by :func:`run_blocks`."""
    return nn.ModuleList(TransformerBlock(dim, heads) for _ in range(depth))


def run_blocks(blocks: nn.ModuleList, h: torch.Tensor) -> torch.Tensor:
    for block in blocks:
        h = block(h)  # (B, L, dim)
    return h


def patchify(x: torch.Tensor, p: int) -> torch.Tensor:
    """(B, C, H, W) -> (B, L, p*p*C) with L = (H/p) * (W/p) patches in row-major order."""
    b, c, h, w = x.shape
    x = x.reshape(b, c, h // p, p, w // p, p)  # (B, C, gh, p, gw, p)
    return x.permute(0, 2, 4, 3, 5, 1).reshape(b, (h // p) * (w // p), p * p * c)


def unpatchify(patches: torch.Tensor, p: int, c: int, h: int, w: int) -> torch.Tensor:
    """(B, L, p*p*C) -> (B, C, H, W), the inverse of :func:`patchify`."""
    b = patches.shape[0]
    x = patches.reshape(b, h // p, w // p, p, p, c)  # (B, gh, gw, p, p, C)
    return x.permute(0, 5, 1, 3, 2, 4).reshape(b, c, h, w)


def sincos_positions(grid: int, dim: int) -> torch.Tensor:
    """Fixed 2-D sine-cosine position embeddings (grid*grid, dim), as MAE uses: a quarter of the
    channels each for sin and cos of the row and of the column, at frequencies 1 / 10000^(k / (dim/4))."""
    ys, xs = torch.meshgrid(torch.arange(grid, dtype=torch.float32), torch.arange(grid, dtype=torch.float32),
                            indexing="ij")
    quarter = dim // 4
    freq = 1.0 / (10000 ** (torch.arange(quarter, dtype=torch.float32) / max(quarter, 1)))
    parts = []
    for coord in (ys.reshape(-1), xs.reshape(-1)):
        angles = coord[:, None] * freq[None, :]  # (L, dim/4)
        parts += [torch.sin(angles), torch.cos(angles)]
    pos = torch.cat(parts, dim=1)  # (L, 4 * (dim/4))
    return torch.nn.functional.pad(pos, (0, dim - pos.shape[1]))  # (L, dim)


def visible_indices(mask: torch.Tensor) -> torch.Tensor:
    """(B, L) mask, 1 for a hidden patch -> (B, V) indices of the visible patches, ascending.
    Every image must show the same number V of patches."""
    return (mask == 0).nonzero()[:, 1].view(mask.shape[0], -1)


def keep_tokens(tokens: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
    """(B, L, E) tokens, (B, V) indices -> (B, V, E): the tokens of the visible patches."""
    return torch.gather(tokens, 1, keep[..., None].expand(-1, -1, tokens.shape[-1]))


def among_mask_tokens(visible: torch.Tensor, keep: torch.Tensor, mask_token: torch.Tensor,
                      n_patches: int) -> torch.Tensor:
    """(B, V, D) visible tokens at (B, V) indices -> (B, L, D): the full sequence, with the shared
    (1, 1, D) mask token wherever a patch was hidden."""
    full = mask_token.expand(visible.shape[0], n_patches, -1).clone()  # (B, L, D)
    return full.scatter(1, keep[..., None].expand(-1, -1, full.shape[-1]), visible)
