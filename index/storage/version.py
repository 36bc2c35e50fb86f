"""The index version: changes whenever the code or data that decide what is indexed change.

A hand-kept number is forgotten when an extraction rule changes; a digest of the modules and data
files that shape the index is not. An index built by other code is rebuilt, with a message.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# Bump for changes outside the files below. 5: the package moved to ``phuong_reader.index``;
# Whoosh pickles each analyzer by its import path, so an index written before cannot be opened.
# 6: people and their roles saved in ``facts.sqlite`` (``storage.facts``) beside each generation.
# 7: a people summary and the figures with their values in ``facts.sqlite``; article ids saved
# whole beside each segment (``storage.hot``). 8: the people listing (spellings merged) and the
# figures as numpy columns (``storage.figure_arrays``). 9: each person's wards' first dates
# saved (``people.firsts``), so an update adds to a summary without reading all its rows.
# 10: the figures in shards an update adds to (``storage.figure_shards``), not in facts.sqlite.
# 11: the manifest in SQLite (``build.manifest``), not JSON.
SCHEMA_GENERATION = 11
# Everything that decides what is indexed: the plain data, the language, text and entity layers
# whole (code and data), and the build layer's reading and schema.
_SHAPING_FOLDERS = ("lang", "text", "entities")
_SHAPING_FILES = ("model.py", "build/corpus.py", "build/schema.py")


def _shaping_files() -> list[Traversable]:
    package = resources.files("phuong_reader.index")
    found: list[Traversable] = [package.joinpath(name) for name in _SHAPING_FILES]
    for folder in _SHAPING_FOLDERS:
        found += _walk(package.joinpath(folder))
    return found


def _walk(folder: Traversable) -> list[Traversable]:
    """Source and data files under ``folder``, in a stable order (never caches)."""
    out: list[Traversable] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            if entry.name != "__pycache__":
                out += _walk(entry)
        elif entry.name.endswith((".py", ".json")):
            out.append(entry)
    return out


def _digest() -> str:
    digest = hashlib.sha256()
    for entry in _shaping_files():
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:10]


INDEX_VERSION = f"{SCHEMA_GENERATION}-{_digest()}"
