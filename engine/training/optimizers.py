"""A run's optimisers: one or several, by name, as the method configures them, each stepped through the
guard.

``Method.configure_optimizers(settings)`` names them (by default one, "model", over every parameter,
made from the run's settings); ``Method.optimization_step(batch, optimizers)`` decides which step when
(a GAN's critic k times, then its generator) by calling :meth:`Optimizers.step`. That call is the
guard's hook: a non-finite loss raises :class:`NonFiniteLoss` before its update is taken, and each
update's gradient norm is kept for the guard's divergence check.

To the checkpoint, the guard and live settings the set looks like one torch optimiser: ``state_dict``
of a single optimiser is that optimiser's own (so checkpoints keep their format), and that of several
is their param groups and states one after the other, each group tagged with its optimiser's name.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

import torch

LR_SCALE = "lr_scale"  # a param group's learning rate is the run's times this (default 1)
GENERATOR = "generator"  # the optimiser of a GAN's generator: a single step can update its side alone
PLAYERS = (GENERATOR, "discriminator")  # the sides a single step may train alone
_NAME = "optimizer"  # the tag of a group in the state of several optimisers


class NonFiniteLoss(Exception):
    """The loss handed to :meth:`Optimizers.step` is NaN or infinite; its update was not taken."""

    def __init__(self, name: str):
        super().__init__(f"the loss of the optimiser '{name}' is not finite")
        self.name = name


def make_optimizer(settings: Any, parameters: Iterable[torch.nn.Parameter], lr_scale: float = 1.0,
                   **options: Any) -> torch.optim.Optimizer:
    """The run's kind of optimiser (``settings.optimizer``: adam, adamw or sgd) over ``parameters``.

    ``lr_scale`` keeps this optimiser's learning rate a multiple of the run's, also when the user
    changes it live (a discriminator that learns 4 times faster than its generator); ``options`` go
    to torch's constructor (e.g. ``betas=(0.0, 0.9)``)."""
    params: Any = parameters if lr_scale == 1.0 else [{"params": list(parameters), LR_SCALE: lr_scale}]
    lr, wd = settings.lr * lr_scale, settings.weight_decay
    if settings.optimizer == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=wd, **options)
    if settings.optimizer == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=wd, **options)
    return torch.optim.SGD(params, lr=lr, momentum=options.pop("momentum", settings.momentum), weight_decay=wd,
                           **options)


def total_norm(tensors: Iterable[torch.Tensor]) -> torch.Tensor:
    """The L2 norm of all the tensors together, as a 0-dim tensor on their device (no host sync)."""
    tensors = [t.detach() for t in tensors]
    if not tensors:
        return torch.zeros(())
    return torch.linalg.vector_norm(torch.stack(torch._foreach_norm(tensors)))


class Optimizers:
    """The named optimisers of one method, in the order it configured them."""

    def __init__(self, optimizers: dict[str, torch.optim.Optimizer]):
        if not optimizers:
            raise ValueError("a method must configure at least one optimiser")
        self._by_name = dict(optimizers)
        # The players that update in this step (a GAN's discriminator stepped alone, as GAN Lab does);
        # None: all. An update of another is skipped whole (no backward, no step).
        self.only: frozenset[str] | None = None
        self.updates = 0  # updates taken in the current training step
        self._grad_norms: list[torch.Tensor] = []

    def __getitem__(self, name: str) -> torch.optim.Optimizer:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def items(self):
        return self._by_name.items()

    # -- the guarded step -------------------------------------------------------------------------
    def step(self, name: str, loss: torch.Tensor) -> None:
        """One update of the optimiser ``name`` on ``loss``: zero its gradients, backward, step.

        One host sync per update, so that the update that would spoil the weights is never taken (a
        few microseconds on a CPU, where every op is synchronous anyway)."""
        if not self.updates_now(name):
            return
        if not bool(torch.isfinite(loss.detach())):
            raise NonFiniteLoss(name)
        optimizer = self._by_name[name]
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        grads = [p.grad for g in optimizer.param_groups for p in g["params"] if p.grad is not None]
        self._grad_norms.append(total_norm(grads))  # on the device: the guard reads it at its check
        optimizer.step()
        self.updates += 1

    def updates_now(self, name: str) -> bool:
        """Whether the optimiser ``name`` updates in this step (not when the other player steps alone)."""
        return self.only is None or name in self.only

    def begin_step(self, player: str = "") -> None:
        """A new training step; ``player`` "generator" or "discriminator" lets only that side of a GAN
        update in it (the discriminator's side: every optimiser but the generator's, a WGAN's critic).
        A method without a "generator" optimiser trains whole whatever ``player`` says."""
        self.updates = 0
        self._grad_norms.clear()
        self.only = None
        if player in PLAYERS and GENERATOR in self._by_name:
            self.only = frozenset({GENERATOR}) if player == GENERATOR else frozenset(self._by_name) - {GENERATOR}

    def grad_norm(self) -> torch.Tensor:
        """The largest gradient norm of the step's updates (0-dim, on the device): a spike in any shows."""
        if not self._grad_norms:
            return torch.zeros(())
        if len(self._grad_norms) == 1:
            return self._grad_norms[0]
        return torch.stack([n.to(self._grad_norms[0].device) for n in self._grad_norms]).max()

    def zero_grad(self) -> None:
        for optimizer in self._by_name.values():
            optimizer.zero_grad(set_to_none=True)

    def apply(self, settings: Any) -> None:
        """The run's live settings (learning rate, weight decay) into every group, each lr scaled."""
        for group in self.param_groups:
            group["lr"] = settings.lr * group.get(LR_SCALE, 1.0)
            group["weight_decay"] = settings.weight_decay

    # -- what a torch optimiser offers the checkpoint and the guard -------------------------------
    @property
    def param_groups(self) -> list[dict[str, Any]]:
        return [g for optimizer in self._by_name.values() for g in optimizer.param_groups]

    @property
    def state(self) -> dict[torch.Tensor, dict[str, Any]]:
        return {p: s for optimizer in self._by_name.values() for p, s in optimizer.state.items()}

    def state_dict(self) -> dict[str, Any]:
        if len(self._by_name) == 1:
            return next(iter(self._by_name.values())).state_dict()
        state: dict[int, Any] = {}
        groups: list[dict[str, Any]] = []
        offset = 0
        for name, optimizer in self._by_name.items():
            own = optimizer.state_dict()
            for index, entry in own["state"].items():
                state[int(index) + offset] = entry
            for g in own["param_groups"]:
                groups.append({**g, "params": [int(i) + offset for i in g["params"]], _NAME: name})
            offset += sum(len(g["params"]) for g in own["param_groups"])
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Load a state of :meth:`state_dict`'s form; a ValueError when it is of other optimisers."""
        if len(self._by_name) == 1:
            next(iter(self._by_name.values())).load_state_dict(state)
            return
        groups = state["param_groups"]
        saved = [g.get(_NAME) for g in groups]
        expected = [name for name, optimizer in self._by_name.items() for _ in optimizer.param_groups]
        if saved != expected:
            raise ValueError(f"the saved optimisers are {_names(saved)}, but this method has {_names(expected)}")
        first = offset = 0
        for optimizer in self._by_name.values():
            own = groups[first:first + len(optimizer.param_groups)]
            first += len(own)
            n = sum(len(g["params"]) for g in own)
            optimizer.load_state_dict({
                "state": {int(i) - offset: s for i, s in state["state"].items() if offset <= int(i) < offset + n},
                "param_groups": [{**{k: v for k, v in g.items() if k != _NAME},
                                  "params": [int(i) - offset for i in g["params"]]} for g in own],
            })
            offset += n


def _names(tags: list) -> str:
    return ", ".join(dict.fromkeys(str(t) for t in tags)) or "none"
