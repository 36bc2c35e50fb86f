"""Score the extractor against the annotated gold set: precision and recall per kind.

    python bench/eval_extraction.py [--gold tests/data/gold [tests/data/gold_wide]] [--min 0.95]
                                    [--verbose]

Each gold file (``<id>.json``, in the ``phuong extract --json`` format without spans) names its
article; the article is the ``<id>.txt`` beside it, or is looked up in
``tests/data/trap_articles/`` and ``index/samples/``. Gold files with a ``story_kind`` are also
scored per kind of story (the others count as "conference", the genre of the first gold set). Lists
are compared per article as multisets of NFC, whitespace-collapsed strings. Prints P/R/F1 for
wards, former wards, persons (names; roles scored apart), figures and organisations, the
per-article mismatches, and the extraction time per article; exits 1 when wards, persons or
figures fall below ``--min`` in precision or recall.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from phuong_reader.index.entities.pipeline import (
    parse_article,
    to_record,
)
from phuong_reader.index.lang.vietnamese import normalize_tones
from phuong_reader.index.text.decoding import decode_article

ROOT = Path(__file__).resolve().parent.parent

KINDS = ("wards", "former_wards", "persons", "figures", "orgs")
GATED = ("wards", "persons", "figures")
ARTICLE_DIRS = (ROOT / "tests" / "data" / "trap_articles", ROOT / "index" / "samples")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def values(record: dict, kind: str) -> list[str]:
    if kind == "persons":
        return [norm(p["name"]) for p in record["persons"]]
    if kind in ("wards", "former_wards"):  # "Phú Thọ Hoà" is "Phú Thọ Hòa"; "phường 10" "Phường 10"
        return [normalize_tones(norm(v)).lower() for v in record[kind]]
    return [norm(v) for v in record[kind]]


def find_article(gold_path: Path, article_id: str) -> Path | None:
    beside = gold_path.with_name(f"{article_id}.txt")
    if beside.exists():
        return beside
    for folder in ARTICLE_DIRS:
        path = folder / f"{article_id}.txt"
        if path.exists():
            return path
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, nargs="+", default=[ROOT / "tests" / "data" / "gold"])
    parser.add_argument("--min", type=float, default=0.95, help="threshold for P and R")
    parser.add_argument("--verbose", action="store_true", help="print every mismatch")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    args = parser.parse_args()

    tp, fp, fn = Counter(), Counter(), Counter()
    roles_right = roles_total = gold_roles_right = gold_roles_total = 0
    by_story: dict[str, tuple[Counter, Counter, Counter]] = {}
    mismatches: list[str] = []
    timings: list[float] = []
    gold_files = sorted(path for folder in args.gold for path in folder.glob("*.json"))
    if not gold_files:
        print(f"no gold files in {args.gold}")
        return 1
    for gold_path in gold_files:
        gold = json.loads(gold_path.read_text("utf-8"))
        path = find_article(gold_path, gold["id"])
        story = by_story.setdefault(
            gold.get("story_kind", "conference"), (Counter(), Counter(), Counter())
        )
        if path is None:
            print(f"{gold['id']}: article not found")
            return 1
        text = decode_article(path.read_bytes()).text
        parse_article(text, gold["id"], str(path))  # warm-up: regexes compile on first use
        started = time.perf_counter()
        article = parse_article(text, gold["id"], str(path))
        timings.append((time.perf_counter() - started) * 1000 / max(1, len(text.encode()) / 3000))
        found = to_record(article)
        for kind in KINDS:
            want, got = Counter(values(gold, kind)), Counter(values(found, kind))
            counts = ((want & got).total(), (got - want).total(), (want - got).total())
            for total, part, n in zip((tp, fp, fn), story, counts, strict=True):
                total[kind] += n
                part[kind] += n
            missing, extra = sorted((want - got).elements()), sorted((got - want).elements())
            if missing or extra:
                mismatches.append(f"{gold['id']} {kind}: missing {missing} extra {extra}")
        gold_roles = {norm(p["name"]): norm(p["role"]) for p in gold["persons"]}
        for person in found["persons"]:
            if norm(person["name"]) in gold_roles:
                roles_total += 1
                roles_right += gold_roles[norm(person["name"])] == norm(person["role"])
        found_roles = {norm(p["name"]): norm(p["role"]) for p in found["persons"]}
        for name, role in gold_roles.items():
            gold_roles_total += 1
            gold_roles_right += found_roles.get(name) == role
            if name in found_roles and found_roles[name] != role:
                mismatches.append(
                    f"{gold['id']} role of {name}: want {role!r} got {found_roles[name]!r}"
                )
        for key in ("primary_ward", "date", "date_inferred", "author", "title_source"):
            if key in gold and gold[key] != found.get(key):
                mismatches.append(f"{gold['id']} {key}: want {gold[key]!r} got {found.get(key)!r}")

    if args.json:
        scores: dict[str, object] = {"articles": len(gold_files)}
        for kind in KINDS:
            found_n, gold_n = tp[kind] + fp[kind], tp[kind] + fn[kind]
            scores[kind] = {
                "precision": tp[kind] / found_n if found_n else 1.0,
                "recall": tp[kind] / gold_n if gold_n else 1.0,
            }
        scores["roles"] = gold_roles_right / gold_roles_total if gold_roles_total else 1.0
        print(json.dumps(scores))
        return 0
    print(f"{len(gold_files)} annotated articles\n")
    print(f"{'kind':<14}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>5}{'fn':>5}")
    failed = False
    for kind in KINDS:
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        gate = kind in GATED and (p < args.min or r < args.min)
        failed |= gate
        flag = "  < threshold" if gate else ""
        print(
            f"{kind:<14}{p:>10.3f}{r:>10.3f}{f1:>8.3f}{tp[kind]:>6}{fp[kind]:>5}{fn[kind]:>5}{flag}"
        )
    if roles_total:
        print(f"{'roles':<14}{roles_right / roles_total:>10.3f}  (of persons found that are gold)")
    if gold_roles_total:
        share = gold_roles_right / gold_roles_total
        print(f"{'roles (all)':<14}{share:>10.3f}  (gold persons found with the exact role)")
    if len(by_story) > 1:
        print(
            f"\nper kind of story: precision / recall\n{'story':<16}"
            + "".join(f"{kind:>16}" for kind in KINDS)
        )
        for name, (s_tp, s_fp, s_fn) in sorted(by_story.items()):
            cells = []
            for kind in KINDS:
                p = s_tp[kind] / (s_tp[kind] + s_fp[kind]) if s_tp[kind] + s_fp[kind] else 1.0
                r = s_tp[kind] / (s_tp[kind] + s_fn[kind]) if s_tp[kind] + s_fn[kind] else 1.0
                cells.append(f"{p:.2f} / {r:.2f}")
            print(f"{name:<16}" + "".join(f"{c:>16}" for c in cells))
    timings.sort()
    print(
        f"\nextraction per 3 KB article: median {timings[len(timings) // 2]:.2f} ms, "
        f"max {timings[-1]:.2f} ms (parse + extraction)"
    )
    if mismatches:
        print(f"\n{len(mismatches)} mismatches:")
        for line in mismatches if args.verbose else mismatches[:40]:
            print("  " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
