"""Table schemas (pandera) and cross-table rules: every problem of a dataset in one pass.

The schemas are the single declaration of SPEC §2 (:mod:`~toolkit.validation.schemas`);
each table is parsed and checked against its schema (:mod:`~toolkit.validation.tables`),
then the rules across tables run on the typed frames
(:mod:`~toolkit.validation.cross_table`, :mod:`~toolkit.validation.scale_rules`).
Every finding becomes a :class:`~toolkit.errors.Problem` located at ``FILE:LINE:COLUMN``;
:func:`check_dataset` and :func:`validate` (:mod:`~toolkit.validation.check`) are the
entry points.
"""

from .check import check_dataset, validate
from .schemas import SCHEMAS, TABLE_KEYS

__all__ = ["SCHEMAS", "TABLE_KEYS", "check_dataset", "validate"]
