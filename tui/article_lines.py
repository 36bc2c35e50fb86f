"""An article laid out in lines at a width, built in chunks off the UI thread.

``lay_out`` renders the article part by part (``highlight.render_parts``) and wraps each part
at the view's width; it hands the first screenfuls over as soon as they are ready and the rest
in large chunks, so a 1 MB article opens at once and fills in while it is read. Each line
remembers where it starts in the whole article, so a match offset finds its line by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from phuong_reader.tui.highlight import RenderedPart
from textual.content import Content

FIRST_CHARS = 8_000  # the first hand-over: a few screens of text
CHUNK_CHARS = 200_000  # later hand-overs
MIN_WIDTH = 10
# Characters one terminal cell wide (Latin with Vietnamese letters, digits, punctuation): a
# paragraph of these only is wrapped by counting characters. Anything else (wide, zero-width,
# combining) is left to Textual, which measures cells.
_ONE_CELL = re.compile(r"[ -~\u00a0-\u00ac\u00ae-\u024f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e]*")
_WORD = re.compile(r"(\S+)\s*")  # group 1: the word, without the spaces after it


@dataclass
class ArticleLines:
    """Lines of (part of) an article at ``width``; ``complete`` once the last part is in."""

    width: int
    parts: list[RenderedPart] = field(default_factory=list)
    lines: list[Content] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    matches: list[tuple[int, int]] = field(default_factory=list)
    complete: bool = False
    chars: int = 0

    def add(self, part: RenderedPart) -> None:
        """Append one rendered part, wrapped (a blank line before it, as in the article)."""
        if self.lines or part.offset:
            self.lines.append(Content(""))
            self.starts.append(max(0, part.offset - 1))
        lines, starts = wrap_part(part.content, part.offset, self.width)
        self.parts.append(part)
        self.lines += lines
        self.starts += starts
        self.matches += part.matches
        self.chars += len(part.content)

    def extend(self, more: ArticleLines) -> None:
        """Append the next chunk (laid out at the same width)."""
        self.parts += more.parts
        self.lines += more.lines
        self.starts += more.starts
        self.matches += more.matches
        self.chars += more.chars
        self.complete = more.complete

    def joined(self) -> Content:
        """The parts so far as one Content, in whole-article offsets."""
        return Content("\n\n").join(part.content for part in self.parts)

    def line_of(self, offset: int) -> int:
        """The line holding character ``offset`` of the whole article."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def rewrapped(self, width: int) -> ArticleLines:
        """The same parts at another width (pure: runs in a worker)."""
        again = ArticleLines(max(MIN_WIDTH, width))
        for part in self.parts:
            again.add(part)
        again.complete = self.complete
        return again


def wrap_part(content: Content, offset: int, width: int) -> tuple[list[Content], list[int]]:
    """``content`` (which starts at ``offset``) wrapped at ``width``, with each line's start."""
    lines: list[Content] = []
    starts: list[int] = []
    position = offset
    width = max(MIN_WIDTH, width)
    for paragraph in content.split("\n", allow_blank=True):
        text = paragraph.plain
        if _ONE_CELL.fullmatch(text):
            cuts = word_breaks(text, width)
            lines += [_rstrip(line) for line in paragraph.divide(cuts)]
            starts += [position + at for at in (0, *cuts)]
        else:  # wide or zero-width characters: Textual measures them
            found = 0
            for line in paragraph.wrap(width) if text else [paragraph]:
                at = text.find(line.plain, found) if line.plain else found
                at = found if at < 0 else at
                lines.append(line)
                starts.append(position + at)
                found = at + len(line.plain)
        position += len(text) + 1
    return lines, starts


def _rstrip(line: Content) -> Content:
    return line.rstrip() if line.plain.endswith(" ") else line


def word_breaks(text: str, width: int) -> list[int]:
    """Where greedy word wrapping at ``width`` cells starts each new line of ``text`` (one cell
    per character): a word that does not fit goes to the next line, a word longer than a line
    is cut. Rich's ``divide_line``, which Textual's wrap uses, measures every word's cells and
    took 8 of the 13 s that laying out a 1 MB article cost."""
    cuts: list[int] = []
    line_start = 0
    for word in _WORD.finditer(text):
        start, end = word.span(1)
        if end - line_start <= width:
            continue
        if start > line_start:  # the word starts the next line
            cuts.append(start)
            line_start = start
        while end - line_start > width:  # longer than a line: cut it
            line_start += width
            cuts.append(line_start)
    return cuts


def lay_out(
    parts: Iterable[RenderedPart],
    width: int,
    hand_over: Callable[[ArticleLines], None],
    cancelled: Callable[[], bool] = lambda: False,
) -> None:
    """Wrap ``parts`` at ``width``, calling ``hand_over`` with each chunk of lines: the first
    after about FIRST_CHARS characters, then every CHUNK_CHARS; the last is ``complete``.
    Stops early (without a last chunk) when ``cancelled()``."""
    chunk, limit = ArticleLines(max(MIN_WIDTH, width)), FIRST_CHARS
    for part in parts:
        if cancelled():
            return
        chunk.add(part)
        if chunk.chars >= limit:
            hand_over(chunk)
            chunk, limit = ArticleLines(chunk.width), CHUNK_CHARS
    chunk.complete = True
    hand_over(chunk)
