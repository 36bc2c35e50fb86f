"""Item 2 through the command line: markup, escape sequences, controls, bidi and zero-width
characters in an article or in a file name reach neither the terminal nor JSON readers as
anything but visible, harmless text; `phuong index` and `phuong extract` print them safely
too. (The article: ``evil`` in tests/fixtures/hostile.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NAME = "{evil name}"  # replaced by the evil file name in each command
COMMANDS = [
    ["show", "evil"],
    ["show", "evil", "--json"],
    ["show", NAME],
    ["show", NAME, "--json"],
    ["search", "không phải markup"],
    ["search", "không phải markup", "--json"],
    ["search", "tan dinh", "--sort", "date"],
    ["wards"],
    ["wards", "--json"],
    ["people"],
    ["people", "--json"],
]


@pytest.mark.parametrize(
    "command", COMMANDS, ids=lambda c: " ".join(c).encode("ascii", "replace").decode()
)
def test_the_cli_prints_nothing_that_drives_a_terminal(
    evil, evil_index, run_cli, unsafe, command: list[str]
) -> None:
    argv = [evil.name if part == NAME else part for part in command]
    code, out, err = run_cli(*argv, "--index-dir", str(evil_index[1]))
    assert code == 0, err
    assert unsafe(out + err) == [], (command, unsafe(out + err))
    assert "\u2028" not in out and "\u2029" not in out
    if "--json" in command:
        json.loads(out)


def test_show_prints_markup_literally(evil, evil_index, run_cli) -> None:
    _, out, _ = run_cli("show", "evil", "--index-dir", str(evil_index[1]))
    flat = " ".join(out.split())
    assert evil.markup in flat and evil.link in flat


def test_json_escapes_what_it_cannot_show_and_round_trips(evil, evil_index, run_cli) -> None:
    _, out, _ = run_cli("search", "tan dinh", "--index-dir", str(evil_index[1]), "--json")
    assert "\\u001b" in out and "\\u202e" in out  # escaped, not raw
    ids = {hit["id"] for hit in json.loads(out)}
    assert evil.name in ids  # the exact file name, once parsed
    _, out, _ = run_cli("show", "evil", "--index-dir", str(evil_index[1]), "--json")
    assert evil.markup in json.loads(out)["text"]


def test_the_index_report_and_extract_are_safe_too(
    evil, evil_index, run_cli, unsafe, tmp_path: Path
) -> None:
    corpus, _ = evil_index
    for extra in ([], ["--json"]):
        ix = str(tmp_path / f"ix{len(extra)}")
        code, out, err = run_cli("index", str(corpus), "--index-dir", ix, *extra)
        assert code == 0 and unsafe(out + err) == []
        assert "invisible formatting" in out
        code, out, err = run_cli("extract", str(corpus / f"{evil.name}.txt"), *extra)
        assert code == 0 and unsafe(out + err) == []
