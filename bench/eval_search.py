"""Search quality on the bundled corpus and the wide gold set (84 articles), side by side with
SQLite FTS5 on the same documents.

    python bench/eval_search.py [--verbose]

Queries of eleven kinds (accentless, accented, old tone placement, person, ward, topic, figure,
abbreviation, former ward, typed number, topic recall) are generated from the corpus, or read
from bench/topic_judgments.json, with relevance decided without our ranking:
- ward / accentless / old tone: the articles whose primary ward (tests/data/sample_expectations
  .json, written by the corpus's author) is the ward named;
- person / topic / figure / accented: the articles whose text contains that exact string (for
  accented queries, with its accents; for figures, as a whole number);
- abbreviation: each spelling of a class of index/lang/data/equivalents.txt that some article
  writes differently; relevant: the articles containing any spelling of the class;
- former ward: each former unit of the primary units (gazetteer data, names no current unit
  shares); relevant: the articles about the unit it became part of or naming the old one;
- typed number: a figure with a thousands dot typed without it ("1000 suất quà"); relevant: the
  articles containing the figure as written;
- topic recall: the queries of bench/topic_judgments.json ("ngập nước", "hỏa hoạn", kẹt xe…);
  relevant: the articles about the query's topic, judged by reading them (whatever words they
  use), before any query was run.
FTS5 gets the folded body text (``unicode61 remove_diacritics 2``); bare words become an AND of
words and quoted phrases FTS5 phrases. Prints MRR, precision at 5 and recall at 10 (the share of
the relevant articles in the first 10, out of at most 10) per kind for both.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from phuong_reader.index.build.corpus import ReadArticle, bundled_corpus, read_corpus
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.entities.gazetteer import load_gazetteer
from phuong_reader.index.lang.vietnamese import folded_form, normalize_tones
from phuong_reader.index.query.search import SearchEngine

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = ROOT / "tests" / "data" / "sample_expectations.json"
WIDE = ROOT / "tests" / "data" / "gold_wide"
EQUIVALENTS = ROOT / "index" / "lang" / "data" / "equivalents.txt"
TOPIC_JUDGMENTS = ROOT / "bench" / "topic_judgments.json"
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


def primary_wards() -> dict[str, str | None]:
    """Each article's primary unit as its author annotated it (samples and the wide set)."""
    primary = {i: f["primary_ward"] for i, f in json.loads(EXPECTED.read_text("utf-8")).items()}
    for path in WIDE.glob("*.json"):
        primary[path.stem] = json.loads(path.read_text("utf-8"))["primary_ward"]
    return primary


def judged_queries(articles: dict[str, ReadArticle]) -> dict[str, list[tuple[str, set[str]]]]:
    by_ward: dict[str, set[str]] = defaultdict(set)
    for article_id, ward in primary_wards().items():
        if ward and article_id in articles:
            by_ward[ward].add(article_id)
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
    queries["abbreviation"] = abbreviation_queries(folded)
    queries["former ward"] = former_ward_queries(by_ward, containing)
    for figure in figures:
        number = figure.split()[0]
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number) and " " in figure:
            typed = figure.replace(number, number.replace(".", ""), 1)
            queries["typed number"].append((typed, containing(figure.lower(), exact=True)))
    queries["topic recall"] = topic_recall_queries(set(articles))
    return {k: [(q, r) for q, r in v if r] for k, v in queries.items()}


def topic_recall_queries(ids: set[str]) -> list[tuple[str, set[str]]]:
    """The judged topic queries: relevant, the articles about the topic (of those indexed)."""
    judged = json.loads(TOPIC_JUDGMENTS.read_text("utf-8"))
    about = {name: set(t["articles"]) & ids for name, t in judged["topics"].items()}
    return [(q["query"], about[q["topic"]]) for q in judged["queries"]]


def abbreviation_queries(folded: dict[str, str]) -> list[tuple[str, set[str]]]:
    """Every spelling of a class, when some article writes the class another way."""
    out = []
    for line in EQUIVALENTS.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        forms = [f.strip() for f in line.split(" = ")]
        patterns = {f: _token_run(folded_form(f)) for f in forms}
        having = {f: {i for i, t in folded.items() if patterns[f].search(t)} for f in forms}
        relevant = set().union(*having.values())
        for form in forms:
            if relevant - having[form]:  # some article spells it otherwise
                out.append((form, relevant))
    return out


def _token_run(folded_text: str) -> re.Pattern[str]:
    tokens = re.findall(r"\w+", folded_text.lower())
    return re.compile(r"(?<!\w)" + r"\W{1,3}".join(map(re.escape, tokens)) + r"(?!\w)")


def former_ward_queries(by_ward: dict[str, set[str]], containing) -> list[tuple[str, set[str]]]:
    """Former units of the corpus's primary units, by names no current unit has."""
    gaz = load_gazetteer()
    out = []
    for ward, about in sorted(by_ward.items()):
        unit = gaz.by_name.get(ward)
        for old in unit.former if unit else ():
            if old.name in gaz.by_name or old.name.startswith("Phường "):
                continue
            if len(gaz.former_to_current.get(old.name, [])) != 1:
                continue
            out.append((old.name, about | containing(folded_form(old.name), exact=False)))
    return out


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


def score(ranked: list[str], relevant: set[str]) -> tuple[float, float, float]:
    """(reciprocal rank, precision at 5, recall at 10), the last two out of at most 5 and 10."""
    rr = next((1 / (i + 1) for i, doc in enumerate(ranked) if doc in relevant), 0.0)
    precision = sum(doc in relevant for doc in ranked[:5]) / min(5, len(relevant))
    recall = sum(doc in relevant for doc in ranked[:10]) / min(10, len(relevant))
    return rr, precision, recall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every query's ranks")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for source in (*bundled_corpus().glob("*.txt"), *WIDE.glob("*.txt")):
            shutil.copy2(source, corpus / source.name)
        articles = {r.article.id: r for r in read_corpus(corpus) if isinstance(r, ReadArticle)}
        update_index(corpus, Path(tmp) / "index")
        engine = SearchEngine(Path(tmp) / "index")
        db = fts5_index(articles)
        header = (
            "queries", "MRR ours", "MRR fts5", "P@5 ours", "P@5 fts5", "R@10 ours", "R@10 fts5",
        )  # fmt: skip
        scores: dict[str, object] = {"articles": len(articles)}
        if not args.json:
            print(f"{len(articles)} articles")
            print(f"{'kind':<14}" + "".join(f"{h:>10}" for h in header))
        for kind, queries in judged_queries(articles).items():
            totals = [0.0] * 6
            for query, relevant in queries:
                ours = [h.id for h in engine.search(query, limit=20).hits]
                sql = "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 20"
                theirs = [row[0] for row in db.execute(sql, (fts5_query(query),))]
                (rr1, p1, r1), (rr2, p2, r2) = score(ours, relevant), score(theirs, relevant)
                totals = [t + v for t, v in zip(totals, (rr1, rr2, p1, p2, r1, r2), strict=True)]
                if args.verbose and (rr1 < 1 or p1 < p2 or r1 < 1):
                    ranks = f"ours rr={rr1:.2f} p5={p1:.2f} r10={r1:.2f}, fts5 rr={rr2:.2f}"
                    print(f"    {kind}: {query!r} {ranks}")
            n = len(queries)
            values = (n, *(t / n for t in totals))
            scores[kind] = dict(zip(("queries", *header[1:]), values, strict=True))
            if not args.json:
                print(f"{kind:<14}{n:>10}" + "".join(f"{t / n:>10.3f}" for t in totals))
        engine.close()
    if args.json:
        print(json.dumps(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
