"""A history of generated images for the discriminators: CycleGAN's image buffer.

Shrivastava, Pfister, Tuzel, Susskind, Wang & Webb, "Learning from Simulated and Unsupervised Images
through Adversarial Training", CVPR 2017, section 2.3: a discriminator trained only on the latest
generator's images "forgets" the earlier ones, and the generator can move back to them; "we update the
discriminator using a history of refined images, rather than only the ones in the current minibatch."
Zhu et al., ICCV 2017, section 4: "we update the discriminators using a history of generated images
rather than the ones produced by the latest generators. We keep an image buffer that stores the 50
previously created images."

The rule of the authors' code (util/image_pool.py of pytorch-CycleGAN-and-pix2pix): while the pool fills,
each new image goes in and is used; once it is full, each new image is used as it is with probability
1/2, and otherwise it takes the place of a stored image drawn at random, which is used instead.
"""

from __future__ import annotations

import torch


class ImagePool:
    """Up to ``size`` earlier generated images; ``size`` 0: every query returns its images unchanged."""

    def __init__(self, size: int = 50):
        self.size = int(size)
        self.images: list[torch.Tensor] = []  # each (C, H, W), detached

    def query(self, images: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """(B, C, H, W) new images -> (B, C, H, W) the images a discriminator is shown this step (detached).
        ``generator``: the run's own random numbers (on any device), so a seed gives the same run."""
        images = images.detach()
        if self.size <= 0 or len(images) == 0:
            return images
        device = generator.device if generator is not None else torch.device("cpu")
        coins = torch.rand(len(images), generator=generator, device=device).tolist()  # (B,)
        picks = torch.randint(self.size, (len(images),), generator=generator, device=device).tolist()  # (B,)
        out = []
        for image, coin, pick in zip(images, coins, picks):
            if len(self.images) < self.size:  # filling: keep it, and show it
                self.images.append(image.clone())
                out.append(image)
            elif coin < 0.5:  # the new one
                out.append(image)
            else:  # an old one, and the new one takes its place
                out.append(self.images[pick])
                self.images[pick] = image.clone()
        return torch.stack(out)

    def clear(self) -> None:
        self.images = []
