"""Figures (``f``): what the current results count, and the same figure ward by ward.

Left, the groups: the counted nouns of the results' figures ("hộ nghèo", "đồng", "%"), most
articles first. Right, for the highlighted group, each unit's latest figure in a table
(sorted by value; ``v``, ``u``, ``t`` sort by value, unit or date, again to reverse), each
value also drawn as a bar beside it: the bar chart of the units, sorted with the table and
scrolled with it (a Line-API ``RowTable``: only the rows in view are drawn). Below, the
highlighted figure's sentence. Enter on a row answers that figure: the main screen opens its
article scrolled to it. Everything comes from the figures
the index saved (``SearchEngine.figures``); only the sentence is read from the article.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from phuong_reader.index import FigureFact
from phuong_reader.tui.handover import hand_over
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.safe import visible
from phuong_reader.tui.widgets.footer import KeysFooter
from phuong_reader.tui.widgets.row_table import Cell, Column, RowTable
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

LoadGroups = Callable[[], list[tuple[str, int, int]]]
LoadTable = Callable[[str], list[FigureFact]]
LoadSentence = Callable[[FigureFact], str]
EIGHTHS = " ▏▎▍▌▋▊▉█"
SORTS = {"value": 1, "unit": 0, "date": 2}  # column of each sort
SORT_WORDS = {"value": N_("by value"), "unit": N_("by unit"), "date": N_("by date")}


def vietnamese_number(value: float, decimals: int = 3) -> str:
    """``value`` as Vietnamese writes it: "." between thousands, "," before decimals."""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def show_value(fact: FigureFact) -> str:
    """The value for the table: money in tỷ/triệu, a range or ratio as such."""
    scale, word = 1.0, ""
    if fact.counted.startswith("đồng"):
        for size, name in ((1e9, " tỷ"), (1e6, " triệu")):
            if abs(fact.value) >= size:
                scale, word = size, name
                break
    text = vietnamese_number(fact.value / scale)
    if fact.high is not None:
        text += f"–{vietnamese_number(fact.high / scale)}"
    if fact.of is not None:
        text += f"/{vietnamese_number(fact.of)}"
    qualifier = f"{fact.qualifier} " if fact.qualifier else ""
    return f"{qualifier}{text}{word}"


def bar(fraction: float, width: int) -> Content:
    """A bar ``fraction`` (0..1) of ``width`` cells long, drawn in eighths of a cell (at least
    one eighth, so a small value still shows)."""
    eighths = max(1, round(max(0.0, min(1.0, fraction)) * width * 8))
    drawn = "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")
    return Content.styled(drawn, "$text-accent")


def table_rows(facts: list[FigureFact]) -> list[list[Cell]]:
    """The table's cells for ``facts``: unit, value, date, the bar of the value (the
    largest value's as wide as the column), the words before it (the number as written is
    marked in the sentence below the table)."""
    peak = max((f.value for f in facts), default=0.0) or 1.0
    return [
        [
            visible(fact.ward or ""),
            show_value(fact),
            fact.date or "",
            partial(bar, fact.value / peak),
            visible(fact.context),
        ]
        for fact in facts
    ]


def figure_columns() -> tuple[Column, ...]:
    """The table's columns, their labels in the interface's language."""
    return (
        Column(_("Unit"), cap=16),
        Column(_("Value"), cap=18),
        Column(_("Date"), cap=10),
        Column("", least=8, cap=24, flex=True),  # the bars
        Column(_("About"), least=8, cap=200, flex=True),
    )


class FiguresScreen(Screen[FigureFact | None]):
    """The results' figures by what they count; Enter answers one figure, Esc none."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="figures.back"),
        Binding("v", "sort('value')", N_("By value"), id="figures.by-value"),
        Binding("u", "sort('unit')", N_("By unit"), id="figures.by-unit"),
        Binding("t", "sort('date')", N_("By date"), id="figures.by-date"),
    ]

    def __init__(
        self, groups: LoadGroups, table: LoadTable, sentence: LoadSentence, title: str
    ) -> None:
        super().__init__()
        self.use(groups, table, sentence, title)

    def use(self, groups: LoadGroups, table: LoadTable, sentence: LoadSentence, title: str) -> None:
        """What to show the next time the screen is shown (it is installed once and kept:
        a new screen costs more than the figures at 100,000 articles)."""
        self._load_groups, self._load_table = groups, table
        self._load_sentence = sentence
        self.title_text = title
        self.groups: list[tuple[str, int, int]] = []
        self._unit_rows: list[FigureFact] = []  # the highlighted group's table, unsorted
        self._tables: dict[str, list[FigureFact]] = {}  # each group's table, once read
        self.rows: list[FigureFact] = []  # the table's rows, in the table's order
        self.sort_by, self.reverse = "value", True
        self.loaded = False  # the figures are in (for tests and the benchmark)

    def compose(self) -> ComposeResult:
        with Vertical(id="figures-pane"):
            with Horizontal():
                yield OptionList(id="figure-groups")
                with Vertical(id="figure-right"):
                    yield RowTable(figure_columns(), id="figure-table")
            yield Static(id="figure-sentence", markup=False)
        yield KeysFooter()

    @property
    def table(self) -> RowTable:
        return self.query_one("#figure-table", RowTable)

    def on_mount(self) -> None:
        self._loading()
        self.query_one("#figure-groups").border_title = _("What they count")

    def _loading(self) -> None:
        loading = _("Figures · {scope} · loading…").format(scope=self.title_text)
        self.query_one("#figures-pane").border_title = loading

    def on_screen_resume(self) -> None:
        self.loaded, self.groups, self.rows, self._unit_rows = False, [], [], []
        self._tables = {}
        # The last results stay on screen under "loading…" until the new ones replace them
        # in one frame (clearing first would paint a frame more).
        self._loading()
        self.query_one("#figure-groups").focus()
        self._load()

    @work(thread=True, exclusive=True, group="figures")
    def _load(self) -> None:
        found = self._load_groups()
        first = self._load_table(found[0][0]) if found else []  # the same hand-over
        hand_over(self, self._loaded, found, first)

    def _loaded(self, found: list[tuple[str, int, int]], first: list[FigureFact]) -> None:
        with self.app.batch_update():  # groups, table, bars and title in one frame
            self._show_groups(found, first)

    def _show_groups(self, found: list[tuple[str, int, int]], first: list[FigureFact]) -> None:
        self.groups, self.loaded = found, True
        self._tables = {found[0][0]: first} if found else {}
        figures = sum(n for _counted, n, _articles in found)
        pane = self.query_one("#figures-pane")
        pane.border_title = _("Figures · {scope} · {figures} figures of {kinds} kinds").format(
            scope=self.title_text, figures=figures, kinds=len(found)
        )
        options = [
            Option(
                Content.assemble(
                    (visible(c), "bold"), ("  " + _("{n} art.").format(n=n), "$text-muted")
                )
            )
            for c, _figures, n in self.groups
        ]
        listed = self.query_one("#figure-groups", OptionList)
        listed.set_options(options)
        if options:
            listed.highlighted = 0
            self._table_read(found[0][0], first)  # now, in this frame (not on the message)
        else:
            self._unit_rows = []
            self._fill_table()
            self.query_one("#figure-sentence", Static).update(_("No figures in these results."))

    @on(OptionList.OptionHighlighted, "#figure-groups")
    def _group_highlighted(self) -> None:
        counted = self.counted
        if counted is None:
            return
        if counted in self._tables:  # read already (the first group comes with the groups)
            self._table_read(counted, self._tables[counted])
        else:
            self._read_table(counted)

    @work(thread=True, exclusive=True, group="table")
    def _read_table(self, counted: str) -> None:
        rows = self._load_table(counted)
        hand_over(self, self._table_read, counted, rows)

    def _table_read(self, counted: str, rows: list[FigureFact]) -> None:
        self._tables[counted] = rows
        if rows is self._unit_rows and self.rows:
            return  # shown already (the highlight's message after the groups' hand-over)
        if counted == self.counted:  # still the highlighted group
            self._unit_rows = rows
            self._fill_table()

    @on(OptionList.OptionSelected, "#figure-groups")
    def _group_selected(self) -> None:
        self.table.focus()

    @property
    def counted(self) -> str | None:
        row = self.query_one("#figure-groups", OptionList).highlighted
        return self.groups[row][0] if row is not None and row < len(self.groups) else None

    def _fill_table(self) -> None:
        counted = self.counted
        rows = self._unit_rows
        column = SORTS[self.sort_by]
        keys = {0: lambda f: f.ward or "", 1: lambda f: f.value, 2: lambda f: f.date or ""}
        self.rows = sorted(rows, key=keys[column], reverse=self.reverse)
        self.table.set_rows(table_rows(self.rows))
        order = "↓" if self.reverse else "↑"
        right = self.query_one("#figure-right")
        right.border_title = _("{counted} · latest per unit · {by} {arrow}").format(
            counted=visible(counted or ""), by=_(SORT_WORDS[self.sort_by]), arrow=order
        )
        right.border_subtitle = _("v u t: sort · Enter: open the article")

    @on(RowTable.Highlighted, "#figure-table")
    def _row_highlighted(self, event: RowTable.Highlighted) -> None:
        if 0 <= event.row < len(self.rows):
            self._sentence(self.rows[event.row])

    @work(thread=True, exclusive=True, group="sentence")
    def _sentence(self, fact: FigureFact) -> None:
        text = self._load_sentence(fact)
        hand_over(self, self._show_sentence, fact, text)

    def _show_sentence(self, fact: FigureFact, sentence: str) -> None:
        line = Content(visible(sentence))
        start = sentence.find(fact.text)
        if start >= 0:
            line = line.stylize(style="bold $text-accent", start=start, end=start + len(fact.text))
        where = f"{fact.date or _('undated')} · {fact.article} · "
        self.query_one("#figure-sentence", Static).update(
            Content.styled(where, "$text-muted") + line
        )

    @on(RowTable.Selected, "#figure-table")
    def _row_selected(self, event: RowTable.Selected) -> None:
        if 0 <= event.row < len(self.rows):
            self.dismiss(self.rows[event.row])

    def action_sort(self, by: str) -> None:
        if by == self.sort_by:
            self.reverse = not self.reverse
        else:
            self.sort_by, self.reverse = by, by != "unit"
        self._fill_table()

    def action_close(self) -> None:
        self.dismiss(None)
