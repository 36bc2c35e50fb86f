"""One benchmark phase per process, so each phase's peak RSS is its own.

    python -m bench.phases PHASE '{"arg": ...}' [--profile FILE.prof]

Prints one JSON line: the phase's figures plus ``peak_rss_mb`` (``ru_maxrss`` of this process).
``run.py`` starts each phase in a fresh interpreter; ``--profile`` runs the phase under cProfile
and prints the functions with the most own time to stderr.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from phuong_reader.index.build.corpus import read_article  # noqa: E402
from phuong_reader.index.build.scan import Skipped, scan_corpus  # noqa: E402
from phuong_reader.index.build.schema import to_document  # noqa: E402
from phuong_reader.index.build.writer import update_index  # noqa: E402
from phuong_reader.index.entities.values import figure_rows  # noqa: E402
from phuong_reader.index.query.search import SearchEngine  # noqa: E402

from bench import fts5  # noqa: E402
from bench.make_corpus import World, write_articles  # noqa: E402
from bench.queries import HITS, SNIPPETS, Query, by_class  # noqa: E402

INCREMENTAL = 100


def dir_mb(path: Path) -> float:
    """Size of the files under ``path`` in MiB (hard links counted once)."""
    seen, total = set(), 0
    for f in path.rglob("*"):
        st = f.lstat()
        if f.is_file() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return round(total / 2**20, 1)


def ours_build(corpus: str, index_dir: str) -> dict[str, Any]:
    """A full build from scratch with the engine's own entry point."""
    target = Path(index_dir)
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    report = update_index(Path(corpus), target, rebuild=True)
    seconds = time.perf_counter() - started
    return {
        "docs": report.total,
        "skipped": len(report.skipped),
        "build_docs_per_s": round(report.total / seconds, 1),
        "build_s": round(seconds, 2),
        "index_mb": dir_mb(target),
    }


def ours_parse(corpus: str) -> dict[str, Any]:
    """Reading, parsing and extracting every article in one process, as a build does before
    indexing (the documents and facts made, nothing written): the rate a build is held to."""
    files, skipped = scan_corpus(Path(corpus), {})
    started = time.perf_counter()
    parsed = 0
    for file in files:
        read = read_article(file)
        if isinstance(read, Skipped):
            continue
        to_document(read)
        figure_rows(read.article)
        parsed += 1
    seconds = time.perf_counter() - started
    return {
        "parsed": parsed,
        "skipped": len(skipped) + len(files) - parsed,
        "parse_docs_per_s": round(parsed / seconds, 1),
        "parse_s": round(seconds, 2),
    }


def ours_incremental(corpus: str, index_dir: str, seed: int, docs: int) -> dict[str, Any]:
    """Add articles docs..docs+99 (new to the corpus) and update; the corpus is restored after."""
    folder = Path(corpus)
    added = write_articles(World(seed), folder, docs, INCREMENTAL)
    try:
        started = time.perf_counter()
        report = update_index(folder, Path(index_dir))
        seconds = time.perf_counter() - started
    finally:
        for meta in added:
            (folder / f"{meta['id']}.txt").unlink(missing_ok=True)
    return {"incremental_100_s": round(seconds, 2), "added": len(report.added)}


def ours_query(engine: SearchEngine, query: Query) -> int:
    """What the reader does for a query: the top hits, and snippets for the first rows."""
    result = engine.search(
        query.text, ward=query.ward, since=query.since, until=query.until, limit=HITS
    )
    for hit in result.hits[:SNIPPETS]:
        engine.snippet(hit.id, result.terms)
    return len(result.hits)


def ours_queries(index_dir: str, queries_file: str) -> dict[str, Any]:
    """The query mix in a fresh process: the searcher opens on the first query (timed apart)."""
    queries = [Query(**q) for q in json.loads(Path(queries_file).read_text("utf-8"))]
    started = time.perf_counter()
    engine = SearchEngine(Path(index_dir))
    ours_query(engine, queries[0])
    first_ms = (time.perf_counter() - started) * 1000
    timed, found = [], 0
    for query in queries:
        started = time.perf_counter()
        hits = ours_query(engine, query)
        timed.append((query.cls, (time.perf_counter() - started) * 1000))
        found += hits > 0
    return {
        "query_ms": by_class(timed),
        "first_query_ms": round(first_ms, 1),
        "queries": len(queries),
        "with_hits": found,
    }


def fts5_export(index_dir: str, rows_file: str) -> dict[str, Any]:
    return {"rows": fts5.export_rows(Path(index_dir), Path(rows_file))}


def fts5_build(rows_file: str, db_file: str) -> dict[str, Any]:
    return fts5.build(Path(rows_file), Path(db_file))


def fts5_queries(db_file: str, queries_file: str) -> dict[str, Any]:
    queries = [Query(**q) for q in json.loads(Path(queries_file).read_text("utf-8"))]
    return fts5.run_queries(Path(db_file), queries)


PHASES: dict[str, Callable[..., dict[str, Any]]] = {
    f.__name__: f
    for f in (
        ours_build,
        ours_parse,
        ours_incremental,
        ours_queries,
        fts5_export,
        fts5_build,
        fts5_queries,
    )
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one benchmark phase.")
    parser.add_argument("phase", choices=sorted(PHASES))
    parser.add_argument("args", help="JSON object of the phase's keyword arguments")
    parser.add_argument("--profile", type=Path, help="write cProfile stats here")
    args = parser.parse_args(argv)
    phase, kwargs = PHASES[args.phase], json.loads(args.args)
    if args.profile:
        profiler = cProfile.Profile()
        result = profiler.runcall(phase, **kwargs)
        profiler.dump_stats(args.profile)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    else:
        result = phase(**kwargs)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
