"""The linter and the type checker, pinned in pyproject.toml and configured there, find nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sites import PROJECT

BIN = Path(sys.executable).parent


def test_ruff_finds_nothing():
    result = subprocess.run([BIN / "ruff", "check", "--no-cache", "."], capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted_as_ruff_formats_it():
    result = subprocess.run(
        [BIN / "ruff", "format", "--check", "--no-cache", "."], capture_output=True, text=True, cwd=PROJECT
    )
    assert result.returncode == 0, "run `.venv/bin/ruff format .`: " + result.stdout + result.stderr


def test_mypy_finds_nothing():
    """Strict on content/ and site/, the default checks elsewhere (pyproject.toml). Its cache (.mypy_cache/)
    makes a run after a small change take a few seconds."""
    result = subprocess.run([BIN / "mypy"], capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
