"""A build's figure columns appended to part files as they come (``figure_arrays``): the same
columns as kept in memory, and no part file left in the published generation."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index import update_index
from phuong_reader.index.storage import figure_arrays
from phuong_reader.index.storage.figure_shards import read_columns
from phuong_reader.index.storage.store import live_generation


def columns_of(index_dir: Path) -> tuple[list[str], list[str], list[str], dict[str, list]]:
    columns = read_columns(live_generation(index_dir))
    assert columns is not None
    arrays = {name: values.tolist() for name, values in columns.columns.items()}
    return columns.articles, columns.counted, columns.wards, arrays


def test_spilled_figure_columns_are_the_ones_kept_in_memory(
    tmp_path: Path, write_corpus, many_articles, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", many_articles(0, 40))
    update_index(corpus, tmp_path / "memory")  # fewer figures than SPILL_FIGURES
    kept = columns_of(tmp_path / "memory")
    figures = len(kept[3]["value"])
    assert figures > 40 and len(kept[0]) > 20
    assert figures < figure_arrays.SPILL_FIGURES
    monkeypatch.setattr(figure_arrays, "SPILL_FIGURES", 7)
    appended: list[int] = []
    real_add = figure_arrays.ColumnsWriter.add

    def counting(self: figure_arrays.ColumnsWriter, *args: object) -> None:
        real_add(self, *args)  # type: ignore[arg-type]
        appended.append(sum(p.stat().st_size for p in self._generation.glob("*.part")))

    monkeypatch.setattr(figure_arrays.ColumnsWriter, "add", counting)
    update_index(corpus, tmp_path / "spilled")
    assert max(appended) > 0  # the figures went to part files on the way
    assert columns_of(tmp_path / "spilled") == kept
    assert not list(live_generation(tmp_path / "spilled").glob("*.part"))
