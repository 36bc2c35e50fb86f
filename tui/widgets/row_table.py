"""A table on the Line API: a header line and one line a row, painted only when in view.

Textual's ``DataTable`` measures and styles every cell of every row as rows are added, and
repaints through its own caches; for the figures view (a few hundred rows shown the moment the
view opens) that cost more than the figures themselves. Here the column widths come from the
cells' lengths in one pass, each visible line is made when ``render_line`` asks for it and kept
as a strip per (rows, row, cursor, width), and a cursor move repaints its two rows.

A cell is text, ``Content``, or a function of the column's width returning ``Content`` (a bar
drawn as wide as the column is). Columns have a fixed width, or share what is left (``flex``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from phuong_reader.tui.i18n import N_
from phuong_reader.tui.widgets.virtual import fast_line_strip, set_virtual_size
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cell = str | Content | Callable[[int], Content]
GAP = 2  # cells between columns


@dataclass(frozen=True)
class Column:
    """A column: its label, at most ``cap`` cells wide (fits its cells below that), at least
    ``least``; ``flex`` columns share the width the others leave, by ``weight``."""

    label: str
    cap: int = 24
    least: int = 4
    flex: bool = False
    weight: int = 1


def column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int
) -> list[int]:
    """Each column's width in ``width`` cells. A fixed column is as wide as its widest cell
    (label included) within ``least``..``cap``; the flex columns share what the fixed ones
    leave by weight, each up to its ``cap`` (what a capped one leaves goes to the others). Columns
    that do not fit at their ``least`` get 0, the last ones first."""
    fitted = []
    for index, column in enumerate(columns):
        widest = max((_length(row[index]) for row in rows if index < len(row)), default=0)
        fitted.append(max(column.least, min(column.cap, max(len(column.label), widest))))
    flex = [i for i, c in enumerate(columns) if c.flex]
    room = width - GAP * (len(columns) - 1)
    room -= sum(w for i, w in enumerate(fitted) if i not in flex)
    weights = sum(columns[i].weight for i in flex)
    for index in sorted(flex, key=lambda i: columns[i].cap):
        share = room * columns[index].weight // weights
        fitted[index] = max(columns[index].least, min(columns[index].cap, share))
        room, weights = room - fitted[index], weights - columns[index].weight
    widths, used = [], 0
    for index, want in enumerate(fitted):
        gap = GAP if used else 0
        if used + gap + columns[index].least > width:
            widths.append(0)
            continue
        widths.append(min(want, width - used - gap))
        used += gap + widths[-1]
    return widths


def _length(cell: Cell) -> int:
    if callable(cell):
        return 0
    return cell.cell_length if isinstance(cell, Content) else Content(cell).cell_length


class RowMessage(Message):
    """A message about one row of a ``RowTable``."""

    def __init__(self, table: RowTable, row: int) -> None:
        super().__init__()
        self.table, self.row = table, row

    @property
    def control(self) -> RowTable:
        return self.table


class RowTable(ScrollView, can_focus=True):
    """Rows of cells under a header (``header=False``: none); ``cursor_row`` is the
    highlighted row (0 when empty)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-table--header",
        "row-table--row",
        "row-table--odd",
        "row-table--cursor",
    }
    DEFAULT_CSS = """
    RowTable {
        overflow-x: hidden;
        background: $surface;
        & > .row-table--header { text-style: bold; background: $panel; }
        & > .row-table--odd { background: $surface-lighten-1; }
        & > .row-table--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .row-table--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", N_("Down"), show=False, id="table.down"),
        Binding("up,k", "move(-1)", N_("Up"), show=False, id="table.up"),
        Binding("home,g", "move(-1000000)", N_("Top"), show=False, id="table.top"),
        Binding("end,G", "move(1000000)", N_("Bottom"), show=False, id="table.bottom"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="table.page-down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="table.page-up"),
        Binding("enter", "select", N_("Open"), show=False, id="table.open"),
    ]

    class Highlighted(RowMessage):
        """The cursor moved to ``row`` (also when new rows are shown)."""

    class Selected(RowMessage):
        """Enter, or a click, on ``row``."""

    MARGIN = 1  # cells before the first column and after the last

    def __init__(self, columns: Sequence[Column], header: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.columns = list(columns)
        self.top = 1 if header else 0  # lines above the first row
        self.rows: list[Sequence[Cell]] = []
        self.cursor_row = 0
        self.generation = 0  # one per set of rows
        self._widths: tuple[int, list[int]] = (-1, [])
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(512)

    def set_rows(self, rows: Sequence[Sequence[Cell]], cursor: int = 0) -> None:
        """Show ``rows`` (replacing the last), the cursor on ``cursor``, scrolled to the top."""
        self.rows = list(rows)
        self.generation += 1
        self._widths = (-1, [])
        self._strips.clear()
        self.cursor_row = max(0, min(cursor, len(self.rows) - 1))
        set_virtual_size(self, Size(0, len(self.rows) + self.top))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        if self.rows:
            self.post_message(self.Highlighted(self, self.cursor_row))

    def row_text(self, row: int) -> list[str]:
        """The plain text of ``row``'s text cells (for tests and copying)."""
        cells = self.rows[row]
        return [str(c) if isinstance(c, str) else c.plain for c in cells if not callable(c)]

    # -- the cursor --------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor_row + direction * max(1, self._view_height()))

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped), scroll it into view, say so if it moved."""
        if not self.rows:
            return
        row = max(0, min(len(self.rows) - 1, row))
        old, self.cursor_row = self.cursor_row, row
        for line in {old, row}:
            self.refresh_lines(line + self.top)
        self.scroll_to_cursor()
        if old != row:
            self.post_message(self.Highlighted(self, row))

    def scroll_to_cursor(self) -> None:
        """Scroll as little as needed to show the cursor's row (once laid out)."""
        row, top = self.cursor_row, int(self.scroll_y)
        height = self.scrollable_content_region.height - self.top
        if height <= 0:
            return
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def _view_height(self) -> int:
        return max(1, self.scrollable_content_region.height - self.top)  # the header stays

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor_row))

    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int) and row < len(self.rows):
            self.move_cursor(row)
            self.action_select()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a theme change: the same rows, new colours

    def _watch_has_focus(self, has_focus: bool) -> None:
        self._strips.clear()  # the cursor's colours follow the focus
        self.refresh()

    # -- painting ----------------------------------------------------------------------------

    def widths(self, width: int) -> list[int]:
        """The columns' widths at ``width`` cells (computed once per rows and width)."""
        if self._widths[0] != width:
            room = width - 2 * self.MARGIN
            self._widths = (width, column_widths(self.columns, self.rows, room))
        return self._widths[1]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < self.top:
            return self._line(-1, width, "row-table--header")
        row = int(self.scroll_y) + y - self.top
        if row >= len(self.rows):
            return Strip.blank(width, self.get_visual_style("row-table--row").rich_style)
        part = "row-table--cursor" if row == self.cursor_row else "row-table--row"
        if part == "row-table--row" and row % 2:
            part = "row-table--odd"
        return self._line(row, width, part)

    def _line(self, row: int, width: int, part: str) -> Strip:
        key = (self.generation, row, part, width)
        strip = self._strips.get(key)
        if strip is None:
            cells: Sequence[Cell] = [c.label for c in self.columns] if row < 0 else self.rows[row]
            pieces = [Content(" " * self.MARGIN)]
            for index, size in enumerate(self.widths(width)):
                if size <= 0 or index >= len(cells):
                    continue
                cell = cells[index]
                text = cell(size) if callable(cell) else cell
                text = Content(text) if isinstance(text, str) else text
                if len(pieces) > 1:
                    pieces.append(Content(" " * GAP))
                pieces.append(text.truncate(size, ellipsis=True, pad=True))
            style = self.get_visual_style(part)
            strip = fast_line_strip(self, Content("").join(pieces), width, style, style.rich_style)
            if row >= 0:
                strip = strip.apply_meta({"row": row})
            self._strips[key] = strip
        return strip
