"""Results and articles as Markdown, CSV or JSON, for ``phuong export`` and the reader's ``e``.

No Textual and no Rich here: the command line stays fast. JSON takes the shapes of
``phuong search --json`` (a result) and ``phuong show --json`` (an article, with its people,
organisations and figures added), documented in docs/json.md; CSV has the same columns.

Article text is data in every format: control and bidi characters become U+FFFD (``visible``)
in Markdown and CSV and ``\\u`` escapes in JSON, and Markdown's own characters are escaped, so
an article's ``**``, ``[link](…)``, ``<tag>`` or a line starting with ``#`` reads as written.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from phuong_reader.index import Hit, Snippet, StoredArticle, fold
from phuong_reader.tui.i18n import _
from phuong_reader.tui.safe import to_json, visible

FORMATS = ("md", "csv", "json")
RESULT_FIELDS = ("id", "path", "date", "ward", "title", "score", "snippet")
ARTICLE_FIELDS = (
    "id", "path", "date", "ward", "wards", "title", "author", "lead", "text", "persons",
    "orgs", "figures",
)  # fmt: skip
LIST_SEPARATOR = "; "  # a list in one CSV cell
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^([#>+=-])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


class ExportError(Exception):
    """The export could not be written where asked (the message names the path and why)."""


def hit_json(hit: Hit, snippet: Snippet) -> dict[str, Any]:
    """One search hit in the documented ``--json`` shape."""
    return {
        "id": hit.id,
        "path": hit.path,
        "date": hit.date,
        "ward": hit.ward,
        "title": hit.title,
        "score": hit.score,
        "snippet": snippet.text,
    }


def article_json(article: StoredArticle) -> dict[str, Any]:
    """An article in the ``phuong show --json`` shape."""
    return {
        "id": article.id,
        "path": article.path,
        "date": article.date,
        "ward": article.ward,
        "wards": article.wards,
        "title": article.title,
        "author": article.byline,
        "lead": next(iter(article.blocks_of("lead")), ""),
        "paragraphs": article.blocks_of("paragraph"),
        "captions": article.blocks_of("caption"),
        "text": article.clean_text(),
    }


def article_export_json(article: StoredArticle) -> dict[str, Any]:
    """``article_json`` with what extraction found: people with their roles, organisations,
    figures, and the date read from the lead when there is no date marker."""
    return article_json(article) | {
        "date_inferred": article.date_inferred,
        "persons": [{"name": p.name, "role": p.role} for p in article.persons],
        "orgs": article.orgs,
        "figures": article.figures,
    }


def results_text(fmt: str, query: str, hits: Sequence[Hit], snippets: Sequence[Snippet]) -> str:
    """The hits (best first, each with its snippet) as ``fmt``, one of FORMATS."""
    rows = [hit_json(h, s) for h, s in zip(hits, snippets, strict=True)]
    if fmt == "json":
        return to_json(rows) + "\n"
    if fmt == "csv":
        return _csv(RESULT_FIELDS, rows)
    _check(fmt)
    title = (
        _("Results: {query}").format(query=query.strip()) if query.strip() else _("All articles")
    )
    out = [f"# {md(title)}", "", _("{n} article(s)").format(n=len(rows)), ""]
    for number, row in enumerate(rows, 1):
        out += [f"## {number}. {md(row['title'])}", "", md(_meta(row)), ""]
        if row["snippet"]:
            out += [f"> {md(row['snippet'])}", ""]
    return "\n".join(out)


def article_text(fmt: str, article: StoredArticle) -> str:
    """One article, whole, as ``fmt``: its title, date, wards, byline, lead, paragraphs and
    captions, and the people (with their roles), organisations and figures found in it."""
    record = article_export_json(article)
    if fmt == "json":
        return to_json(record) + "\n"
    if fmt == "csv":
        return _csv(ARTICLE_FIELDS, [_flat(record)])
    _check(fmt)
    inferred = _("{date} (inferred)").format(date=article.date_inferred)
    date = article.date or (inferred if article.date_inferred else "")
    facts = [
        (_("Date"), date),
        (_("Ward"), article.ward or ""),
        (_("Wards named"), ", ".join(article.wards)),
        (_("Byline"), article.byline or ""),
        (_("Id"), article.id),
    ]
    out = [f"# {md(article.title)}", ""]
    out += [f"- **{label}:** {md(value)}" for label, value in facts if value]
    out.append("")
    for block in article.blocks:
        text = article.text[block.start : block.end].strip()
        if block.kind in ("noise", "byline") or not text:
            continue
        style = {"lead": "**", "caption": "*"}.get(block.kind, "")
        out += [f"{style}{md(text)}{style}", ""]
    sections = (
        (_("People"), [_person(p.name, p.role) for p in article.persons]),
        (_("Organisations"), [md(o) for o in article.orgs]),
        (_("Figures"), [md(f) for f in article.figures]),
    )
    for heading, items in sections:
        if items:
            out += [f"## {heading}", "", *(f"- {item}" for item in items), ""]
    return "\n".join(out)


def md(text: str) -> str:
    """``text`` as Markdown that reads as written: safe for a terminal, every character
    Markdown would act on escaped, and each line's start unable to make a heading, quote, list
    or code block."""
    lines = [_MD_INLINE.sub(r"\\\1", line.strip()) for line in visible(text).splitlines()]
    lines = [_MD_ORDERED.sub(r"\1\\\2", _MD_LINE_START.sub(r"\\\1", line)) for line in lines]
    return "\n".join(lines)


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all (an existing file there stays as
    it was if anything fails); the path. ExportError, with the reason, when it cannot be."""
    if path.is_dir():
        raise ExportError(_("cannot write {path}: it is a folder").format(path=path))
    if not path.parent.is_dir():
        if path.parent.exists():
            why = _("cannot write {path}: {folder} is not a folder")
        else:
            why = _("cannot write {path}: {folder} does not exist")
        raise ExportError(why.format(path=path, folder=path.parent))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            out.write(text)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        why = _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        raise ExportError(why) from exc
    return path


def new_path(folder: Path, stem: str, fmt: str) -> Path:
    """A file in ``folder`` named ``stem`` (made safe for a file name) with ``fmt``'s
    extension, numbered (``-2``, ``-3``…) rather than overwriting one already there."""
    _check(fmt)
    safe = re.sub(r"[^a-z0-9_]+", "-", fold(stem).lower()).strip("-")[:60] or "export"
    path = folder / f"{safe}.{fmt}"
    number = 2
    while path.exists():
        path, number = folder / f"{safe}-{number}.{fmt}", number + 1
    return path


def export_results(
    folder: Path, fmt: str, query: str, hits: Sequence[Hit], snippets: Sequence[Snippet]
) -> Path:
    """Write the results into a new file in ``folder`` (named from the query and the time);
    its path. ExportError when it cannot be written."""
    text = results_text(fmt, query, hits, snippets)
    return write_text(new_path(folder, results_name(query), fmt), text)


def results_name(query: str) -> str:
    """The name of a file of ``query``'s results: the query and the time, e.g.
    ``phuong-tan-son-hoa-20260115-093000`` (``new_path`` makes it safe)."""
    return f"phuong {query.strip() or 'all'} {time.strftime('%Y%m%d-%H%M%S')}"


def export_article(folder: Path, fmt: str, article: StoredArticle) -> Path:
    """Write the article into a new file in ``folder`` named from its id; its path."""
    return write_text(new_path(folder, article.id, fmt), article_text(fmt, article))


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(
            _("unknown format {format} (use {formats})").format(
                format=repr(fmt), formats=", ".join(FORMATS)
            )
        )


def _meta(row: dict[str, Any]) -> str:
    return " · ".join((row["date"] or _("no date"), row["ward"] or _("no ward"), row["id"]))


def _person(name: str, role: str) -> str:
    return f"{md(name)}: {md(role)}" if role else md(name)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """The article record with its lists in single cells."""
    people = (f"{p['name']} ({p['role']})" if p["role"] else p["name"] for p in record["persons"])
    return record | {
        "wards": LIST_SEPARATOR.join(record["wards"]),
        "persons": LIST_SEPARATOR.join(people),
        "orgs": LIST_SEPARATOR.join(record["orgs"]),
        "figures": LIST_SEPARATOR.join(record["figures"]),
    }


def _csv(fields: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """A header and the rows; text cells made safe for a terminal or spreadsheet viewer."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return visible(value) if isinstance(value, str) else value
