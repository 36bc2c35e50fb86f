"""``phuong people`` and ``phuong figures``: roles with dates, a former ward name, a name filter
without accents, figures as JSON numbers and as CSV with a header, for scripts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

RunCli = Callable[..., tuple[int, str, str]]


def test_people_shows_roles_with_dates_and_the_other_spelling(
    run_cli: RunCli, compare_index: Path
) -> None:
    code, out, _ = run_cli("people", "--index-dir", str(compare_index))
    assert code == 0
    line = next(ln for ln in out.splitlines() if "Trần Văn Long" in ln)
    assert "Bí thư Đảng ủy phường Bến Thành, 2026-02-03" in line
    assert "also written Trần Long" in line and line.split()[0] == "2"


def test_people_by_a_former_ward_name_and_by_a_name_without_accents(
    run_cli: RunCli, compare_index: Path
) -> None:
    # Bến Nghé was merged into phường Sài Gòn on 1 July 2025.
    code, out, _ = run_cli(
        "people", "--ward", "ben nghe", "--json", "--index-dir", str(compare_index)
    )
    assert code == 0
    assert [p["name"] for p in json.loads(out)] == ["Lê Minh Tuấn"]
    code, out, _ = run_cli("people", "TUAN", "--json", "--index-dir", str(compare_index))
    people = json.loads(out)
    assert sorted(p["name"] for p in people) == ["Lê Minh Tuấn", "Lê Tuấn"]
    (le_tuan,) = [p for p in people if p["name"] == "Lê Tuấn"]
    assert le_tuan["history"] == [
        {
            "role": "Phó Chủ tịch UBND phường Bình Phú",
            "date": "2026-02-12",
            "article": "306_binhphu_tuan",
        }
    ]


def test_figures_json_has_numbers_as_numbers(run_cli: RunCli, compare_index: Path) -> None:
    code, out, _ = run_cli(
        "figures", "--about", "ho ngheo", "--json", "--index-dir", str(compare_index)
    )
    assert code == 0
    figures = json.loads(out)
    by_text = {f["text"]: f for f in figures}
    assert by_text["2.461 hộ nghèo"]["value"] == 2461
    assert isinstance(by_text["2.461 hộ nghèo"]["value"], int)
    assert by_text["0,4%"]["value"] == 0.4 and by_text["0,4%"]["counted"] == "%"
    assert by_text["5 hộ nghèo"]["qualifier"] == "gần"
    assert by_text["5 hộ nghèo"]["sentence"].startswith("Phường Sài Gòn cho biết")
    assert set(by_text) == {"12 hộ nghèo", "2.461 hộ nghèo", "5 hộ nghèo", "0,4%"}


def test_figures_csv_has_a_header_and_one_row_per_figure(
    run_cli: RunCli, compare_index: Path
) -> None:
    code, out, _ = run_cli("figures", "ngân sách", "--csv", "--index-dir", str(compare_index))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0].startswith("article,date,ward,text,value,")
    money = next(r for r in rows if r["counted"] == "đồng")
    assert float(money["value"]) == 24_661_000_000 and money["qualifier"] == "hơn"
    assert {r["article"] for r in rows} == {"302_tandinh_ngansach"}


def test_figures_as_text_are_grouped_by_what_they_count(
    run_cli: RunCli, compare_index: Path
) -> None:
    code, out, _ = run_cli("figures", "hộ", "nghèo", "--index-dir", str(compare_index))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("hộ nghèo  3 in 3 articles")
    assert "khoảng 2.461 hộ nghèo" in out
    code, out, err = run_cli("figures", "--json", "--csv", "--index-dir", str(compare_index))
    assert code == 2 and "choose one" in err and not out
