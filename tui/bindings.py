"""The reader's key bindings as they are now: each class of the reader (app, screens, widgets)
that declares BINDINGS, with the app's keymap (config.toml's ``[keys]``) applied the way Textual
applies it. The help screen shows them; the app says which keys a keymap took from an action.

Classes are found as subclasses of Textual's DOMNode defined in the reader's package, so this
module imports none of them: it sees those loaded (all of them, once the app is imported).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

PACKAGE = "phuong_reader.tui."


def bound_classes() -> list[type[DOMNode]]:
    """The reader's classes that declare BINDINGS of their own."""
    found: set[type[DOMNode]] = set()
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith(PACKAGE) and "BINDINGS" in cls.__dict__:
            found.add(cls)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def declared_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The Bindings a class declares itself (not those it inherits), one per key."""
    return list(Binding.make_bindings(cls.__dict__["BINDINGS"]))


def _applied(cls: type[DOMNode], keymap: Mapping[str, str]) -> BindingsMap:
    bindings = BindingsMap(declared_bindings(cls))
    if keymap:
        bindings.apply_keymap(keymap)
    return bindings


def live_keys(keymap: Mapping[str, str]) -> dict[str, list[str]]:
    """Binding id → the keys bound to it once ``keymap`` (id → "key,key") is applied."""
    keys: dict[str, list[str]] = {}
    for cls in bound_classes():
        for key, bindings in _applied(cls, keymap).key_to_bindings.items():
            for binding in bindings:
                if binding.id is not None and key not in keys.setdefault(binding.id, []):
                    keys[binding.id].append(key)
    return keys


def default_keys() -> dict[str, list[str]]:
    """Binding id → its keys as declared (no keymap)."""
    return live_keys({})


def taken_keys(keymap: Mapping[str, str]) -> list[tuple[str, str, list[str]]]:
    """(id, key, ids that have it now): each key that ``keymap`` gave to another action of the
    same class, which the action it was declared for (not moved itself) no longer has."""
    taken: list[tuple[str, str, list[str]]] = []
    for cls in bound_classes():
        applied = _applied(cls, keymap).key_to_bindings
        for binding in declared_bindings(cls):
            if binding.id is None or binding.id in keymap:
                continue
            now = [b.id for b in applied.get(binding.key, []) if b.id]
            if binding.id not in now:
                taken.append((binding.id, binding.key, now))
    return taken
