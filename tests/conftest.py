"""Fixtures shared by every test folder: an isolated home for caches, data and config (autouse),
the checkout's paths, one run per fixture article; the rest as plugins, one job a module:

- fixtures/corpora.py: the fixture corpus (tests/data/articles) and its built index:
  ``articles``, ``write_corpus``, ``corpus``, ``built``, ``engine``, ``ids``, ``many_articles``,
  ``windows_1258``;
- fixtures/compare.py: a corpus for comparing wards, months, figures and people written two
  ways: ``compare_index``, ``compare_engine`` (and ``COMPARE_TEXTS``, ``build_compare``);
- fixtures/cli.py: the command line in and out of process: ``run_cli``, ``phuong``,
  ``phuong_args``;
- fixtures/hostile.py: the robustness tests' inputs and the indexes built from them once per
  session, shared by the engine, command-line and reader tests of one item: ``hostile`` and
  ``hostile_index``, ``evil`` and ``evil_index``, ``big_index``, ``damage_index``, ``unsafe``;
- fixtures/settings.py: ``write_config``, the test's own config.toml;
- fixtures/strategies.py: Hypothesis strategies of queries and of Vietnamese-like text;
- fixtures/browser.py: a headless Chromium tab over the DevTools protocol (``browser_page``,
  which reads what xterm.js shows) and ``stop_process``, for ``phuong serve``;
- fixtures/work.py: ``count_work``, what the engine did (documents unpickled, postings
  decoded), for bounds that hold on any machine where a time would not.

Helpers are factory fixtures (the fixture is the function); tests never import each other. The
plugins load as ``fixtures.*``: pytest puts this folder (not a package) on sys.path to import
this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = [
    "fixtures.corpora",
    "fixtures.cli",
    "fixtures.compare",
    "fixtures.hostile",
    "fixtures.settings",
    "fixtures.strategies",
    "fixtures.work",
    "fixtures.browser",
]

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test's caches, data and config file out of the user's real home (the config
    file, named by $PHUONG_CONFIG, does not exist until a test writes it)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("PHUONG_CONFIG", str(home / "config" / "phuong-reader" / "config.toml"))


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch):
    """Every test starts in an English locale, whatever the machine's (a test of the Vietnamese
    interface sets LANG itself), and leaves the interface in English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield
    from phuong_reader.tui.i18n import set_language

    set_language("en")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's root (bench/, tests/, the sources)."""
    return ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data: the fixture corpus, the gold set, the samples' expectations."""
    return DATA


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test with an ``article_id`` argument runs once per fixture article (the ids of the
    ``articles`` fixture, in its order)."""
    if "article_id" in metafunc.fixturenames:
        paths = sorted((DATA / "articles").glob("*.txt"))
        metafunc.parametrize("article_id", [p.stem for p in paths])
