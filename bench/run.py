"""The speed benchmark: our engine and reader against SQLite FTS5 on the same documents.

    python bench/run.py --docs 10000 [--seed 1] [--out results.json] [--workdir DIR]
    python bench/run.py --check results.json      # validate a result file's keys

Run by hand, never by the test suite. It generates (or reuses) a corpus with
``bench/make_corpus.py``, then runs each phase in its own process (``bench/phases.py``,
``bench/reader_timing.py``, ``bench/compare_timing.py``), each with its own peak memory, on a
copy of ``index/``, ``tui/`` and ``bench/`` taken at the start (a commit made during a long run
cannot mix two engines). Each phase's figures are appended to ``WORKDIR/phases-N-sS.json``.
Memory: the largest sum of VmRSS over the phase's process tree, sampled every 20 ms, or its
own ``ru_maxrss`` when larger. Prints a table, ours next to FTS5 with the ratio, and writes the
JSON of the output contract (issue 5); the reader's keystroke p95 is set against the engine's.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.contract import (  # noqa: E402
    BUILD_KEYS,
    READER_FIGURES,
    check_contract,
)
from bench.make_corpus import load_bank, make_corpus, meta_path  # noqa: E402
from bench.queries import CLASSES, make_queries, percentiles  # noqa: E402

READER_RUNS = 3
READER_KEYS = "tan son nhat"  # 12 characters, typed one by one
KEY_STATS = ("p50", "p95", "max")


def _tree_rss_kb(pid: int) -> int:
    """VmRSS of ``pid`` and all its descendants, in KiB (0 for processes already gone)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
        total += next((int(x.split()[1]) for x in status.splitlines() if x[:6] == "VmRSS:"), 0)
    return total


def snapshot_sources(workdir: Path) -> Path:
    """Copy the code the phases run (see the module docstring), laid out as it installs
    (``phuong_reader/index``, ``phuong_reader/tui``, the root package from ``pkg/``) so that it
    comes first on PYTHONPATH, ahead of an editable install; returns the copy's root. Its
    bytecode is compiled as ``pip install`` compiles a wheel's: with PYTHONDONTWRITEBYTECODE
    set (as on our CI machines) a bare copy was compiled again by every process, ~120 ms of
    the reader's start-up that an installed reader does not pay."""
    dest = workdir / "src"
    shutil.rmtree(dest, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "pkg", dest / "phuong_reader", ignore=ignore)
    for name in ("index", "tui"):
        shutil.copytree(ROOT / name, dest / "phuong_reader" / name, ignore=ignore)
    shutil.copytree(ROOT / "bench", dest / "bench", ignore=ignore)
    compileall.compile_dir(dest, quiet=1)
    return dest


def run_process(args: list[str], env: dict[str, str], tree: bool = True) -> dict[str, Any]:
    """Run a phase process in the snapshot; its last stdout line is JSON; the peak RSS is
    the larger of its own ``ru_maxrss`` and the sampled process-tree sum (``tree=False``: its
    own figure only, for a process that measures a part of its run, as the reader does)."""
    cwd = env.get("PYTHONPATH", str(ROOT))
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])} failed with exit code {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    if tree or "peak_rss_mb" not in result:
        result["peak_rss_mb"] = max(result.get("peak_rss_mb", 0.0), round(peak[0] / 1024, 1))
    return result


def phase(name: str, env: dict[str, str], log: Path, **kwargs: Any) -> dict[str, Any]:
    """Run ``bench/phases.py NAME`` in a fresh interpreter; its figures are also logged."""
    print(f"  {name} …", file=sys.stderr, flush=True)
    args = [sys.executable, "-m", "bench.phases", name, json.dumps(kwargs)]
    result = run_process(args, env)
    _log(log, name, result)
    return result


def _log(log: Path, name: str, result: dict[str, Any] | None) -> None:
    done = json.loads(log.read_text("utf-8")) if log.exists() else {}
    log.write_text(json.dumps(done | {name: result}, indent=1), "utf-8")


def engine_revision() -> str:
    """The commit measured, "+dirty" when the work tree had uncommitted changes."""
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty=+dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def machine() -> str:
    """CPU model, cores, RAM, OS, Python, SQLite and today's date, in one line."""
    cpu, ram = platform.processor() or platform.machine(), 0
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next(
            line.split(":", 1)[1].strip() for line in info.splitlines() if "model name" in line
        )
        meminfo = Path("/proc/meminfo").read_text().split()
        ram = int(meminfo[meminfo.index("MemTotal:") + 1]) // 1024
    except (OSError, StopIteration, ValueError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram / 1024:.1f} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {datetime.now(timezone.utc):%Y-%m-%d}"
    )


def prepare_corpus(workdir: Path, docs: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The corpus of ``docs`` articles for ``seed`` in ``workdir``, generated unless present."""
    corpus = workdir / f"corpus-{docs}-s{seed}"
    try:
        meta = json.loads(meta_path(corpus).read_text("utf-8"))
        same = meta["docs"] == docs and meta["seed"] == seed
        if same and sum(1 for _ in corpus.glob("*.txt")) == docs:
            print(f"reusing {corpus}", file=sys.stderr)
            return corpus, meta
    except (OSError, ValueError, KeyError):
        pass
    print(f"generating {docs} articles in {corpus} …", file=sys.stderr, flush=True)
    return corpus, make_corpus(corpus, docs, seed)


def _p50_p95(values: list[float]) -> dict[str, float]:
    return {k: v for k, v in percentiles(values).items() if k != "max"}


def reader(index_dir: Path, env: dict[str, str], runs: int) -> dict[str, Any] | None:
    """The reader timed in ``runs`` fresh processes (``bench/reader_timing.py``): start-up and
    imports are medians over the processes, keystrokes and the engine's times for the same
    prefixes are percentiles over all their keys; None when the reader cannot be timed."""
    sessions = []
    for _ in range(runs):
        print("  reader …", file=sys.stderr, flush=True)
        t0 = time.time()
        args = [sys.executable, "-m", "bench.reader_timing", str(index_dir)]
        try:
            # Its peak RSS is the reader's own, before it times a second engine.
            result = run_process([*args, "--keys", READER_KEYS, "--t0", repr(t0)], env, False)
        except (RuntimeError, ValueError, IndexError) as exc:
            result = {"error": str(exc)}
        if "error" in result:
            print(f"reader not available: {result['error']}", file=sys.stderr)
            return None
        sessions.append(result)

    def every(key: str) -> list[float]:
        return [value for result in sessions for value in result[key]]

    startups = [r["startup_ms"] for r in sessions]
    frames = every("frames_raw")
    return {
        "startup_ms": round(statistics.median(startups), 1),
        "startup_runs_ms": startups,
        "import_ms": round(statistics.median(r["import_ms"] for r in sessions), 1),
        "import_runs_ms": [r["import_ms"] for r in sessions],  # paired with startup_runs_ms
        "keystroke_ms": percentiles(every("keystroke_raw")),
        "engine_ms": _p50_p95(every("engine_raw")),
        "frames_per_key": round(statistics.mean(frames), 2) if frames else 0.0,
        "keystroke_cpu_ms": _p50_p95(every("keystroke_cpu_raw")),
        "engine_cpu_ms": _p50_p95(every("engine_cpu_raw")),
        "keystrokes": len(every("keystroke_raw")),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in sessions),
    }


def run(docs: int, seed: int, workdir: Path, reader_runs: int) -> tuple[dict, dict]:
    """Every phase; returns (the contract's JSON, extra figures for the table)."""
    workdir.mkdir(parents=True, exist_ok=True)
    revision = engine_revision()
    env = dict(os.environ, PYTHONPATH=str(snapshot_sources(workdir)))
    log = workdir / f"phases-{docs}-s{seed}.json"
    log.unlink(missing_ok=True)
    for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env[var] = str(workdir / "xdg" / var.lower())  # the reader's saved state stays here
    corpus, meta = prepare_corpus(workdir, docs, seed)
    queries = make_queries(meta, load_bank().lists)
    qfile = workdir / f"queries-{docs}-s{seed}.json"
    qfile.write_text(json.dumps([q.to_json() for q in queries], ensure_ascii=False), "utf-8")
    index_dir, rows, db = (workdir / f"{k}-{docs}-s{seed}" for k in ("index", "rows", "fts5"))
    build = phase("ours_build", env, log, corpus=str(corpus), index_dir=str(index_dir))
    parse = phase("ours_parse", env, log, corpus=str(corpus))  # the rate a build is held to
    query = phase("ours_queries", env, log, index_dir=str(index_dir), queries_file=str(qfile))
    timed_reader = reader(index_dir, env, reader_runs) if reader_runs else None
    _log(log, "reader", timed_reader)
    compare = [sys.executable, "-m", "bench.compare_timing", str(index_dir)]
    compared = run_process(compare, env) if reader_runs else None  # people, figures, counts
    _log(log, "compare", compared)
    incremental = phase(
        "ours_incremental",
        env,
        log,
        corpus=str(corpus),
        index_dir=str(index_dir),
        seed=seed,
        docs=docs,
    )
    phase("fts5_export", env, log, index_dir=str(index_dir), rows_file=str(rows))
    fts_build = phase("fts5_build", env, log, rows_file=str(rows), db_file=str(db))
    fts_query = phase("fts5_queries", env, log, db_file=str(db), queries_file=str(qfile))
    ours = {k: build[k] for k in BUILD_KEYS}
    ours |= {
        "build_peak_rss_mb": build["peak_rss_mb"],
        "incremental_100_s": incremental["incremental_100_s"],
        "query_ms": query["query_ms"],
        "read_peak_rss_mb": query["peak_rss_mb"],
    }
    ours |= {k: timed_reader[r] if timed_reader else None for k, r in READER_FIGURES.items()}
    fts5 = {k: fts_build[k] for k in BUILD_KEYS} | {"query_ms": fts_query["query_ms"]}
    result = {"docs": docs, "machine": machine(), "ours": ours, "fts5": fts5}
    extra = {
        "revision": revision,
        "indexed": build["docs"],
        "parse_docs_per_s": parse["parse_docs_per_s"],
        "first_query_ms": query["first_query_ms"],
        "with_hits": (query["with_hits"], fts_query["with_hits"], len(queries)),
        "fts5_build_peak_rss_mb": fts_build["peak_rss_mb"],
        "fts5_read_peak_rss_mb": fts_query["peak_rss_mb"],
        "reader": timed_reader,
        "compare": compared,
    }
    return result, extra


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    text = f"{value:,.2f}" if abs(value) < 1 else f"{value:,.1f}"
    return text.removesuffix(".0")


def _ratio(ours: Any, fts5: Any) -> str:
    if ours is None or fts5 is None or not fts5:
        return "—"
    ratio = ours / fts5
    return f"{ratio:,.1f}×" if ratio >= 1 else f"{ratio:.2g}×"


def table(result: dict[str, Any], extra: dict[str, Any]) -> str:
    """A Markdown table: metric, ours, FTS5, ours ÷ FTS5."""
    ours, fts5 = result["ours"], result["fts5"]
    rows = [
        ("full build, docs/s", ours["build_docs_per_s"], fts5["build_docs_per_s"]),
        ("parse and extract only, 1 process, docs/s", extra.get("parse_docs_per_s"), None),
        (
            "full build ÷ (2 × parse rate) (target ≥ 0.5)",
            _ratio(ours["build_docs_per_s"], 2 * extra["parse_docs_per_s"])
            if extra.get("parse_docs_per_s")
            else None,
            None,
        ),
        ("full build, s", ours["build_s"], fts5["build_s"]),
        ("index size, MB", ours["index_mb"], fts5["index_mb"]),
        ("build peak RSS, MB", ours["build_peak_rss_mb"], extra["fts5_build_peak_rss_mb"]),
        ("incremental +100 articles, s", ours["incremental_100_s"], None),
    ]
    for cls in CLASSES:
        for stat in ("p50", "p95", "max"):
            rows.append(
                (
                    f"query {cls} {stat}, ms",
                    ours["query_ms"][cls][stat],
                    fts5["query_ms"][cls][stat],
                )
            )
    keystroke, engine = ours["keystroke_ms"] or {}, ours["reader_engine_ms"] or {}
    ratio = _ratio(keystroke.get("p95"), engine.get("p95"))
    rows += [
        ("query process peak RSS, MB", ours["read_peak_rss_mb"], extra["fts5_read_peak_rss_mb"]),
        ("reader imports (process start →), ms", ours["reader_import_ms"], None),
        ("reader cold start → results painted, ms", ours["startup_ms"], None),
        *[(f"reader keystroke → frame {s}, ms", keystroke.get(s), None) for s in KEY_STATS],
        *[(f"engine alone, same prefixes {s}, ms", engine.get(s), None) for s in KEY_STATS[:2]],
        ("reader keystroke p95 ÷ engine p95", ratio, None),
        ("reader frames per keystroke", ours["reader_frames_per_key"], None),
        ("reader peak RSS, MB", ours["reader_peak_rss_mb"], None),
    ]
    lines = ["| metric | ours | FTS5 | ours ÷ FTS5 |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {_cell(o)} | {_cell(f)} | {_ratio(o, f)} |" for name, o, f in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark our engine against SQLite FTS5.")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write the result JSON here")
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "phuong-bench"
    )
    parser.add_argument("--reader-runs", type=int, default=READER_RUNS, help="0 skips the reader")
    parser.add_argument("--check", type=Path, help="only validate this result file")
    args = parser.parse_args(argv)
    if args.check:
        problems = check_contract(json.loads(args.check.read_text("utf-8")))
        print("\n".join(problems) or f"{args.check}: matches the output contract")
        return 1 if problems else 0
    result, extra = run(args.docs, args.seed, args.workdir, args.reader_runs)
    problems = check_contract(result)
    if problems:
        raise SystemExit("result does not match the output contract: " + "; ".join(problems))
    print(f"\n{args.docs:,} articles ({extra['indexed']:,} indexed) · {result['machine']}")
    print(f"engine at {extra['revision']}\n")
    print(table(result, extra))
    hits = extra["with_hits"]
    print(f"\nqueries with hits: ours {hits[0]}/{hits[2]}, FTS5 {hits[1]}/{hits[2]}; ", end="")
    print(f"our first query (opens the searcher): {extra['first_query_ms']} ms")
    if extra["reader"]:
        r = extra["reader"]
        cpu, engine_cpu = r["keystroke_cpu_ms"], r["engine_cpu_ms"]
        print(
            f"reader: start-up runs {r['startup_runs_ms']} ms (imports "
            f"{r['import_runs_ms']} ms), {r['keystrokes']} keystrokes; "
            f"CPU time p50/p95: keystroke {cpu['p50']}/{cpu['p95']} ms, "
            f"engine alone {engine_cpu['p50']}/{engine_cpu['p95']} ms"
        )
        print(f"people, figures and counts (bench/compare_timing.py): {extra['compare']}")
    else:
        print("reader not available")
    if args.out:
        args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
