"""Reading input files: dataset tables and the importers of real-world exports."""

from .tables import RawTable, read_dataset, TABLE_NAMES

__all__ = ["RawTable", "read_dataset", "TABLE_NAMES"]
