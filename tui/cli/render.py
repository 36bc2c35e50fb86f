"""How the command line prints engine results: Rich ``Text`` for people, plain JSON for scripts.

Article text is data: it only ever enters Rich as ``Text`` (never parsed as markup), and every
string from a file (text, ids, paths, reasons) passes through ``visible`` on its way, so no
escape sequence, control or bidi character reaches the terminal (Rich lets them through).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from phuong_reader.index import (
    BuildReport,
    FormerUnit,
    SearchResult,
    Snippet,
    StoredArticle,
    WardCount,
)
from phuong_reader.tui.i18n import _
from phuong_reader.tui.safe import visible
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

MATCH_STYLE = "bold yellow"  # not-ui: a Rich style


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
        about, mention = result.ward_split
        split = _(" ({about} about · {mention} mention)").format(about=about, mention=mention)
    counted = _("{total} result(s){split} · {ms} ms").format(
        total=result.total_text, split=split, ms=f"{result.elapsed_ms:.0f}"
    )
    console.print(Text(counted, style="dim"), highlight=False)
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
            line.append(_("  +{n} mention").format(n=ward.mentions), style="dim")
        console.print(line, highlight=False)
        if former and former.get(ward.name):
            was = "; ".join(_former_text(f) for f in former[ward.name])
            console.print(
                safe_text(_("       was: {units}").format(units=was), style="dim"), highlight=False
            )


def print_article(console: Console, article: StoredArticle) -> None:
    """The article as clean text: a header, then its paragraphs without web leftovers."""
    console.print(safe_text(article.title, style="bold"), highlight=False)
    meta = " · ".join(
        part
        for part in (
            article.date or _("no date"),
            ", ".join(article.wards) or _("no ward"),
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
        style = {"lead": "bold", "caption": "italic dim"}.get(block.kind, "")  # not-ui: Rich styles
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
            safe_text(_("Full build: {reason}.").format(reason=report.rebuild_reason), style="dim"),
            highlight=False,
        )
    summary = _(
        "Indexed {added} new, updated {updated}, removed {removed}, unchanged {unchanged}, "
        "skipped {skipped} · {total} articles · {seconds} s"
    ).format(
        added=len(report.added),
        updated=len(report.updated),
        removed=len(report.removed),
        unchanged=report.unchanged,
        skipped=len(report.skipped),
        total=report.total,
        seconds=f"{report.seconds:.1f}",
    )
    console.print(Text(summary, style="bold"), highlight=False)
    for skipped in report.skipped:
        said = _("  skipped {path}: {reason}").format(path=skipped.path, reason=skipped.reason)
        line = safe_text(said, style="yellow")
        console.print(line, highlight=False)
    for path, repairs in report.repaired:
        console.print(
            safe_text(
                _("  repaired {path}: {repairs}").format(path=path, repairs=", ".join(repairs)),
                style="dim",
            ),
            highlight=False,
        )
    index = _("Index: {folder}").format(folder=report.index_dir)
    console.print(safe_text(index, style="dim"), highlight=False)


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


@contextmanager
def progress(console: Console) -> Iterator[Any]:
    """A Rich progress bar (counts, rate, ETA) fed by the engine's progress callback.

    It appears on the first callback only, so a command that needs no indexing prints nothing.
    """
    rate_field = "{task.fields[rate]:>7} "  # not-ui: Rich's template of the rate
    columns = (
        TextColumn("[bold]" + _("Indexing")),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(rate_field + _("docs/s")),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    bar = Progress(*columns, console=console, transient=True)

    def update(done: int, total: int, _name: str) -> None:
        if not bar.tasks:
            bar.start()
            bar.add_task("index", total=total, rate="")
        task = bar.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:.0f}" if elapsed > 0 else ""
        bar.update(task.id, completed=done, total=total, rate=rate)

    try:
        yield update
    finally:
        if bar.tasks:
            bar.stop()


def _former_text(unit: FormerUnit) -> str:
    """ "part of phường 10 (Quận 3)", or the unit whole: "phường Hiệp Phú (Thành phố Thủ Đức)"."""
    if unit.whole:
        return f"{_former_label(unit)} ({unit.district})"
    return _("part of {unit} ({district})").format(unit=_former_label(unit), district=unit.district)


def _former_label(unit: FormerUnit) -> str:
    """ "phường Hiệp Phú", "Phường 10" (the numbered ones carry their type in the name)."""
    return unit.name if unit.name.lower().startswith(unit.kind) else f"{unit.kind} {unit.name}"
