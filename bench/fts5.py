"""The baseline: SQLite FTS5 (``unicode61 remove_diacritics 2``) over the same documents.

FTS5 is fed exactly what our engine searches, taken from our built index: the body (lead,
paragraphs, captions) in its folded form, with the primary ward's key and the date in
UNINDEXED columns for the filters. Its build time therefore covers only FTS5's own work
(inserting and committing), while ours also reads, parses and extracts each article: the table
says so.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from phuong_reader.index.entities.gazetteer import ward_key
from phuong_reader.index.lang.vietnamese import folded_form
from phuong_reader.index.storage.store import read_pointer
from whoosh import index as whoosh_index

from bench.queries import HITS, SNIPPETS, Query, by_class, fts5_filters, fts5_match

SEARCHED = ("lead", "paragraph", "caption")
SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5(body, id UNINDEXED, date UNINDEXED, ward UNINDEXED, "
    "tokenize='unicode61 remove_diacritics 2')"
)
SNIPPET_TOKENS = 32  # about the 160 characters of our snippets


def export_rows(index_dir: Path, out: Path) -> int:
    """Write one JSON line per indexed article: (id, folded body, date, ward key)."""
    generation = read_pointer(index_dir)["generation"]
    ix = whoosh_index.open_dir(str(index_dir / generation))
    count = 0
    with ix.searcher() as searcher, out.open("w", encoding="utf-8") as f:
        for fields in searcher.all_stored_fields():
            doc = fields["doc"]
            text = doc["text"]
            body = "\n\n".join(text[s:e] for kind, s, e in doc["blocks"] if kind in SEARCHED)
            ward = fields.get("ward") or ""
            row = [fields["id"], folded_form(body), fields.get("date") or "", ward_key(ward)]
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def build(rows_file: Path, db_file: Path) -> dict[str, Any]:
    """Create the FTS5 table from the exported rows, streamed (FTS5's memory, not a list's);
    the time spent decoding the JSON lines is measured and left out of the build time."""
    db_file.unlink(missing_ok=True)
    decoding = [0.0, 0]

    def rows() -> Iterator[list[str]]:
        with rows_file.open(encoding="utf-8") as f:
            for line in f:
                started = time.perf_counter()
                row = json.loads(line)
                decoding[0] += time.perf_counter() - started
                decoding[1] += 1
                yield row

    started = time.perf_counter()
    db = sqlite3.connect(db_file)
    db.execute(SCHEMA)
    with db:
        db.executemany("INSERT INTO docs(id, body, date, ward) VALUES (?, ?, ?, ?)", rows())
    db.close()
    seconds = time.perf_counter() - started - decoding[0]
    return {
        "build_docs_per_s": round(decoding[1] / seconds, 1),
        "build_s": round(seconds, 2),
        "index_mb": round(db_file.stat().st_size / 2**20, 1),
    }


def run_query(db: sqlite3.Connection, query: Query) -> tuple[int, list[str]]:
    """Top HITS ids by bm25, then snippet() for the first SNIPPETS of them (as the reader)."""
    match = fts5_match(query)
    extra, params = fts5_filters(query)
    top = db.execute(
        f"SELECT rowid FROM docs WHERE docs MATCH ?{extra} ORDER BY bm25(docs) LIMIT {HITS}",
        [match, *params],
    ).fetchall()
    first = [r[0] for r in top[:SNIPPETS]]
    if not first:
        return 0, []
    marks = ",".join("?" * len(first))
    rows = db.execute(
        f"SELECT rowid, snippet(docs, 0, '[', ']', '…', {SNIPPET_TOKENS}) FROM docs "
        f"WHERE docs MATCH ? AND rowid IN ({marks})",
        [match, *first],
    ).fetchall()
    snippets = dict(rows)
    return len(top), [snippets[r] for r in first]


def run_queries(db_file: Path, queries: list[Query]) -> dict[str, Any]:
    """Time every query of the mix (after one warm-up query), per class."""
    db = sqlite3.connect(db_file)
    run_query(db, queries[0])
    timed, found = [], 0
    for query in queries:
        started = time.perf_counter()
        hits, _ = run_query(db, query)
        timed.append((query.cls, (time.perf_counter() - started) * 1000))
        found += hits > 0
    db.close()
    return {"query_ms": by_class(timed), "queries": len(queries), "with_hits": found}
