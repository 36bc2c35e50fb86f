"""Search quality on the bundled corpus, side by side with SQLite FTS5 on the same documents.

    python bench/eval_search.py [--verbose]

Queries of seven kinds (accentless, accented, old tone placement, person, ward, topic, figure)
are generated from the corpus with relevance decided by rules that do not use our ranking:
- ward / accentless / old tone: the articles whose primary ward (tests/data/sample_expectations
  .json, written by the corpus's author) is the ward named;
- person / topic / figure / accented: the articles whose text contains that exact string (for
  accented queries, with its accents; for figures, as a whole number).
FTS5 gets the folded body text (``unicode61 remove_diacritics 2``); bare words become an AND of
words and quoted phrases FTS5 phrases. Prints MRR and precision at 5 per kind for both.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from phuong_reader.index.build.corpus import ReadArticle, bundled_corpus, read_corpus
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.lang.vietnamese import folded_form, normalize_tones
from phuong_reader.index.query.search import SearchEngine

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = ROOT / "tests" / "data" / "sample_expectations.json"
TOPICS = [
    '"chuyển đổi số"',
    '"cải cách hành chính"',
    '"hộ nghèo"',
    '"an sinh xã hội"',
    '"rừng ngập mặn"',
    '"phòng cháy chữa cháy"',
    '"gia đình chính sách"',
    '"thủ tục hành chính"',
    '"du lịch"',
    '"người cao tuổi"',
]
ACCENTED = ["hòa giải", "văn hóa", "hòa nhập", "đảng viên", "thủy", "khỏe", "học sinh", "tết"]
_OLD = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "ủy": "uỷ", "ỏe": "oẻ"}


def old_tone(name: str) -> str:
    for new, old in _OLD.items():
        name = name.replace(new, old)
    return name


def judged_queries(articles: dict[str, ReadArticle]) -> dict[str, list[tuple[str, set[str]]]]:
    expected = json.loads(EXPECTED.read_text("utf-8"))
    by_ward: dict[str, set[str]] = defaultdict(set)
    for article_id, facts in expected.items():
        by_ward[facts["primary_ward"]].add(article_id)
    texts = {i: r.article.body_text() for i, r in articles.items()}
    folded = {i: folded_form(t) for i, t in texts.items()}

    def containing(needle: str, exact: bool) -> set[str]:
        pattern = re.compile(rf"(?<![\w.,]){re.escape(needle)}(?![\w%]|[.,]\d)")
        source = {i: normalize_tones(t.lower()) for i, t in texts.items()} if exact else folded
        return {i for i, t in source.items() if pattern.search(t)}

    queries: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for ward, relevant in sorted(by_ward.items()):
        queries["ward"].append((ward, relevant))
        queries["accentless"].append((folded_form(ward), relevant))
        if old_tone(ward) != ward:
            queries["old tone"].append((old_tone(ward), relevant))
    people = sorted({n for r in articles.values() for n, _ in r.article.extraction.persons})
    for name in people[:40]:
        queries["person"].append((name, containing(folded_form(name), exact=False)))
    figures = sorted({f for r in articles.values() for f in r.article.extraction.figures})
    for figure in figures[:60]:
        queries["figure"].append((figure, containing(figure.lower(), exact=True)))
    for topic in TOPICS:
        queries["topic"].append((topic, containing(folded_form(topic.strip('"')), exact=False)))
    for word in ACCENTED:
        queries["accented"].append((word, containing(word, exact=True)))
    return {k: [(q, r) for q, r in v if r] for k, v in queries.items()}


def fts5_index(articles: dict[str, ReadArticle]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    db.executemany(
        "INSERT INTO docs VALUES (?, ?)",
        [(i, folded_form(r.article.body_text())) for i, r in articles.items()],
    )
    return db


def fts5_query(query: str) -> str:
    """Bare words → AND of words, "quoted" → phrase; every token quoted (FTS5 syntax is strict)."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        tokens = re.findall(r"\w+", folded_form(phrase or word))
        if tokens:
            parts.append(
                '"' + " ".join(tokens) + '"' if phrase else " ".join(f'"{t}"' for t in tokens)
            )
    return " AND ".join(parts)


def score(ranked: list[str], relevant: set[str]) -> tuple[float, float]:
    rr = next((1 / (i + 1) for i, doc in enumerate(ranked) if doc in relevant), 0.0)
    top = ranked[:5]
    precision = sum(doc in relevant for doc in top) / min(5, len(relevant))
    return rr, precision


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every query's ranks")
    args = parser.parse_args()
    corpus = bundled_corpus()
    articles = {r.article.id: r for r in read_corpus(corpus) if isinstance(r, ReadArticle)}
    with tempfile.TemporaryDirectory() as tmp:
        update_index(corpus, Path(tmp))
        engine = SearchEngine(Path(tmp))
        db = fts5_index(articles)
        header = ("queries", "MRR ours", "MRR fts5", "P@5 ours", "P@5 fts5")
        print(f"{'kind':<12}" + "".join(f"{h:>10}" for h in header))
        for kind, queries in judged_queries(articles).items():
            totals = [0.0, 0.0, 0.0, 0.0]
            for query, relevant in queries:
                ours = [h.id for h in engine.search(query, limit=20).hits]
                sql = "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 20"
                theirs = [row[0] for row in db.execute(sql, (fts5_query(query),))]
                (rr1, p1), (rr2, p2) = score(ours, relevant), score(theirs, relevant)
                totals = [totals[0] + rr1, totals[1] + rr2, totals[2] + p1, totals[3] + p2]
                if args.verbose and (rr1 < 1 or p1 < p2):
                    ranks = f"ours rr={rr1:.2f} p5={p1:.2f}, fts5 rr={rr2:.2f} p5={p2:.2f}"
                    print(f"    {kind}: {query!r} {ranks}")
            n = len(queries)
            print(f"{kind:<12}{n:>10}" + "".join(f"{t / n:>10.3f}" for t in totals))
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
