"""The people rows an update saves by adding its articles' rows to the saved summaries are the
rows computed again from every role row, with the awkward rows: undated articles, no role, no
ward, one article giving a person two roles, an article older than the ones before it."""

from __future__ import annotations

import random
import shutil
import sqlite3
from contextlib import closing
from itertools import groupby
from pathlib import Path

import pytest
from phuong_reader.index.storage import facts, persons
from phuong_reader.index.storage.facts import FACTS_FILE, FactsWriter
from phuong_reader.index.storage.persons import ends_key, person_state

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoà", "Phạm Minh Châu", "Võ Thị Đào"]
ROLES = ["", "Chủ tịch UBND phường", "Bí thư Đảng ủy", "Phó chủ tịch", "chiến sĩ"]
WARDS = ["", "Bến Thành", "Sài Gòn", "Tân Định", "Côn Đảo"]
DATES = ["", "2025-07-01", "2025-07-01", "2026-01-15", "2024-12-31", "2023-03-09"]


def _add_articles(writer: FactsWriter, rng: random.Random, numbers: list[int]) -> None:
    for number in numbers:
        named = [(rng.choice(NAMES), rng.choice(ROLES) or None) for _ in range(rng.randint(1, 4))]
        ward = rng.choice(WARDS)
        writer.add(f"{number:04d}", rng.choice(DATES), ward, ward.lower(), named)


def _people(generation: Path) -> tuple[list[tuple], list[tuple]]:
    """(the saved people rows, the rows computed from every role row)."""
    db = sqlite3.connect(generation / FACTS_FILE)
    saved = sorted(db.execute("SELECT * FROM people"))
    rows = db.execute("SELECT name, role, date, article, ward FROM roles ORDER BY name").fetchall()
    expected = []
    for name, group in groupby(rows, key=lambda row: row[0]):
        row, firsts = person_state(list(group))
        expected.append((*row, ends_key(name), firsts))
    db.close()
    return saved, sorted(expected)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_updates_merge_into_the_summaries_what_a_full_computation_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    monkeypatch.setattr(facts, "_REBUILD_PEOPLE_FROM", 1)  # the build: every name computed
    writer = FactsWriter(tmp_path)
    _add_articles(writer, rng, list(range(200)))
    writer.commit()
    saved, expected = _people(tmp_path)
    assert saved == expected and len(saved) == len(NAMES)

    monkeypatch.setattr(facts, "_REBUILD_PEOPLE_FROM", 5_000)  # updates: merged, or taken out

    def whole(rows):  # type: ignore[no-untyped-def]
        raise AssertionError("an update computed a summary again from all of a name's rows")

    monkeypatch.setattr(facts, "person_state", whole)
    for round_ in range(8):
        before = saved
        writer = FactsWriter(tmp_path)
        if round_ % 2:  # some articles removed, some replaced
            gone = rng.sample(range(200 + 10 * round_), 15)
            writer.remove([f"{n:04d}" for n in gone])
            _add_articles(writer, rng, gone[:5])
        _add_articles(writer, rng, list(range(200 + 10 * round_, 210 + 10 * round_)))
        writer.commit()
        saved, expected = _people(tmp_path)
        assert saved == expected and saved != before


def test_removing_every_article_of_a_name_drops_its_summary(tmp_path: Path) -> None:
    writer = FactsWriter(tmp_path)
    writer.add("a1", "2025-07-01", "Bến Thành", "ben thanh", [(NAMES[0], ROLES[1])])
    writer.add("a2", "2025-08-01", "Sài Gòn", "sai gon", [(NAMES[0], ROLES[2]), (NAMES[1], None)])
    writer.commit()
    writer = FactsWriter(tmp_path)
    writer.remove(["a2"])
    writer.commit()
    saved, expected = _people(tmp_path)
    assert saved == expected and [row[0] for row in saved] == [NAMES[0]]
    assert ROLES[2] not in saved[0][2] and "Sài Gòn" not in saved[0][3]  # role, ward: a2 gave them


def _listing(generation: Path) -> list[tuple]:
    with closing(sqlite3.connect(generation / FACTS_FILE)) as db:
        return sorted(db.execute("SELECT * FROM listing"))


@pytest.mark.parametrize("seed", [4, 5])
def test_updates_keep_the_people_list_a_full_computation_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """An update lists again the groups of names it touched, with the sort strings those rows
    saved: the list is the one computed whole from the same rows (spellings merged)."""
    rng = random.Random(seed)
    live, whole = tmp_path / "live", tmp_path / "whole"
    live.mkdir()
    writer = FactsWriter(live)
    _add_articles(writer, rng, list(range(100)))
    writer.commit()
    computed = 0
    real_sort_string = persons.sort_string

    def counted(name: str) -> str:
        nonlocal computed
        computed += 1
        return real_sort_string(name)

    monkeypatch.setattr(facts, "sort_string", counted, raising=False)
    monkeypatch.setattr(persons, "sort_string", counted)
    for round_ in range(6):
        writer = FactsWriter(live)
        if round_ % 2:
            gone = rng.sample(range(100 + 10 * round_), 8)
            writer.remove([f"{n:04d}" for n in gone])
        _add_articles(writer, rng, list(range(100 + 10 * round_, 110 + 10 * round_)))
        writer.commit()
    assert computed == 0  # every name listed again had its sort string saved
    shutil.rmtree(whole, ignore_errors=True)
    shutil.copytree(live, whole)
    monkeypatch.setattr(facts, "_REBUILD_PEOPLE_FROM", 0)  # the whole list, computed again
    FactsWriter(whole).commit()
    assert _listing(live) == _listing(whole) and len(_listing(live)) >= 3
