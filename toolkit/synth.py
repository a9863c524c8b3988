"""Fictitious but valid datasets: the public names of :mod:`toolkit.examples`.

Kept for existing callers (``from toolkit.synth import synthesize``). The generators live
in :mod:`toolkit.examples`: :func:`synthesize` (any number of gminas,
:mod:`toolkit.examples.synthetic`), :func:`demo_dataset` (the shipped demo,
:mod:`toolkit.examples.demo`) and :func:`write_dataset` (a dataset folder,
:mod:`toolkit.examples._build`). Nothing in :mod:`toolkit.examples` imports this module.
"""

from __future__ import annotations

from .examples import demo_dataset, synthesize, write_dataset

__all__ = ["demo_dataset", "synthesize", "write_dataset"]
