"""CycleGAN: two generators translate between two domains of unpaired images, each trained against a
discriminator of its target domain, and each must undo the other's translation.

Zhu, Park, Isola & Efros, "Unpaired Image-to-Image Translation using Cycle-Consistent Adversarial
Networks", ICCV 2017 (the method, its networks, lambda = 10, Adam with beta1 = 0.5); Mao, Li, Xie, Lau,
Wang & Smolley, "Least Squares Generative Adversarial Networks", ICCV 2017 (the GAN loss CycleGAN uses);
Taigman, Polyak & Wolf, ICLR 2017 (the identity loss).

G: A -> B and F: B -> A. D_B tells real images of B from G's translations, D_A real images of A from F's.
Each generator learns to fool its discriminator, with the least-squares loss the paper uses in place of
the log loss ("more stable during training"), and, weighted by lambda, to give back its input after a
round trip: |F(G(a)) - a|_1 + |G(F(b)) - b|_1. The GAN losses ask only that G(a) look like some image of
B; the cycle asks that it still hold what a held. With lambda = 0 nothing ties a translation to its
source (section 3.2: any permutation of the target images fits the target distribution as well), and
the translations may look like B and lose their class. An optional identity loss, |G(b) - b|_1 +
|F(a) - a|_1 weighted 0.5 * lambda in the paper, keeps a generator from changing what is already of its
output domain.

The data set holds both domains, its labels saying each image's domain (engine/data/domains.py), and
each batch is split by them. Two optimisers: "generator" over G and F together (the name lets Step G
move them alone), then "discriminators" over D_A and D_B, on the translations just made, as the
paper's code orders them, each discriminator shown translations drawn from a pool of the 50 latest
(engine/nn/image_pool.py; the pool is not saved in a checkpoint: a resumed run fills it again). The map
shows G's encoder, its first half; the class-kept measure is in engine/analysis/translation_quality.py,
and is drawn as a curve over the run's steps; the known-good settings are in assets/presets/cyclegan.toml.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from engine.data.batch import Batch
from engine.errors import DatasetError
from engine.figures import Curves, Figure, ImageGrid, Value
from engine.methods.adversarial.image_generator import adam_betas, frozen
from engine.methods.base import Method, figure_images
from engine.nn.image_pool import ImagePool
from engine.nn.cyclegan_nets import (
    PatchDiscriminator, TranslationGenerator, cycle_consistency_loss, identity_loss, least_squares_discriminator_loss,
    least_squares_generator_loss)
from engine.params import param
from engine.training.optimizers import Optimizers, make_optimizer
from engine.words import Words

GRID = 8  # images per domain in the Method view's round trips
CLASS_KEPT_IMAGES = 200  # held-out images of A the Method view's "class kept" translates
CLASS_KEPT_INTERVAL_S = 5.0  # measured again at most this often (the view asks twice a second)
PAIRS = "mnist5k_inverted, mnist5k_thick, mnist5k_rotated"
CLASS_KEPT_HELP = ("the share of 200 held-out images of A whose translation to B a classifier trained on B's images "
                   "puts in their own class: near 1 when translations keep what they show, near chance when they "
                   "do not")


@dataclass(frozen=True)
class CycleGANParams:
    width: int = param(8, low=4, high=128,
                       help="channels of each generator's first layer (twice as many at each halving of the image) "
                            "and of each discriminator's")
    halvings: int = param(2, low=0, high=2,
                          help="times each generator halves the image before its residual blocks (the paper: 2). At 2 "
                               "a change can reach across a whole digit, and without the cycle loss the translations "
                               "lose their class; at 1 or 0 each pixel follows its neighbourhood, which keeps the "
                               "class even without it")
    residual_blocks: int = param(2, low=0, high=9,
                                 help="residual blocks in the middle of each generator (the paper: 6 at 128x128, "
                                      "9 at 256x256)")
    cycle_lambda: float = param(10.0, low=0.0, high=100.0, live=True,
                                help="weight λ of the cycle-consistency loss |F(G(a)) − a| + |G(F(b)) − b| (the "
                                     "paper: 10); at 0 a translation need no longer correspond to its source")
    identity_share: float = param(0.0, low=0.0, high=2.0, live=True,
                                  help="weight of the identity loss |G(b) − b| + |F(a) − a| as a share of λ (the "
                                       "paper: 0.5, for paintings to photos; 0: off)")
    d_lr_scale: float = param(1.0, low=0.01, high=100.0, log=True,
                              help="the discriminators' learning rate as a multiple of the run's")
    pool_size: int = param(50, low=0, high=500,
                           help="earlier translations kept for the discriminators (the paper: 50); each step a "
                                "discriminator sees a new translation or, half the time once the pool is full, an "
                                "older one, so it does not forget what the generators made before. 0: only the "
                                "latest")


def not_two_domains(name: str, class_names: tuple[str, ...]) -> Words:
    return Words("CycleGAN translates between two domains of images, and {name} is not a pair of domains: its "
                 "labels are {n} classes ({names}). Choose {pairs}, or two folders as domains:PATH_A|PATH_B",
                 name=name, n=len(class_names), names=", ".join(map(str, class_names[:12])), pairs=PAIRS)


class CycleGAN(Method):
    name = "cyclegan"
    label = "CycleGAN"
    family = "adversarial"
    paper = "Zhu, Park, Isola & Efros, ICCV 2017; Mao et al., ICCV 2017"
    Params = CycleGANParams
    betas = (0.5, 0.999)  # section 4: "We use the Adam solver with a batch size of 1"; beta1 = 0.5 in their code

    def __init__(self, params: Any, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        sizes = (params.width, params.residual_blocks, params.halvings)
        self.g_ab = TranslationGenerator(image_shape, *sizes)  # G: A -> B
        self.g_ba = TranslationGenerator(image_shape, *sizes)  # F: B -> A
        self.d_a = PatchDiscriminator(image_shape, params.width)  # real A against F's translations
        self.d_b = PatchDiscriminator(image_shape, params.width)  # real B against G's translations
        self.pool_a, self.pool_b = ImagePool(params.pool_size), ImagePool(params.pool_size)  # F's, G's translations
        # Known once the run's data set is (use_dataset); not weights, so not in a checkpoint.
        self._reference: tuple[torch.Tensor, torch.Tensor] | None = None  # held-out images (N, C, H, W), domains (N,)
        self._class_kept: dict[str, Any] | None = None  # what the Method view's "class kept" is measured on

    # -- the data ------------------------------------------------------------------------------------
    def use_dataset(self, dataset, name: str) -> None:
        """The run's data set (on the training device), before the first step: a DatasetError unless it is two
        domains; its held-out images tell each figure image's domain, and where its images' classes are
        known, "class kept" is measured with the judge of B's classes when one is stored."""
        labels = torch.unique(dataset.train.labels)
        if len(dataset.class_names) != 2 or not set(labels.tolist()) <= {0, 1}:
            raise DatasetError(not_two_domains(name, dataset.class_names))
        self._reference = (dataset.heldout.images, dataset.heldout.labels)
        self._class_kept = None
        from engine.analysis.translation_quality import class_factor, sources_of_a, translation_judge

        if class_factor(dataset) is not None:
            images, classes = sources_of_a(dataset, CLASS_KEPT_IMAGES)
            self._class_kept = {"images": images, "classes": classes, "name": name, "at": -1e9, "steps": [],
                                "values": [], "judge": translation_judge(dataset, name, images.device, train=False)}

    def split_domains(self, batch: Batch) -> tuple[torch.Tensor, torch.Tensor]:
        """(images of A (n_A, C, H, W), images of B (n_B, C, H, W)) of a batch, by its labels (0: A, 1: B).
        A batch made by hand without labels (a test's) is A in its first half, B in the rest."""
        x, labels = batch.images, batch.labels
        if labels is None:
            half = (len(x) + 1) // 2
            return x[:half], x[half:]
        if labels.numel() and bool(((labels < 0) | (labels > 1)).any()):
            raise DatasetError(Words("CycleGAN translates between two domains (labels 0 for A, 1 for B), but this "
                                     "data set's labels go up to {top}. Choose {pairs}, or two folders as "
                                     "domains:PATH_A|PATH_B", top=int(labels.max()), pairs=PAIRS))
        return x[labels == 0], x[labels == 1]

    def domain_of(self, x: torch.Tensor) -> torch.Tensor | None:
        """(B,) the domain of each image of ``x`` (0: A, 1: B): that of the held-out image it is, the nearest
        in pixels (the views' images are held-out ones); None before the data set is known."""
        if self._reference is None or self._reference[0].shape[1:] != x.shape[1:]:
            return None
        images, domains = self._reference
        nearest = torch.cdist(x.flatten(1).float(), images.to(x.device).flatten(1)).argmin(1)  # (B,)
        return domains.to(x.device)[nearest]

    # -- the losses ----------------------------------------------------------------------------------
    @staticmethod
    def _run(net: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
        """``net(x)``; a batch without images of this domain stays empty (and costs nothing)."""
        return net(x) if len(x) else x

    def generator_terms(self, a: torch.Tensor, b: torch.Tensor):
        """(the generators' loss terms, F(b), G(a)) on images a of A and b of B; "loss" is their total."""
        lam, share = self.params.cycle_lambda, self.params.identity_share
        fake_b, fake_a = self._run(self.g_ab, a), self._run(self.g_ba, b)  # G(a), F(b)
        adv_ab = least_squares_generator_loss(self._run(self.d_b, fake_b))
        adv_ba = least_squares_generator_loss(self._run(self.d_a, fake_a))
        with nullcontext() if lam > 0 else torch.no_grad():  # at lambda 0 the cycle is measured, not trained
            cycle = cycle_consistency_loss(a, self._run(self.g_ba, fake_b), b, self._run(self.g_ab, fake_a))
        identity = (identity_loss(a, self._run(self.g_ba, a), b, self._run(self.g_ab, b)) if share > 0 and lam > 0
                    else cycle.new_zeros(()))
        loss = adv_ab + adv_ba + lam * cycle + share * lam * identity
        terms = {"loss": loss, "adversarial A→B": adv_ab, "adversarial B→A": adv_ba, "cycle": cycle,
                 "identity": identity}
        return terms, fake_a, fake_b

    def discriminator_loss(self, a: torch.Tensor, b: torch.Tensor, fake_a: torch.Tensor,
                           fake_b: torch.Tensor) -> torch.Tensor:
        """D_A's and D_B's least-squares losses together, on real images and (detached) translations."""
        total = a.new_zeros(())
        for d, real, fake in ((self.d_a, a, fake_a.detach()), (self.d_b, b, fake_b.detach())):
            # Real and translated images in one pass: instance norm scores each image by itself.
            scores = self._run(d, torch.cat([real, fake]))  # (n_real + n_fake, P)
            total = total + least_squares_discriminator_loss(scores[:len(real)], scores[len(real):])
        return total

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        """Every loss term of one batch, without an update ("loss": the generators' total)."""
        a, b = self.split_domains(batch)
        terms, fake_a, fake_b = self.generator_terms(a, b)
        return {**terms, "discriminators": self.discriminator_loss(a, b, fake_a, fake_b)}

    def optimization_step(self, batch: Batch, optimizers: Optimizers) -> dict[str, torch.Tensor]:
        """One update of G and F together, then one of D_A and D_B on the translations made for it.

        The discriminators are frozen during the generators' update (their gradients would never be
        stepped: their own update zeroes them first); the gradient still flows through them into G and F."""
        a, b = self.split_domains(batch)
        with frozen(self.d_a), frozen(self.d_b):
            terms, fake_a, fake_b = self.generator_terms(a, b)
            optimizers.step("generator", terms["loss"])
        if optimizers.updates_now("discriminators"):  # (not Step G: its translations are not shown to them)
            fake_a, fake_b = self.pool_a.query(fake_a, self.generator), self.pool_b.query(fake_b, self.generator)
        d_loss = self.discriminator_loss(a, b, fake_a, fake_b)
        optimizers.step("discriminators", d_loss)
        return {**{k: v.detach() for k, v in terms.items()}, "discriminators": d_loss.detach()}

    def configure_optimizers(self, settings: Any) -> dict[str, torch.optim.Optimizer]:
        options = adam_betas(settings, self.betas)
        generators = [*self.g_ab.parameters(), *self.g_ba.parameters()]
        discriminators = [*self.d_a.parameters(), *self.d_b.parameters()]
        return {"generator": make_optimizer(settings, generators, **options),
                "discriminators": make_optimizer(settings, discriminators, lr_scale=self.params.d_lr_scale, **options)}

    # -- what the app shows ----------------------------------------------------------------------------
    def a_to_b(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) images of A -> G's translations to B, in [0, 1]."""
        return self.g_ab(x)

    def b_to_a(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) images of B -> F's translations to A, in [0, 1]."""
        return self.g_ba(x)

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, 4 * K): G's encoder, the first half of the translation A -> B, its K feature
        maps averaged over each quarter of the image (so the map keeps a coarse layout)."""
        h = self.g_ab.encode(x)  # (B, K, S', S')
        return F.adaptive_avg_pool2d(h, 2).flatten(1)  # (B, K * 4)

    def probe_rows(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> dict[str, torch.Tensor]:
        """Under the held-out images, each translated to the other domain and back (A -> B -> A for an image
        of A, B -> A -> B for one of B). Before the data set is known, both translations of every image."""
        domain = self.domain_of(x)
        if domain is None:
            return {"G: A→B": self.g_ab(x), "F: B→A": self.g_ba(x)}
        of_b = (domain == 1)[:, None, None, None]  # (B, 1, 1, 1)
        there = torch.where(of_b, self.g_ba(x), self.g_ab(x))  # (B, C, H, W)
        back = torch.where(of_b, self.g_ab(there), self.g_ba(there))
        return {"translated": there, "translated back": back}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        """Round trips of GRID held-out images of each domain, and the share of translations that keep their
        class (when the data set knows its images' classes)."""
        domain = self.domain_of(x)
        a = x[:GRID] if domain is None or not (domain == 0).any() else x[domain == 0][:GRID]
        b = x[:GRID] if domain is None or not (domain == 1).any() else x[domain == 1][:GRID]
        return [
            ImageGrid("A → B → A", round_trip(a, self.g_ab, self.g_ba), columns=len(a),
                      help="top row: held-out images of A; middle: G's translations to B; bottom: F's translations "
                           "of those back to A. Without the cycle loss the bottom row need not match the top"),
            ImageGrid("B → A → B", round_trip(b, self.g_ba, self.g_ab), columns=len(b),
                      help="top row: held-out images of B; middle: F's translations to A; bottom: G's translations "
                           "of those back to B"),
        ] + self._class_kept_figures()

    def after_step(self, step: int) -> None:
        self._steps_taken = step + 1  # the step the class-kept curve is drawn at (the trainer counts them)

    def _class_kept_figures(self) -> list[Figure]:
        kept = self._class_kept
        if kept is None:
            return []
        if kept["judge"] is None:
            why = Words("not measured: no classifier of domain B's classes is stored yet; `python main.py judge "
                        "{name}` trains one (about 25 s) for the next run", name=kept["name"])
            return [Value("class kept, A → B", why, help=CLASS_KEPT_HELP)]
        now, step = time.monotonic(), getattr(self, "_steps_taken", 0)
        if (not kept["steps"] or kept["steps"][-1] != step) and now - kept["at"] >= CLASS_KEPT_INTERVAL_S:
            from engine.analysis.generative_quality import class_kept

            translated = self.g_ab(kept["images"]).float().cpu()  # (n, C, H, W)
            kept["steps"].append(step)
            kept["values"].append(round(class_kept(translated, kept["classes"], kept["judge"]), 3))
            kept["at"] = now
        chance = 1 / max(2, kept["judge"].n_classes)  # a translation that kept nothing: the classifier guesses
        return [Value("class kept, A → B", kept["values"][-1], help=CLASS_KEPT_HELP),
                Curves("class kept over training", kept["steps"], [kept["values"]], series=("A → B",),
                       references=[chance], reference_label="chance", axis="share kept", help=CLASS_KEPT_HELP)]


def round_trip(x: torch.Tensor, there: torch.nn.Module, back: torch.nn.Module) -> np.ndarray:
    """(n, C, H, W) images -> (3n, H, W, C): the images, their translations, and those translated back,
    a row each."""
    moved = there(x)  # (n, C, H, W)
    return figure_images(torch.cat([x, moved, back(moved)]))  # (3n, H, W, C)
