"""The dates dialog (``d``): from and to, each as people write a date, either left open.

Enter (in either field) applies both: the dialog answers the filter ``(since, until)`` in the
engine's form (see ``tui.dates``), ``("", "")`` when both are empty. A field that does not
read keeps the dialog open with the reason under it, and that reason follows the field as it is
corrected; nothing typed is lost. Esc cancels (the dialog answers None).
"""

from __future__ import annotations

from typing import ClassVar

from phuong_reader.tui.dates import FORMS, DateInputError, read_date, read_dates
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.safe import visible
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

FIELDS = ("since", "until")


class DatesDialog(ModalScreen[tuple[str, str] | None]):
    """Two fields over the reader; Enter applies, Esc cancels."""

    DEFAULT_CSS = """
    DatesDialog {
        align: center middle;
    }
    #dates-box {
        width: 64;
        max-width: 95%;
        height: auto;
        border: round $primary;
        border-title-align: left;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 1 1 0 1;
    }
    #dates-box .dates-row {
        height: 1;
    }
    #dates-box .dates-label {
        width: 6;
        text-style: bold;
    }
    #dates-box Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    #dates-box Input:focus {
        background: $primary 20%;
    }
    #dates-box .dates-error {
        height: 1;
        padding-left: 6;
        color: $text-error;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #dates-hint {
        color: $text-muted;
        margin: 1 0;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="dates.cancel"),
        Binding(
            "up", "app.focus_previous", N_("Previous field"), show=False, id="dates.previous-field"
        ),
        Binding("down", "app.focus_next", N_("Next field"), show=False, id="dates.next-field"),
    ]

    def __init__(self, since: str = "", until: str = "") -> None:
        super().__init__()
        self.initial = {"since": since, "until": until}
        self.errors = {"since": "", "until": ""}  # what each field's message line says

    def compose(self) -> ComposeResult:
        with Vertical(id="dates-box") as box:
            box.border_title = _("Dates")
            box.border_subtitle = _("Enter: apply · Tab: other field · Esc: cancel")
            for field, label in zip(FIELDS, (_("From"), _("To")), strict=True):
                with Horizontal(classes="dates-row"):
                    yield Label(label, classes="dates-label")
                    yield Input(
                        self.initial[field],
                        placeholder=_("open: no limit"),
                        id=f"dates-{field}",
                        select_on_focus=False,
                    )
                yield Static("", id=f"dates-{field}-error", classes="dates-error", markup=False)
            hint = _("{forms} · empty: open").format(forms=FORMS)
            yield Static(hint, id="dates-hint", markup=False)

    def on_mount(self) -> None:
        self.field("since").focus()

    def field(self, name: str) -> Input:
        return self.query_one(f"#dates-{name}", Input)

    def error(self, name: str) -> Static:
        return self.query_one(f"#dates-{name}-error", Static)

    def _say(self, name: str, message: str) -> None:
        if message != self.errors[name]:
            self.errors[name] = message
            self.error(name).update(visible(message))

    def _read(self, name: str) -> bool:
        """Read one field, its message under it (cleared when it reads); True when it does."""
        try:
            read_date(self.field(name).value)
        except DateInputError as exc:
            self._say(name, str(exc))
            return False
        self._say(name, "")
        return True

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        """A field showing a message is read again as it is corrected."""
        name = (event.input.id or "").removeprefix("dates-")
        if name in FIELDS and self.errors[name]:
            self._read(name)

    @on(Input.Submitted)
    def _apply(self) -> None:
        readable = [self._read(name) for name in FIELDS]  # both, so both say what is wrong
        if not all(readable):
            self.field(FIELDS[readable.index(False)]).focus()
            return
        try:
            dates = read_dates(self.field("since").value, self.field("until").value)
        except DateInputError as exc:  # the range runs backwards
            self._say("until", str(exc))
            self.field("until").focus()
            return
        self.dismiss(dates)

    def action_cancel(self) -> None:
        self.dismiss(None)
