"""Item 1: a folder of hostile files is indexed without a stop; every file skipped or repaired
is reported with its reason, and the repaired articles are searchable. (The hostile folder:
``hostile`` in tests/fixtures/hostile.py; how `phuong index` reports it: tests/cli.)"""

from __future__ import annotations

import errno
import hashlib
import os
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from phuong_reader.index.build import corpus as corpus_module
from phuong_reader.index.build import parallel
from phuong_reader.index.build import scan as scan_module
from phuong_reader.index.build.corpus import MAX_INDEXED_BYTES, read_article
from phuong_reader.index.build.scan import scan_corpus
from phuong_reader.index.build.writer import BuildReport, update_index
from phuong_reader.index.query.search import SearchEngine


def reasons_by_name(report: BuildReport) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in report.skipped}


def repairs_by_name(report: BuildReport) -> dict[str, list[str]]:
    return {Path(path).name: repairs for path, repairs in report.repaired}


def test_the_hostile_corpus_has_every_kind_of_file(hostile, tmp_path: Path) -> None:
    folder = hostile.write(tmp_path / "c")
    names = {p.name for p in folder.iterdir()}
    assert {"loop.txt", "dangling.txt", "sub", "huge.txt", "notes.md"} <= names
    assert (folder / "huge.txt").stat().st_size == hostile.huge_bytes
    assert (folder / "loop.txt").is_symlink() and not (folder / "loop.txt").exists()


def test_every_readable_article_is_indexed(hostile, hostile_index) -> None:
    _, _, report = hostile_index
    indexed = {name for name, (_, word) in hostile.files.items() if word}
    expected = {name.removesuffix(".txt") for name in indexed} | set(hostile.articles)
    if os.geteuid() != 0:  # root reads a chmod 000 file; anyone else cannot
        expected.discard("locked")
    assert set(report.added) == expected
    assert report.total == len(expected)


def test_every_skipped_file_has_its_reason(hostile, hostile_index) -> None:
    _, _, report = hostile_index
    reasons = reasons_by_name(report)
    for name, reason in hostile.skipped.items():
        assert reason in str(reasons[name]), (name, reasons.get(name))
    if os.geteuid() != 0:
        assert reasons["locked.txt"] == "cannot read: permission denied"
    assert "inner.txt" not in reasons  # the subfolder is not entered


def test_every_repaired_file_has_its_repairs(hostile, hostile_index) -> None:
    _, _, report = hostile_index
    repairs = repairs_by_name(report)
    for name, repair in hostile.repairs.items():
        assert any(repair in r for r in repairs[name]), (name, repairs.get(name))
    for clean in ("utf16.txt", "bomeight.txt", "crlf.txt", "twin_a.txt"):
        assert clean not in repairs  # a byte-order mark or CRLF is not damage


def test_search_finds_the_repaired_and_the_re_encoded_articles(hostile, hostile_index) -> None:
    _, index_dir, _ = hostile_index
    engine = SearchEngine(index_dir)
    for name, (_, word) in hostile.files.items():
        if word is None or (name == "locked.txt" and os.geteuid() != 0):
            continue
        found = [h.id for h in engine.search(word).hits]
        expected = "twin_a" if name == "twin_b.txt" else name.removesuffix(".txt")
        assert found == [expected], (name, word, found)
        assert engine.search(word.replace("từkhóa", "tu khoa ")).total >= 0  # folded form parses


def test_the_nul_file_is_text_not_binary(hostile_index) -> None:
    _, index_dir, _ = hostile_index
    text = SearchEngine(index_dir).article("nulbyte").text
    assert "\x00" not in text and "ngày hội từkhóanulbyte" in text


def test_the_50_mb_file_is_indexed_from_its_first_megabyte(hostile_index) -> None:
    _, index_dir, _ = hostile_index
    stored = SearchEngine(index_dir).article("huge")
    assert 0.7 * MAX_INDEXED_BYTES < len(stored.text.encode()) <= MAX_INDEXED_BYTES
    assert stored.text.rstrip().endswith("buổi sáng.")  # cut at a line end, not mid-sentence


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """What a build reads, counted through the real functions: ``hashed`` bytes (every
    sha256 update of the corpus reader), files hashed ``hashed:NAME``, files read
    ``read:NAME`` and articles parsed ``parsed:NAME``."""
    counts: Counter[str] = Counter()
    real_sha256, real_file_hash = hashlib.sha256, scan_module.file_hash
    real_read, real_parse = parallel.read_article, corpus_module.parse_article

    class CountingSha256:
        def __init__(self, data: bytes = b"") -> None:
            self._digest = real_sha256()
            self.update(data)

        def update(self, data: bytes) -> None:
            counts["hashed"] += len(data)
            self._digest.update(data)

        def hexdigest(self) -> str:
            return self._digest.hexdigest()

    def file_hash(path: Path) -> str:
        counts[f"hashed:{path.name}"] += 1
        return real_file_hash(path)

    def read_article(file):  # type: ignore[no-untyped-def]
        counts[f"read:{file.path.name}"] += 1
        return real_read(file)

    def parse_article(text, article_id, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts[f"parsed:{article_id}"] += 1
        return real_parse(text, article_id, *args, **kwargs)

    for module in (corpus_module, scan_module):
        monkeypatch.setattr(module, "hashlib", SimpleNamespace(sha256=CountingSha256))
    monkeypatch.setattr(scan_module, "file_hash", file_hash)
    monkeypatch.setattr(parallel, "read_article", read_article)
    monkeypatch.setattr(corpus_module, "parse_article", parse_article)
    return counts


def test_a_second_run_reads_nothing_again(hostile, hostile_index, reads: Counter[str]) -> None:
    """Nothing changed: no file is read or parsed again, and none but the duplicate is hashed
    (the manifest's size and modification time vouch for each file it records). The 50 MB file
    touched since: it is hashed, once and whole, found unchanged, and not read or parsed."""
    corpus, index_dir, _ = hostile_index

    def hashed_files() -> dict[str, int]:
        return {k.split(":", 1)[1]: n for k, n in reads.items() if k.startswith("hashed:")}

    def assert_hashed_only(expected: dict[str, int]) -> None:
        # A duplicate is kept out of the manifest: it is hashed on each run to find its twin.
        assert hashed_files() == {"twin_b.txt": 1, **expected}, reads
        sizes = sum((corpus / name).stat().st_size for name in hashed_files())
        assert reads["hashed"] == sizes, reads  # each hashed file read once, whole
        assert not [k for k in reads if k.startswith(("read:", "parsed:"))], reads

    report = update_index(corpus, index_dir)
    assert (report.added, report.updated, report.removed) == ([], [], [])
    assert_hashed_only({})

    reads.clear()
    huge = corpus / "huge.txt"
    stat = huge.stat()
    os.utime(huge, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    try:
        report = update_index(corpus, index_dir)
    finally:
        os.utime(huge, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (report.added, report.updated, report.removed) == ([], [], [])
    assert_hashed_only({"huge.txt": 1})
    assert reads["hashed"] >= hostile.huge_bytes


def test_a_file_that_cannot_be_opened_is_skipped_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, articles, write_corpus
) -> None:
    """As root a chmod 000 file is readable, so the refusal is simulated where files open."""
    corpus = write_corpus(tmp_path / "c", {"ok": articles["101_tansonhoa"]})
    (corpus / "locked.txt").write_text(articles["102_phuthanh"], "utf-8")
    real_open = open

    def refusing_open(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    for module in (corpus_module, scan_module):
        monkeypatch.setattr(module, "open", refusing_open, raising=False)
    report = update_index(corpus, tmp_path / "ix")
    assert report.added == ["ok"]
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [
        ("locked.txt", "cannot read: permission denied")
    ]


def test_a_file_that_becomes_unreadable_after_the_scan_is_skipped(
    tmp_path: Path, articles, write_corpus
) -> None:
    corpus = write_corpus(tmp_path / "c", {"gone": articles["101_tansonhoa"]})
    files, _ = scan_corpus(corpus)
    (corpus / "gone.txt").unlink()
    result = read_article(files[0])
    assert isinstance(result, scan_module.Skipped)
    assert result.reason.startswith("cannot read: ")


def test_a_chmod_000_file_is_skipped_for_real(tmp_path: Path, articles, write_corpus) -> None:
    corpus = write_corpus(tmp_path / "c", {"locked": articles["101_tansonhoa"]})
    (corpus / "locked.txt").chmod(0)
    report = update_index(corpus, tmp_path / "ix")
    if os.geteuid() == 0:  # root reads whatever the permissions: the article is simply indexed
        assert report.added == ["locked"] and report.skipped == []
    else:
        assert [s.reason for s in report.skipped] == ["cannot read: permission denied"]


def test_the_huge_file_costs_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile
) -> None:
    import tracemalloc

    corpus = tmp_path / "c"
    corpus.mkdir()
    data, _ = hostile.files["huge.txt"]
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
    assert peak < hostile.huge_bytes / 2, f"peak {peak / 1e6:.0f} MB for a 50 MB file"


def test_entries_that_are_not_plain_txt_files_are_decided_one_by_one(
    tmp_path: Path, articles, write_corpus
) -> None:
    """The scan's quick path takes regular, visible ``.txt`` files only; every other entry is
    looked at: a link to an article and an ``.Txt`` file are articles, a link to a folder is a
    folder, a named pipe is not a regular file, a link to nothing is said so."""
    text = articles["101_tansonhoa"]
    corpus = write_corpus(tmp_path / "c", {"plain": text})
    (tmp_path / "elsewhere.txt").write_text(text.replace("Tân Sơn Hòa", "Tân Định"), "utf-8")
    (corpus / "linked.txt").symlink_to(tmp_path / "elsewhere.txt")
    (corpus / "Mixed.Txt").write_text(text.replace("Tân Sơn Hòa", "Bến Thành"), "utf-8")
    (tmp_path / "folder.txt").mkdir()
    (corpus / "folderlink.txt").symlink_to(tmp_path / "folder.txt")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "nothing.txt").symlink_to(tmp_path / "absent.txt")
    files, skipped = scan_corpus(corpus)
    assert [(f.id, Path(f.where).name) for f in files] == [
        ("Mixed", "Mixed.Txt"),
        ("linked", "linked.txt"),
        ("plain", "plain.txt"),
    ]
    assert {Path(s.path).name: s.reason for s in skipped} == {
        "folderlink.txt": "a folder (articles are read from the top level only)",
        "pipe.txt": "not a regular file",
        "nothing.txt": "a symbolic link to nothing (dangling, or a loop)",
    }
    assert files[1].content_hash == scan_module.file_hash(tmp_path / "elsewhere.txt")
