"""Time opening a 1 MB article in the reader headless, against the engine alone.

    python -m bench.article_open [--mb 1.0] [--runs 5] [--out FILE]

A corpus of one long article (paragraphs of ``bench/phrasebank.txt``, about ``--mb`` MB of
UTF-8, the most the build indexes whole) and two short ones is indexed in a temporary folder.
The reader opens it at 120×40 with nothing remembered; each run goes back to a short article,
then asks for the long one as "Go to article" does (``MainScreen.goto_article``) and stamps,
with ``bench.reader_timing.FrameClock``:

- ``first_screen_ms``: → the first frame that shows the long article (its first lines laid out);
- ``complete_ms``: → the frame after the last chunk of its lines was handed over;
- ``end_ms``: from then, ``End`` in the article → the frame that shows its last line.

``engine_ms`` is ``SearchEngine.article`` for the same id in the same process (the stored
article unpickled): what any reader must pay before it can draw a line.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LONG_ID, SHORT_ID = "900_long", "901_short"
SECONDS = 120.0


def long_text(megabytes: float, seed: int = 1) -> str:
    """An article of about ``megabytes`` MB: a dated lead, then phrase-bank paragraphs."""
    bank = (ROOT / "bench" / "phrasebank.txt").read_text("utf-8").splitlines()
    sentences = [ln.split(":", 1)[1].strip() for ln in bank if ln.startswith(("para:", "lead:"))]
    rng = random.Random(seed)
    parts = [" date 2026-05-04 Phường Tân Định tổng hợp ý kiến cử tri.", ""]
    size = 0
    while size < megabytes * 1024 * 1024 - 2048:
        paragraph = " ".join(rng.choice(sentences) for _ in range(4))
        paragraph = paragraph.replace("{", "").replace("}", "")
        parts += [paragraph, ""]
        size += len(paragraph.encode()) + 2
    return "\n".join([*parts, "KIM YẾN"])


def short_text(ward: str) -> str:
    lead = f" date 2026-05-03 Phường {ward} ra quân dọn kênh."
    return f"{lead}\n\nNgười dân cùng tham gia.\n\nMAI ANH"


async def _drive(index_dir: Path, runs: int) -> dict[str, list[float]]:
    from phuong_reader.index.location import locate
    from phuong_reader.tui.app import ReaderApp
    from phuong_reader.tui.state import ReaderState

    from bench.reader_timing import FrameClock, _until, painted

    app = ReaderApp(locate(None, index_dir), state=ReaderState())
    clock = FrameClock(app)
    clock.arm(lambda: painted(app))
    out: dict[str, list[float]] = {"first_screen_ms": [], "complete_ms": [], "end_ms": []}
    async with app.run_test(size=(120, 40)):
        await clock.wait(SECONDS)
        screen = app.main_screen
        view = screen.article

        def showing(article_id: str) -> bool:
            return view.article is not None and view.article.id == article_id

        for _ in range(runs):
            screen.goto_article(SHORT_ID)
            await _until(lambda: showing(SHORT_ID), SECONDS, "the short article")
            await _until(lambda: not any(w.is_running for w in app.workers), SECONDS, "quiet")
            clock.arm(lambda: showing(LONG_ID) and view.text is not None)
            started = time.perf_counter()
            screen.goto_article(LONG_ID)
            out["first_screen_ms"].append((await clock.wait(SECONDS) - started) * 1000)
            clock.arm(lambda: showing(LONG_ID) and view.text is not None and view.text.complete)
            out["complete_ms"].append((await clock.wait(SECONDS) - started) * 1000)
            scroller = view.scroller
            last = len(view.text.lines) - 1
            clock.arm(lambda s=scroller, n=last: int(s.scroll_y) + s.size.height > n)
            started = time.perf_counter()
            scroller.scroll_end(animate=False, immediate=True)
            out["end_ms"].append((await clock.wait(SECONDS) - started) * 1000)
    return out


def measure(megabytes: float, runs: int) -> dict[str, Any]:
    from phuong_reader.index import SearchEngine, update_index

    from bench.queries import percentiles

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        text = long_text(megabytes)
        (corpus / f"{LONG_ID}.txt").write_text(text, "utf-8")
        (corpus / f"{SHORT_ID}.txt").write_text(short_text("Tân Định"), "utf-8")
        (corpus / "902_short.txt").write_text(short_text("Bến Thành"), "utf-8")
        index_dir = Path(tmp) / "index"
        update_index(corpus, index_dir)
        session = asyncio.run(_drive(index_dir, runs))
        engine = SearchEngine(index_dir)
        engine.article(LONG_ID)  # warm, as the reader's searcher is
        engine_ms = []
        for _ in range(runs):
            started = time.perf_counter()
            engine.article(LONG_ID)
            engine_ms.append((time.perf_counter() - started) * 1000)
    result: dict[str, Any] = {
        "article_bytes": len(text.encode()),
        "article_chars": len(text),
        "engine_ms": round(statistics.median(engine_ms), 1),
    }
    for name, values in session.items():
        result[name] = percentiles(values)
        result[name.replace("_ms", "_raw")] = [round(v, 1) for v in values]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time opening a long article in the reader.")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the long article")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.reader_timing import emit

    emit(measure(args.mb, max(1, args.runs)), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
