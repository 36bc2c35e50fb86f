"""Item 1 through the command line: `phuong index` on a folder of hostile files exits 0 and
names every file skipped or repaired, with its reason, also in --json; a corpus folder it
cannot read is a clear error. (The hostile folder: ``hostile`` in tests/fixtures/hostile.py.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

from phuong_reader.tui.cli.render import report_json


def by_name(entries: list[dict], key: str) -> dict[str, object]:
    return {Path(e["path"]).name: e[key] for e in entries}


def test_the_json_report_has_every_reason_and_repair(hostile, hostile_index) -> None:
    _, _, report = hostile_index
    printed = json.loads(json.dumps(report_json(report)))  # as `phuong index --json` prints it
    reasons = by_name(printed["skipped"], "reason")
    for name, reason in hostile.skipped.items():
        assert reason in str(reasons[name]), (name, reasons.get(name))
    repairs = by_name(printed["repaired"], "repairs")
    for name, repair in hostile.repairs.items():
        assert any(repair in r for r in repairs[name]), (name, repairs.get(name))
    assert sorted(printed["added"]) == sorted(report.added)
    assert printed["total"] == report.total


def test_phuong_index_exits_0_and_names_every_skipped_and_repaired_file(
    hostile, run_cli, tmp_path: Path
) -> None:
    corpus = hostile.write(tmp_path / "c")
    (corpus / "huge.txt").unlink()  # the engine tests index it; here it only costs time
    code, out, _ = run_cli("index", str(corpus), "--index-dir", str(tmp_path / "ix"))
    assert code == 0
    names = [*hostile.skipped, *hostile.repairs]
    for name in names:
        if name != "huge.txt":
            assert f"/{name}: " in out, name
    code, out, _ = run_cli("index", str(corpus), "--index-dir", str(tmp_path / "ix2"), "--json")
    assert code == 0
    report = json.loads(out)
    listed = {Path(e["path"]).name for e in report["skipped"] + report["repaired"]}
    assert set(names) - {"huge.txt"} <= listed


def test_an_unreadable_corpus_folder_is_a_clear_error(run_cli, tmp_path: Path) -> None:
    code, _, err = run_cli("index", str(tmp_path / "file.txt"), "--index-dir", "x")
    assert code == 1 and "corpus folder not found" in err
    folder = tmp_path / "c"
    folder.mkdir()
    os.chmod(folder, 0)
    try:
        code, out, err = run_cli("index", str(folder), "--index-dir", str(tmp_path / "ix"))
        if os.geteuid() == 0:  # root lists folders whatever the permissions: an empty corpus
            assert code == 0 and "Indexed 0 new" in out, (out, err)
        else:
            assert code == 1 and "permission denied" in err
    finally:
        os.chmod(folder, 0o755)
