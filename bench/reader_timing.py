"""Time the Textual reader headless: cold start to first results, and keystroke → repaint.

    python -m bench.reader_timing INDEX_DIR --keys "tan son nhat" --t0 EPOCH_SECONDS

Run by ``run.py`` in a fresh process per session (``t0`` is taken by the parent just before it
starts this process, so start-up includes the interpreter and every import). The reader is
driven through ``App.run_test()``; "results painted" means the results list answers the query
in the bar (``MainScreen.shown == current_key()``), the rows in view have their snippets, and
one more refresh has run. The reader is written concurrently with this harness, so anything
missing makes ``available()`` say why and the benchmark records null.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

START_SECONDS = 900.0  # the reader may first have to (re)build the index
KEY_SECONDS = 120.0
SIZE = (120, 40)


def available() -> str | None:
    """None when the reader has what this needs, else the reason it cannot be timed."""
    try:
        from phuong_reader.tui.app import ReaderApp
        from phuong_reader.tui.screens.main import MainScreen
    except Exception as exc:  # the reader is being written; any import failure means "not yet"
        return f"cannot import the reader: {exc!r}"
    needs = [("ReaderApp.run_test", hasattr(ReaderApp, "run_test"))]
    needs += [(f"MainScreen.{a}", hasattr(MainScreen, a)) for a in ("current_key", "results")]
    missing = [name for name, ok in needs if not ok]
    return f"the reader lacks {', '.join(missing)}" if missing else None


def _painted(app: Any) -> bool:
    """True when the results list answers the query in the bar, snippets in view included."""
    screen = getattr(app, "main_screen", None)
    if screen is None or app.screen is not screen or getattr(screen, "shown", None) is None:
        return False
    if screen.shown != screen.current_key():
        return False
    results = screen.results
    if hasattr(results, "visible_rows") and hasattr(results, "snippets"):
        return all(i in results.snippets for i in results.visible_rows())
    return True


async def _until(pilot: Any, done: Callable[[], bool], seconds: float = KEY_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the reader showed no results within {seconds:.0f} s")
        await pilot.pause(0.002)
    await pilot.pause()  # one more refresh: the frame with the results is painted


async def _drive(index_dir: Path, keys: str) -> dict[str, Any]:
    from phuong_reader.index.location import locate
    from phuong_reader.tui.app import ReaderApp

    kwargs: dict[str, Any] = {}
    if "state" in inspect.signature(ReaderApp).parameters:
        from phuong_reader.tui.state import ReaderState

        kwargs["state"] = ReaderState()  # nothing remembered: an empty query, all wards
    app = ReaderApp(locate(None, index_dir), **kwargs)
    if not hasattr(app, "main_screen"):
        raise RuntimeError("the reader lacks ReaderApp.main_screen")
    keystrokes: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: _painted(app), START_SECONDS)
        ready = time.time()
        screen = app.main_screen
        screen.bar.input.focus()
        await pilot.pause()
        for char in keys:
            before = screen.current_key()
            started = time.perf_counter()
            await pilot.press("space" if char == " " else char)
            if screen.current_key() == before:  # a space: the query is the same, nothing to do
                continue
            await _until(pilot, lambda: _painted(app))
            keystrokes.append((time.perf_counter() - started) * 1000)
    return {"ready_at": ready, "keystroke_ms": keystrokes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the reader headless.")
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--keys", default="tan son nhat")
    parser.add_argument("--t0", type=float, default=time.time())
    args = parser.parse_args(argv)
    reason = available()
    if reason:
        print(json.dumps({"error": reason}))
        return 0
    try:
        result = asyncio.run(_drive(args.index_dir, args.keys))
    except Exception as exc:  # a reader being written may fail in any way: report, not crash
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 0
    result["startup_ms"] = round((result.pop("ready_at") - args.t0) * 1000, 1)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
