"""A kernel client that is ready as soon as the kernel has answered, not 0.2 s later.

``jupyter_client``'s ``wait_for_ready`` ends by reading IOPub until it has been quiet for
0.2 s. A report worker connects a client to its kernel twice per gmina (the namespace
reset, then papermill), so that wait was 0.4 s of an idle core per report. This client
asks for ``kernel_info`` and is ready when the reply has come on the shell channel and the
kernel's *idle* status for that same request has come on IOPub: IOPub is then connected
and everything the kernel published before has been received (a kernel publishes its
messages in order), which is what the quiet period stood for.

The clients of a worker share one ZeroMQ context (each ``jupyter_client`` client makes
its own, with an I/O thread), and the worker stops, after each notebook, the channels of
the client papermill opened: nbclient leaves them open when it does not own the kernel
manager (:func:`stop_open_clients`). Before, each report left a worker 10 more open
files and 3 more threads: ≈ 12 000 files for the 1 240 reports of each worker in a run
of every gmina of Poland.
"""

from __future__ import annotations

import time
import weakref
from queue import Empty

import zmq
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_core.utils import ensure_async, run_sync

__all__ = ["QuickKernelClient", "stop_open_clients"]

_OPEN: weakref.WeakSet = weakref.WeakSet()  # clients whose channels were started

_IOPUB_WAIT = 0.5  # seconds for the idle status before asking again (IOPub not yet joined)


def _reply_to(msg: dict, msg_id: str) -> bool:
    return msg.get("parent_header", {}).get("msg_id") == msg_id


def stop_open_clients() -> None:
    """Stop the channels of every :class:`QuickKernelClient` still running them (those a
    caller opened and left open: nbclient's for a kernel it does not own)."""
    for client in list(_OPEN):
        if client.channels_running:
            client.stop_channels()
    _OPEN.clear()


class QuickKernelClient(BlockingKernelClient):
    """A blocking kernel client whose :meth:`wait_for_ready` waits for answers, not silence,
    on the process's one ZeroMQ context."""

    def _context_default(self) -> zmq.Context:
        return zmq.Context.instance()

    def start_channels(self, *args, **kwargs) -> None:
        super().start_channels(*args, **kwargs)
        _OPEN.add(self)

    async def _async_wait_until_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            msg_id = self.kernel_info()
            reply = await self._answer(self.shell_channel, msg_id, "kernel_info_reply", 1.0)
            if reply is not None and await self._answer(self.iopub_channel, msg_id, "status",
                                                        _IOPUB_WAIT, state="idle"):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    @staticmethod
    async def _answer(channel, msg_id: str, msg_type: str, wait: float,
                      state: str | None = None) -> dict | None:
        """The first message of ``msg_type`` on ``channel`` in answer to ``msg_id`` (and in
        ``state``), read within ``wait`` seconds; earlier messages are dropped."""
        end = time.monotonic() + wait
        while (left := end - time.monotonic()) > 0:
            try:
                msg = await ensure_async(channel.get_msg(timeout=left))
            except Empty:
                return None
            if (msg["msg_type"] == msg_type and _reply_to(msg, msg_id)
                    and (state is None or msg["content"].get("execution_state") == state)):
                return msg
        return None

    wait_for_ready = run_sync(_async_wait_until_ready)
