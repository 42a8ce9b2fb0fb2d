"""On SQLite, ``propcore serve`` runs the periodic jobs itself."""

import os
import threading
import time
from pathlib import Path

from propcore_jobs.thread import InProcessRunner
from tests.integration.jobs_world import (
    PURGED,
    WAIT,
    runs_and_sessions,
    store_expired_session,
)
from tests.integration.test_serve import _free_port, _wait_for, start


def test_serve_on_sqlite_purges_expired_sessions_by_itself(sqlite_url, tmp_path: Path):
    store_expired_session(sqlite_url)
    env = dict(
        os.environ, PROPCORE_DATABASE_URL=sqlite_url, PROPCORE_JOBS_TICK_SECONDS="1"
    )
    port = _free_port()
    server = start("serve", "--port", str(port), env=env, cwd=tmp_path)
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", server)
        runs, left = _wait_for_runs(sqlite_url)
    finally:
        server.terminate()
        _, log = server.communicate(timeout=20)

    assert PURGED in runs
    assert left == 0
    assert "Application shutdown complete" in log
    assert "Traceback" not in log


def _wait_for_runs(database_url: str) -> tuple[list[tuple], int]:
    deadline = time.monotonic() + WAIT.total_seconds()
    while time.monotonic() < deadline:
        runs, left = runs_and_sessions(database_url)
        if PURGED in runs:
            return runs, left
        time.sleep(0.2)
    return runs, left


def test_the_runner_ticks_at_once_then_on_its_beat_and_stops_cleanly():
    ticks: list[float] = []
    runner = InProcessRunner(lambda: ticks.append(time.monotonic()), seconds=0.05)

    runner.start()
    time.sleep(0.3)
    runner.stop()
    count = len(ticks)
    time.sleep(0.1)

    assert count >= 3
    assert len(ticks) == count
    assert not any(t.name == "propcore-jobs" for t in threading.enumerate())


def test_a_failing_tick_does_not_end_the_runner():
    ticks: list[int] = []

    def tick() -> None:
        ticks.append(1)
        raise OSError("database away")

    runner = InProcessRunner(tick, seconds=0.02)
    runner.start()
    time.sleep(0.2)
    runner.stop()

    assert len(ticks) >= 2
