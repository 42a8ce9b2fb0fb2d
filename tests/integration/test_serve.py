"""What ``make run`` does: demo into an empty database, then serve it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROPCORE = [sys.executable, "-m", "propcore_bootstrap"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def start(*args: str, env: dict, cwd: Path) -> subprocess.Popen:
    """The ``propcore`` command in the background, its log in ``stderr``."""
    return subprocess.Popen(
        [*PROPCORE, *args], cwd=cwd, env=env, stderr=subprocess.PIPE, text=True
    )


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def test_the_demo_is_served_in_chinese_on_a_fresh_database(tmp_path: Path):
    env = dict(os.environ, PROPCORE_DATABASE_URL=f"sqlite:///{tmp_path / 'p.db'}")
    port = _free_port()
    demo = subprocess.run(
        [*PROPCORE, "demo", "--if-empty"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    again = subprocess.run(
        [*PROPCORE, "demo", "--if-empty"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    server = start("serve", "--port", str(port), env=env, cwd=tmp_path)
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", server)

        status, login_page = _get(f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        server.wait(timeout=20)

    assert demo.returncode == 0, demo.stderr
    assert "300 units" in demo.stdout
    assert "admin / propcore-demo" in demo.stdout
    assert "not loaded" in again.stdout
    assert status == 200
    assert '<html lang="zh-CN">' in login_page
    assert "登录" in login_page
