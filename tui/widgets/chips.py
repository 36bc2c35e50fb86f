"""The active filters as chips, one line under the search bar: ``ward: Bến Thành ✕``.

One widget draws every chip (no widget per chip, so a change lays out one line). The screen
hands it the filters with ``show`` whenever they may have changed, which compares them with
what is drawn and does nothing when they are the same: typing in the search bar costs a tuple
comparison here, never a layout pass. With no filter the row is not displayed and takes no
space.

Chips keep the order the filters were set in: the last one on the right is the newest, the one
``x`` removes. A click on a chip removes it; so does Delete (or Backspace, ``x``, Enter) on the
chip under the cursor when the row has the focus (Tab reaches it, Left / Right move).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from phuong_reader.tui.i18n import N_
from phuong_reader.tui.safe import visible
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

CLOSE = " ✕"
GAP = 1  # columns between chips


@dataclass(frozen=True)
class Chip:
    """One active filter: ``kind`` names it to the screen ("ward", "dates", "sort", …),
    ``label`` is what the chip says."""

    kind: str
    label: str


def ordered(chips: Sequence[Chip], before: Sequence[Chip]) -> tuple[Chip, ...]:
    """``chips`` in the order of ``before`` (where a kind was already shown, its place, with
    its new label), the new kinds after them, in their own order."""
    by_kind = {chip.kind: chip for chip in chips}
    kept = [by_kind.pop(chip.kind) for chip in before if chip.kind in by_kind]
    return (*kept, *by_kind.values())


class FilterChips(Widget, can_focus=True):
    """The chips row; posts ``Removed(kind)`` when a chip is clicked or deleted."""

    DEFAULT_CSS = """
    FilterChips {
        height: 1;
        padding: 0 1;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    FilterChips:focus {
        background: $boost;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", N_("Previous filter"), show=False, id="chips.previous"),
        Binding("right,l", "move(1)", N_("Next filter"), show=False, id="chips.next"),
        Binding("delete,backspace,x,enter", "remove", N_("Remove filter"), id="chips.remove"),
        Binding("escape", "leave", N_("Back"), show=False, id="chips.back"),
    ]

    class Removed(Message):
        """The user removed the chip of this kind of filter."""

        def __init__(self, kind: str) -> None:
            super().__init__()
            self.kind = kind

    class Left(Message):
        """Esc: the screen decides where focus goes."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.chips: tuple[Chip, ...] = ()
        self.cursor = 0
        self.display = False

    def show(self, chips: Sequence[Chip]) -> bool:
        """Draw ``chips`` if they are not what is drawn; True when the row changed."""
        if tuple(chips) == self.chips:
            return False
        self.chips = ordered(chips, self.chips)
        self.cursor = min(self.cursor, max(0, len(self.chips) - 1))
        if self.display != bool(self.chips):
            self.display = bool(self.chips)  # lays the screen out: only when it appears or goes
        self.refresh()
        return True

    def spans(self) -> list[tuple[int, int]]:
        """(first, end) column of each chip, as drawn (after the padding)."""
        out, x = [], 0
        for chip in self.chips:
            width = len(self._text(chip))
            out.append((x, x + width))
            x += width + GAP
        return out

    @staticmethod
    def _text(chip: Chip) -> str:
        return f" {visible(chip.label)}{CLOSE} "

    def render(self) -> Content:
        parts: list[tuple[str, str] | str] = []
        for index, chip in enumerate(self.chips):
            style = "bold $text-accent on $accent 20%"  # not-ui: a style
            if self.has_focus and index == self.cursor:
                style += " reverse"
            parts += [(self._text(chip), style), " " * GAP]
        return Content.assemble(*parts)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.chips:
            self.cursor = max(0, min(len(self.chips) - 1, self.cursor + step))
            self.refresh()

    def action_remove(self) -> None:
        if self.chips:
            self.post_message(self.Removed(self.chips[self.cursor].kind))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def on_click(self, event: events.Click) -> None:
        """A click on a chip removes its filter."""
        x = event.x - 1  # the padding
        for index, (first, end) in enumerate(self.spans()):
            if first <= x < end:
                self.cursor = index
                self.post_message(self.Removed(self.chips[index].kind))
                return
