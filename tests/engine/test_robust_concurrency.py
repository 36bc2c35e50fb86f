"""Item 4: a search engine stays open while `phuong index` in another process (or this one)
updates the index, and answers with the new articles at once, without a restart, never failing
while generations are replaced. (The reader open meanwhile: tests/reader/
test_robust_reader_concurrency.py; two `phuong index` at once: tests/cli/
test_robust_cli_concurrency.py.)"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine


def test_a_searcher_in_another_thread_sees_each_update_and_never_fails(
    built: tuple[Path, Path], articles, write_corpus, many_articles, phuong
) -> None:
    corpus, index_dir = built
    engine = SearchEngine(index_dir)
    errors: list[BaseException] = []
    counts: set[int] = set()
    stop = threading.Event()

    def read_all_the_time() -> None:
        while not stop.is_set():
            try:
                result = engine.search("phường", limit=50)
                for hit in result.hits[:3]:
                    engine.article(hit.id)
                engine.ward_counts()
                counts.add(engine.doc_count())
            except BaseException as exc:  # any failure during an update is the bug
                errors.append(exc)
                return

    reader_thread = threading.Thread(target=read_all_the_time)
    reader_thread.start()
    try:
        for batch in range(3):  # three updates, each published while the thread reads
            write_corpus(corpus, many_articles(batch * 100, (batch + 1) * 100))
            proc = phuong("index", str(corpus), "--index-dir", str(index_dir))
            assert proc.returncode == 0, proc.stderr
            time.sleep(0.2)
    finally:
        stop.set()
        reader_thread.join(120)  # only so that a hung thread cannot hang the run
    assert errors == []
    assert engine.doc_count() == len(articles) + 300  # the same engine, no restart
    assert [h.id for h in engine.search("k00250").hits] == ["00250"]
    assert len(articles) + 300 in counts  # the thread saw the last update as well


def test_readers_opening_the_index_while_it_is_replaced_never_fail(
    built: tuple[Path, Path], articles, write_corpus, many_articles
) -> None:
    """Between reading the pointer and opening the generation it names, a reader may see that
    generation retired: it is kept a minute, and a missing one makes the pointer be re-read."""
    corpus, index_dir = built
    engine = SearchEngine(index_dir)
    errors: list[str] = []
    stop = threading.Event()

    def search_all_the_time() -> None:
        while not stop.is_set():
            try:
                engine.search("phường")
                engine.doc_count()
            except Exception as exc:
                errors.append(repr(exc))

    threads = [threading.Thread(target=search_all_the_time) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for i in range(25):  # 25 generations published in quick succession
            write_corpus(corpus, many_articles(i, i + 1))
            update_index(corpus, index_dir)
    finally:
        stop.set()
        for thread in threads:
            thread.join(120)
    assert errors == []
    assert engine.doc_count() == len(articles) + 25
