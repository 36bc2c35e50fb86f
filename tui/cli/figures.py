"""``phuong figures``: the figures of the matching articles, grouped by what they count.

Text for reading (one block per counted noun, its figures newest first), ``--json`` (a list
of objects, numbers as numbers) or ``--csv`` (a header, then one row per figure) for scripts.
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from phuong_reader.index import FigureFact, SearchEngine, groups
from phuong_reader.tui.cli.render import safe_text
from phuong_reader.tui.i18n import _
from phuong_reader.tui.safe import to_json, visible
from rich.console import Console
from rich.text import Text

FIELDS = (
    "article", "date", "ward", "text", "value", "high", "of", "qualifier", "counted", "unit",
    "context", "sentence", "start", "end",
)  # fmt: skip


def add_parser(sub: Any, location_options: Any) -> None:
    p = sub.add_parser(
        "figures", help=_("figures of the matching articles, grouped by what they count")
    )
    p.add_argument("query", nargs="*", help=_("as for search (empty: every article)"))
    location_options(p)
    p.add_argument("--about", help=_('only figures counting this ("hộ nghèo"; accents optional)'))
    p.add_argument("--ward", help=_("articles naming this ward (former names work)"))
    p.add_argument("--since", help=_("from this date (YYYY, YYYY-MM or YYYY-MM-DD)"))
    p.add_argument("--until", help=_("up to this date (inclusive)"))
    p.add_argument("--json", action="store_true", help=_("a JSON list, numbers as numbers"))
    p.add_argument("--csv", action="store_true", help=_("CSV with a header row"))


def run_figures(args: argparse.Namespace, engine: SearchEngine, stdout: Console) -> int:
    if args.json and args.csv:
        sys.stderr.write(_("phuong figures: --json and --csv: choose one") + "\n")
        return 2
    facts = engine.figures(
        " ".join(args.query),
        ward=args.ward,
        since=args.since or "",
        until=args.until or "",
        about=args.about,
        sentences=True,
    )
    records = [record(f) for f in facts]
    if args.json:
        sys.stdout.write(to_json(records) + "\n")
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in records:
            writer.writerow({k: "" if v is None else _cell(v) for k, v in row.items()})
    else:
        _print(stdout, facts)
    return 0


def record(fact: FigureFact) -> dict[str, Any]:
    """One figure for JSON and CSV; whole numbers as integers."""
    out = {name: getattr(fact, name) for name in FIELDS}
    for name in ("value", "high", "of"):
        number = out[name]
        if isinstance(number, float) and number.is_integer():
            out[name] = int(number)
    return out


def _cell(value: Any) -> Any:
    """A CSV cell: text made safe for a terminal or a spreadsheet viewer."""
    return visible(value) if isinstance(value, str) else value


def _print(console: Console, facts: list[FigureFact]) -> None:
    if not facts:
        console.print(_("No figures in the matching articles."), highlight=False)
        return
    for counted, figures, articles in groups(facts):
        console.print(
            safe_text(f"{counted}", style="bold")
            + Text(
                _("  {figures} in {articles} articles").format(figures=figures, articles=articles)
            ),
            highlight=False,
        )
        of_group = [f for f in facts if f.counted == counted]
        for fact in sorted(of_group, key=lambda f: f.date or "", reverse=True):
            line = Text(f"  {fact.date or _('(undated)'):<10}  ")
            line.append(safe_text(f"{(fact.ward or '—'):<14} "))
            qualifier = f"{fact.qualifier} " if fact.qualifier else ""
            line.append(safe_text(f"{qualifier}{fact.text}", style="bold cyan"))
            if fact.context:
                line.append(safe_text(f"  ← {fact.context}", style="dim"))
            line.append(safe_text(f"  {fact.article}", style="dim"))
            console.print(line, highlight=False)
