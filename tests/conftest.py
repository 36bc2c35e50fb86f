"""Shared fixtures: an isolated home for caches, a fixture corpus and its built index."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_corpus
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test's caches and data out of the user's real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def built(corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(corpus, index_dir) with the index built."""
    index_dir = tmp_path / "index"
    update_index(corpus, index_dir)
    return corpus, index_dir


@pytest.fixture
def engine(built: tuple[Path, Path]) -> SearchEngine:
    return SearchEngine(built[1])
