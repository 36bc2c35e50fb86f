"""What the reader's Line-API views (results, article text) share.

``set_virtual_size``: ``widget.virtual_size = …`` is a reactive with ``layout=True``: every
change lays the screen out again and repaints every widget, which per key costs more than the
search. A new virtual size only changes the widget's scrollbars; when one of them appears or
disappears, that change asks for the layout itself (``show_vertical_scrollbar`` is a layout
reactive).

``line_strip``: one line of styled ``Content`` as the strip ``render_line`` returns.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give ``widget`` a new virtual size, repainting it and its scrollbars only."""
    if size == widget.virtual_size:
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()


def fast_line_strip(
    widget: Widget, line: Content, width: int, style: VisualStyle, pad: Style
) -> Strip:
    """``line_strip`` without the text-selection offsets, about 3x cheaper: for the results
    list, whose rows are chosen by row, not selected as text (the article keeps them)."""
    if widget.text_selection is not None:
        return line_strip(widget, line, width, style, pad)
    parts = line.truncate(width).render(style, "", widget._get_style)
    segments = [Segment(text, part.rich_style if part else None) for text, part in parts]
    return Strip(segments).extend_cell_length(width, pad).crop(0, width)


def line_strip(widget: Widget, line: Content, width: int, style: VisualStyle, pad: Style) -> Strip:
    """``line`` (one line) rendered on ``style``, cut to ``width`` cells and padded to it
    with ``pad``; theme variables (``$text-accent``) resolve through ``widget``."""
    strips = Visual.to_strips(widget, line.truncate(width), width, 1, style)
    strip = strips[0] if strips else Strip([Segment("")])
    return strip.extend_cell_length(width, pad).crop(0, width)
