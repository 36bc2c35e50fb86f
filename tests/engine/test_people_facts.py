"""People come from what the build saved of them (``facts.sqlite``), not from the articles:
the reader's people line reads no stored article, and updates keep the saved facts in step
with the index without touching the live generation's file."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path

from phuong_reader.index import SearchEngine, update_index
from phuong_reader.index.storage.facts import FACTS_FILE, article_count
from phuong_reader.index.storage.store import live_generation

CountWork = Callable[[], AbstractContextManager[Counter[str]]]
KHOA = "Hồ Đăng Khoa"


def _roles(engine: SearchEngine, name: str = KHOA) -> list[tuple[str, str | None, str]]:
    return [(r.role, r.date, r.article) for r in engine.role_history([name])[name]]


def test_the_people_line_and_list_read_no_stored_article(
    career: Path, count_work: CountWork
) -> None:
    engine = SearchEngine(career)
    engine.doc_count()  # the searcher opens (and reads nothing of the articles)
    with count_work() as work:
        history = engine.role_history([KHOA])
        people = engine.people()
        in_ward = engine.people(ward="Bình Phú")
    assert work["unpickled"] == 0, work
    assert [r.article for r in history[KHOA]] == ["202_new", "201_old"]
    assert [p.name for p in people if p.name == KHOA] == [KHOA]
    assert {p.name for p in in_ward} == {p.name for p in people}
    assert engine.people(ward="Tân Định") == []


def test_an_update_changes_the_saved_roles_and_leaves_the_old_generation_as_it_was(
    tmp_path: Path,
    career_texts: Mapping[str, str],
    write_corpus: Callable[..., Path],
) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    update_index(write_corpus(corpus, career_texts), index_dir)
    engine = SearchEngine(index_dir)
    old_generation = live_generation(index_dir)
    before = _roles(engine)
    time.sleep(0.01)  # a new mtime for the edited file
    (corpus / "202_new.txt").write_text(
        career_texts["202_new"].replace("Chủ tịch UBND", "Bí thư Đảng ủy"), "utf-8"
    )
    (corpus / "201_old.txt").unlink()
    (corpus / "204_added.txt").write_text(
        " date 2026-03-02 Phường Bình Phú họp dân.\n\n"
        "Ông Hồ Đăng Khoa, Bí thư Đảng ủy phường Bình Phú, chủ trì buổi họp.\n\nMINH AN",
        "utf-8",
    )
    report = update_index(corpus, index_dir)
    assert (report.updated, report.removed, report.added) == (
        ["202_new"],
        ["201_old"],
        ["204_added"],
    )
    # One role, given by two articles: once, with the latest date.
    assert _roles(engine) == [("Bí thư Đảng ủy phường Bình Phú", "2026-03-02", "204_added")]
    (person,) = [p for p in engine.people() if p.name == KHOA]
    assert person.articles == ["202_new", "203_undated", "204_added"]
    new_generation = live_generation(index_dir)
    assert article_count(new_generation) == engine.doc_count() == 3
    # The retired generation's file is its own (copied, not linked) and still says what it said.
    old_file, new_file = old_generation / FACTS_FILE, new_generation / FACTS_FILE
    assert old_file.stat().st_ino != new_file.stat().st_ino
    assert article_count(old_generation) == 3
    assert before == [
        ("Chủ tịch UBND phường Bình Phú", "2026-01-20", "202_new"),
        ("Phó Chủ tịch UBND phường Bình Phú", "2025-03-10", "201_old"),
    ]


def test_a_rebuild_and_an_update_save_the_same_facts(
    tmp_path: Path, write_corpus: Callable[..., Path], articles: Mapping[str, str]
) -> None:
    """Every article's people, whichever way the index was made."""
    ids = sorted(articles)
    half = {i: articles[i] for i in ids[: len(ids) // 2]}
    corpus = write_corpus(tmp_path / "corpus", half)
    update_index(corpus, tmp_path / "updated")
    write_corpus(corpus, articles)
    update_index(corpus, tmp_path / "updated")
    update_index(corpus, tmp_path / "fresh", rebuild=True)
    updated, fresh = SearchEngine(tmp_path / "updated"), SearchEngine(tmp_path / "fresh")
    assert updated.people() == fresh.people()
    assert sum(len(p.articles) for p in fresh.people()) > 0
    assert article_count(live_generation(tmp_path / "updated")) == len(articles)
