"""People (``p``): everyone the articles name, filtered as you type, with roles and units.

The list comes from the index's saved people summary (one read, no article is opened); the
filter matches names and their other spellings without accents ("tran long" finds Trần Văn
Long written "Trần Long" elsewhere). Only the first ``SHOWN`` matches are listed (the title
says how many there are): typing narrows. Enter answers the highlighted person; the main
screen then lists their articles, newest first. ``PersonPicker`` (``P``) is the same choice
among the people of the open article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from phuong_reader.index import DatedRole, PersonLine, PersonSummary, fold
from phuong_reader.tui.handover import hand_over
from phuong_reader.tui.i18n import N_, _, ngettext
from phuong_reader.tui.safe import visible
from phuong_reader.tui.widgets.footer import KeysFooter
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

SHOWN = 100  # a screenful or three; typing narrows (OptionList measures every row)
DIM = "$text-muted"
LoadPeople = Callable[[], list[PersonLine]]
LoadPerson = Callable[[str], "PersonSummary | None"]


def dated(role: DatedRole) -> str:
    return f"{role.role} ({role.date})" if role.date else role.role


def date_first(role: DatedRole) -> str:
    """The card's form: the date first, so that roles line up."""
    return f"{role.date or _('undated')}  {role.role}"


def person_row(person: PersonLine) -> Content:
    """One line: articles, name, latest role and its date."""
    role = ""
    if person.role:
        role = f"  {person.role} ({person.date})" if person.date else f"  {person.role}"
    return Content.assemble(
        (f"{person.articles:>5}  ", DIM), (visible(person.name), "bold"), (visible(role), DIM)
    )


def person_card(person: PersonSummary) -> Content:
    """The highlighted person: every spelling, roles with dates (latest first), units."""
    lines: list[Content] = [Content.styled(visible(person.name), style="bold $text-accent")]
    if person.aliases:
        also = _("also written {names}").format(names=visible(", ".join(person.aliases)))
        lines.append(Content.styled(also, DIM))
    lines.append(Content(""))
    if person.history:
        lines.append(Content.styled(_("Now (latest article)"), "bold"))
        lines.append(Content(f"  {visible(date_first(person.history[0]))}"))
    if len(person.history) > 1:
        lines.append(Content.styled(_("Before"), "bold"))
        lines += [Content(f"  {visible(date_first(role))}") for role in person.history[1:]]
    if person.wards:
        lines.append(Content.styled(_("Units"), "bold"))
        lines.append(Content(f"  {visible(', '.join(person.wards))}"))
    count = len(person.articles)
    lines.append(Content(""))
    articles = ngettext("{n} article · Enter: list them", "{n} articles · Enter: list them", count)
    lines.append(Content.styled(articles.format(n=count), DIM))
    return Content("\n").join(lines)


class PeopleScreen(Screen[PersonLine | None]):
    """Everyone named; Enter answers the highlighted person, Esc nobody."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="people.back"),
        Binding("down", "move(1)", N_("Down"), show=False, priority=True, id="people.down"),
        Binding("up", "move(-1)", N_("Up"), show=False, priority=True, id="people.up"),
        Binding(
            "pagedown",
            "move(10)",
            N_("Page down"),
            show=False,
            priority=True,
            id="people.page-down",
        ),
        Binding(
            "pageup", "move(-10)", N_("Page up"), show=False, priority=True, id="people.page-up"
        ),
    ]

    def __init__(self, load: LoadPeople, detail: LoadPerson, title: str = N_("People")) -> None:
        super().__init__()
        self.use(load, detail)
        self.title_text = _(title)
        self.people: list[PersonLine] = []
        self._keys: list[str] = []  # each person's names, folded, for the filter
        self.listed: list[PersonLine] = []
        self.card: PersonSummary | None = None  # the highlighted person in full, once read

    def use(self, load: LoadPeople, detail: LoadPerson) -> None:
        """Where the list and each person come from (the screen is installed once, kept)."""
        self._load_people, self._load_person = load, detail

    def compose(self) -> ComposeResult:
        with Vertical(id="people-pane"):
            yield Input(placeholder=_("filter by name (accents optional)"), id="people-filter")
            with Horizontal():
                yield OptionList(id="people-list")
                yield Static(id="person-card", markup=False)
        yield KeysFooter()

    @property
    def people_list(self) -> OptionList:
        return self.query_one("#people-list", OptionList)

    def on_mount(self) -> None:
        loading = _("{title} · loading…").format(title=self.title_text)
        self.query_one("#people-pane").border_title = loading

    def on_screen_resume(self) -> None:
        """Each time it is shown (it is installed once and kept): an empty filter, and the
        list again (the engine keeps it per index generation, so this is cheap)."""
        box = self.query_one("#people-filter", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        box.focus()
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        people = self._load_people()
        keys = self._keys
        if people is not self.people:  # a new index generation: its names folded once
            keys = [fold(" ".join((p.name, *p.aliases))).lower() for p in people]
        hand_over(self, self._loaded, people, keys)

    def _loaded(self, people: list[PersonLine], keys: list[str]) -> None:
        self.people, self._keys = people, keys
        self._refill()

    @on(Input.Changed, "#people-filter")
    def _refill(self) -> None:
        wanted = fold(self.query_one("#people-filter", Input).value.strip()).lower()
        found = [p for p, key in zip(self.people, self._keys, strict=True) if wanted in key]
        self.listed = found[:SHOWN]
        self.people_list.set_options(Option(person_row(p)) for p in self.listed)
        self.people_list.highlighted = 0 if self.listed else None
        more = (
            _("first {shown} of {n}").format(shown=SHOWN, n=len(found))
            if len(found) > SHOWN
            else f"{len(found)}"
        )
        self.query_one("#people-pane").border_title = f"{self.title_text} · {more}"
        self._show_card()

    @on(OptionList.OptionHighlighted, "#people-list")
    def _show_card(self) -> None:
        card = self.query_one("#person-card", Static)
        row = self.people_list.highlighted
        if row is None or row >= len(self.listed):
            card.update(Content.styled(_("Nobody by that name."), DIM) if self.people else "")
        else:
            self._read_person(self.listed[row].name)

    @work(thread=True, exclusive=True, group="card")
    def _read_person(self, name: str) -> None:
        found = self._load_person(name)
        hand_over(self, self._person_read, name, found)

    def _person_read(self, name: str, person: PersonSummary | None) -> None:
        row = self.people_list.highlighted
        if person is None or row is None or row >= len(self.listed):
            return
        if self.listed[row].name == name:  # still the highlighted one
            self.card = person
            self.query_one("#person-card", Static).update(person_card(person))

    def action_move(self, step: int) -> None:
        listed = self.people_list
        if listed.option_count:
            current = listed.highlighted or 0
            listed.highlighted = max(0, min(listed.option_count - 1, current + step))

    @on(Input.Submitted, "#people-filter")
    @on(OptionList.OptionSelected, "#people-list")
    def _chosen(self) -> None:
        row = self.people_list.highlighted
        if row is not None and row < len(self.listed):
            self.dismiss(self.listed[row])

    def action_close(self) -> None:
        self.dismiss(None)


class PersonPicker(ModalScreen[str | None]):
    """``P`` in an article: one of its people (Enter), or nobody (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="picker.back")
    ]

    def __init__(self, names: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.names = list(names)  # (name, role in this article)

    def compose(self) -> ComposeResult:
        rows = [
            Option(Content.assemble((visible(n), "bold"), (f"  {visible(r)}" if r else "", DIM)))
            for n, r in self.names
        ]
        yield OptionList(*rows, id="picker")

    def on_mount(self) -> None:
        title = _("People in this article · Enter: their articles")
        self.query_one("#picker").border_title = title

    @on(OptionList.OptionSelected, "#picker")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index][0])

    def action_close(self) -> None:
        self.dismiss(None)
