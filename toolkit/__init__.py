"""Evaluation toolkit for programmes implementing the Polish "Model współpracy".

The public surface is small: load a dataset, validate it, and produce reports.
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_names
from .errors import DataError, Problem, ReportError, ToolkitError, UsageError

if TYPE_CHECKING:
    from .dataset import Dataset, load_dataset
    from .validation import validate

__version__ = "0.1.0"

__all__ = [
    "Dataset",
    "load_dataset",
    "validate",
    "Problem",
    "ToolkitError",
    "DataError",
    "UsageError",
    "ReportError",
    "__version__",
]

# pandas and pandera come with the first of these, not with ``import toolkit``.
__getattr__, __dir__ = lazy_names(__name__, {
    "Dataset": ".dataset", "load_dataset": ".dataset", "validate": ".validation"})
