"""The ward list: "All wards", then the wards with articles; typing filters it.

A one-column ``RowTable`` without a header: a row is laid out when it is painted. Textual's
``OptionList`` measured and styled all 169 rows before the first frame: 15–80 ms of it at
100,000 articles, against 8–15 ms now (docs/performance.md, session 17)."""

from __future__ import annotations

from typing import ClassVar

from phuong_reader.index import WardCount, sort_key
from phuong_reader.tui.highlight import ward_row
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.wardmatch import former_match, ward_matches
from phuong_reader.tui.widgets.row_table import Column, RowTable
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message

ALL_ID = "*"  # the "All wards" row; no ward is called that
NOT_FILTER_KEYS = {"J", "K"}  # ward navigation, even in the ward list


class WardList(RowTable, inherit_bindings=False):
    """Wards with their article counts; the current one marked, empty ones dimmed."""

    MARGIN = 0
    DEFAULT_CSS = """
    WardList > .row-table--odd { background: $surface; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", N_("Down"), show=False, id="wards.down"),
        Binding("up", "move(-1)", N_("Up"), show=False, id="wards.up"),
        Binding("home", "move(-1000000)", N_("Top"), show=False, id="wards.first"),
        Binding("end", "move(1000000)", N_("Bottom"), show=False, id="wards.last"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="wards.page-down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="wards.page-up"),
        Binding("enter", "select", N_("Choose"), show=False, id="wards.choose"),
        Binding("full_stop", "toggle_all", N_("All units"), id="wards.all-units"),
        Binding("number_sign", "toggle_sort", N_("Sort"), id="wards.sort"),
        Binding("escape", "clear_filter", N_("Clear filter"), show=False, id="wards.clear-filter"),
    ]

    class Chosen(Message):
        """The user chose a ward (None: all wards)."""

        def __init__(self, ward: str | None) -> None:
            super().__init__()
            self.ward = ward

    def __init__(self, **kwargs: object) -> None:
        super().__init__([Column("", cap=1000, least=1, flex=True)], header=False, **kwargs)
        self.ids: list[str] = []  # each row's ward (ALL_ID: all wards)
        self.wards: list[WardCount] = []
        self.total = 0
        self.current: str | None = None
        self.filter_text = ""
        self.show_all = False
        self.sort_by = "count"
        # The current query's articles per ward (None: no query, the plain counts).
        self.hits: dict[str, int] | None = None
        self.query_total = 0

    def set_wards(self, wards: list[WardCount], total: int, current: str | None = None) -> None:
        """All 168 units with their counts (the list hides empty ones unless asked), and the
        current one (None: all wards), in one rebuild of the list."""
        self.wards, self.total, self.current = wards, total, current
        self._rebuild(keep=current or ALL_ID)

    def set_hits(self, hits: dict[str, int] | None, total: int = 0) -> None:
        """Beside each unit, how many of the current query's ``total`` articles are about it
        (None: no query); with counts sorting, the wards it finds most come first."""
        if hits == self.hits and total == self.query_total:
            return
        self.hits, self.query_total = hits, total
        self._rebuild()

    def set_current(self, ward: str | None) -> None:
        self.current = ward
        self._rebuild(keep=ward or ALL_ID)

    def order(self) -> list[str | None]:
        """The wards ``]``/``[`` walk through: as listed, ignoring the filter."""
        return [None, *(w.name for w in self._listed())]

    def _listed(self) -> list[WardCount]:
        shown = [w for w in self.wards if self.show_all or w.count]
        if self.sort_by == "name":
            return sorted(shown, key=lambda w: sort_key(w.name))
        hits = self.hits or {}
        return sorted(shown, key=lambda w: (-hits.get(w.name, 0), -w.count, sort_key(w.name)))

    @property
    def highlighted(self) -> str | None:
        """The ward under the cursor (ALL_ID: all wards; None: the list is empty)."""
        return self.ids[self.cursor_row] if self.ids else None

    def row_content(self, row: int) -> Content:
        """What ``row`` shows (count, name, marks and styles)."""
        return self.rows[row][0]  # type: ignore[return-value]

    def _rebuild(self, keep: str | None = None) -> None:
        keep = keep or self.highlighted
        all_hits = None if self.hits is None else self.query_total
        rows: list[tuple[str, Content]] = (
            []
            if self.filter_text
            else [(ALL_ID, ward_row(None, self.current is None, self.total, hits=all_hits))]
        )
        for w in self._listed():
            hits = None if self.hits is None else self.hits.get(w.name, 0)
            if ward_matches(w.name, self.filter_text):
                rows.append((w.name, ward_row(w, w.name == self.current, hits=hits)))
            elif was := former_match(w.name, self.filter_text):  # "hiep phu" → Tăng Nhơn Phú
                rows.append((w.name, ward_row(w, w.name == self.current, former=was[0], hits=hits)))
        self.ids = [ward for ward, _row in rows]
        cursor = self.ids.index(keep) if keep in self.ids else 0
        self.set_rows([[row] for _ward, row in rows], cursor)
        self.scroll_to_cursor()
        self._titles()

    def _titles(self) -> None:
        wards = _("Wards")
        self.border_title = f"{wards} · {self.filter_text}▏" if self.filter_text else wards
        found = [_("query's articles")] if self.hits is not None else []
        scope = [_("all 168")] if self.show_all else []
        order = _("by name") if self.sort_by == "name" else _("by count")
        self.border_subtitle = " · ".join([*found, *scope, order])

    def on_key(self, event: events.Key) -> None:
        """Letters, digits and spaces filter; Backspace shortens the filter."""
        char = event.character
        if event.key == "backspace" and self.filter_text:
            self.filter_text = self.filter_text[:-1]
        elif char and (char.isalnum() or (char == " " and self.filter_text)):
            if char in NOT_FILTER_KEYS:
                return
            self.filter_text += char
        else:
            return
        event.stop()
        event.prevent_default()
        self._rebuild()

    def action_clear_filter(self) -> None:
        if self.filter_text:
            self.filter_text = ""
            self._rebuild()
        else:
            self.screen.focus_next()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self._rebuild()

    def action_toggle_sort(self) -> None:
        self.sort_by = "name" if self.sort_by == "count" else "count"
        self._rebuild()

    def on_resize(self) -> None:
        self.scroll_to_cursor()  # the current ward in view from the first frame

    def on_row_table_highlighted(self, event: RowTable.Highlighted) -> None:
        event.stop()  # only a choice is news to the screen

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        event.stop()
        ward = self.ids[event.row]
        self.post_message(self.Chosen(None if ward == ALL_ID else ward))
