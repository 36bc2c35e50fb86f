"""Time the comparing views on an index: people, figures, and the counts of a query.

    python -m bench.compare_timing INDEX_DIR [--runs 3] [--out FILE]

Engine alone (the same process, searcher warm):
- ``people_ms``: ``SearchEngine.people()`` (everyone with their histories, as the CLI prints
  them), ``people_lines_ms`` the reader's list (cached per generation), and ``people`` how many;
- ``groups_and_table_ms``: ``figure_groups(q)`` and the first group's ``unit_table`` (what ``f``
  shows, from the saved columns);
- ``figures_ms`` / ``facets_ms``: ``figures(q)`` (every figure as a row, for the CLI) and
  ``facets(q)`` for each of ``QUERIES``
  (p50/p95 over queries × runs), with the number of figures and of matching articles.

The reader headless at 120×40 (``bench.reader_timing.FrameClock`` stamps the first frame):
- ``people_view_ms``: ``p`` → the frame showing the list filled in;
- ``figures_view_ms``: ``f`` on each query → the frame showing its groups and table;
- ``counts_ms``: a query submitted → the frame with its ward counts and timeline (the counts
  wait for the results to be shown for ``FACETS_PAUSE``; that pause is included).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("hộ nghèo", "ngân sách", "đảng viên", "tân sơn nhất", "ngập", "")
SECONDS = 120.0


def engine_times(index_dir: Path, runs: int) -> dict[str, Any]:
    from phuong_reader.index import SearchEngine

    from bench.queries import percentiles

    engine = SearchEngine(index_dir)
    engine.doc_count()
    people_ms, figures_ms, facets_ms, lines_ms, groups_ms = [], [], [], [], []
    counts: dict[str, Any] = {}
    for run in range(runs + 1):  # the first pass warms the searcher's arrays; not counted
        started = time.perf_counter()
        people = engine.people()
        if run:
            people_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        engine.people_lines()  # cached per generation after the first pass
        if run:
            lines_ms.append((time.perf_counter() - started) * 1000)
        for query in QUERIES:
            started = time.perf_counter()
            facts = engine.figures(query)
            if run:
                figures_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            found = engine.figure_groups(query)
            if found:
                engine.unit_table(found[0][0], query)
            if run:
                groups_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            facets = engine.facets(query)
            if run:
                facets_ms.append((time.perf_counter() - started) * 1000)
            counts[query or "(every article)"] = {
                "figures": len(facts),
                "articles": sum(facets.wards.values()),
            }
    return {
        "people": len(people),
        "people_ms": percentiles(people_ms),
        "people_lines_ms": percentiles(lines_ms),
        "figures_ms": percentiles(figures_ms),
        "groups_and_table_ms": percentiles(groups_ms),
        "facets_ms": percentiles(facets_ms),
        "per_query": counts,
    }


async def _drive(index_dir: Path, runs: int) -> dict[str, list[float]]:
    from phuong_reader.index.location import locate
    from phuong_reader.tui.app import ReaderApp
    from phuong_reader.tui.screens.figures import FiguresScreen
    from phuong_reader.tui.screens.people import PeopleScreen
    from phuong_reader.tui.state import ReaderState
    from textual.widgets import Input

    from bench.reader_timing import FrameClock, _until, painted

    app = ReaderApp(locate(None, index_dir), state=ReaderState())
    clock = FrameClock(app)
    clock.arm(lambda: painted(app))
    out: dict[str, list[float]] = {"people_view_ms": [], "figures_view_ms": [], "counts_ms": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await clock.wait(SECONDS)
        screen = app.main_screen

        async def quiet() -> None:
            await _until(lambda: screen.settled and not any(w.is_running for w in app.workers),
                         SECONDS, "quiet")  # fmt: skip

        for _ in range(runs):
            await quiet()
            clock.arm(lambda: isinstance(app.screen, PeopleScreen) and bool(app.screen.listed))
            started = time.perf_counter()
            await pilot.press("p")
            out["people_view_ms"].append((await clock.wait(SECONDS) - started) * 1000)
            await pilot.press("escape")
            for query in QUERIES:
                await quiet()
                shown = screen.timeline.counts
                clock.arm(lambda s=shown: screen.timeline.counts is not s)
                started = time.perf_counter()
                with screen.bar.input.prevent(Input.Changed):
                    screen.bar.input.value = query
                screen.run_search()
                out["counts_ms"].append((await clock.wait(SECONDS) - started) * 1000)
                await quiet()
                clock.arm(lambda: isinstance(app.screen, FiguresScreen) and _filled(app.screen))
                started = time.perf_counter()
                await pilot.press("f")
                out["figures_view_ms"].append((await clock.wait(SECONDS) - started) * 1000)
                await pilot.press("escape")
    return out


def _filled(screen: Any) -> bool:
    """The figures view shows its groups, and the first group's table (or says none)."""
    return screen.loaded and (bool(screen.rows) or not screen.groups)


def measure(index_dir: Path, runs: int) -> dict[str, Any]:
    from bench.queries import percentiles

    result = engine_times(index_dir, runs)
    for name, values in asyncio.run(_drive(index_dir, runs)).items():
        result[name] = percentiles(values)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the people and figures views.")
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.reader_timing import emit

    emit(measure(args.index_dir, max(1, args.runs)), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
