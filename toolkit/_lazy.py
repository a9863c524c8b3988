"""A package's public names, imported from their modules when first used (PEP 562).

A process that needs one light module of the toolkit does not pay for the package's
public names: a report worker of a Dask cluster starts its kernel and exports notebooks
(nbformat, jupyter_client), and imported pandas and pandera only because ``toolkit``
names ``load_dataset`` (0.7 s of each worker's start, beside its kernel's).
"""

from __future__ import annotations

import importlib
import sys

__all__ = ["lazy_names"]


def lazy_names(package: str, names: dict[str, str]):
    """``__getattr__`` and ``__dir__`` for ``package``: each of ``names`` (name → the
    module, relative to the package, that defines it) is imported on first use and kept
    in the package."""

    def __getattr__(name: str):
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *names})

    return __getattr__, __dir__
