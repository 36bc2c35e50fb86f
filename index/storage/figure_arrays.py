"""The figures as columns of numbers, for comparing them fast (one set of files per shard).

The figures view groups every figure of the current results by what it counts, and picks each
unit's latest figure of a group: at 100,000 articles that is up to a million figures, too many
to read from SQLite as rows on every open. So each figure shard (``storage.figure_shards``)
also saves, per figure, the article (a code into ``<shard>-articles.json``), its offset, what it
counts and its ward (codes into ``<shard>-words.json``), its date (YYYYMMDD, 0 when undated)
and its value, as flat numpy files. A shard's files are written once and never changed; the
reader joins the shards' live figures into one set of columns.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

COLUMNS = {"article": np.int32, "start": np.int32, "counted": np.int32, "ward": np.int32,
           "date": np.int32, "value": np.float64}  # fmt: skip


@dataclass
class FigureColumns:
    """Every figure of a generation (or of a shard), one entry per figure in each array."""

    articles: list[str]  # article ids; ``article`` holds positions in it
    counted: list[str]  # what figures count; ``counted`` holds positions in it
    wards: list[str]  # ``ward`` holds positions in it (-1: no ward)
    columns: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.columns["value"])


SPILL_FIGURES = 1 << 16  # figures a ColumnsWriter keeps in memory before it appends them


class ColumnsWriter:
    """Collects a new shard's figures; ``write`` saves them. A build's million figures are
    appended to ``<shard>-<column>.part`` files in the generation as they come,
    SPILL_FIGURES at a time, instead of growing in the building process (30 MB at 100,000
    articles, there while the workers' memory peaks); ``write`` turns each into its column."""

    def __init__(self, generation: Path, shard: str) -> None:
        self._generation, self._shard = generation, shard
        self._ids: dict[str, int] = {}
        self._words: dict[str, int] = {}
        self._wards: dict[str, int] = {}
        self._new = _new_columns()

    def add(self, article: str, date: str, ward: str, figures: Iterable[Sequence[object]]) -> None:
        """One article's figures (``facts`` rows: start, …, value at 3, counted at 7)."""
        code = self._ids.setdefault(article, len(self._ids))
        ward_code = self._wards.setdefault(ward, len(self._wards)) if ward else -1
        day = int(date.replace("-", "")) if len(date) == 10 else 0
        new = self._new
        for figure in figures:
            new["article"].append(code)
            new["start"].append(int(figure[0]))  # type: ignore[call-overload]
            new["counted"].append(self._words.setdefault(str(figure[7]), len(self._words)))
            new["ward"].append(ward_code)
            new["date"].append(day)
            new["value"].append(float(figure[3]))  # type: ignore[arg-type]
        if len(new["value"]) >= SPILL_FIGURES:
            for name, values in new.items():
                with open(self._part(name), "ab") as part:
                    values.tofile(part)
            self._new = _new_columns()

    def write(self) -> None:
        """Save the shard's columns, one at a time (its part file and what is in memory)."""
        generation, shard = self._generation, self._shard
        for name, kind in COLUMNS.items():
            values = np.frombuffer(self._new[name], dtype=kind)
            part = self._part(name)
            if part.exists():
                values = np.concatenate((np.fromfile(part, dtype=kind), values))
                part.unlink()
            np.save(generation / f"{shard}-{name}.npy", values)
        _write_words(generation, shard, list(self._ids), list(self._words), list(self._wards))

    def _part(self, name: str) -> Path:
        return self._generation / f"{self._shard}-{name}.part"


def _new_columns() -> dict[str, array]:  # type: ignore[type-arg]
    return {name: array("d" if name == "value" else "i") for name in COLUMNS}


def write_columns(generation: Path, shard: str, columns: FigureColumns) -> None:
    """Save a shard's columns (new files: a shard is written once)."""
    for name, kind in COLUMNS.items():
        np.save(generation / f"{shard}-{name}.npy", columns.columns[name].astype(kind))
    _write_words(generation, shard, columns.articles, columns.counted, columns.wards)


def _write_words(
    generation: Path, shard: str, articles: list[str], counted: list[str], wards: list[str]
) -> None:
    words = {"counted": counted, "wards": wards}
    (generation / f"{shard}-words.json").write_text(json.dumps(words, ensure_ascii=False), "utf-8")
    ids = json.dumps(articles, ensure_ascii=False)
    (generation / f"{shard}-articles.json").write_text(ids, "utf-8")


def read_shard_columns(generation: Path, shard: str) -> FigureColumns:
    """One shard's columns, as saved."""
    articles = json.loads((generation / f"{shard}-articles.json").read_text("utf-8"))
    words = json.loads((generation / f"{shard}-words.json").read_text("utf-8"))
    columns = {name: np.load(generation / f"{shard}-{name}.npy") for name in COLUMNS}
    return FigureColumns(articles, words["counted"], words["wards"], columns)


def shard_column_files(shard: str) -> list[str]:
    """The names of a shard's column files."""
    return [f"{shard}-{name}.npy" for name in COLUMNS] + [
        f"{shard}-words.json",
        f"{shard}-articles.json",
    ]


def joined(parts: Sequence[tuple[FigureColumns, set[str] | frozenset[str]]]) -> FigureColumns:
    """One set of columns from ``parts``: each one's figures, less those of its dead articles.

    Written into arrays of the final size, a column at a time: copying each part's kept rows,
    recoding them and concatenating took +131 MB for 29 MB of columns at 100,000 articles
    (1.1 million figures in one large shard and a few small ones), in the reader's memory."""
    articles, counted, wards = _Vocab(), _Vocab(), _Vocab()
    kept = []
    for part, dead in parts:
        if len(part):
            alive = np.array([a not in dead for a in part.articles], dtype=bool)
            kept.append((part, alive[part.columns["article"]]))
    total = sum(int(keep.sum()) for _, keep in kept)
    columns = {name: np.empty(total, dtype=kind) for name, kind in COLUMNS.items()}
    at = 0
    for part, keep in kept:
        size = int(keep.sum())
        codes = {
            "article": articles.codes(part.articles),
            "counted": counted.codes(part.counted),
            "ward": wards.codes(part.wards),  # -1 indexes the appended -1
        }
        whole = size == len(keep)
        for name, out in columns.items():
            values = part.columns[name] if whole else part.columns[name][keep]
            out[at : at + size] = codes[name][values] if name in codes else values
        at += size
    return FigureColumns(articles.items, counted.items, wards.items, columns)


class _Vocab:
    def __init__(self) -> None:
        self.items: list[str] = []
        self._codes: dict[str, int] = {}

    def codes(self, words: list[str]) -> np.ndarray:
        """The new codes of ``words`` (in their old order), -1 stays -1 (appended last)."""
        out = [self._codes.setdefault(w, len(self._codes)) for w in words]
        self.items = list(self._codes)
        return np.array([*out, -1], dtype=np.int32)  # the code columns are int32
