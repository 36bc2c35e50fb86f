"""Item 1: a folder of hostile files is indexed without a stop; every file skipped or repaired
is reported with its reason (also in --json), and the repaired articles are searchable."""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pytest
from helpers import ARTICLES, write_corpus
from phuong_reader.index.build import corpus as corpus_module
from phuong_reader.index.build.corpus import MAX_INDEXED_BYTES, read_article, scan_corpus
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.tui.cli.render import report_json
from test_robust_support import HUGE_BYTES, hostile_files, run_cli, write_hostile_corpus

INDEXED = {name for name, (_, word) in hostile_files().items() if word}
SKIPPED_REASONS = {
    "photo.txt": "binary",
    "empty.txt": "empty file",
    "blank.txt": "only whitespace",
    "twin_b.txt": "duplicate of twin_a.txt",
    "notes.md": "not a .txt file",
    "sub": "a folder",
    "loop.txt": "symbolic link",
    "dangling.txt": "symbolic link",
}
REPAIRS = {
    "legacy.txt": "decoded as cp1258",
    "nfd.txt": "normalised to NFC",
    "nulbyte.txt": "removed control characters",
    "badbytes.txt": "invalid utf-8 byte",
    "huge.txt": "only the first 1024 KB indexed (the file has 50.0 MB)",
    "bidi.txt": "invisible formatting character",
    "escapes.txt": "removed control characters",
}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """(corpus, index_dir, the report as `phuong index --json` prints it), built once."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = write_hostile_corpus(root / "corpus")
    report = update_index(corpus, root / "index")
    return corpus, root / "index", json.loads(json.dumps(report_json(report)))


def by_name(entries: list[dict], key: str) -> dict[str, object]:
    return {Path(e["path"]).name: e[key] for e in entries}


def test_every_readable_article_is_indexed(indexed) -> None:
    _, _, report = indexed
    expected = {name.removesuffix(".txt") for name in INDEXED} | set(ARTICLES)
    if os.geteuid() != 0:  # root reads a chmod 000 file; anyone else cannot
        expected.discard("locked")
    assert set(report["added"]) == expected
    assert report["total"] == len(expected)


def test_every_skipped_file_has_its_reason_in_json(indexed) -> None:
    _, _, report = indexed
    reasons = by_name(report["skipped"], "reason")
    for name, reason in SKIPPED_REASONS.items():
        assert reason in str(reasons[name]), (name, reasons.get(name))
    if os.geteuid() != 0:
        assert reasons["locked.txt"] == "cannot read: permission denied"
    assert "inner.txt" not in reasons  # the subfolder is not entered


def test_every_repaired_file_has_its_repairs_in_json(indexed) -> None:
    _, _, report = indexed
    repairs = by_name(report["repaired"], "repairs")
    for name, repair in REPAIRS.items():
        assert any(repair in r for r in repairs[name]), (name, repairs.get(name))
    for clean in ("utf16.txt", "bomeight.txt", "crlf.txt", "twin_a.txt"):
        assert clean not in repairs  # a byte-order mark or CRLF is not damage


def test_search_finds_the_repaired_and_the_re_encoded_articles(indexed) -> None:
    _, index_dir, _ = indexed
    engine = SearchEngine(index_dir)
    for name, (_, word) in hostile_files().items():
        if word is None or (name == "locked.txt" and os.geteuid() != 0):
            continue
        found = [h.id for h in engine.search(word).hits]
        expected = "twin_a" if name == "twin_b.txt" else name.removesuffix(".txt")
        assert found == [expected], (name, word, found)
        assert engine.search(word.replace("từkhóa", "tu khoa ")).total >= 0  # folded form parses


def test_the_nul_file_is_text_not_binary(indexed) -> None:
    _, index_dir, _ = indexed
    text = SearchEngine(index_dir).article("nulbyte").text
    assert "\x00" not in text and "ngày hội từkhóanulbyte" in text


def test_the_50_mb_file_is_indexed_from_its_first_megabyte(indexed) -> None:
    _, index_dir, _ = indexed
    stored = SearchEngine(index_dir).article("huge")
    assert 0.7 * MAX_INDEXED_BYTES < len(stored.text.encode()) <= MAX_INDEXED_BYTES
    assert stored.text.rstrip().endswith("buổi sáng.")  # cut at a line end, not mid-sentence


def test_phuong_index_exits_0_and_names_every_skipped_and_repaired_file(tmp_path) -> None:
    corpus = write_hostile_corpus(tmp_path / "c")
    (corpus / "huge.txt").unlink()  # tested above; it only makes this slower
    code, out, _ = run_cli("index", str(corpus), "--index-dir", str(tmp_path / "ix"))
    assert code == 0
    names = [*SKIPPED_REASONS, *REPAIRS]
    for name in names:
        if name != "huge.txt":
            assert f"/{name}: " in out, name
    code, out, _ = run_cli("index", str(corpus), "--index-dir", str(tmp_path / "ix2"), "--json")
    assert code == 0
    report = json.loads(out)
    listed = {Path(e["path"]).name for e in report["skipped"] + report["repaired"]}
    assert set(names) - {"huge.txt"} <= listed


def test_a_second_run_reads_nothing_again(indexed) -> None:
    corpus, index_dir, _ = indexed
    started = time.perf_counter()
    report = update_index(corpus, index_dir)
    assert (report.added, report.updated, report.removed) == ([], [], [])
    assert time.perf_counter() - started < 5  # the 50 MB file is hashed, not parsed again


def test_a_file_that_cannot_be_opened_is_skipped_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root a chmod 000 file is readable, so the refusal is simulated where files open."""
    corpus = write_corpus(tmp_path / "c", {"ok": ARTICLES["101_tansonhoa"]})
    (corpus / "locked.txt").write_text(ARTICLES["102_phuthanh"], "utf-8")
    real_open = open

    def refusing_open(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "open", refusing_open, raising=False)
    report = update_index(corpus, tmp_path / "ix")
    assert report.added == ["ok"]
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [
        ("locked.txt", "cannot read: permission denied")
    ]


def test_a_file_that_becomes_unreadable_after_the_scan_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "c", {"gone": ARTICLES["101_tansonhoa"]})
    files, _ = scan_corpus(corpus)
    (corpus / "gone.txt").unlink()
    result = read_article(files[0])
    assert isinstance(result, corpus_module.Skipped)
    assert result.reason.startswith("cannot read: ")


def test_a_chmod_000_file_is_skipped_for_real(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"locked": ARTICLES["101_tansonhoa"]})
    (corpus / "locked.txt").chmod(0)
    report = update_index(corpus, tmp_path / "ix")
    if os.geteuid() == 0:  # root reads whatever the permissions: the article is simply indexed
        assert report.added == ["locked"] and report.skipped == []
    else:
        assert [s.reason for s in report.skipped] == ["cannot read: permission denied"]


def test_an_unreadable_corpus_folder_is_a_clear_error(tmp_path: Path) -> None:
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


def test_the_huge_file_costs_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracemalloc

    corpus = tmp_path / "c"
    corpus.mkdir()
    data, _ = hostile_files()["huge.txt"]
    (corpus / "huge.txt").write_bytes(data)
    files, _ = scan_corpus(corpus)
    # Only reading and decoding are measured: parsing a megabyte is slow under tracemalloc.
    monkeypatch.setattr(corpus_module, "parse_article", lambda text, *_: text)
    tracemalloc.start()
    try:
        read_article(files[0])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < HUGE_BYTES / 2, f"peak {peak / 1e6:.0f} MB for a 50 MB file"


# -- item 8: the 50 MB file's article is a 1 MB article: it opens in the CLI and the reader ----


def test_a_1_mb_article_opens_in_the_cli(indexed) -> None:
    _, index_dir, _ = indexed
    started = time.perf_counter()
    code, out, _ = run_cli("show", "huge", "--index-dir", str(index_dir))
    assert code == 0 and "từkhóahuge" in out and len(out) > 700_000
    code, out, _ = run_cli("show", "huge", "--index-dir", str(index_dir), "--json")
    assert code == 0 and len(json.loads(out)["text"]) > 700_000
    code, out, _ = run_cli("search", "từkhóahuge", "--index-dir", str(index_dir), "--json")
    assert code == 0 and "từkhóahuge" in json.loads(out)[0]["snippet"]
    assert time.perf_counter() - started < 15


@pytest.mark.asyncio
async def test_a_1_mb_article_opens_in_the_reader(indexed) -> None:
    from phuong_reader.tui.highlight import MAX_SHOWN_CHARS
    from test_tui_support import main_screen, reader, settle, shown_text

    _, index_dir, _ = indexed
    async with reader(index_dir).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        await pilot.press("slash", *"tan dinh", "enter")
        await settle(pilot)
        ids = [h.id for h in screen.results.hits]
        screen.results.highlighted = ids.index("huge")
        await settle(pilot)
        started = time.perf_counter()
        await pilot.press("enter", "n", "n", "N", "G", "g")
        await settle(pilot)
        assert time.perf_counter() - started < 10
        view = screen.article
        assert view.article is not None and view.article.id == "huge"
        assert view.current == 0 and view.match_count > 100
        assert len(view.rendered.content) < MAX_SHOWN_CHARS + 2_000
        await pilot.press("G")
        await settle(pilot)
        assert "phuong show huge" in shown_text(view.body).replace("\n", " ")
