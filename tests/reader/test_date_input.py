"""The dates as the dialog reads them (tui.dates), and the date filter and order kept in the
remembered state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from phuong_reader.tui.dates import (
    DateInputError,
    dates_label,
    first_day,
    last_day,
    one_month,
    read_date,
    read_dates,
)
from phuong_reader.tui.screens.filters_pane import next_sort
from phuong_reader.tui.search_key import order_of
from phuong_reader.tui.state import STATE_FILE, Position, ReaderState
from phuong_reader.tui.widgets.chips import Chip, ordered


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2026", "2026"),
        ("2026-01", "2026-01"),
        ("2026-1", "2026-01"),
        ("2026/01/15", "2026-01-15"),
        ("2026-01-15", "2026-01-15"),
        ("15/1/2026", "2026-01-15"),
        ("15-01-2026", "2026-01-15"),
        ("15.1.2026", "2026-01-15"),
        ("1-2026", "2026-01"),
        ("1/2026", "2026-01"),
        ("12/2025", "2025-12"),
        ("  tháng 1/2026 ", "2026-01"),
        ("ngày 29/2/2024", "2024-02-29"),
        ("năm 2025", "2025"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_read_date_takes_the_forms_people_write(typed: str, read: str) -> None:
    assert read_date(typed) == read


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-13", "2026-13: the month must be 1–12"),
        ("0/2026", "0/2026: the month must be 1–12"),
        ("29/2/2026", "29/2/2026: 2/2026 has days 1–28"),
        ("32/1/2026", "32/1/2026: 1/2026 has days 1–31"),
        ("15/1/26", "«15/1/26» is not a date: e.g. 2026-01 or 15/1/2026"),
        ("tomorrow", "«tomorrow» is not a date: e.g. 2026-01 or 15/1/2026"),
        ("0999", "0999: the year must be 1900–2100"),
        ("x" * 40, "«" + "x" * 23 + "…» is not a date: e.g. 2026-01 or 15/1/2026"),
    ],
)
def test_a_date_that_does_not_read_says_why(typed: str, message: str) -> None:
    with pytest.raises(DateInputError) as raised:
        read_date(typed)
    assert str(raised.value) == message


def test_a_filter_may_be_open_at_either_end_but_not_backwards() -> None:
    assert read_dates("1/2026", "") == ("2026-01", "")
    assert read_dates("", "2026") == ("", "2026")
    assert read_dates("2026-01-31", "1/2026") == ("2026-01-31", "2026-01")  # the same month
    with pytest.raises(DateInputError, match="run backwards: 2026-02 is after 2026-01-31"):
        read_dates("2/2026", "31/1/2026")


def test_the_days_a_filter_covers_and_its_words() -> None:
    assert (first_day("2024"), last_day("2024")) == ("2024-01-01", "2024-12-31")
    assert (first_day("2024-02"), last_day("2024-02")) == ("2024-02-01", "2024-02-29")
    assert (first_day("2024-02-10"), last_day("2024-02-10")) == ("2024-02-10",) * 2
    assert one_month("2026-01", "2026-01") == "2026-01"
    assert one_month("2026", "2026") is None and one_month("2026-01", "2026-02") is None
    assert dates_label("2026-01", "2026-01") == "2026-01"
    assert dates_label("2026-01", "2026-03") == "2026-01 → 2026-03"
    assert dates_label("2026-01", "") == "from 2026-01"
    assert dates_label("", "2026-01-15") == "until 2026-01-15"
    assert dates_label("", "") == ""


def test_the_order_cycle_skips_what_looks_the_same_without_a_query() -> None:
    assert [next_sort(s, "hòa") for s in ("relevance", "date", "oldest")] == [
        "date",
        "oldest",
        "relevance",
    ]
    assert next_sort("relevance", "") == "oldest"  # relevance is newest first there
    assert next_sort("oldest", "") == "relevance"
    assert next_sort("date", "") == "oldest"
    assert order_of("relevance", "") == "newest first"
    assert order_of("relevance", "hòa") == "by relevance"


def test_chips_keep_the_order_their_filters_were_set_in() -> None:
    ward, dates, sort = Chip("ward", "ward: A"), Chip("dates", "dates: 2026"), Chip("sort", "s")
    assert ordered([ward, dates], [dates]) == (dates, ward)
    later = Chip("dates", "dates: 2025")
    assert ordered([ward, later, sort], [dates, ward]) == (later, ward, sort)
    assert ordered([], [ward]) == ()


def test_the_state_keeps_dates_and_order_and_drops_what_does_not_read(tmp_path: Path) -> None:
    state = ReaderState(query="hòa", sort="oldest", since="2026-01", until="", corpus="/i")
    state.save(tmp_path)
    again = ReaderState.load(tmp_path, corpus="/i")
    assert again.position == Position(None, "hòa", None, "oldest", "2026-01", "")
    raw = json.loads((tmp_path / STATE_FILE).read_text("utf-8"))
    raw["corpora"]["/i"].update(since="2026-13", until=5, sort="sideways")
    (tmp_path / STATE_FILE).write_text(json.dumps(raw), "utf-8")
    damaged = ReaderState.load(tmp_path, corpus="/i")
    assert (damaged.since, damaged.until, damaged.sort) == ("", "", "relevance")
    assert damaged.query == "hòa"  # the rest of the position stays
