"""Every Python file in examples/ runs."""

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").rglob("*.py"))


def test_there_are_examples():
    assert EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_example_runs(example: Path, tmp_path: Path):
    result = subprocess.run(
        [sys.executable, str(example)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


@pytest.mark.postgres
def test_the_embedding_example_runs_on_postgresql(postgres_url: str, tmp_path: Path):
    example = next(p for p in EXAMPLES if p.name == "embed.py")

    result = subprocess.run(
        [sys.executable, str(example), postgres_url],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "1-301: self_occupied, 陈静" in result.stdout
