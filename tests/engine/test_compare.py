"""Comparing across the results: ward and month counts of a query, the figures it finds with
their values, and people written two ways taken for one only when a role and a ward agree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from phuong_reader.index import SearchEngine, by_unit, groups, update_index
from phuong_reader.index.storage.facts import FACTS_FILE
from phuong_reader.index.storage.store import live_generation

CountWork = Callable[[], AbstractContextManager[Counter[str]]]


def test_ward_counts_follow_the_query_and_its_dates(compare_engine: SearchEngine) -> None:
    poor = compare_engine.facets("hộ nghèo")
    assert poor.wards == {"Tân Định": 1, "Bến Thành": 1, "Sài Gòn": 1}
    everything = compare_engine.facets("")
    assert everything.wards == {"Tân Định": 2, "Bến Thành": 2, "Sài Gòn": 1, "Bình Phú": 1}
    assert sum(everything.wards.values()) == compare_engine.doc_count()
    since_2026 = compare_engine.facets("ho ngheo", since="2026-01")  # accents optional
    assert since_2026.wards == {"Bến Thành": 1, "Sài Gòn": 1}


def test_months_count_the_results_in_the_chosen_ward_at_every_date(
    compare_engine: SearchEngine,
) -> None:
    assert compare_engine.facets("").months == {"2025-11": 1, "2026-01": 2, "2026-02": 3}
    in_ward = compare_engine.facets("", ward="ben thanh", since="2026-02")
    assert in_ward.months == {"2026-01": 1, "2026-02": 1}  # the date filter does not cut it
    assert in_ward.wards == {"Bến Thành": 1, "Sài Gòn": 1, "Bình Phú": 1}


def test_figures_are_read_as_vietnamese_numbers_with_what_they_count(
    compare_engine: SearchEngine, count_work: CountWork
) -> None:
    compare_engine.doc_count()
    with count_work() as work:
        facts = compare_engine.figures("")
    assert work["unpickled"] == 0, work  # from the saved facts, not the stored articles
    by_text = {f.text: f for f in facts}
    assert by_text["2.461 hộ nghèo"].value == 2461
    assert by_text["2.461 hộ nghèo"].qualifier == "khoảng"
    money = by_text["24,661 tỷ đồng"]
    assert (money.value, money.counted, money.qualifier) == (24_661_000_000, "đồng", "hơn")
    assert money.context.endswith("thu ngân sách trên địa bàn phường tân định đạt")
    assert (by_text["10-12 đảng viên mới"].value, by_text["10-12 đảng viên mới"].high) == (10, 12)
    assert by_text["10,5%"].value == 10.5 and by_text["10,5%"].counted == "%"


def test_groups_and_the_table_by_unit_take_each_wards_latest_figure(
    compare_engine: SearchEngine,
) -> None:
    facts = compare_engine.figures("hộ nghèo")
    assert groups(facts)[0] == ("hộ nghèo", 3, 3)
    table = by_unit(facts, "hộ nghèo")
    assert [(f.ward, f.value) for f in table] == [
        ("Bến Thành", 2461),
        ("Tân Định", 12),
        ("Sài Gòn", 5),
    ]
    about = compare_engine.figures("", about="ho ngheo")
    # Not "40 hộ cận nghèo" (whose context names "hộ nghèo"); but a rate of them, yes.
    assert {f.text for f in about} == {"12 hộ nghèo", "2.461 hộ nghèo", "5 hộ nghèo", "0,4%"}
    in_ward = compare_engine.figures("", ward="Tân Định")
    assert {f.article for f in in_ward} == {"301_tandinh_ngheo", "302_tandinh_ngansach"}


def test_the_figures_view_reads_the_saved_columns_and_agrees_with_the_rows(
    compare_engine: SearchEngine, count_work: CountWork
) -> None:
    compare_engine.doc_count()
    for query in ("", "hộ nghèo", "ben thanh", "khong co gi"):
        facts = compare_engine.figures(query)
        with count_work() as work:
            found = compare_engine.figure_groups(query)
        assert work["unpickled"] == 0, work
        assert found == groups(facts)
        for counted, _, _ in found:
            assert compare_engine.unit_table(counted, query) == by_unit(facts, counted)
    assert compare_engine.unit_table("không đếm gì") == []


def test_a_figure_comes_with_its_sentence_when_asked(compare_engine: SearchEngine) -> None:
    (fact,) = [f for f in compare_engine.figures("sai gon", sentences=True) if f.value == 5]
    assert fact.sentence.startswith("Phường Sài Gòn cho biết chỉ còn gần 5 hộ nghèo")
    text = compare_engine.article(fact.article).text
    assert text[fact.start : fact.end] == "5 hộ nghèo"


def test_people_written_two_ways_are_one_where_role_and_ward_agree(
    compare_engine: SearchEngine,
) -> None:
    people = {p.name: p for p in compare_engine.people()}
    hoa = people["Nguyễn Thị Hòa"]  # the new tone placement is the name kept
    assert hoa.aliases == ["Nguyễn Thị Hoà"]
    assert hoa.articles == ["301_tandinh_ngheo", "302_tandinh_ngansach"]
    long = people["Trần Văn Long"]  # the fuller name is kept
    assert long.aliases == ["Trần Long"] and len(long.articles) == 2
    assert "Trần Long" not in people and "Nguyễn Thị Hoà" not in people
    # Same family and given name, but another ward and another office: two people.
    assert people["Lê Minh Tuấn"].aliases == [] and people["Lê Tuấn"].aliases == []


def test_the_people_summary_is_kept_in_step_by_an_update(tmp_path: Path) -> None:
    from fixtures.compare import COMPARE_TEXTS, build_compare

    index_dir = build_compare(tmp_path)
    before = live_generation(index_dir)
    corpus = tmp_path / "corpus"
    (corpus / "304_benthanh_dangvien.txt").unlink()
    update_index(corpus, index_dir)
    people = {p.name: p for p in SearchEngine(index_dir).people()}
    assert people["Trần Văn Long"].aliases == [] and "Trần Long" not in people
    assert (before / FACTS_FILE).exists()  # the old generation's facts are left as they were
    fresh = build_compare(
        tmp_path / "fresh", {k: v for k, v in COMPARE_TEXTS.items() if k != "304_benthanh_dangvien"}
    )
    assert SearchEngine(fresh).people() == SearchEngine(index_dir).people()
    assert SearchEngine(fresh).figures("") == SearchEngine(index_dir).figures("")
    # The saved columns were updated (the removed article's figure is gone) as the rows were.
    updated = SearchEngine(index_dir)
    assert updated.figure_groups("") == SearchEngine(fresh).figure_groups("")
    assert "đảng viên mới" not in [g[0] for g in updated.figure_groups("")]
    assert updated.unit_table("hộ nghèo") == SearchEngine(fresh).unit_table("hộ nghèo")


def test_the_unfiltered_figures_view_is_kept_per_generation_and_follows_an_update(
    tmp_path: Path,
) -> None:
    """prepare_views keeps the every-article groups and first table; an update that adds a
    figure makes a generation whose groups count it (the kept ones are the old generation's)."""
    from tests.fixtures.compare import COMPARE_TEXTS, build_compare

    index_dir = build_compare(tmp_path)
    engine = SearchEngine(index_dir)
    engine.prepare_views()
    kept = engine.figure_groups()
    assert kept == SearchEngine(index_dir).figure_groups()  # the same as computed afresh
    assert engine.figure_groups() is kept  # kept, not computed again
    assert engine.figure_groups("ngheo") != kept  # a query is not the unfiltered view
    first = kept[0][0]
    assert engine.unit_table(first) == SearchEngine(index_dir).unit_table(first)
    before = dict((c, n) for c, n, _ in kept)
    corpus = tmp_path / "corpus"
    extra = next(iter(COMPARE_TEXTS.values())) + "\n\nPhường có thêm 7 hộ nghèo mới."
    (corpus / "999_more.txt").write_text(extra, "utf-8")
    update_index(corpus, index_dir)
    after = dict((c, n) for c, n, _ in engine.figure_groups())
    assert after["hộ nghèo"] > before["hộ nghèo"]
