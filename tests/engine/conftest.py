"""The engine tests' own fixtures: the bundled samples' expectations and the benchmark's corpus
generator (bench/make_corpus.py, loaded from its file: bench/ is not a package of the install)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


def _sample_expectations() -> dict[str, dict[str, Any]]:
    return json.loads((DATA / "sample_expectations.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def sample_expectations() -> dict[str, dict[str, Any]]:
    """What the author of each bundled sample wrote down about it, by article id."""
    return _sample_expectations()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test with a ``sample_id`` argument runs once per bundled sample."""
    if "sample_id" in metafunc.fixturenames:
        metafunc.parametrize("sample_id", sorted(_sample_expectations()))


@pytest.fixture(scope="session")
def corpus_generator(repo_root: Path) -> ModuleType:
    """bench/make_corpus.py as a module (registered under a name of its own while the session
    lasts: dataclasses look their module up in sys.modules)."""
    name = "bench_make_corpus_under_test"
    spec = importlib.util.spec_from_file_location(name, repo_root / "bench" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
