"""Resizing a scrolling view's content without a layout pass of the whole screen.

``widget.virtual_size = …`` is a reactive with ``layout=True``: every change lays the screen
out again and repaints every widget, which per key costs more than the search. A new virtual
size only changes the widget's scrollbars; when one of them appears or disappears, that change
asks for the layout itself (``show_vertical_scrollbar`` is a layout reactive).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give ``widget`` a new virtual size, repainting it and its scrollbars only."""
    if size == widget.virtual_size:
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()
