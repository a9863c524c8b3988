"""Evaluation toolkit for programmes implementing the Polish "Model współpracy".

The public surface is small: load a dataset, validate it, and produce reports.
"""

from .dataset import Dataset, load_dataset
from .errors import DataError, Problem, ReportError, ToolkitError, UsageError
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
