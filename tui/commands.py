"""Command palette providers for choices that need a list: a ward, an article id; and the
palette they open in, which keeps the keys typed while it was on its way.

Textual runs a palette's chosen command after that palette has closed, so "Go to ward…" opens
a second palette. Until that one's input has focus, keys went to the closing palette's input,
where they were lost (and, arriving before its Enter was handled, could change what the Enter
chose), then to the screen below, where letters are commands (``q`` quits). ``TypeAhead`` keeps
them, and the new palette (``HandoffPalette``) starts with them: a fast typist loses no key.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from phuong_reader.index import MAX_LIMIT
from phuong_reader.index import Hit as SearchHit
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.safe import visible
from phuong_reader.tui.screens.main import MainScreen
from phuong_reader.tui.wardmatch import WardKeys, former_of, matches, name_keys, typed_key
from textual import events
from textual.command import (
    Command,
    CommandInput,
    CommandList,
    CommandPalette,
    DiscoveryHit,
    Hit,
    Hits,
    Provider,
    ProviderSource,
)
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

MAX_HITS = 40
ALL_WARDS = N_("All wards")  # shown translated (_choices)
YIELD_EVERY = 32  # wards compared between two chances for the event loop to take a key
GIVE_UP_SECONDS = 1.0  # an Enter that closed no palette: the kept keys go back to it
F = TypeVar("F", bound=Callable[..., object])


def _main(provider: Provider) -> MainScreen | None:
    main = getattr(provider.app, "main_screen", None)
    return main if isinstance(main, MainScreen) else None


class WardProvider(Provider):
    """Go to ward…: accent-insensitive, initials work (`tsh`), former names too (`hiep phu`).

    The names are folded once (``startup``, in a thread); a key then costs one fold of what was
    typed and string comparisons, and the loop is given back every ``YIELD_EVERY`` wards, so
    the palette can cancel a search that a newer key made stale."""

    async def startup(self) -> None:
        main = _main(self)
        wards = [] if main is None else [(w.name, w.count) for w in main.wards.wards]
        self.choices: list[tuple[str | None, str, WardKeys]] = await asyncio.to_thread(
            _choices, wards
        )

    async def search(self, query: str) -> Hits:
        main = _main(self)
        if main is None:
            return
        typed = typed_key(query)
        found = 0
        for number, (ward, label, keys) in enumerate(self.choices, 1):
            if number % YIELD_EVERY == 0:
                await asyncio.sleep(0)
            was = None
            if not matches(keys.name, typed):
                was = None if ward is None else former_of(keys, typed)
                if was is None:
                    continue
            shown = f"{was[0]}, {was[1]} → now {label}" if was else label
            yield Hit(1.0 - found / 1000, Content(shown), partial(main.choose_ward, ward))
            found += 1
            if found >= MAX_HITS:
                return

    async def discover(self) -> Hits:
        async for hit in self.search(""):
            yield DiscoveryHit(hit.match_display, hit.command)


def _choices(wards: list[tuple[str, int]]) -> list[tuple[str | None, str, WardKeys]]:
    """(ward, label, folded names) for "All wards" and each ward (run in a thread)."""
    every = _(ALL_WARDS)
    choices: list[tuple[str | None, str, WardKeys]] = [(None, every, name_keys(every))]
    choices += [(name, f"{name} ({count})", name_keys(name)) for name, count in wards]
    return choices


class ArticleProvider(Provider):
    """Go to article by id…: ids containing what is typed, with their titles."""

    async def startup(self) -> None:
        main = _main(self)
        self.hits: list[SearchHit] = []
        if main is not None:
            result = await asyncio.to_thread(main.engine.search, "", limit=MAX_LIMIT)
            self.hits = result.hits

    async def search(self, query: str) -> Hits:
        main = _main(self)
        typed = query.strip().lower()
        if main is None or not typed:
            return
        found = [h for h in self.hits if typed in h.id.lower()]
        found.sort(key=lambda h: (h.id.lower().find(typed), h.id))
        for rank, hit in enumerate(found[:MAX_HITS]):
            yield Hit(
                1.0 - rank / 1000,
                Content(visible(hit.id)),
                partial(main.goto_article, hit.id),
                help=visible(hit.title),
            )


def opens_palette(command: F) -> F:
    """Mark a command that opens a palette: keys typed after choosing it are kept for it."""
    command.opens_palette = True  # type: ignore[attr-defined]
    return command


class TypeAhead:
    """The keys typed between choosing a command marked ``opens_palette`` and the input of
    the palette it opens taking focus. The app passes each key to ``intercept`` first, tells
    ``closed`` when a palette closes; the new palette takes the keys with ``attach``."""

    def __init__(self) -> None:
        self._kept: list[str] | None = None  # None: not keeping
        self._from: CommandPalette | None = None  # where Enter chose the command
        self._chosen = False  # that palette closed on it: the next palette is on its way
        self._into: Input | None = None  # the new palette's input, until it has focus
        self._timer: Timer | None = None
        self._highlighted = False  # the option last highlighted opens a palette

    def intercept(self, app: App[Any], event: events.Key) -> bool:
        """True when ``event`` was taken (the app must not route it further)."""
        if self._into is not None:
            if app.focused is self._into or not self._into.is_attached:
                self._stop()
                return False
            return self._type(event, self._into)
        if self._kept is None:
            if event.key == "enter" and _enter_opens_palette(app.screen):
                assert isinstance(app.screen, CommandPalette)
                self._kept, self._from, self._chosen = [], app.screen, False
                self._timer = app.set_timer(GIVE_UP_SECONDS, self._give_up)
            return False
        if event.is_printable and event.character:
            self._kept.append(event.character)
            return True
        if event.key == "backspace":
            if self._kept:
                self._kept.pop()
            return True
        self._stop()  # another key: the typist is doing something else
        return False

    def highlighted(self, option: object) -> None:
        """A palette highlighted ``option``: what its Enter or a click would choose."""
        self._highlighted = _opens_palette(option)

    def closed(self, option_selected: bool) -> None:
        """A palette closed: on a command that opens the next one, or on something else."""
        if self._kept is not None and self._into is None:
            if option_selected and self._highlighted:
                self._chosen = True  # its command runs next: the palette surely comes
                self._stop_timer()
            else:
                self._stop()

    def attach(self, target: Input) -> str:
        """The keys kept for a palette that has just opened (``target``: its input); keys
        that come before ``target`` has focus go into it too."""
        if self._kept is None or not self._chosen:
            return ""
        typed = "".join(self._kept)
        self._kept, self._into = None, target
        return typed

    def _type(self, event: events.Key, target: Input) -> bool:
        if event.is_printable and event.character:
            target.insert_text_at_cursor(event.character)
            return True
        if event.key == "backspace":
            target.action_delete_left()
            return True
        self._stop()
        return False

    def _give_up(self) -> None:
        """A safety net: an Enter that closed no palette (its list changed before the palette
        read the Enter) gives the kept keys back to the palette still open."""
        self._timer = None
        palette, typed = self._from, "".join(self._kept or ())
        self._stop()
        if typed and palette is not None and palette.is_attached:
            with suppress(NoMatches):
                palette.query_one(CommandInput).insert_text_at_cursor(typed)

    def _stop(self) -> None:
        self._stop_timer()
        self._kept, self._from, self._chosen, self._into = None, None, False, None

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


class HandoffPalette(CommandPalette):
    """A palette opened by another palette's command: it starts with the keys typed since that
    command was chosen (see ``TypeAhead``)."""

    def __init__(self, type_ahead: TypeAhead, providers: ProviderSource, placeholder: str) -> None:
        super().__init__(providers=providers, placeholder=placeholder)
        self.type_ahead = type_ahead

    def on_mount(self) -> None:
        command_input = self.query_one(CommandInput)
        typed = self.type_ahead.attach(command_input)
        if typed:
            command_input.insert_text_at_cursor(typed)


def _enter_opens_palette(screen: object) -> bool:
    """Whether Enter in ``screen`` chooses a command marked ``opens_palette``."""
    if not isinstance(screen, CommandPalette):
        return False
    try:
        commands = screen.query_one(CommandList)
    except NoMatches:
        return False
    index = commands.highlighted
    if index is None and commands.option_count == 1:
        index = 0  # Enter chooses the only command listed
    return index is not None and _opens_palette(commands.get_option_at_index(index))


def _opens_palette(option: object) -> bool:
    return isinstance(option, Command) and getattr(option.hit.command, "opens_palette", False)
