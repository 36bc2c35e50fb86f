"""The output contract of ``bench/run.py`` (issue 5): which figures a result file holds.

``check_contract`` says what is missing or extra; ``python bench/run.py --check FILE`` prints it.
A result written before the reader was timed frame by frame still validates.
"""

from __future__ import annotations

from typing import Any

from bench.queries import CLASSES

BUILD_KEYS = ("build_docs_per_s", "build_s", "index_mb")
# The reader's figures in the contract, each from a key of reader() (null when not timed).
READER_FIGURES = {
    "startup_ms": "startup_ms",
    "keystroke_ms": "keystroke_ms",
    "reader_import_ms": "import_ms",
    "reader_engine_ms": "engine_ms",
    "reader_frames_per_key": "frames_per_key",
    "reader_peak_rss_mb": "peak_rss_mb",
}
OURS_KEYS = (
    *BUILD_KEYS,
    "build_peak_rss_mb",
    "incremental_100_s",
    "query_ms",
    *READER_FIGURES,
    "read_peak_rss_mb",
)
# A result written before the reader was timed frame by frame (bench/results/100k-bca6c97.json):
# no reader_* keys, and keystroke_ms without its max.
OLD_OURS_KEYS = tuple(k for k in OURS_KEYS if not k.startswith("reader_"))


def check_contract(result: dict[str, Any]) -> list[str]:
    """What is missing from or extra in ``result`` compared with the output contract."""
    problems = []

    def same(where: str, got: Any, keys: tuple[str, ...] | set[str]) -> None:
        if not isinstance(got, dict):
            problems.append(f"{where} is not an object")
        elif set(got) != set(keys):
            problems.append(f"{where}: keys {sorted(got)}, expected {sorted(keys)}")

    same("top level", result, ("docs", "machine", "ours", "fts5"))
    ours = result.get("ours") if isinstance(result.get("ours"), dict) else {}
    old = bool(ours) and not any(k.startswith("reader_") for k in ours)
    same("ours", result.get("ours"), OLD_OURS_KEYS if old else OURS_KEYS)
    same("fts5", result.get("fts5"), (*BUILD_KEYS, "query_ms"))
    for side in ("ours", "fts5"):
        per_class = (result.get(side) or {}).get("query_ms")
        same(f"{side}.query_ms", per_class, CLASSES)
        for cls in CLASSES if isinstance(per_class, dict) else ():
            same(f"{side}.query_ms.{cls}", per_class.get(cls), ("p50", "p95", "max"))
    if ours.get("keystroke_ms") is not None:
        stats = ("p50", "p95") if old else ("p50", "p95", "max")
        same("ours.keystroke_ms", ours["keystroke_ms"], stats)
    if ours.get("reader_engine_ms") is not None:
        same("ours.reader_engine_ms", ours["reader_engine_ms"], ("p50", "p95"))
    return problems
