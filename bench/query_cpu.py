"""The benchmark's queries timed in CPU time, for a machine too loaded for wall-clock figures.

    python bench/query_cpu.py INDEX_DIR QUERIES.json [ROUNDS]

Runs every query of ``QUERIES.json`` (written by ``run.py`` into its workdir) as the reader
does (50 hits, snippets for the first 20) ``ROUNDS`` times with the engine installed in the
running interpreter, keeps each query's best CPU time (``time.process_time``: time this process
ran, not time it waited for a core), and prints per class the median over the queries of the
search and snippet parts and of both, the p95 of both (the 28th of 30 queries), and the hits
found; the first line is the
same as JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from phuong_reader.index.query.search import SearchEngine  # noqa: E402

from bench.queries import CLASSES, HITS, SNIPPETS, Query  # noqa: E402


def main(argv: list[str]) -> int:
    index, queries_file = Path(argv[0]), Path(argv[1])
    rounds = int(argv[2]) if len(argv) > 2 else 3
    queries = [Query(**q) for q in json.loads(queries_file.read_text("utf-8"))]
    engine = SearchEngine(index)
    engine.search("phường")  # opens the searcher
    best: dict[int, tuple[float, float, float, int]] = {}
    for _ in range(rounds):
        for i, query in enumerate(queries):
            t0 = time.process_time()
            result = engine.search(
                query.text, ward=query.ward, since=query.since, until=query.until, limit=HITS
            )
            t1 = time.process_time()
            for hit in result.hits[:SNIPPETS]:
                engine.snippet(hit.id, result.terms)
            t2 = time.process_time()
            search, snippets = (t1 - t0) * 1000, (t2 - t1) * 1000
            old = best.get(i, (search, snippets, search + snippets, 0))
            best[i] = (
                min(old[0], search),
                min(old[1], snippets),
                min(old[2], search + snippets),
                len(result.hits),
            )
    out = {}
    for cls in CLASSES:
        rows = [best[i] for i, q in enumerate(queries) if q.cls == cls]
        both = sorted(r[2] for r in rows)
        out[cls] = {
            "search": round(statistics.median(r[0] for r in rows), 2),
            "snippets": round(statistics.median(r[1] for r in rows), 2),
            "total": round(statistics.median(both), 2),
            "p95": round(both[max(0, int(0.95 * len(both)) - 1)], 2),
            "hits": sum(r[3] for r in rows),
        }
    print(json.dumps(out))
    for cls, v in out.items():
        print(
            f"{cls:11} search {v['search']:7.2f} snippets {v['snippets']:7.2f} "
            f"total {v['total']:7.2f} p95 {v['p95']:7.2f} hits {v['hits']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
