"""The in-process runner: a daemon thread inside ``propcore serve``."""

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

STOP_WAIT = 30


class InProcessRunner:
    """Calls ``tick`` at start and then every ``seconds``, until stopped.

    An error in one tick is logged and the next tick comes all the same.
    """

    def __init__(self, tick: Callable[[], object], seconds: float) -> None:
        self._tick = tick
        self._seconds = seconds
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._loop, name="propcore-jobs", daemon=True
        )
        self._thread.start()
        log.info("in-process job runner ticking every %s s", self._seconds)

    def stop(self) -> None:
        """Ask the thread to stop and wait for the tick in progress, if any
        (at most ``STOP_WAIT`` seconds: the thread is a daemon)."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(STOP_WAIT)
            self._thread = None

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self._tick()
            except Exception:  # a broken tick must not end the runner
                log.exception("periodic jobs tick failed")
            self._stopping.wait(self._seconds)
