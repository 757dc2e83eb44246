"""CycleGAN's networks and loss formulas, sized from the image: a translating generator, a patch
discriminator, the least-squares GAN losses and the cycle and identity losses.

Zhu, Park, Isola & Efros, "Unpaired Image-to-Image Translation using Cycle-Consistent Adversarial
Networks", ICCV 2017. The generator follows their appendix 7.2 (Johnson et al.'s ResNet generator):
c7s1-k, two stride-2 convolutions down, residual blocks, two fractional-strided convolutions up and
c7s1-C, with instance normalisation and reflection padding; at the app's small images (8-64 pixels) it
halves the side twice where the side allows (28 -> 14 -> 7, 8 -> 4), and its width, number of
residual blocks and of halvings are settings. The discriminator is their PatchGAN (Isola et al., CVPR
2017): strided 4x4 convolutions with LeakyReLU 0.2 and instance normalisation but on the first, then
a convolution to one score per patch, so that it judges the realism of each patch (about 18 pixels
across at 28x28) rather than of the whole image. Both networks take and give images in [0, 1], as the
rest of the app does.
"""

from __future__ import annotations

import torch
from torch import nn

from engine.nn.networks import check_image_shape

LEAK = 0.2  # the PatchGAN's LeakyReLU slope
MAX_PATCH_STAGES = 3  # the 70x70 PatchGAN's stride-2 convolutions


def _instance_norm(channels: int) -> nn.Module:
    # As in their code (InstanceNorm2d, affine=False, no running statistics): each image is normalised
    # by itself, in training and after, so no image's translation depends on the rest of its batch.
    return nn.InstanceNorm2d(channels)


def generator_halvings(side: int, most: int = 2) -> int:
    """How many times the generator halves an image of ``side``: up to ``most`` (the paper's 2), while
    the side is even and its half at least 4 (28 -> 14 -> 7: 2; 8 -> 4: 1; an odd side: 0)."""
    n = 0
    while n < most and side % 2 == 0 and side // 2 >= 4:
        side, n = side // 2, n + 1
    return n


class ResidualBlock(nn.Module):
    """x + (conv3x3 - IN - ReLU - conv3x3 - IN)(x), reflection-padded (their appendix: R256)."""

    def __init__(self, channels: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), _instance_norm(channels), nn.ReLU(True),
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), _instance_norm(channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


class TranslationGenerator(nn.Module):
    """(B, C, S, S) images of one domain in [0, 1] -> (B, C, S, S) images of the other, in [0, 1].

    c7s1-w, then per halving a 3x3 stride-2 convolution that doubles the channels, the residual blocks,
    and back up through 3x3 fractional-strided convolutions to c7s1-C. :meth:`encode` is its first half,
    (B, w * 2^h, S / 2^h, S / 2^h) for h = :func:`generator_halvings`. Two halvings (28 -> 7) let the
    residual blocks see the whole digit, so a change can reach across the image; with none, every output
    pixel depends on the input's neighbourhood only."""

    def __init__(self, image_shape: tuple[int, int, int], width: int = 16, residual_blocks: int = 2,
                 halvings: int = 2):
        super().__init__()
        check_image_shape(image_shape)
        c, side, _ = image_shape
        h = generator_halvings(side, halvings)
        widths = [width * 2**i for i in range(h + 1)]  # w, 2w, 4w: their d128, d256 after c7s1-64
        down: list[nn.Module] = []
        up: list[nn.Module] = []
        for a, b in zip(widths, widths[1:]):
            down += [nn.Conv2d(a, b, 3, stride=2, padding=1), _instance_norm(b), nn.ReLU(True)]
            up = [nn.ConvTranspose2d(b, a, 3, stride=2, padding=1, output_padding=1), _instance_norm(a),
                  nn.ReLU(True)] + up
        self.encoder = nn.Sequential(
            nn.ReflectionPad2d(3), nn.Conv2d(c, width, 7), _instance_norm(width), nn.ReLU(True), *down,
            *[ResidualBlock(widths[-1]) for _ in range(residual_blocks)])
        self.decoder = nn.Sequential(*up, nn.ReflectionPad2d(3), nn.Conv2d(width, c, 7))
        self.feature_channels = widths[-1]

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        return self.encoder(x * 2 - 1)  # (B, w * 2^h, S', S'), from images in [-1, 1] as the paper's

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (torch.tanh(self.decoder(self.encode(x))) + 1) / 2  # (B, C, S, S) in [0, 1]


def patch_stages(side: int) -> int:
    """Stride-2 convolutions of the PatchGAN for ``side``: halve while the side is even and the half at
    least 4, at most MAX_PATCH_STAGES (28 -> 14 -> 7: 2; 8 -> 4: 1; 32, 64: 3; an odd side: 0)."""
    stages = 0
    while side % 2 == 0 and side // 2 >= 4 and stages < MAX_PATCH_STAGES:
        side, stages = side // 2, stages + 1
    return stages


class PatchDiscriminator(nn.Module):
    """(B, C, S, S) images in [0, 1] -> (B, P) least-squares scores, one per patch (P = the side of the
    last map squared): near 1 where a patch looks real, near 0 where it looks translated."""

    def __init__(self, image_shape: tuple[int, int, int], width: int = 16):
        super().__init__()
        check_image_shape(image_shape)
        c, side, _ = image_shape
        stages = patch_stages(side)
        layers: list[nn.Module] = []
        ch = c
        for i in range(max(stages, 1)):
            nxt = width * 2 ** min(i, 2)
            # An odd side has no stride-2 stage: one 3x3 convolution at full size stands in for it.
            conv = nn.Conv2d(ch, nxt, 4, stride=2, padding=1) if stages else nn.Conv2d(ch, nxt, 3, padding=1)
            layers += [conv] + ([_instance_norm(nxt)] if i else []) + [nn.LeakyReLU(LEAK, True)]
            ch = nxt
        layers.append(nn.Conv2d(ch, 1, 3, padding=1))  # a score per patch, the map's side kept
        self.body = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x * 2 - 1).flatten(1)  # (B, P)


# -- the loss formulas ------------------------------------------------------------------------------
def _mean(t: torch.Tensor) -> torch.Tensor:
    """The mean of ``t``, 0 for an empty tensor (a batch that holds no image of one domain)."""
    return t.mean() if t.numel() else t.new_zeros(())


def least_squares_generator_loss(fake_scores: torch.Tensor) -> torch.Tensor:
    """E[(D(G(x)) - 1)^2]: the generator's least-squares GAN loss.

    Zhu et al. 2017, section 4 ("Training details"): "for L_GAN (Equation 1), we replace the negative log
    likelihood objective by a least-squares loss [Mao et al., ICCV 2017]. This loss is more stable during
    training and generates higher quality results. In particular, for a GAN loss L_GAN(G, D, X, Y), we
    train the G to minimize E_x[(D(G(x)) - 1)^2]". Scores are (B, P), a PatchGAN's per patch."""
    return _mean((fake_scores - 1) ** 2)


def least_squares_discriminator_loss(real_scores: torch.Tensor, fake_scores: torch.Tensor) -> torch.Tensor:
    """(E[(D(y) - 1)^2] + E[D(G(x))^2]) / 2: the discriminator's least-squares loss.

    Zhu et al. 2017, section 4: "and train the D to minimize E_y[(D(y) - 1)^2] + E_x[D(G(x))^2]"; "we
    divide the objective by 2 while optimizing D, which slows down the rate at which D learns, relative
    to the rate of G". A side with no image (an empty tensor) adds 0."""
    return 0.5 * (_mean((real_scores - 1) ** 2) + _mean(fake_scores ** 2))


def cycle_consistency_loss(a: torch.Tensor, a_cycled: torch.Tensor, b: torch.Tensor,
                           b_cycled: torch.Tensor) -> torch.Tensor:
    """E_a[||F(G(a)) - a||_1] + E_b[||G(F(b)) - b||_1], each the mean absolute error per pixel (their
    code's L1Loss), without its weight lambda.

    Zhu et al. 2017, eq. 2: "for each image x from domain X, the image translation cycle should be able to
    bring x back to the original image, i.e., x -> G(x) -> F(G(x)) ~ x", and the same for y; without it,
    "a network can map the same set of input images to any random permutation of images in the target
    domain, where any of the learned mappings can induce an output distribution that matches the target
    distribution" (section 3.2). A side with no image adds 0."""
    return _mean((a_cycled - a).abs()) + _mean((b_cycled - b).abs())


def identity_loss(a: torch.Tensor, f_of_a: torch.Tensor, b: torch.Tensor, g_of_b: torch.Tensor) -> torch.Tensor:
    """E_b[||G(b) - b||_1] + E_a[||F(a) - a||_1]: each generator, given an image of its own output domain,
    should leave it alone (Zhu et al. 2017, section 5.2, after Taigman et al., ICLR 2017; weighted
    0.5 * lambda there). It keeps colours and tints that the cycle alone lets a translation change."""
    return _mean((g_of_b - b).abs()) + _mean((f_of_a - a).abs())
