"""The reader's command palettes: an Enter typed before the list is there waits for it, and a
palette opened by another's command keeps the keys typed while it was on its way.

Textual runs a palette's chosen command after that palette has closed, so "Go to ward…" opens
a second palette. Until that one's input has focus, keys went to the closing palette's input,
where they were lost (and, arriving before its Enter was handled, could change what the Enter
chose), then to the screen below, where letters are commands (``q`` quits). ``TypeAhead`` keeps
them, and the new palette (``HandoffPalette``) starts with them: a fast typist loses no key.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on
from textual.command import Command, CommandInput, CommandList, CommandPalette, ProviderSource
from textual.css.query import NoMatches
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

GIVE_UP_SECONDS = 1.0  # an Enter that closed no palette: the kept keys go back to it
F = TypeVar("F", bound=Callable[..., object])


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
        self._submit = False  # an Enter came after the kept keys: it is the new palette's

    def intercept(self, app: App[Any], event: events.Key) -> bool:
        """True when ``event`` was taken (the app must not route it further)."""
        if self._into is not None:
            if app.focused is self._into or not self._into.is_attached:
                self._stop()
                return False
            return self._type(event, self._into)
        if self._kept is None:
            # Keep what follows an Enter that opens a palette, or that waits for the list (it
            # may choose one: keys typed meanwhile must not change the query it waits on).
            screen = app.screen
            if event.key == "enter" and (
                _enter_opens_palette(screen) or _enter_chooses_later(screen)
            ):
                assert isinstance(screen, CommandPalette)
                self._kept, self._from, self._chosen = [], screen, False
                self._timer = app.set_timer(GIVE_UP_SECONDS, partial(self._give_up, app))
            return False
        if self._submit:
            return True  # after the new palette's Enter: what it opens is not there yet
        if event.is_printable and event.character:
            self._kept.append(event.character)
            return True
        if event.key == "backspace":
            if self._kept:
                self._kept.pop()
            return True
        if event.key == "enter" and self._kept:
            self._submit = True
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

    def attach(self, target: Input) -> tuple[str, bool]:
        """The keys kept for a palette that has just opened (``target``: its input), and
        whether an Enter followed them; keys that come before ``target`` has focus go into
        it too (after an Enter, none)."""
        if self._kept is None or not self._chosen:
            return "", False
        typed, submit = "".join(self._kept), self._submit
        if submit:
            self._stop()
        else:
            self._kept, self._into = None, target
        return typed, submit

    def _type(self, event: events.Key, target: Input) -> bool:
        if event.is_printable and event.character:
            target.insert_text_at_cursor(event.character)
            return True
        if event.key == "backspace":
            target.action_delete_left()
            return True
        self._stop()
        if event.key == "enter":  # the Enter is the new palette's, not the screen's below
            target.post_message(Input.Submitted(target, target.value))
            return True
        return False

    def _give_up(self, app: App[Any]) -> None:
        """A safety net: an Enter that closed no palette (its list changed before the palette
        read the Enter, or its list came with nothing) gives the kept keys back to the palette
        still open."""
        self._timer = None
        palette, typed = self._from, "".join(self._kept or ())
        if isinstance(palette, ReadyPalette) and palette.enter_waits:
            self._timer = app.set_timer(GIVE_UP_SECONDS, partial(self._give_up, app))
            return  # its list has not come yet: the Enter may still choose a palette
        self._stop()
        if typed and palette is not None and palette.is_attached:
            with suppress(NoMatches):
                palette.query_one(CommandInput).insert_text_at_cursor(typed)

    def _stop(self) -> None:
        self._stop_timer()
        self._kept, self._from, self._chosen, self._into = None, None, False, None
        self._submit = False

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


class ReadyPalette(CommandPalette):
    """A palette whose Enter chooses from the list made for what is typed. Textual's palette
    chooses from whatever list is shown: an Enter typed before the list for the last key
    came chose a match of an older query, or nothing while no list was shown (so "102",
    Enter, typed fast in "Go to article by id…", left it open on "102"). Here that Enter
    waits, and chooses the first match once the list comes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._outdated = False  # the input changed since the list was last made
        self._enter_waits = False

    @property
    def waits_for_list(self) -> bool:
        """Whether an Enter now would wait: text typed, its list not made yet."""
        return (
            self._outdated
            and self._selected_command is None
            and bool(self.query_one(CommandInput).value.strip())
        )

    @property
    def enter_waits(self) -> bool:
        """An Enter is waiting for the list."""
        return self._enter_waits

    @on(Input.Changed)
    def _list_outdated(self) -> None:
        self._outdated = True
        self._enter_waits = False  # the query changed: the Enter was for another one

    @on(Input.Submitted)
    def _enter_before_list(self, event: Input.Submitted) -> None:
        if self.waits_for_list:
            self._enter_waits = True
            event.prevent_default()  # not Textual's handler: it would choose from the old list
            event.stop()

    def _refresh_command_list(
        self, command_list: CommandList, commands: list[Command], clear_current: bool
    ) -> None:
        super()._refresh_command_list(command_list, commands, clear_current)
        self._outdated = False
        if self._enter_waits:
            self._enter_waits = False  # nothing found: the Enter chose nothing, as before
            if command_list.option_count:
                self._select_or_command()


class HandoffPalette(ReadyPalette):
    """A palette opened by another palette's command: it starts with the keys typed since that
    command was chosen (see ``TypeAhead``)."""

    def __init__(self, type_ahead: TypeAhead, providers: ProviderSource, placeholder: str) -> None:
        super().__init__(providers=providers, placeholder=placeholder)
        self.type_ahead = type_ahead

    def on_mount(self) -> None:
        command_input = self.query_one(CommandInput)
        typed, submit = self.type_ahead.attach(command_input)
        if typed:
            command_input.insert_text_at_cursor(typed)
        if submit:  # chooses the first match once the list is there (ReadyPalette)
            command_input.post_message(Input.Submitted(command_input, command_input.value))


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


def _enter_chooses_later(screen: object) -> bool:
    """Whether Enter in ``screen`` will wait for the list to choose (``ReadyPalette``)."""
    return isinstance(screen, ReadyPalette) and screen.waits_for_list


def _opens_palette(option: object) -> bool:
    return isinstance(option, Command) and getattr(option.hit.command, "opens_palette", False)
