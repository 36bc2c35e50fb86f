"""Turn engine results into styled ``Content``: article text is data, never markup.

Every string from an article enters as ``Content(text)`` (plain) and gets styles by offsets
with ``stylize``; a ``[bold]`` in an article stays literal text. Styles name theme variables
(``$text-accent``…), so the highlights follow the light and dark themes.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from phuong_reader.index import (
    DatedRole,
    Hit,
    QueryTerms,
    Snippet,
    Span,
    StoredArticle,
    WardCount,
    match_spans,
)
from phuong_reader.tui.i18n import _, ngettext
from phuong_reader.tui.safe import visible
from textual.content import Content

# One distinct style per kind of span (see index.results.SPAN_KINDS): entities in bold, kinds of
# numbers that are not counts (years, dates, durations, codes…) in the warning/error hues.
# Styles are for Textual, not a person: "# not-ui".
SPAN_STYLES: dict[str, str] = {
    "ward": "underline $text-success",  # not-ui
    "person": "bold $text-accent",  # not-ui
    "org": "bold $text-secondary",  # not-ui
    "figure": "bold $text-primary",  # not-ui
    "year": "$text-warning",
    "date": "italic $text-warning",  # not-ui
    "duration": "italic $text-primary",  # not-ui
    "anniversary": "bold italic $text-warning",  # not-ui
    "ordinal": "italic $text-secondary",  # not-ui
    "code": "italic $text-error",  # not-ui
    "phone": "underline $text-error",  # not-ui
    "match": "bold $foreground on $warning-muted",  # not-ui
}
UNKNOWN_KIND_STYLE = "bold"
CURRENT_MATCH_STYLE = "bold reverse $text-warning"  # not-ui
BLOCK_STYLES = {"lead": "bold", "caption": "italic dim"}  # not-ui
SHOWN_BLOCKS = ("lead", "paragraph", "caption")
DIM = "$text-muted"
DATE_WIDTH = 10  # 2026-01-31


def plain(text: str) -> Content:
    """Article text as Content: no markup parsing; control, bidi and zero-width characters
    (which the engine already removes) become U+FFFD one for one, so offsets stay valid."""
    return Content(visible(text))


def _styled(text: str, spans: list[Span], shift: int = 0, base: str = "") -> Content:
    """``text`` with ``spans`` (offsets minus ``shift``) styled; matches applied last, on top."""
    content = plain(text)
    if base:
        content = content.stylize(base)
    ordered = sorted(spans, key=lambda s: (s.kind == "match", s.start, -(s.end - s.start)))
    for span in ordered:
        start, end = max(0, span.start - shift), min(len(text), span.end - shift)
        if start < end:
            content = content.stylize(SPAN_STYLES.get(span.kind, UNKNOWN_KIND_STYLE), start, end)
    return content


@dataclass(frozen=True)
class RenderedPart:
    """The header or one block, styled; ``offset``: where it starts in the whole article
    (parts are joined by a blank line); ``matches``: the query's, in whole-article offsets."""

    content: Content
    offset: int
    matches: list[tuple[int, int]]


@dataclass(frozen=True)
class RenderedArticle:
    """The article as one Content, and where its query matches are (offsets into it)."""

    content: Content
    matches: list[tuple[int, int]]


def render_parts(article: StoredArticle, terms: QueryTerms) -> Iterator[RenderedPart]:
    """Header (title, date, wards, author), bold lead, paragraphs, dim italic captions, one
    part at a time (a 1 MB article's first screen is ready long before its end)."""
    first = header(article)
    yield RenderedPart(first, 0, [])
    offset = len(first) + 2
    spans = sorted(article.spans, key=lambda s: s.start)
    starts = [s.start for s in spans]
    for block in article.blocks:
        if block.kind not in SHOWN_BLOCKS:
            continue
        # Spans lie inside one block: those starting in it (found by bisection, so that an
        # article of thousands of paragraphs renders in linear time).
        inside = spans[bisect_left(starts, block.start) : bisect_left(starts, block.end)]
        found = match_spans(article.text, terms, block.start, block.end)
        text = article.text[block.start : block.end]
        content = _styled(text, inside + found, block.start, BLOCK_STYLES.get(block.kind, ""))
        shift = offset - block.start
        yield RenderedPart(content, offset, [(s.start + shift, s.end + shift) for s in found])
        offset += len(content) + 2


def shown_span(article: StoredArticle, start: int, end: int) -> tuple[int, int] | None:
    """Where ``article.text[start:end]`` is in the rendered article (``render_parts``'s
    offsets: a header, then the shown blocks a blank line apart); None when it lies in a
    block that is not shown."""
    offset = len(header(article)) + 2
    for block in article.blocks:
        if block.kind not in SHOWN_BLOCKS:
            continue
        if block.start <= start < block.end:
            shift = offset - block.start
            return start + shift, min(end, block.end) + shift
        offset += block.end - block.start + 2
    return None


def render_article(
    article: StoredArticle, terms: QueryTerms, current_match: int | None = None
) -> RenderedArticle:
    """The whole article as one Content (parts joined by a blank line), its matches, and the
    current one marked."""
    parts = list(render_parts(article, terms))
    matches = [match for part in parts for match in part.matches]
    body = Content("\n\n").join(part.content for part in parts)
    if current_match is not None and 0 <= current_match < len(matches):
        body = body.stylize(CURRENT_MATCH_STYLE, *matches[current_match])
    return RenderedArticle(body, matches)


def header(article: StoredArticle) -> Content:
    """Title in bold, then date · wards · author · id, dim, with the wards styled as wards."""
    meta = Content.assemble(
        (article.date or _("no date"), DIM),
        (" · ", DIM),
        (plain(", ".join(article.wards) or _("no ward")).stylize(SPAN_STYLES["ward"])),
        (" · ", DIM),
        plain(article.byline or _("no author")).stylize("italic"),
        (" · ", DIM),
        plain(article.id).stylize(DIM),
    )
    return Content("\n").join([plain(article.title).stylize("bold $text-primary"), meta])  # not-ui


def facts(article: StoredArticle, history: dict[str, list[DatedRole]] | None = None) -> Content:
    """The people and figures strip; empty when the article has neither. Each person shows
    their latest role in the corpus with its date, then the earlier ones (``history``, from
    ``SearchEngine.role_history``); without a history, the role this article gives."""
    lines = []
    labels = (_("People"), _("Figures"))  # padded to one width, plus a space
    width = max(len(label) for label in labels) + 1
    people_label, figures_label = (label.ljust(width) for label in labels)
    if article.persons:
        people = [
            plain(p.name).stylize(SPAN_STYLES["person"])
            + _roles_note(p.role, article.date, (history or {}).get(p.name, []))
            for p in article.persons
        ]
        lines.append(Content(people_label).stylize("bold") + Content(" · ").join(people))
    if article.figures:
        figures = [plain(f).stylize(SPAN_STYLES["figure"]) for f in article.figures]
        lines.append(Content(figures_label).stylize("bold") + Content(" · ").join(figures))
    return Content("\n").join(lines)


EARLIER_SHOWN = 2  # earlier roles listed on the people line; the rest are counted


def _roles_note(role: str, date: str | None, history: list[DatedRole]) -> Content:
    """ " (latest role, date; earlier: role, date; …)", dim; "" when there is no role."""
    dated: dict[str, str | None] = {}
    for entry in history:  # latest first: keep each role's latest date
        dated.setdefault(entry.role, entry.date)
    if not dated and role:
        dated[role] = date
    if not dated:
        return Content("")
    parts = [f"{r}, {d}" if d else r for r, d in dated.items()]
    note = parts[0]
    earlier = parts[1 : 1 + EARLIER_SHOWN]
    if earlier:
        note = _("{latest}; earlier: {earlier}").format(latest=note, earlier="; ".join(earlier))
    more = len(parts) - 1 - EARLIER_SHOWN
    if more > 0:
        note = ngettext("{note}; +{n} more", "{note}; +{n} more", more).format(note=note, n=more)
    return plain(f" ({note})").stylize(DIM)


def result_lines(hit: Hit, snippet: Snippet | None) -> tuple[Content, Content]:
    """Two lines: date and title (its ward prefix styled as a ward), then the snippet ("…"
    until it is known). An undated article has a blank where the date goes."""
    title = plain(hit.title).stylize("bold")
    if hit.ward and hit.title.startswith(hit.ward):
        title = title.stylize(SPAN_STYLES["ward"], 0, len(hit.ward))
    elif hit.ward:
        title = plain(hit.ward + " · ").stylize(SPAN_STYLES["ward"]) + title
    first = Content.assemble(((hit.date or "").ljust(DATE_WIDTH), DIM), "  ", title)
    return first, snippet_line(snippet) if snippet else Content("…").stylize(DIM)


def snippet_line(snippet: Snippet) -> Content:
    """The snippet dim, its query matches highlighted."""
    content = plain(snippet.text.replace("\n", " ") or " ").stylize(DIM)
    for span in snippet.highlights:
        content = content.stylize(SPAN_STYLES["match"], span.start, span.end)
    return content


def ward_row(
    ward: WardCount | None,
    current: bool,
    total: int = 0,
    former: str = "",
    hits: int | None = None,
) -> Content:
    """Count, name (kind when not a phường); marked when current, dim when empty; ``former``:
    the old unit the filter found it by ("← Hiệp Phú, Thành phố Thủ Đức"). With ``hits`` (a
    query is on): the query's articles about it first, its article count dimmed after the
    name, and the row dim when the query finds none there."""
    mark = Content("● " if current else "  ").stylize("bold $text-accent")  # not-ui
    count = ward.count if ward is not None else total
    first = (f"{count:>4} ", DIM) if hits is None else (f"{hits:>4} ", "bold" if hits else DIM)
    if ward is None:
        return mark + Content.assemble(first, (_("All wards"), "bold"), _of(count, hits))
    kind = "" if ward.kind == "phường" else f" ({ward.kind})"
    was = (f" ← {visible(former)}", "italic $text-warning") if former else ""  # not-ui
    row = mark + Content.assemble(first, ward.name, (kind, DIM), was, _of(count, hits))
    return row.stylize("$text-disabled") if ward.count == 0 or hits == 0 else row


def _of(count: int, hits: int | None) -> tuple[str, str]:
    """ " /340" after the name when the first column counts a query's articles."""
    return ("", "") if hits is None else (f" /{count}", "$text-disabled")
