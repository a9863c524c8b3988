"""What a report worker's kernel runs before each notebook (:mod:`toolkit.report.worker`).

The kernel is started once per worker and reused; this module prepares it, in the kernel
itself, for the notebooks that follow. It changes nothing a notebook shows.
"""

from __future__ import annotations

import gc
import sys

__all__ = ["prepare"]


def prepare() -> None:
    """Freeze what the kernel keeps, and flush output streams only when they hold output.

    Called after ``%reset -f`` (and once after the warm-up's imports): what is left then
    (the libraries imported, their caches) is frozen out of the garbage collector's sight
    (:func:`gc.freeze`), so that its collections go over what the notebooks make, not over
    pandas', matplotlib's and scipy's objects again each time (``%reset`` took 0.14 s per
    report, a full collection most of it; then 0.06 s).
    """
    gc.freeze()
    _flush_only_pending_streams()


def _flush_only_pending_streams() -> None:
    """Before each display the kernel flushes stdout and stderr, so that what was printed
    comes first; a flush waits for a round trip to the kernel's I/O thread even when
    nothing was written (a report displays ≈ 60 blocks: ≈ 120 of its ≈ 190 waits; all of
    them took 0.08 s per report, profiled in the kernel). Here a stream is flushed only
    when it has output waiting (ipykernel's own flag, set by each write until the I/O
    thread sends it); a stream without that flag is always flushed.

    The order of what a notebook shows stays the same: what is waiting is still flushed
    first, and whatever the I/O thread is already sending goes out before the display,
    which is sent through the same thread.
    """
    from IPython import get_ipython

    shell = get_ipython()
    publisher = getattr(shell, "display_pub", None)
    if publisher is None or not hasattr(publisher, "_flush_streams"):
        return

    def flush_streams() -> None:
        for stream in (sys.stdout, sys.stderr):
            if (getattr(stream, "_flush_pending", True)
                    or getattr(stream, "_subprocess_flush_pending", False)):
                stream.flush()

    publisher._flush_streams = flush_streams
