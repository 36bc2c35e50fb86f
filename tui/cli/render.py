"""How the command line prints engine results: Rich ``Text`` for people, plain JSON for scripts.

Article text is data: it only ever enters Rich as ``Text`` (never parsed as markup), and every
string from a file (text, ids, paths, reasons) passes through ``visible`` on its way, so no
escape sequence, control or bidi character reaches the terminal (Rich lets them through).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from phuong_reader.index import (
    BuildReport,
    FormerUnit,
    SearchResult,
    Snippet,
    StoredArticle,
    WardCount,
)
from phuong_reader.tui.safe import visible
from rich.console import Console
from rich.text import Text

MATCH_STYLE = "bold yellow"


def safe_text(value: str, style: str = "", justify: Any = None) -> Text:
    """A Rich Text of a string from a file: literal, and safe for the terminal."""
    return Text(visible(value), style=style, justify=justify)


def snippet_text(snippet: Snippet) -> Text:
    text = safe_text(snippet.text, style="dim")
    for span in snippet.highlights:
        text.stylize(MATCH_STYLE, span.start, span.end)
    return text


def print_results(console: Console, result: SearchResult, snippets: list[Snippet]) -> None:
    """Numbered hits, each with its date, ward, title and a highlighted snippet."""
    for note in result.notes:  # "Hiệp Phú (Thành phố Thủ Đức) → now part of Tăng Nhơn Phú"
        console.print(safe_text(note, style="yellow"), highlight=False)
    split = ""
    if result.ward_split is not None:  # --ward: those about it first, then those naming it
        split = f" ({result.ward_split[0]} about · {result.ward_split[1]} mention)"
    console.print(
        Text(f"{result.total_text} result(s){split} · {result.elapsed_ms:.0f} ms", style="dim"),
        highlight=False,
    )
    for number, (hit, snippet) in enumerate(zip(result.hits, snippets, strict=True), 1):
        line = Text(f"{number:>3}. ", style="dim")
        line.append(hit.date or "----------", style="cyan")
        line.append("  ")
        line.append(safe_text(hit.ward or "—", style="green"))
        line.append("  ")
        line.append(safe_text(hit.title, style="bold"))
        line.append(safe_text(f"  [{hit.id}]", style="dim"))
        console.print(line, highlight=False)
        if snippet.text:
            console.print(Text("     ") + snippet_text(snippet), highlight=False)


def print_wards(
    console: Console, wards: list[WardCount], former: Mapping[str, list[FormerUnit]] | None = None
) -> None:
    """One line per unit; with ``former``, the units merged into it on the next line."""
    for ward in wards:
        line = Text(f"{ward.count:>5}  ")
        line.append(safe_text(ward.name, style="green" if ward.count else "dim"))
        line.append(safe_text(f"  ({ward.kind}, {ward.code})", style="dim"))
        if ward.mentions:
            line.append(f"  +{ward.mentions} mention", style="dim")
        console.print(line, highlight=False)
        if former and former.get(ward.name):
            was = "; ".join(
                f"{'' if f.whole else 'part of '}{_former_label(f)} ({f.district})"
                for f in former[ward.name]
            )
            console.print(safe_text(f"       was: {was}", style="dim"), highlight=False)


def print_article(console: Console, article: StoredArticle) -> None:
    """The article as clean text: a header, then its paragraphs without web leftovers."""
    console.print(safe_text(article.title, style="bold"), highlight=False)
    meta = " · ".join(
        part
        for part in (
            article.date or "no date",
            ", ".join(article.wards) or "no ward",
            article.byline or "",
            article.id,
        )
        if part
    )
    console.print(safe_text(meta, style="dim"), highlight=False)
    console.print()
    for block in article.blocks:
        if block.kind in ("noise", "byline"):
            continue
        style = {"lead": "bold", "caption": "italic dim"}.get(block.kind, "")
        console.print(
            safe_text(article.text[block.start : block.end], style=style), highlight=False
        )
        console.print()
    if article.byline:
        console.print(safe_text(article.byline, justify="right"), highlight=False)


def print_report(console: Console, report: BuildReport) -> None:
    """The end-of-indexing summary, with the reason for every file skipped or repaired."""
    if report.full_rebuild:
        console.print(
            safe_text(f"Full build: {report.rebuild_reason}.", style="dim"), highlight=False
        )
    summary = (
        f"Indexed {len(report.added)} new, updated {len(report.updated)}, "
        f"removed {len(report.removed)}, unchanged {report.unchanged}, "
        f"skipped {len(report.skipped)} · {report.total} articles · {report.seconds:.1f} s"
    )
    console.print(Text(summary, style="bold"), highlight=False)
    for skipped in report.skipped:
        line = safe_text(f"  skipped {skipped.path}: {skipped.reason}", style="yellow")
        console.print(line, highlight=False)
    for path, repairs in report.repaired:
        console.print(
            safe_text(f"  repaired {path}: {', '.join(repairs)}", style="dim"), highlight=False
        )
    console.print(safe_text(f"Index: {report.index_dir}", style="dim"), highlight=False)


def report_json(report: BuildReport) -> dict[str, Any]:
    return {
        "index_dir": report.index_dir,
        "full_rebuild": report.full_rebuild,
        "rebuild_reason": report.rebuild_reason,
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "unchanged": report.unchanged,
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "repaired": [{"path": p, "repairs": r} for p, r in report.repaired],
        "total": report.total,
        "seconds": round(report.seconds, 3),
    }


def _former_label(unit: FormerUnit) -> str:
    """ "phường Hiệp Phú", "Phường 10" (the numbered ones carry their type in the name)."""
    return unit.name if unit.name.lower().startswith(unit.kind) else f"{unit.kind} {unit.name}"
