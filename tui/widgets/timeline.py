"""The results by month: one bar per month above the results list, and a date filter from it.

``D`` (or a click, or Tab) focuses it; Left/Right (h/l) pick a month, Enter filters the results
to it, Backspace (or x) drops the date filter, Esc goes back to the results. The month chosen is
the screen's one date filter (``d``'s dialog sets it too: ``range_label`` then says which).
Months without articles between the first and the last one get an empty bar, so the gaps show.
When there are more months than columns, the latest ones are shown (and the window follows the
cursor).
"""

from __future__ import annotations

from typing import ClassVar

from phuong_reader.tui.i18n import N_, _
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

BARS = " ▁▂▃▄▅▆▇█"


def month_range(first: str, last: str) -> list[str]:
    """Every "YYYY-MM" from ``first`` to ``last``, both included."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


class Timeline(Widget, can_focus=True):
    """Bars of the results per month; ``chosen`` is the month filtering them (None: all)."""

    DEFAULT_CSS = """
    Timeline {
        height: 1;
        padding: 0 1;
        color: $text-accent;
        background: $surface;
    }
    Timeline:focus {
        background: $boost;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", N_("Earlier"), show=False, id="timeline.earlier"),
        Binding("right,l", "move(1)", N_("Later"), show=False, id="timeline.later"),
        Binding("home", "move(-10000)", N_("First month"), show=False, id="timeline.first"),
        Binding("end", "move(10000)", N_("Last month"), show=False, id="timeline.last"),
        Binding("enter", "choose", N_("Filter to month"), id="timeline.choose"),
        Binding("backspace,x", "clear", N_("All dates"), id="timeline.clear"),
        Binding("escape", "leave", N_("Back"), show=False, id="timeline.back"),
    ]

    class Chosen(Message):
        """The user chose a month ("YYYY-MM"), or None to drop the date filter."""

        def __init__(self, month: str | None) -> None:
            super().__init__()
            self.month = month

    class Left(Message):
        """Esc: the screen decides where focus goes."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.months: list[str] = []
        self.counts: dict[str, int] = {}
        self.undated = 0
        self.chosen: str | None = None
        self.range_label = ""  # the date filter when it is not one month ("from 2026-01")
        self.cursor = 0

    def set_counts(self, counts: dict[str, int], undated: int = 0) -> None:
        """The results' articles per month (the months without any are filled in)."""
        self.counts, self.undated = counts, undated
        self.months = month_range(min(counts), max(counts)) if counts else []
        if self.chosen in self.months:
            self.cursor = self.months.index(self.chosen)
        else:
            self.cursor = max(0, len(self.months) - 1)
        self.refresh()

    def _window(self) -> tuple[int, int]:
        """(first, end) of the months shown: the latest that fit, the cursor kept in view."""
        room = max(1, self.content_size.width - 50)  # "Months", two dates and the label
        end = len(self.months)
        if self.cursor >= end - room:
            return max(0, end - room), end
        return self.cursor, min(end, self.cursor + room)

    def render(self) -> Content:
        if not self.months:
            return Content.styled(_("no dated results"), "$text-muted")
        first, end = self._window()
        shown = self.months[first:end]
        peak = max(self.counts.values()) or 1
        parts: list[tuple[str, str] | str] = [
            (self._title(), "bold"),
            (f"{shown[0]} ", "$text-muted"),
        ]
        for i, month in enumerate(shown, first):
            count = self.counts.get(month, 0)
            bar = BARS[0] if not count else BARS[max(1, round(count / peak * (len(BARS) - 1)))]
            style = ""
            if month == self.chosen:
                style = "bold $text-warning"  # not-ui: a style
            if self.has_focus and i == self.cursor:
                style += " reverse"
            parts.append((bar, style.strip()) if style else bar)
        parts.append((f" {shown[-1]}", "$text-muted"))
        parts.append(self._label())
        return Content.assemble(*parts)

    @staticmethod
    def _title() -> str:
        """ "Months " before the bars (its width places a click: ``on_click``)."""
        return _("Months") + " "

    def _label(self) -> tuple[str, str]:
        if self.has_focus and self.months:
            month = self.months[self.cursor]
            return (f"  {month}: {self.counts.get(month, 0)}", "bold")
        if self.chosen:
            only = _("only {month} · D then x: every date").format(month=self.chosen)
            return ("  " + only, "$text-warning")
        if self.range_label:
            change = _("{dates} · d: change").format(dates=self.range_label)
            return ("  " + change, "$text-warning")
        return ("  " + _("D: pick a month · d: dates"), "$text-muted")

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.months:
            self.cursor = max(0, min(len(self.months) - 1, self.cursor + step))
            self.refresh()

    def action_choose(self) -> None:
        if self.months:
            self.post_message(self.Chosen(self.months[self.cursor]))

    def action_clear(self) -> None:
        self.post_message(self.Chosen(None))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def on_click(self, event: events.Click) -> None:
        """A click on a bar filters to its month."""
        if not self.months:
            return
        first, end = self._window()
        # the padding, "Months ", the first date and a space
        index = first + event.x - 1 - len(self._title()) - len("2026-01 ")
        if first <= index < end:
            self.cursor = index
            self.post_message(self.Chosen(self.months[index]))
