"""The user's settings: ``config.toml`` in the user config dir (``$PHUONG_CONFIG`` names another
file): the default corpus, the theme, the language and a ``[keys]`` table that moves actions to
other keys (docs/settings.md).

A config file never stops the reader or a command: a problem (not TOML, a value of the wrong
type, an unknown setting, action id or key) is a message naming the file and the line, and the
setting it is about keeps its default (a file that is not TOML at all: every setting). No
Textual import: the command line reads the file too, for the default corpus, and stays fast.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path

from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.keys import binding_ids, key_problem, normal_key, split_keys
from platformdirs import user_config_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_ENV = "PHUONG_CONFIG"
CONFIG_FILE = "config.toml"
EXAMPLE = Path(__file__).with_name("config.example.toml")
LANGUAGES = ("en", "vi")
SETTINGS = ("corpus", "theme", "language", "keys")
KeyPath = tuple[str, ...]
_PART = r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+'
_DOTTED = rf"(?:{_PART})(?:\s*\.\s*(?:{_PART}))*"
_TABLE_LINE = re.compile(rf"\s*\[\s*({_DOTTED})\s*\]")
_KEY_LINE = re.compile(rf"\s*({_DOTTED})\s*=")
_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


@dataclass(frozen=True)
class Settings:
    """What config.toml sets; each field at its default when the file does not set it."""

    corpus: Path | None = None  # None: the bundled sample corpus
    theme: str | None = None  # None: the theme the reader used last
    language: str = "auto"
    keys: Mapping[str, str] = field(default_factory=dict)  # binding id → "key,key"


@dataclass(frozen=True)
class LoadedSettings:
    """The settings read from ``path``, and what was wrong in the file (one message each)."""

    path: Path
    settings: Settings = field(default_factory=Settings)
    problems: tuple[str, ...] = ()
    exists: bool = False
    lines: Mapping[KeyPath, int] = field(default_factory=dict)  # where each key is written

    def where(self, key: KeyPath) -> str:
        """``PATH:LINE`` of a key (``PATH`` alone when its line cannot be found)."""
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else str(self.path)

    def key_where(self, action: str) -> str:
        """``PATH:LINE`` of an action's [keys] entry (quoted ``"main.sort"`` or dotted)."""
        quoted, dotted = ("keys", action), ("keys", *action.split("."))
        return self.where(quoted if quoted in self.lines else dotted)

    def check_theme(self, themes: Collection[str]) -> LoadedSettings:
        """The theme checked against the names the reader knows: an unknown one is a problem
        and the default is used."""
        theme = self.settings.theme
        if theme is None or theme in themes:
            return self
        close = _close_to(theme, themes)
        message = _("{where}: unknown theme {theme}{close}; ignored, the default is used").format(
            where=self.where(("theme",)), theme=repr(theme), close=close
        )
        problems = sorted((*self.problems, message), key=self._line_of)  # in the file's order
        return replace(self, settings=replace(self.settings, theme=None), problems=tuple(problems))

    def _line_of(self, problem: str) -> int:
        line = re.match(r":(\d+)", problem[len(str(self.path)) :])
        return int(line[1]) if line else 0


def config_path() -> Path:
    """The config file: ``$PHUONG_CONFIG`` when set, else config.toml in the user config dir
    (``~/.config/phuong-reader/`` on Linux)."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        return Path(named).expanduser()
    return Path(user_config_dir("phuong-reader")) / CONFIG_FILE


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the config file (default: ``config_path()``). A missing file is no problem: every
    setting at its default. The theme is checked by the reader (``check_theme``), which knows
    the theme names."""
    path = config_path() if path is None else path
    if not path.exists():
        return LoadedSettings(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        why = _("it is a folder") if path.is_dir() else exc.strerror or str(exc)
        problem = _(
            "{path}: cannot be read ({why}); every setting is ignored, the defaults are used"
        ).format(path=path, why=why)
        return LoadedSettings(path, problems=(problem,), exists=True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = _(
            "{where}: not UTF-8 text; every setting is ignored, the defaults are used"
        ).format(where=f"{path}:{line}")
        return LoadedSettings(path, problems=(problem,), exists=True)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return LoadedSettings(path, problems=(_syntax_problem(path, text, exc),), exists=True)
    reader = _Reader(LoadedSettings(path, exists=True, lines=key_lines(text)))
    return reader.read(table)


def default_corpus(corpus: Path | None, index_dir: Path | None, settings: Settings) -> Path | None:
    """The corpus to open: the command line's; with neither a corpus nor ``--index-dir`` on it,
    the config file's ``corpus`` (None: the bundled sample corpus)."""
    if corpus is None and index_dir is None:
        return settings.corpus
    return corpus


def example_text() -> str:
    """The commented example that ``phuong config --init`` writes (it sets nothing)."""
    return EXAMPLE.read_text("utf-8")


def key_lines(text: str) -> dict[KeyPath, int]:
    """Where each key of a TOML text is written (its first line, 1-based), by its full dotted
    path: ``theme`` → 3, ``keys.main.sort`` → 12 (written ``"main.sort" = …`` under
    ``[keys]``, ``main.sort = …``, or ``sort = …`` under ``[keys.main]``). Inline tables and
    multi-line values are not looked into: their keys have no line (the message names the
    file alone)."""
    lines: dict[KeyPath, int] = {}
    table: KeyPath = ()
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("[["):
            table = ("[[",)  # arrays of tables are not settings: their keys are not looked up
        elif match := _TABLE_LINE.match(line):
            table = _parts(match[1])
            lines.setdefault(table, number)
        elif match := _KEY_LINE.match(line):
            lines.setdefault((*table, *_parts(match[1])), number)
    return lines


def _parts(dotted: str) -> KeyPath:
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in re.findall(_PART, dotted))


def _syntax_problem(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> str:
    """tomllib's message as ``PATH:LINE:COLUMN: not valid TOML: …``."""
    message = str(exc)
    at = _AT.search(message)
    where = str(path)
    if at:
        message = message[: at.start()]
        line, column = (at[1], at[2]) if at[1] else (str(max(1, len(text.splitlines()))), "")
        where = f"{path}:{line}:{column}" if column else f"{path}:{line}"
    return _(
        "{where}: not valid TOML ({message}); every setting is ignored, the defaults are used"
    ).format(where=where, message=message)


def _close_to(name: str, names: Collection[str]) -> str:
    match = difflib.get_close_matches(name, list(names), n=1)
    return _(" (did you mean {name}?)").format(name=repr(match[0])) if match else ""


def _toml_type(value: object) -> str:
    kinds = (
        (bool, N_("a boolean")),
        (int, N_("an integer")),
        (float, N_("a number")),
        (str, N_("a string")),
        (list, N_("an array")),
        (dict, N_("a table")),
        (datetime, N_("a date-time")),
        (date, N_("a date")),
        (time, N_("a time")),
    )
    return next((_(name) for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


class _Reader:
    """One pass over a parsed file: each setting checked, a message for each problem."""

    def __init__(self, loaded: LoadedSettings) -> None:
        self.loaded = loaded
        self.problems: list[str] = []

    def say(self, key: KeyPath, message: str) -> None:
        self.problems.append(f"{self.loaded.where(key)}: {message}")

    def wrong_type(self, key: KeyPath, value: object, wanted: str) -> None:
        message = _("{key} must be {wanted}, not {type}; ignored, the default is used")
        self.say(key, message.format(key=".".join(key), wanted=wanted, type=_toml_type(value)))

    def read(self, table: Mapping[str, object]) -> LoadedSettings:
        values: dict[str, object] = {}
        for name, value in table.items():
            if name not in SETTINGS:
                close = _close_to(name, SETTINGS)
                self.say(
                    (name,),
                    _(
                        "unknown setting {name}{close}; the settings are "
                        "corpus, theme, language and the [keys] table; ignored"
                    ).format(name=repr(name), close=close),
                )
            elif (read := getattr(self, f"_{name}")(value)) is not None:
                values[name] = read
        settings = Settings(**values)  # type: ignore[arg-type]
        return replace(self.loaded, settings=settings, problems=tuple(self.problems))

    def _corpus(self, value: object) -> Path | None:
        if not isinstance(value, str) or not value.strip():
            self.wrong_type(("corpus",), value, _("the path of a folder, in quotes"))
            return None
        folder = Path(value).expanduser()
        if not folder.is_absolute():
            folder = self.loaded.path.parent / folder
        if not folder.is_dir():
            self.say(
                ("corpus",),
                _("corpus: no folder {folder}; ignored, the bundled sample corpus is used").format(
                    folder=repr(str(folder))
                ),
            )
            return None
        return folder

    def _theme(self, value: object) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.wrong_type(("theme",), value, _('a theme name in quotes ("textual-light")'))
        return None

    def _language(self, value: object) -> str | None:
        if value in LANGUAGES or value == "auto":
            return str(value)
        if isinstance(value, str):
            message = _('language: {value} is not one of "en", "vi"; ignored, the default is used')
            self.say(("language",), message.format(value=repr(value)))
        else:
            self.wrong_type(("language",), value, _('"en" or "vi"'))
        return None

    def _keys(self, value: object) -> dict[str, str] | None:
        if not isinstance(value, dict):
            self.wrong_type(("keys",), value, _("a table ([keys], then one line per action)"))
            return None
        known = binding_ids()
        keymap: dict[str, str] = {}
        for path, keys in _flatten(value):
            action, where = ".".join(path), ("keys", *path)
            if action not in known:
                self.say(
                    where,
                    _(
                        "[keys]: no action has the id {action}{close} "
                        "(docs/keys.md lists them); ignored"
                    ).format(action=repr(action), close=_close_to(action, known)),
                )
            elif (bound := self._bound_keys(where, action, keys)) is not None:
                keymap[action] = bound
        return keymap

    def _bound_keys(self, where: KeyPath, action: str, value: object) -> str | None:
        """A [keys] value as Textual's keymap writes it: "key,key" (a list may bind ``,``)."""
        if isinstance(value, str):
            keys = split_keys(value)
        elif isinstance(value, list) and all(isinstance(k, str) for k in value):
            keys = [k.strip() for k in value if k.strip()]
        else:
            self.wrong_type(where, value, _('a key in quotes ("ctrl+f") or a list of keys'))
            return None
        if not keys:
            self.say(
                where,
                _("[keys] {action}: no key given; it keeps its own keys").format(action=action),
            )
            return None
        normal = [normal_key(k) for k in keys]
        for key in normal:
            if problem := key_problem(key):
                message = _("[keys] {action}: {problem}; it keeps its own keys")
                self.say(where, message.format(action=action, problem=problem))
                return None
        return ",".join(normal)


def _flatten(table: Mapping[str, object], prefix: KeyPath = ()) -> list[tuple[KeyPath, object]]:
    """A [keys] table's entries by dotted path: ``main.sort = "o"`` is a table in TOML."""
    out: list[tuple[KeyPath, object]] = []
    for name, value in table.items():
        if isinstance(value, dict):
            out += _flatten(value, (*prefix, name))
        else:
            out.append(((*prefix, name), value))
    return out
