"""The benchmark's reader timing (bench/reader_timing.py) and the result contract it feeds
(bench/run.py --check): the figures are there, of the right kind and in a possible order. No
speed is asserted: the figures are whatever this machine gives."""

from __future__ import annotations

import importlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

KEYS = "tan s"  # the space leaves the query as it is: typed, not timed
TIMED = ["t", "ta", "tan", "tan s"]


@pytest.fixture
def bench(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, ModuleType]:
    """bench/reader_timing.py and bench/run.py as modules (bench/ is not installed)."""
    monkeypatch.syspath_prepend(str(repo_root))
    return {name: importlib.import_module(f"bench.{name}") for name in ("reader_timing", "run")}


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def test_reader_timing_reports_every_figure_and_the_contract_takes_them(
    bench: dict[str, ModuleType],
    built: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    repo_root: Path,
) -> None:
    out = tmp_path / "reader.json"
    assert bench["reader_timing"].main([str(built[1]), "--keys", KEYS, "--out", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    result = json.loads(out.read_text("utf-8"))
    assert printed == result
    assert "error" not in result, result["error"]

    for key in ("startup_ms", "import_ms", "frames_per_key", "peak_rss_mb"):
        assert _number(result[key]), key
    assert result["import_ms"] <= result["startup_ms"]  # the imports come before any frame
    # The reader's own peak, taken before the engine is timed on a second SearchEngine.
    assert 0 < result["peak_rss_mb"] <= result["peak_rss_with_engine_mb"]
    assert set(result["memory_mb"]) >= {"rss", "anon", "file"}
    assert result["memory_mb"]["anon"] <= result["memory_mb"]["rss"] <= result["peak_rss_mb"]
    keystroke, engine = result["keystroke_ms"], result["engine_ms"]
    assert set(keystroke) == {"p50", "p95", "max"} and set(engine) == {"p50", "p95"}
    assert all(_number(v) for v in [*keystroke.values(), *engine.values()])
    assert keystroke["p50"] <= keystroke["p95"] <= keystroke["max"]
    assert engine["p50"] <= engine["p95"]

    assert result["keys"] == TIMED
    for raw in ("keystroke_raw", "engine_raw", "frames_raw"):
        assert len(result[raw]) == len(TIMED) and all(_number(v) for v in result[raw]), raw
    assert all(frames >= 1 for frames in result["frames_raw"])  # the frame that shows them
    assert max(result["keystroke_raw"]) == pytest.approx(keystroke["max"], abs=0.1)

    run = bench["run"]
    old = json.loads((repo_root / "bench" / "results" / "100k-bca6c97.json").read_text("utf-8"))
    assert run.check_contract(old) == []  # a result from before these figures still validates
    new = old | {"ours": old["ours"] | {k: result[r] for k, r in run.READER_FIGURES.items()}}
    assert run.check_contract(new) == []
    untimed = old | {"ours": old["ours"] | dict.fromkeys(run.READER_FIGURES)}
    assert run.check_contract(untimed) == []  # the reader could not be timed: nulls
    half = old | {"ours": old["ours"] | {"keystroke_ms": keystroke}}
    assert run.check_contract(half) != []  # the new keystroke figures without the rest


def test_reader_timing_reports_a_missing_index_instead_of_failing(
    bench: dict[str, ModuleType], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench["reader_timing"].main([str(tmp_path / "nowhere"), "--keys", "a"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(result) == {"error"} and "no index" in result["error"]


def test_the_benchmarks_copy_of_the_code_is_compiled_as_an_install_is(
    bench: dict[str, ModuleType], tmp_path: Path
) -> None:
    """The reader timed by ``run.py`` imports bytecode, as an installed wheel's does, even
    where PYTHONDONTWRITEBYTECODE keeps Python from writing it."""
    root = bench["run"].snapshot_sources(tmp_path)
    sources = sorted((root / "phuong_reader").rglob("*.py"))
    assert root / "phuong_reader" / "tui" / "app.py" in sources
    for source in sources:
        compiled = importlib.util.cache_from_source(str(source))
        assert Path(compiled).is_file(), source


def test_a_key_is_typed_only_once_the_reader_has_nothing_pending(
    bench: dict[str, ModuleType],
) -> None:
    """An isolated keystroke: no worker running, the screen settled (no article waiting for
    its pause) and nothing left to paint (the article that pause loaded)."""
    from types import SimpleNamespace

    quiet = bench["reader_timing"]._quiet

    def app(running: bool = False, **screen: object) -> SimpleNamespace:
        fields = {"settled": True, "_layout_required": False, "_dirty_widgets": set()}
        worker = SimpleNamespace(is_running=running)
        return SimpleNamespace(
            workers=[worker], main_screen=SimpleNamespace(**{**fields, **screen})
        )

    assert quiet(app())
    assert not quiet(app(running=True))
    assert not quiet(app(settled=False))
    assert not quiet(app(_layout_required=True))
    assert not quiet(app(_dirty_widgets={"article"}))
    assert quiet(SimpleNamespace(workers=[], main_screen=SimpleNamespace()))  # an older reader
