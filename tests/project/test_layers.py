"""The layers are enforced: import-linter's contracts (pyproject.toml) hold on the tree, and they
are not vacuous: the same check on a copy with a planted violation of each contract fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MODULE_LIMIT = 400  # lines; "one job each"
INDEX_TOP_LEVEL_LIMIT = 6  # modules directly in index/, __init__ included


def _stage(into: Path) -> Path:
    """The package as installed (phuong_reader/{index,tui}), copied so that grimp can read it:
    in the checkout the parts live in sibling folders that only setup.py maps together."""
    package = into / "phuong_reader"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "index", package / "index", ignore=ignore)
    shutil.copytree(ROOT / "tui", package / "tui", ignore=ignore)
    for name in ("__init__.py", "__main__.py"):
        shutil.copy2(ROOT / "pkg" / name, package / name)
    return into


def _lint(staged: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(staged)}
    return subprocess.run(
        [str(LINT_IMPORTS), str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=staged,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_import_contract_is_kept(tmp_path: Path) -> None:
    result = _lint(_stage(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout
    assert result.stdout.count("KEPT") == 5


PLANTED = {
    # file, line appended, the contract it breaks
    "index/lang/vietnamese.py": (
        "import textual  # noqa\n",
        "The engine never imports the reader, Textual or Rich",
    ),
    "index/text/decoding.py": (
        "from phuong_reader.index.query import search  # noqa\n",
        "Engine layers: a lower layer never imports a higher one",
    ),
    "tui/state.py": (
        "from phuong_reader.index.storage import store  # noqa\n",
        "The reader uses the engine through its front (phuong_reader.index) only",
    ),
    "tui/widgets/result_list.py": (
        "from phuong_reader.tui.screens import main  # noqa\n",
        "Reader layers: the command line above the app, screens above widgets",
    ),
    "tui/screens/help.py": (
        "from phuong_reader.tui.screens import message  # noqa\n",
        "No import cycles: no package or module imports one that imports it back",
    ),
}


def test_a_planted_violation_of_each_contract_is_caught(tmp_path: Path) -> None:
    staged = _stage(tmp_path)
    back = ("tui/screens/message.py", "from phuong_reader.tui.screens import help  # noqa\n")
    for name, line in [back, *((name, line) for name, (line, _) in PLANTED.items())]:
        with (staged / "phuong_reader" / name).open("a", encoding="utf-8") as f:
            f.write(line)  # message -> help and help -> message: a cycle
    result = _lint(staged)
    assert result.returncode != 0
    for _, contract in PLANTED.values():
        assert f"{contract} BROKEN" in result.stdout, result.stdout


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", ["index", "tui", "pkg"])
def test_no_module_is_over_the_size_limit(folder: str) -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules(folder)
        if (n := len(p.read_text("utf-8").splitlines())) > MODULE_LIMIT
    }
    assert long == {}


def test_the_engine_is_subpackages_with_few_modules_beside_them() -> None:
    top = sorted(p.name for p in (ROOT / "index").glob("*.py"))
    packages = sorted(p.parent.name for p in (ROOT / "index").glob("*/__init__.py"))
    assert len(top) <= INDEX_TOP_LEVEL_LIMIT, top
    assert packages == ["build", "entities", "lang", "query", "storage", "text"]
