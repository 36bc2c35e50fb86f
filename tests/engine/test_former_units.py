"""Former units are first-class: a reader's old ward name resolves to today's unit(s), in the
resolver, in ward:, --ward and people --ward, and in free text (with the search saying so)."""

from __future__ import annotations

import pytest
from phuong_reader.index import QueryError, SearchEngine, resolve_unit, update_index

# Our own articles: one about Tăng Nhơn Phú (which Hiệp Phú became part of), one about Bình
# Phú (which phường 10 of quận 6 became part of), one that shares syllables only.
TEXTS = {
    "301_tangnhonphu": (
        " date 2026-01-13 Phường Tăng Nhơn Phú tổng kết năm đầu vận hành mô hình mới.\n\n"
        "Phường được thành lập trên cơ sở sáp nhập các phường Hiệp Phú, Tăng Nhơn Phú A và "
        "Tăng Nhơn Phú B.\n\nÔng Lê Văn Tâm, Chủ tịch UBND phường Tăng Nhơn Phú, báo cáo.\n\nHÀ MY"
    ),
    "302_binhphu": (
        " date 2026-02-02 Phường Bình Phú khánh thành nhà văn hóa khu phố.\n\n"
        "Phường Bình Phú được sắp xếp từ phường 10, phường 11 của quận 6.\n\nTHU AN"
    ),
    "303_syllables": (
        " date 2026-02-05 Xã Cần Giờ ra quân trồng rừng, người dân hiệp lực, phú quý nhờ nghề "
        "nuôi hàu.\n\nUBND xã Cần Giờ cho biết có 120 hộ tham gia.\n\nMINH AN"
    ),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    root = tmp_path_factory.mktemp("former")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / f"{name}.txt").write_text(text, "utf-8")
    update_index(corpus, root / "index")
    return SearchEngine(root / "index")


@pytest.mark.parametrize(
    ("typed", "today", "note_has"),
    [
        ("Hiệp Phú", ["Tăng Nhơn Phú"], "Hiệp Phú (Thành phố Thủ Đức) → now part of Tăng Nhơn Phú"),
        ("hiep phu", ["Tăng Nhơn Phú"], "now part of Tăng Nhơn Phú"),
        ("phường 10 quận 6", ["Bình Phú"], "Phường 10 (Quận 6) → now part of Bình Phú"),
        ("P.10 Q.6", ["Bình Phú"], "now part of Bình Phú"),
        ("Linh Trung Thủ Đức", ["Linh Xuân"], "now part of Linh Xuân"),
        ("xã Tân Thông Hội Củ Chi", ["Củ Chi"], "now part of Củ Chi"),
        ("thị trấn Cần Thạnh", ["Cần Giờ"], "Cần Thạnh (Huyện Cần Giờ)"),
        ("tan son hoa", ["Tân Sơn Hòa"], ""),  # today's name: nothing to say
    ],
)
def test_names_resolve_to_todays_units(typed: str, today: list[str], note_has: str) -> None:
    found = resolve_unit(typed)
    assert found is not None
    assert [u.name for u in found.units] == today
    assert note_has in found.note if note_has else found.note == ""


def test_a_former_name_shared_by_several_units_lists_each_with_its_district() -> None:
    found = resolve_unit("phường 10")
    assert found is not None and len(found.units) == 7
    assert "Phường 10 was 7 former units" in found.note
    assert "Quận 6 → Bình Phú" in found.note and "Quận 10 → Vườn Lài" in found.note
    assert resolve_unit("10") is None  # a bare number is not "phường 10"


def test_a_former_district_means_every_unit_made_from_it() -> None:
    found = resolve_unit("huyện Hóc Môn")
    assert found is not None
    assert {"Hóc Môn", "Bà Điểm", "Đông Thạnh", "Xuân Thới Sơn"} == {u.name for u in found.units}
    assert (
        resolve_unit("Thủ Đức") is not None and resolve_unit("Thủ Đức").units[0].name == "Thủ Đức"
    )


def test_ward_field_and_option_take_former_names_and_say_so(engine: SearchEngine) -> None:
    by_field = engine.search('ward:"Hiệp Phú"')
    assert [h.id for h in by_field.hits] == ["301_tangnhonphu"]
    assert by_field.notes == ("Hiệp Phú (Thành phố Thủ Đức) → now part of Tăng Nhơn Phú",)
    by_option = engine.search("", ward="phường 10 quận 6")
    assert [h.id for h in by_option.hits] == ["302_binhphu"]
    assert by_option.notes and "Bình Phú" in by_option.notes[0]
    with pytest.raises(QueryError, match="today or before 2025"):
        engine.search('ward:"Không Có"')


def test_people_by_a_former_ward(engine: SearchEngine) -> None:
    assert [p.name for p in engine.people(ward="hiep phu")] == ["Lê Văn Tâm"]


def test_free_text_naming_a_former_unit_ranks_todays_unit_first(engine: SearchEngine) -> None:
    hits = [h.id for h in engine.search("hiep phu").hits]
    assert hits[0] == "301_tangnhonphu"  # about the unit Hiệp Phú became part of
    assert "303_syllables" in hits[1:]  # shares the syllables only: ranked below


def test_an_address_is_searched_as_words_when_the_figure_reading_finds_nothing(
    engine: SearchEngine,
) -> None:
    # "10 quận" looks like a figure; no article counts "10 quận", one names phường 10 of quận 6.
    result = engine.search("phường 10 quận 6")
    assert [h.id for h in result.hits][:1] == ["302_binhphu"]
    # A figure that exists is still read as one: "120 hộ" does not match "hộ … 120".
    assert [h.id for h in engine.search("120 hộ").hits] == ["303_syllables"]
