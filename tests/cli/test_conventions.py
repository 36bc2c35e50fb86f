"""Command-line conventions: piped output is not wrapped, ``--json`` is honoured wherever it is
written, and what follows ``--`` is the query (an option's name there is refused, not searched)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from phuong_reader.tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_piped_output_is_not_wrapped_at_80_columns(built: tuple[Path, Path]) -> None:
    _, index_dir = built
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.run(
        [sys.executable, "-m", "phuong_reader", "search", "phường", "--index-dir", str(index_dir)],
        capture_output=True,  # a pipe, as with `phuong search … | grep …`
        text=True,
        env=env,
        check=True,
    )
    lines = proc.stdout.splitlines()
    hits = [line for line in lines if re.match(r"\s*\d+\. \d{4}-\d\d-\d\d ", line)]
    assert hits, proc.stdout
    # One line per hit: its number, date, ward, title and [id] together, however long.
    assert all(line.rstrip().endswith("]") for line in hits), hits
    assert max(len(line) for line in lines) > 80


@pytest.mark.parametrize(
    "argv",
    [
        ("--json", "search", "tan", "son"),
        ("search", "--json", "tan", "son"),
        ("search", "tan", "--json", "son"),
        ("search", "tan", "son", "--json"),
    ],
)
def test_json_wins_wherever_it_appears(
    capsys: pytest.CaptureFixture[str], built: tuple[Path, Path], argv: tuple[str, ...]
) -> None:
    _, index_dir = built
    code, out, err = run(capsys, *argv, "--index-dir", str(index_dir))
    _, expected, _ = run(capsys, "search", "tan", "son", "--index-dir", str(index_dir), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(expected) != []


def test_json_before_any_command_is_a_usage_error_not_the_reader(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--json")
    assert code == 2 and out == ""
    assert "--json goes with a command" in err


def test_query_words_may_follow_the_options(
    capsys: pytest.CaptureFixture[str], built: tuple[Path, Path]
) -> None:
    _, index_dir = built
    _, before, _ = run(capsys, "search", "tan", "son", "--index-dir", str(index_dir), "--json")
    _, split, _ = run(capsys, "search", "tan", "--index-dir", str(index_dir), "son", "--json")
    assert json.loads(split) == json.loads(before)
    with pytest.raises(SystemExit) as exited:
        main(["search", "tan", "--bogus", "--index-dir", str(index_dir)])
    assert exited.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_options_after_double_dash_are_refused_with_a_message_not_searched_for(
    capsys: pytest.CaptureFixture[str], built: tuple[Path, Path]
) -> None:
    _, index_dir = built
    code, out, err = run(
        capsys, "search", "--index-dir", str(index_dir), "--json", "--", "phường", "--limit", "1"
    )
    assert (code, out) == (2, "")
    assert err.startswith("Query error: '--limit' comes after '--'")
    code, out, err = run(capsys, "search", "--index-dir", str(index_dir), "--", "--json", "tan")
    assert (code, out) == (2, "") and "'--json' comes after '--'" in err
    # Other words after -- are the query, even one starting with "-" (a NOT).
    code, out, err = run(
        capsys, "search", "--index-dir", str(index_dir), "--json", "--", "phường", "-xã"
    )
    _, plain, _ = run(capsys, "search", "phường -xã", "--index-dir", str(index_dir), "--json")
    assert (code, err) == (0, "") and json.loads(out) == json.loads(plain) != []
