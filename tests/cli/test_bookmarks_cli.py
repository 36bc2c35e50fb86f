"""``phuong bookmarks`` (issue 15): list, add (with a note), remove, search; each bookmark's
state against the index; ``is:`` terms in ``phuong search``; what a damaged or unwritable store
does to the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.tui.marks import MARKS_FILE, Marks
from phuong_reader.tui.state import corpus_id, data_dir

Run = Callable[..., tuple[int, str, str]]
BOOKMARK_KEYS = {"id", "title", "date", "ward", "note", "when", "content_hash", "state"}


def listed(run_cli: Run, index_dir: Path, *extra: str) -> list[dict[str, object]]:
    code, out, err = run_cli("bookmarks", "--index-dir", str(index_dir), "--json", *extra)
    assert (code, err) == (0, "")
    return json.loads(out)


def test_no_bookmarks_yet(run_cli: Run, built: tuple[Path, Path]) -> None:
    _, index_dir = built
    assert listed(run_cli, index_dir) == []
    code, out, _ = run_cli("bookmarks", "--index-dir", str(index_dir))
    assert (code, out.strip()) == (0, "No bookmarks.")
    assert not (data_dir() / MARKS_FILE).exists()  # listing creates nothing


def test_add_list_and_search_with_is_bookmarked(run_cli: Run, built: tuple[Path, Path]) -> None:
    _, index_dir = built
    ix = str(index_dir)
    code, out, _ = run_cli(
        "bookmarks", "--add", "101_tansonhoa", "--note", "xem lại dịp Tết", "--index-dir", ix
    )
    assert code == 0 and out.startswith("Bookmarked 101_tansonhoa: Tân Sơn Hòa")
    assert run_cli("bookmarks", "--add", "105_phuthohoa", "--index-dir", ix)[0] == 0
    rows = listed(run_cli, index_dir)
    assert [r["id"] for r in rows] == ["105_phuthohoa", "101_tansonhoa"]  # newest first
    assert all(set(r) == BOOKMARK_KEYS for r in rows)
    article = SearchEngine(index_dir).article("101_tansonhoa")
    assert rows[1] | {"when": None} == {
        "id": "101_tansonhoa",
        "title": article.title,
        "date": "2026-01-20",
        "ward": "Tân Sơn Hòa",
        "note": "xem lại dịp Tết",
        "when": None,
        "content_hash": article.content_hash,
        "state": "unchanged",
    }
    assert [r["id"] for r in listed(run_cli, index_dir, "--search", "tet")] == ["101_tansonhoa"]
    code, out, _ = run_cli("search", "is:bookmarked", "--index-dir", ix, "--json")
    assert code == 0 and {h["id"] for h in json.loads(out)} == {"101_tansonhoa", "105_phuthohoa"}
    code, out, _ = run_cli("search", "phường", "--index-dir", ix, "--json", "--", "-is:bookmarked")
    ids = {h["id"] for h in json.loads(out)}
    assert code == 0 and ids and not ids & {"101_tansonhoa", "105_phuthohoa"}
    code, out, _ = run_cli("bookmarks", "--index-dir", ix)
    assert "xem lại dịp Tết" in out and "[101_tansonhoa]" in out


def test_adding_again_replaces_the_note_and_remove_removes(
    run_cli: Run, built: tuple[Path, Path]
) -> None:
    _, index_dir = built
    ix = str(index_dir)
    run_cli("bookmarks", "--add", "102_phuthanh", "--note", "một", "--index-dir", ix)
    run_cli("bookmarks", "--add", "102_phuthanh", "--note", "hai", "--index-dir", ix)
    assert [(r["id"], r["note"]) for r in listed(run_cli, index_dir)] == [("102_phuthanh", "hai")]
    code, out, _ = run_cli("bookmarks", "--remove", "102_phuthanh", "--index-dir", ix)
    assert (code, out.strip()) == (0, "Removed the bookmark of 102_phuthanh")
    assert listed(run_cli, index_dir) == []
    code, _, err = run_cli("bookmarks", "--remove", "102_phuthanh", "--index-dir", ix)
    assert (code, err.strip()) == (2, "No bookmark for '102_phuthanh'")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--note", "x"], "phuong bookmarks: --note goes with --add ID"),
        (["--add", "101_tansonhoa", "--remove", "102_phuthanh"], "one at a time"),
        (["--add", "101_tansonhoa", "--search", "x"], "--search lists bookmarks"),
        (["--add", "999_nope"], "No article with id '999_nope'"),
    ],
)
def test_bad_arguments_exit_2_and_change_nothing(
    run_cli: Run, built: tuple[Path, Path], argv: list[str], message: str
) -> None:
    _, index_dir = built
    code, out, err = run_cli("bookmarks", *argv, "--index-dir", str(index_dir))
    assert code == 2 and message in err and out == ""
    assert listed(run_cli, index_dir) == []


def test_a_bookmark_says_when_its_article_changed_or_left_the_corpus(
    run_cli: Run, built: tuple[Path, Path]
) -> None:
    corpus, index_dir = built
    ix = str(index_dir)
    title = SearchEngine(index_dir).article("103_tansonnhat").title
    for article_id in ("101_tansonhoa", "103_tansonnhat", "107_anphu"):
        run_cli("bookmarks", "--add", article_id, "--index-dir", ix)
    path = corpus / "101_tansonhoa.txt"
    path.write_text(path.read_text("utf-8") + "\n\nPhường cập nhật số liệu.", "utf-8")
    (corpus / "103_tansonnhat.txt").unlink()
    assert run_cli("index", str(corpus), "--index-dir", ix)[0] == 0
    rows = {r["id"]: r for r in listed(run_cli, index_dir)}
    assert {i: r["state"] for i, r in rows.items()} == {
        "101_tansonhoa": "changed",
        "103_tansonnhat": "removed",
        "107_anphu": "unchanged",
    }
    assert rows["103_tansonnhat"]["title"] == title  # as it was when bookmarked
    _, out, _ = run_cli("bookmarks", "--index-dir", ix)
    assert "changed since" in out and "no longer in the corpus" in out


def test_is_unread_and_is_read_on_the_command_line(run_cli: Run, built: tuple[Path, Path]) -> None:
    _, index_dir = built
    engine = SearchEngine(index_dir)
    marks = Marks.open(corpus_id(index_dir))
    marks.mark_read("101_tansonhoa", engine.article("101_tansonhoa").content_hash)
    code, out, _ = run_cli(
        "search", "tan son hoa is:unread", "--index-dir", str(index_dir), "--json"
    )
    assert code == 0 and [h["id"] for h in json.loads(out)] == ["103_tansonnhat"]
    code, out, _ = run_cli("search", "is:read", "--index-dir", str(index_dir), "--json")
    assert [h["id"] for h in json.loads(out)] == ["101_tansonhoa"]
    code, _, err = run_cli("search", "is:starred", "--index-dir", str(index_dir))
    assert code == 2 and err.startswith("Query error: unknown is:starred (use is:unread")


def test_bookmarks_persist_across_processes(
    phuong: Callable[..., object], built: tuple[Path, Path]
) -> None:
    _, index_dir = built
    added = phuong(
        "bookmarks", "--add", "104_vanhoa", "--note", "văn hóa", "--index-dir", str(index_dir)
    )
    assert added.returncode == 0, added.stderr  # type: ignore[attr-defined]
    shown = phuong("bookmarks", "--json", "--index-dir", str(index_dir))
    rows = json.loads(shown.stdout)  # type: ignore[attr-defined]
    assert [(r["id"], r["note"]) for r in rows] == [("104_vanhoa", "văn hóa")]


def test_a_damaged_store_is_kept_aside_and_said(run_cli: Run, built: tuple[Path, Path]) -> None:
    _, index_dir = built
    data_dir().mkdir(parents=True)
    (data_dir() / MARKS_FILE).write_bytes(b"\x00garbage" * 100)
    code, out, err = run_cli("bookmarks", "--index-dir", str(index_dir), "--json")
    assert (code, json.loads(out)) == (0, [])
    assert err.startswith("Note: the marks file was damaged: kept as marks.sqlite.damaged-")
    (kept,) = data_dir().glob(f"{MARKS_FILE}.damaged-*")
    assert kept.read_bytes() == b"\x00garbage" * 100
    code, out, err = run_cli("bookmarks", "--add", "101_tansonhoa", "--index-dir", str(index_dir))
    assert code == 0 and err == ""


def test_a_store_that_cannot_be_written_refuses_to_add(
    run_cli: Run, built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, index_dir = built
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    code, out, err = run_cli("bookmarks", "--add", "101_tansonhoa", "--index-dir", str(index_dir))
    assert code == 1 and out == ""
    assert "cannot be saved" in err and "Error: the bookmark cannot be saved" in err
    assert listed(run_cli, index_dir) == []
