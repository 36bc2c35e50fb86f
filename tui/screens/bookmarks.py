"""Dialogs of the reader's marks: a bookmark's note (``m``), the bookmarks list (``M``) and the
export dialog (``e``).

Each answers through ``dismiss``: the note (None: cancelled), the article to open, or the
(format, folder) to export to. Article text is shown as data (``visible``), never as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from phuong_reader.tui.export import FORMATS
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.marks import Bookmark
from phuong_reader.tui.safe import visible
from phuong_reader.tui.widgets.footer import KeysFooter
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option


class NoteDialog(ModalScreen[str | None]):
    """``m``: the bookmark's note (empty: a bookmark without one); Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="note.cancel")
    ]

    def __init__(self, title: str, note: str, bookmarked: bool) -> None:
        super().__init__()
        self.title_text, self.note, self.bookmarked = title, note, bookmarked

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog") as box:
            box.border_title = _("Edit bookmark") if self.bookmarked else _("Bookmark")
            yield Static(Content(visible(self.title_text)), id="note-title")
            yield Input(self.note, placeholder=_("a note (optional)"), id="note")
            yield Static(_("Enter: save · Esc: cancel"), classes="dialog-help")

    @on(Input.Submitted, "#note")
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.replace("\n", " ").strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class BookmarksScreen(Screen[str | None]):
    """``M``: the bookmarks, newest first, filtered as you type (titles, notes, wards);
    Enter answers the article's id; Down goes to the list, where Delete removes one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="bookmarks.close"),
        Binding("delete", "remove", N_("Remove"), id="bookmarks.remove"),
    ]

    def __init__(self, bookmarks: list[Bookmark], remove: object) -> None:
        super().__init__()
        self.all = bookmarks
        self.shown: list[Bookmark] = list(bookmarks)
        self._remove = remove  # Callable[[str], None]

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-pane"):
            yield Input(placeholder=_("filter: title, note, ward"), id="bookmarks-filter")
            yield OptionList(id="bookmarks-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._title()
        self._fill()
        self.query_one("#bookmarks-filter", Input).focus()

    @on(Input.Changed, "#bookmarks-filter")
    def _filter(self, event: Input.Changed) -> None:
        from phuong_reader.index import fold

        words = fold(event.value).split()
        self.shown = [b for b in self.all if all(w in _folded(b) for w in words)]
        self._fill()

    def _fill(self) -> None:
        listed = self.query_one("#bookmarks-list", OptionList)
        listed.set_options([Option(bookmark_row(b)) for b in self.shown])
        if self.shown:
            listed.highlighted = 0
        if not self.all:
            listed.set_options([Option(_("No bookmarks yet: m bookmarks the open article."))])

    @on(Input.Submitted, "#bookmarks-filter")
    def _submitted(self) -> None:
        self._open(self.query_one("#bookmarks-list", OptionList).highlighted)

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_index)

    def _open(self, row: int | None) -> None:
        if row is not None and row < len(self.shown):
            self.dismiss(self.shown[row].id)

    def key_down(self) -> None:
        """Down from the filter goes to the list (where Delete removes)."""
        listed = self.query_one("#bookmarks-list", OptionList)
        if self.focused is not listed:
            listed.focus()

    def action_remove(self) -> None:
        row = self.query_one("#bookmarks-list", OptionList).highlighted
        if row is None or row >= len(self.shown):
            return
        gone = self.shown.pop(row)
        self.all = [b for b in self.all if b.id != gone.id]
        self._remove(gone.id)  # type: ignore[operator]
        self._title()
        self._fill()

    def _title(self) -> None:
        title = _("Bookmarks ({n})").format(n=len(self.all))
        self.query_one("#bookmarks-pane").border_title = title

    def action_close(self) -> None:
        self.dismiss(None)


def bookmark_row(bookmark: Bookmark) -> Content:
    """Date, ward and title on one line; the note, if any, on the next."""
    where = " · ".join(p for p in (bookmark.date, bookmark.ward) if p)
    row = Content.assemble((where.ljust(24), "$text-muted"), (visible(bookmark.title), "bold"))
    if bookmark.note:
        note = Content.styled(visible(bookmark.note), style="italic $text-accent")
        row += Content.assemble("\n  ", note)
    return row


def _folded(bookmark: Bookmark) -> str:
    from phuong_reader.index import fold

    return fold(" ".join((bookmark.title, bookmark.note, bookmark.ward or "", bookmark.id)))


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    """``e``: the format and the folder (remembered); Enter exports, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="export.cancel")
    ]

    def __init__(self, what: str, folder: Path, fmt: str = "md") -> None:
        super().__init__()
        self.what, self.folder, self.fmt = what, folder, fmt if fmt in FORMATS else "md"

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog") as box:
            box.border_title = _("Export")
            yield Static(Content(visible(self.what)), id="export-what")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(fmt, value=fmt == self.fmt, id=f"format-{fmt}")
            yield Input(str(self.folder), placeholder=_("folder"), id="export-folder")
            yield Static("", id="export-error", markup=False)
            yield Static(_("Enter: export · Esc: cancel"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#export-folder", Input).focus()

    @on(Input.Submitted, "#export-folder")
    def _export(self, event: Input.Submitted) -> None:
        folder = Path(event.value.strip() or ".").expanduser()
        pressed = self.query_one(RadioSet).pressed_button
        fmt = str(pressed.label) if pressed is not None else self.fmt
        if folder.exists() and not folder.is_dir():
            error = _("{path} is a file, not a folder").format(path=folder)
            self.query_one("#export-error", Static).update(error)
            return
        self.dismiss((fmt, folder))

    def action_cancel(self) -> None:
        self.dismiss(None)
