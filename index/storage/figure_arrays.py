"""The figures as columns of numbers beside each generation, for comparing them fast.

The figures view groups every figure of the current results by what it counts, and picks each
unit's latest figure of a group: at 100,000 articles that is up to a million figures, too many
to read from SQLite as rows on every open. So the facts writer also saves, per figure, the
article (a code into ``figures-articles.json``), its offset, what it counts and its ward (codes
into ``figures-words.json``), its date (YYYYMMDD, 0 when undated) and its value, as flat numpy
files. An update loads the previous generation's columns, drops the articles it removes or
replaces and appends the new figures; the files are written under new names and renamed, so
the previous generation (which shares them by hard link) keeps its own.
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

ARTICLES_FILE = "figures-articles.json"
WORDS_FILE = "figures-words.json"
COLUMNS = {"article": np.int32, "start": np.int32, "counted": np.int32, "ward": np.int32,
           "date": np.int32, "value": np.float64}  # fmt: skip


@dataclass
class FigureColumns:
    """Every figure of a generation, one entry per figure in each array."""

    articles: list[str]  # article ids; ``article`` holds positions in it
    counted: list[str]  # what figures count; ``counted`` holds positions in it
    wards: list[str]  # ``ward`` holds positions in it (-1: no ward)
    columns: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.columns["value"])


class ColumnsWriter:
    """Collects the figures an update adds; ``write`` merges them with the previous ones."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._words: dict[str, int] = {}
        self._wards: dict[str, int] = {}
        self._new = {name: array("d" if name == "value" else "i") for name in COLUMNS}
        self.removed: set[str] = set()

    def add(self, article: str, date: str, ward: str, figures: Iterable[tuple]) -> None:
        """One article's figures (``facts`` rows: start, …, value at 3, counted at 7)."""
        code = self._ids.setdefault(article, len(self._ids))
        ward_code = self._wards.setdefault(ward, len(self._wards)) if ward else -1
        day = int(date.replace("-", "")) if len(date) == 10 else 0
        for figure in figures:
            new = self._new
            new["article"].append(code)
            new["start"].append(int(figure[0]))
            new["counted"].append(self._words.setdefault(str(figure[7]), len(self._words)))
            new["ward"].append(ward_code)
            new["date"].append(day)
            new["value"].append(float(figure[3]))

    def write(self, generation: Path) -> None:
        """Save the previous figures (less the removed articles) and the new ones."""
        old = read_columns(generation)
        gone = self.removed | set(self._ids)  # replaced articles come again in the new ones
        parts = []
        articles, counted, wards = _Vocab(), _Vocab(), _Vocab()
        if old is not None and len(old):
            replaced = np.array([a in gone for a in old.articles], dtype=bool)
            parts.append(_recoded(old, ~replaced[old.columns["article"]], articles, counted, wards))
        new = {name: np.frombuffer(values, dtype=np.float64 if name == "value" else np.int32)
               for name, values in self._new.items()}  # fmt: skip
        mine = FigureColumns(list(self._ids), list(self._words), list(self._wards), new)
        parts.append(_recoded(mine, np.ones(len(mine), bool), articles, counted, wards))
        columns = {name: np.concatenate([p[name] for p in parts]).astype(kind)
                   for name, kind in COLUMNS.items()}  # fmt: skip
        for name, values in columns.items():
            _replace(generation / f"figures-{name}.npy", lambda out, v=values: np.save(out, v))
        words = json.dumps({"counted": counted.items, "wards": wards.items}, ensure_ascii=False)
        _replace(generation / WORDS_FILE, lambda out: out.write(words.encode()))
        # The articles list last: its presence says the columns are complete.
        ids = json.dumps(articles.items, ensure_ascii=False)
        _replace(generation / ARTICLES_FILE, lambda out: out.write(ids.encode()))


class _Vocab:
    def __init__(self) -> None:
        self.items: list[str] = []
        self._codes: dict[str, int] = {}

    def codes(self, words: list[str]) -> np.ndarray:
        """The new codes of ``words`` (in their old order), -1 stays -1 (appended last)."""
        out = [self._codes.setdefault(w, len(self._codes)) for w in words]
        self.items = list(self._codes)
        return np.array([*out, -1], dtype=np.int64)


def _recoded(
    part: FigureColumns, keep: np.ndarray, articles: _Vocab, counted: _Vocab, wards: _Vocab
) -> dict[str, np.ndarray]:
    """``part``'s kept figures with codes into the merged vocabularies."""
    cols = {name: values[keep] for name, values in part.columns.items()}
    cols["article"] = articles.codes(part.articles)[cols["article"]]
    cols["counted"] = counted.codes(part.counted)[cols["counted"]]
    cols["ward"] = wards.codes(part.wards)[cols["ward"]]  # -1 indexes the appended -1
    return cols


def _replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write ``path`` under a new name, then rename it over the old one (a hard link to the
    previous generation's file is replaced, never written through)."""
    temporary = path.with_name(path.name + ".new")
    with open(temporary, "wb") as out:
        write(out)
    os.replace(temporary, path)


def read_columns(generation: Path) -> FigureColumns | None:
    """The generation's figure columns, or None when it has none (an older index)."""
    if not (generation / ARTICLES_FILE).exists():
        return None
    articles = json.loads((generation / ARTICLES_FILE).read_text("utf-8"))
    words = json.loads((generation / WORDS_FILE).read_text("utf-8"))
    columns = {name: np.load(generation / f"figures-{name}.npy") for name in COLUMNS}
    return FigureColumns(articles, words["counted"], words["wards"], columns)
