"""Docs a user can find: a short README that links every docs page, and docs that name every
subcommand of the command line and every key the reader binds (read from the live code)."""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import phuong_reader.tui
from phuong_reader.tui.cli.main import build_parser
from phuong_reader.tui.keys import binding_ids
from textual.binding import Binding
from textual.keys import _character_to_key

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
README_LIMIT = 120
PRINTABLE = {_character_to_key(chr(i)): chr(i) for i in range(33, 127)}


def _subcommands() -> list[str]:
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(subparsers.choices)


def _bound_keys() -> dict[str, set[str]]:
    """Every key in a BINDINGS list of the reader's classes, as the docs write it → classes."""
    keys: dict[str, set[str]] = {}
    for info in pkgutil.walk_packages(phuong_reader.tui.__path__, "phuong_reader.tui."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                binding = binding if isinstance(binding, Binding) else Binding(*binding)
                for key in binding.key.split(","):
                    written = PRINTABLE.get(key.strip(), key.strip())
                    keys.setdefault(written, set()).add(name)
    return keys


def test_the_readme_is_short_and_links_every_docs_page() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert len(readme.splitlines()) <= README_LIMIT
    linked = set(re.findall(r"\]\(((?:docs/)?[\w./-]+\.(?:md|svg))", readme))
    pages = {f"docs/{p.name}" for p in DOCS.glob("*.md")} | {"CONTRIBUTING.md", "CHANGELOG.md"}
    assert pages - linked == set()
    assert any(link.endswith(".svg") for link in linked), "the README shows the reader"
    for link in linked:
        assert (ROOT / link).is_file(), link


def test_every_subcommand_is_documented() -> None:
    usage = (DOCS / "usage.md").read_text("utf-8")
    commands = _subcommands()
    assert {"index", "search", "wards", "show"} <= set(commands)
    missing = [c for c in commands if not re.search(rf"`phuong {c}\b", usage)]
    assert missing == []


def test_every_option_of_every_subcommand_is_documented() -> None:
    usage = (DOCS / "usage.md").read_text("utf-8")
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    missing = [
        f"{name} {option}"
        for name, command in subparsers.choices.items()
        for option in command._option_string_actions
        if option.startswith("--") and option != "--help" and f"`{option}" not in usage
    ]
    assert missing == []


def test_every_bound_key_is_documented() -> None:
    keys_doc = (DOCS / "keys.md").read_text("utf-8")
    written = set(re.findall(r"`([^`]+)`", keys_doc))
    bound = _bound_keys()
    assert len(bound) > 20, bound  # the walk found the reader's bindings
    missing = {key: sorted(owners) for key, owners in bound.items() if key not in written}
    assert missing == {}


def test_every_binding_id_is_documented() -> None:
    """keys.md gives each key's id, and settings.md tells how to move it."""
    keys_doc = (DOCS / "keys.md").read_text("utf-8")
    written = set(re.findall(r"`([^`]+)`", keys_doc))
    assert [i for i in binding_ids() if i not in written] == []
    settings = (DOCS / "settings.md").read_text("utf-8")
    assert "[keys]" in settings and "PHUONG_CONFIG" in settings
