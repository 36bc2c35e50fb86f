"""Time the Textual reader headless, frame by frame: start-up, and keystroke → repaint.

    python -m bench.reader_timing INDEX_DIR [--keys "tan son nhat"] [--runs 1] [--t0 EPOCH_S]
                                  [--out FILE]

What is measured, in one fresh process (``run.py`` starts one per session and passes ``--t0``,
the parent's ``time.time()`` just before it starts the process; without it, t0 is this
process's start as /proc gives it, to 10 ms):

- ``import_ms``: t0 → ``phuong_reader.tui.app`` imported (interpreter start, Textual and the
  engine's modules included), with the cycle collector paused first as ``phuong`` pauses it
  (``tui/collector.py``).
- ``startup_ms``: t0 → the first frame that shows the first results with their snippets.
- ``keystroke_ms`` (p50, p95, max; raw in ``keystroke_raw``): a key is posted to the app as a
  driver posts it (``app.post_message(events.Key(key, character))``) → the first frame that
  shows the new query's results with the snippets of every row in view (the reader paints the
  typed character in that same frame: ``tui/screens/held_frames.py``).
- ``frames_per_key``: frames written between the key and that frame (that one included), mean.
- ``engine_ms`` (p50, p95; raw in ``engine_raw``): after the reader session, in the same
  process, a fresh ``SearchEngine`` answers the same prefixes the reader searched, in the
  reader's order, as the reader asks them (``search(prefix, sort=…, limit=200)`` and
  ``snippet`` for the first 20 hits, where the reader asks for the rows in view, 19 at 120×40),
  wall clock, one timing per prefix and run: a prefix the reader met first is cold here too,
  its repeat warm. ``engine_warm_ms``: the same sequence timed again, everything warm (what
  this figure was until session 8: one untimed warm-up pass first).
- ``keystroke_cpu_ms``, ``engine_cpu_ms`` (p50, p95): the same spans in CPU time of the whole
  process (``time.process_time``, worker threads included), for a machine too loaded for wall
  clock figures (see ``bench/query_cpu.py``).
- ``peak_rss_mb``: this process's ``ru_maxrss`` at the end of the reader session, before the
  engine is timed. The session ends after the last key, a second's pause and its workers, so
  the counts and the people and figures views' data, which a pause in typing loads, are in it.
  ``peak_rss_with_engine_mb``: at the end, that fresh engine's arrays included (until session
  15 the only figure, which inflated the reader's);
  ``memory_mb``: the resident memory at the end of the reader session by kind (``anon``: the
  process's own; ``file``: mapped index files, which the kernel may drop and processes share).

"A frame" is one call of ``App._display`` with an update (it is called once per frame, headless
too, with nothing written): the harness wraps it, calls the original, then stamps
``time.perf_counter()`` in the first frame for which the screen answers the query in the bar
(``MainScreen.shown == current_key()``), every row of ``results.visible_rows()`` is in
``results.snippets`` and, if the results widget has ``generation`` and ``painted_generation``,
they are equal (a Line API widget sets the second in ``render_line``: it painted the current
result). Before each key the harness waits, untimed, until no worker runs, the main screen is
``settled`` and has nothing left to paint (an isolated keystroke, not a typist racing the
reader: the article that the last key's pause loads is not laid out during this one); it polls
with ``asyncio.sleep``, which does not move the stamps, taken inside the frame.

Why not ``pilot.press``: it waits for the whole app to be idle (worker threads included) twice
after each key, and ``pilot.pause()`` sleeps at least 20 ms and forces a frame, so the old
figures (keystroke → "results ready" + one more refresh) included the harness's waits and the
article's loading, not the moment the results were on screen.

A space does not change the query (it is stripped): it is typed but not timed. The reader is
written concurrently with this harness: anything missing makes ``available()`` say why, and any
failure is reported as ``{"error": …}`` (exit status 0) for ``run.py`` to record null.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import inspect
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

START_SECONDS = 900.0  # the reader may first have to (re)build the index
KEY_SECONDS = 120.0
QUIET_SECONDS = 30.0
POLL_SECONDS = 0.02
FOCUS_SECONDS = 0.3  # after focusing the search bar, before the first key (untimed)
IDLE_SECONDS = 1.0  # after the last key: what a pause in typing starts has started
SIZE = (120, 40)
RESULT_LIMIT = 200  # the reader's, when its main screen does not say


def available() -> str | None:
    """None when the reader has what this needs, else the reason it cannot be timed."""
    try:
        with contextlib.suppress(ImportError):  # as ``phuong`` does before it imports the reader
            from phuong_reader.tui import collector

            collector.pause()
        from phuong_reader.tui.app import ReaderApp
        from phuong_reader.tui.screens.main import MainScreen
    except Exception as exc:  # the reader is being written; any import failure means "not yet"
        return f"cannot import the reader: {exc!r}"
    needs = [(f"ReaderApp.{a}", hasattr(ReaderApp, a)) for a in ("run_test", "_display")]
    needs += [(f"MainScreen.{a}", hasattr(MainScreen, a)) for a in ("current_key", "results")]
    missing = [name for name, ok in needs if not ok]
    return f"the reader lacks {', '.join(missing)}" if missing else None


def process_start() -> float:
    """When this process started, as ``time.time()`` (in clock ticks, from /proc), else now."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return time.time()
    return time.time() - (uptime - ticks / os.sysconf("SC_CLK_TCK"))


def painted(app: Any) -> bool:
    """True when the main screen answers the query in the bar, snippets in view included, and
    (a widget that says so) the results list has painted its current result."""
    screen = getattr(app, "main_screen", None)
    if screen is None or app.screen is not screen or getattr(screen, "shown", None) is None:
        return False
    if screen.shown != screen.current_key():
        return False
    results = screen.results
    generation = getattr(results, "generation", None)
    if generation is not None and getattr(results, "painted_generation", None) != generation:
        return False
    if hasattr(results, "visible_rows") and hasattr(results, "snippets"):
        return all(i in results.snippets for i in results.visible_rows())
    return True


class FrameClock:
    """Wraps ``app._display``: counts frames, and stamps the first one for which ``done()``
    holds after ``arm(done)``."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.frames = 0
        self.done: Callable[[], bool] | None = None
        self.armed_frames = 0
        self.stamp: float | None = None  # perf_counter of the frame
        self.wall: float | None = None  # time.time() of the same frame
        self.cpu = 0.0  # process_time() of the same frame (every thread of the process)
        self.frames_taken = 0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or getattr(app, "_batch_count", 0):
                return  # nothing was to be written
            self.frames += 1
            if self.done is not None and self.stamp is None and self.done():
                self.stamp, self.wall, self.cpu = (
                    time.perf_counter(),
                    time.time(),
                    time.process_time(),
                )
                self.frames_taken = self.frames - self.armed_frames

        app._display = display

    def arm(self, done: Callable[[], bool]) -> None:
        self.done, self.stamp, self.wall, self.armed_frames = done, None, None, self.frames

    async def wait(self, seconds: float) -> float:
        """The stamp of the frame, once there is one."""
        deadline = time.monotonic() + seconds
        while self.stamp is None:
            if type(self.app.screen).__name__ == "MessageScreen":  # no index, a damaged one
                screen = self.app.screen
                what = getattr(screen, "title_text", "?"), getattr(screen, "message", "")
                raise RuntimeError("the reader shows a message: " + ": ".join(what))
            if time.monotonic() > deadline:
                raise TimeoutError(f"the reader showed no results within {seconds:.0f} s")
            await asyncio.sleep(POLL_SECONDS)
        return self.stamp


async def _until(done: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} within {seconds:.0f} s")
        await asyncio.sleep(POLL_SECONDS)


def key_event(char: str) -> Any:
    """The ``events.Key`` a driver posts for ``char``."""
    from textual import events
    from textual.keys import _character_to_key

    return events.Key(_character_to_key(char), char)


def _quiet(app: Any) -> bool:
    """No worker runs, the main screen has nothing pending (``settled``, where the reader has
    it: no search waiting, no article waiting for its pause, no counts coming) and nothing
    left to paint: the next key is an isolated one. Until session 18 only the workers were
    waited for, so the article that the last key's pause asked for (0.15 s later) was often
    read, laid out and painted during the next key."""
    screen = app.main_screen
    if any(w.is_running for w in app.workers) or not getattr(screen, "settled", True):
        return False
    # And what that article changed is painted (Textual's flags for a frame still to come).
    pending = ("_layout_required", "_scroll_required", "_repaint_required", "_dirty_widgets")
    return not any(getattr(screen, flag, False) for flag in pending)


async def _type(app: Any, clock: FrameClock, keys: str, run: dict[str, list]) -> None:
    """Type ``keys`` into the search bar, one isolated key at a time."""
    screen = app.main_screen
    bar = screen.bar.input
    for char in keys:
        await _until(lambda: _quiet(app), QUIET_SECONDS, "quiet")
        before, value = screen.current_key(), bar.value + char
        timed = value.strip() != before[0]
        if timed:
            clock.arm(lambda v=value: bar.value == v and painted(app))
        event = key_event(char)
        event.set_sender(app)
        started, cpu = time.perf_counter(), time.process_time()
        app.post_message(event)
        if not timed:  # a space: the query is the same, nothing to time
            await _until(lambda v=value: bar.value == v, KEY_SECONDS, "the key was not typed")
            continue
        stamp = await clock.wait(KEY_SECONDS)
        run["keystroke_raw"].append((stamp - started) * 1000)
        run["keystroke_cpu_raw"].append((clock.cpu - cpu) * 1000)
        run["frames_raw"].append(clock.frames_taken)
        run["keys"].append(screen.current_key())


async def _drive(index_dir: Path, keys: str, runs: int) -> dict[str, Any]:
    from phuong_reader.index.location import locate
    from phuong_reader.tui.app import ReaderApp

    kwargs: dict[str, Any] = {}
    if "state" in inspect.signature(ReaderApp).parameters:
        from phuong_reader.tui.state import ReaderState

        kwargs["state"] = ReaderState()  # nothing remembered: an empty query, all wards
    app = ReaderApp(locate(None, index_dir), **kwargs)
    if not hasattr(app, "main_screen"):
        raise RuntimeError("the reader lacks ReaderApp.main_screen")
    clock = FrameClock(app)
    clock.arm(lambda: painted(app))
    out: dict[str, list] = {
        "keystroke_raw": [],
        "keystroke_cpu_raw": [],
        "frames_raw": [],
        "keys": [],
    }
    async with app.run_test(size=SIZE):
        await clock.wait(START_SECONDS)
        ready = clock.wall
        screen = app.main_screen
        screen.set_focus(screen.bar.input)
        await _until(lambda: screen.focused is screen.bar.input, KEY_SECONDS, "no focus")
        # The focus changes the footer's keys (recomposed on the next turns): not a key's cost.
        await asyncio.sleep(FOCUS_SECONDS)
        for run in range(runs):
            if run:  # back to the empty query, untimed
                clock.arm(lambda: screen.bar.input.value == "" and painted(app))
                screen.bar.input.value = ""
                await clock.wait(KEY_SECONDS)
            await _type(app, clock, keys, out)
        # Typing paused, as a reader's does: the ward and month counts and the people and
        # figures views' data load now, and the peak RSS taken after this includes them.
        await asyncio.sleep(IDLE_SECONDS)
        await _until(lambda: not any(w.is_running for w in app.workers), QUIET_SECONDS, "idle")
    limit = getattr(sys.modules.get(type(screen).__module__), "RESULT_LIMIT", RESULT_LIMIT)
    return {"ready_at": ready, "limit": limit, **out}


def engine_times(
    index_dir: Path, keys: list[tuple], limit: int
) -> tuple[list[float], list[float], list[float]]:
    """(wall-clock ms, CPU ms, warm wall-clock ms) of each search key (query, ward, sort,
    since, until) as the reader asks it (``limit`` hits, the snippets of the first
    ``SNIPPETS``). The first two replay the reader's sequence on a fresh engine, as the
    reader met it (a prefix seen for the first time is cold there too); the third times the
    sequence again once all of it is warm."""
    from phuong_reader.index.query.search import SearchEngine

    from bench.queries import SNIPPETS

    engine = SearchEngine(index_dir)
    engine.search("", limit=limit)  # opened as the reader's first results open it

    def ask(query: str, ward: str | None, sort: str, since: str = "", until: str = "") -> None:
        result = engine.search(query, ward=ward, sort=sort, limit=limit, since=since, until=until)
        for hit in result.hits[:SNIPPETS]:
            engine.snippet(hit.id, result.terms)

    wall, cpu, warm = [], [], []
    for timings in (wall, warm):
        for key in keys:
            started, cpu_started = time.perf_counter(), time.process_time()
            ask(*key)
            timings.append((time.perf_counter() - started) * 1000)
            if timings is wall:
                cpu.append((time.process_time() - cpu_started) * 1000)
    return wall, cpu, warm


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _memory_mb() -> dict[str, float]:
    """This process's resident memory now, by kind (/proc/self/status: ``RssAnon`` is its
    own, ``RssFile`` the pages of files it maps, the index's included, which the kernel can
    drop and other processes share)."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return {}
    kinds = {"VmRSS": "rss", "RssAnon": "anon", "RssFile": "file", "RssShmem": "shmem"}
    found = {}
    for line in lines:
        name, _, value = line.partition(":")
        if name in kinds and value.strip().endswith("kB"):
            found[kinds[name]] = round(int(value.split()[0]) / 1024, 1)
    return found


def measure(index_dir: Path, keys: str, runs: int, t0: float, imported: float) -> dict[str, Any]:
    """The figures of the module docstring for one process (see ``main``)."""
    from bench.queries import percentiles

    session = asyncio.run(_drive(index_dir, keys, runs))
    memory = _memory_mb()
    # The kernel updates ru_maxrss lazily: it can lag the resident size read just now.
    reader_rss = max(_peak_rss_mb(), memory.get("rss", 0.0))
    engine, engine_cpu, warm = engine_times(index_dir, session["keys"], session["limit"])
    pressed, frames = session["keystroke_raw"], session["frames_raw"]

    def p50_p95(values: list[float]) -> dict[str, float]:
        return {k: v for k, v in percentiles(values).items() if k != "max"}

    return {
        "startup_ms": round((session["ready_at"] - t0) * 1000, 1),
        "import_ms": round((imported - t0) * 1000, 1),
        "keystroke_ms": percentiles(pressed),
        "engine_ms": p50_p95(engine),
        "engine_warm_ms": p50_p95(warm),
        "frames_per_key": round(statistics.mean(frames), 2) if frames else 0.0,
        "peak_rss_mb": reader_rss,
        "peak_rss_with_engine_mb": max(_peak_rss_mb(), reader_rss),
        "memory_mb": memory,
        "keys": [key[0] for key in session["keys"]],
        "keystroke_raw": [round(ms, 2) for ms in pressed],
        "engine_raw": [round(ms, 2) for ms in engine],
        "frames_raw": frames,
        "keystroke_cpu_raw": [round(ms, 2) for ms in session["keystroke_cpu_raw"]],
        "engine_cpu_raw": [round(ms, 2) for ms in engine_cpu],
        "keystroke_cpu_ms": p50_p95(session["keystroke_cpu_raw"]),
        "engine_cpu_ms": p50_p95(engine_cpu),
        "engine_timed": "after the reader session, same process, fresh SearchEngine, the "
        "reader's sequence replayed (engine_warm_ms: replayed again, all warm)",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the reader headless, frame by frame.")
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--keys", default="tan son nhat", help="typed one by one")
    parser.add_argument("--runs", type=int, default=1, help="times the keys are typed")
    parser.add_argument("--t0", type=float, help="the parent's time.time() at process start")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    t0 = process_start() if args.t0 is None else args.t0
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # bench.queries, when run as a file
    reason = available()
    imported = time.time()
    if reason:
        result: dict[str, Any] = {"error": reason}
    else:
        try:
            result = measure(args.index_dir, args.keys, max(1, args.runs), t0, imported)
        except Exception as exc:  # a reader being written may fail in any way: report, not crash
            result = {"error": f"{type(exc).__name__}: {exc}"}
    emit(result, args.out)
    return 0


def emit(result: dict[str, Any], out: Path | None) -> None:
    """Print ``result`` as one line of JSON, and write it to ``out`` when given."""
    text = json.dumps(result, ensure_ascii=False)
    if out:
        out.write_text(text + "\n", "utf-8")
    print(text)


if __name__ == "__main__":
    raise SystemExit(main())
