"""Reading input files: dataset tables and the importers of real-world exports."""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    from .tables import TABLE_NAMES, RawTable, read_dataset

__all__ = ["RawTable", "read_dataset", "TABLE_NAMES"]

# ``toolkit.io.files`` (atomic writes) is imported without pandas.
__getattr__, __dir__ = lazy_names(__name__, dict.fromkeys(__all__, ".tables"))
