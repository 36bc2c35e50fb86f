"""``phuong extract`` and ``phuong people``: what extraction found, for scripts and for checking."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from phuong_reader.index import (
    CorpusFile,
    DatedRole,
    SearchEngine,
    Skipped,
    file_hash,
    fold,
    read_article,
    to_record,
)
from phuong_reader.tui.cli.render import safe_text
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.safe import to_json
from rich.console import Console
from rich.text import Text


def add_parsers(sub: Any, location_options: Any) -> None:
    """Register the two commands on the main parser's subparsers."""
    p = sub.add_parser("extract", help=_("print what extraction finds in article files"))
    p.add_argument("files", nargs="+", type=Path, help=_("article files (*.txt)"))
    p.add_argument("--json", action="store_true", help=_("one JSON object per file, in a list"))

    p = sub.add_parser(
        "people", help=_("people named in the corpus, with their wards and articles")
    )
    p.add_argument("name", nargs="?", help=_("only names containing this (accents optional)"))
    location_options(p)
    p.add_argument("--ward", help=_("only people in articles about this ward (former names work)"))
    p.add_argument("--json", action="store_true")


def run_extract(args: argparse.Namespace, stdout: Console, stderr: Console) -> int:
    """Extract each file; unreadable files are reported on stderr, the others printed."""
    records: list[dict[str, Any]] = []
    failed = 0
    for path in args.files:
        try:
            file = CorpusFile(path.stem, str(path), file_hash(path))
        except OSError as exc:
            stderr.print(
                safe_text(
                    _("skipped {path}: {reason}").format(path=path, reason=exc.strerror or exc)
                )
            )
            failed += 1
            continue
        result = read_article(file)
        if isinstance(result, Skipped):
            stderr.print(
                safe_text(_("skipped {path}: {reason}").format(path=path, reason=result.reason))
            )
            failed += 1
            continue
        records.append(to_record(result.article))
    if args.json:
        sys.stdout.write(to_json(records) + "\n")
    else:
        for record in records:
            _print_record(stdout, record)
    return 1 if failed and not records else 0


def _print_record(console: Console, record: dict[str, Any]) -> None:
    console.print(safe_text(record["id"], style="bold"))
    date = record["date"] or (
        _("{date} (inferred)").format(date=record["date_inferred"])
        if record["date_inferred"]
        else "—"
    )
    rows = [
        (N_("date"), date),
        (N_("ward"), record["primary_ward"] or "—"),
        (N_("wards"), ", ".join(record["wards"])),
        (N_("former wards"), ", ".join(record["former_wards"])),
        (
            N_("people"),
            "; ".join(
                f"{p['name']} ({p['role']})" if p["role"] else p["name"] for p in record["persons"]
            ),
        ),
        (N_("organisations"), ", ".join(record["orgs"])),
        (N_("figures"), ", ".join(record["figures"])),
        (N_("author"), record["author"] or "—"),
    ]
    for label, value in rows:
        console.print(Text(f"  {_(label):>13}: ", style="dim") + safe_text(value or "—"))


def run_people(args: argparse.Namespace, engine: SearchEngine, stdout: Console) -> int:
    people = engine.people(ward=args.ward)
    if args.name:
        wanted = fold(args.name).lower()
        people = [p for p in people if any(wanted in fold(n).lower() for n in (p.name, *p.aliases))]
    if args.json:
        sys.stdout.write(to_json([asdict(p) for p in people]) + "\n")
        return 0
    for person in people:
        line = Text(f"{len(person.articles):>4}  ")
        line.append(safe_text(person.name, style="bold"))
        if person.latest:
            line.append(safe_text(f"  {_dated(person.latest)}", style="dim"))
        earlier = list(dict.fromkeys(r.role for r in person.history[1:]))
        earlier = [role for role in earlier if role != person.roles[0]]
        if earlier:
            said = _("  (earlier: {roles})").format(roles="; ".join(earlier))
            line.append(safe_text(said, style="dim"))
        if person.wards:
            line.append(safe_text(f"  [{', '.join(person.wards)}]", style="green"))
        if person.aliases:
            said = _("  also written {names}").format(names=", ".join(person.aliases))
            line.append(safe_text(said, style="dim"))
        stdout.print(line, highlight=False)
    return 0


def _dated(role: DatedRole) -> str:
    return f"{role.role}, {role.date}" if role.date else role.role
