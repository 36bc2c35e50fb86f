"""People across the corpus: each with the roles the articles give them, dated, latest first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from phuong_reader.index import SearchEngine
from phuong_reader.tui.cli import main


def test_roles_are_dated_by_their_articles_latest_first(
    career: Path, career_texts: dict[str, str]
) -> None:
    (person,) = [p for p in SearchEngine(career).people() if p.name == "Hồ Đăng Khoa"]
    assert [(r.role, r.date, r.article) for r in person.history] == [
        ("Chủ tịch UBND phường Bình Phú", "2026-01-20", "202_new"),
        ("Phó Chủ tịch UBND phường Bình Phú", "2025-03-10", "201_old"),
    ]
    assert person.roles == ["Chủ tịch UBND phường Bình Phú", "Phó Chủ tịch UBND phường Bình Phú"]
    assert person.latest is not None and person.latest.article == "202_new"
    assert sorted(person.articles) == sorted(career_texts)


def test_role_history_reads_the_articles_naming_the_people_asked_for(career: Path) -> None:
    history = SearchEngine(career).role_history(["Hồ Đăng Khoa", "Ai Không Có"])
    assert [(r.role, r.article) for r in history["Hồ Đăng Khoa"]] == [
        ("Chủ tịch UBND phường Bình Phú", "202_new"),
        ("Phó Chủ tịch UBND phường Bình Phú", "201_old"),
    ]
    assert history["Ai Không Có"] == []
    assert SearchEngine(career).role_history([]) == {}


def test_the_people_command_shows_the_latest_role_with_its_date_and_the_earlier_ones(
    career: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["people", "--index-dir", str(career)]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "Hồ Đăng Khoa" in ln)
    assert "Chủ tịch UBND phường Bình Phú, 2026-01-20" in line
    assert "earlier: Phó Chủ tịch UBND phường Bình Phú" in line
    assert main(["people", "--index-dir", str(career), "--json"]) == 0
    (entry,) = [p for p in json.loads(capsys.readouterr().out) if p["name"] == "Hồ Đăng Khoa"]
    assert entry["history"][0] == {
        "role": "Chủ tịch UBND phường Bình Phú",
        "date": "2026-01-20",
        "article": "202_new",
    }


def test_extract_json_gives_each_person_the_dated_role_of_the_article(
    tmp_path: Path, career_texts: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "202_new.txt"
    path.write_text(career_texts["202_new"], "utf-8")
    assert main(["extract", str(path), "--json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    (person,) = record["persons"]
    assert person["roles"] == [
        {"role": "Chủ tịch UBND phường Bình Phú", "date": "2026-01-20", "article": "202_new"}
    ]
    assert record["title_source"] == "derived"
