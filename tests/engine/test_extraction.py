"""Extraction of people, organisations, figures and typed numbers, trap by trap."""

import pytest
from phuong_reader.index.entities.extraction import infer_date
from phuong_reader.index.entities.figures import find_numbers
from phuong_reader.index.entities.pipeline import parse_article, to_record


def record(text: str) -> dict:
    return to_record(parse_article(text, "t"))


def people(text: str) -> list[tuple[str, str]]:
    return [(p["name"], p["role"]) for p in record(text)["persons"]]


def test_ward_followed_directly_by_a_name_gives_both() -> None:
    found = record(
        "Bí thư Đảng ủy phường Bình Thạnh Lưu Quang Vinh phát biểu tại hội nghị.\n\nMAI ANH"
    )
    assert found["wards"] == ["Bình Thạnh"]
    assert [p["name"] for p in found["persons"]] == ["Lưu Quang Vinh"]
    assert found["persons"][0]["role"] == "Bí thư Đảng ủy phường Bình Thạnh"


def test_appositive_roles_are_joined() -> None:
    text = (
        "Dự hội nghị có đồng chí Kiều Thanh Tâm, Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban "
        "Dân vận Thành ủy TPHCM, cùng lãnh đạo phường.\n\nMAI ANH"
    )
    assert people(text) == [
        ("Kiều Thanh Tâm", "Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Dân vận Thành ủy TPHCM")
    ]


def test_honorific_without_role_and_repeated_mentions() -> None:
    text = (
        "Bà Phùng Thị Mai Hương kể lại hành trình khởi nghiệp. Sau đó, bà Phùng Thị Mai Hương "
        "tặng 20 suất quà.\n\nMAI ANH"
    )
    assert people(text) == [("Phùng Thị Mai Hương", "")]


def test_a_name_repeated_by_a_typo_is_one_person() -> None:
    assert [n for n, _ in people("Ông Tạ Minh Khang Tạ Minh Khang cho biết thêm.\n\nMAI")] == [
        "Tạ Minh Khang"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Người dân dạo phố ẩm thực Phan Xích Long mỗi tối.",
        "Dự án mở rộng đường Võ Văn Kiệt được khởi công.",
        "Học sinh trường Lê Quý Đôn tham gia ngày hội.",
        "Đoàn công tác từ Hà Nội và Lâm Đồng đến thăm.",
        "Khuôn viên Trường THCS Nguyễn Văn Tố được sửa chữa.",
    ],
)
def test_streets_schools_and_places_are_not_people(text: str) -> None:
    assert people(text + "\n\nMAI ANH") == []


def test_byline_and_photo_credit_are_not_people() -> None:
    text = "Ông Hà Văn Lực nhận quà\n\nQuang cảnh buổi lễ; Ảnh: PHAN ANH\n\nNGUYỄN THỊ LAN"
    found = record(text)
    assert [p["name"] for p in found["persons"]] == ["Hà Văn Lực"]
    assert found["author"] == "NGUYỄN THỊ LAN"


def test_organisations_keep_their_scope() -> None:
    text = (
        "Đảng ủy phường Tân Sơn Hòa phối hợp Ủy ban MTTQ Việt Nam phường Tân Sơn Hòa và Công an "
        "phường triển khai Nghị quyết của Bộ Chính trị; UBND, HĐND và MTTQ cùng tham gia.\n\nMAI ANH"
    )
    assert record(text)["orgs"] == [
        "Đảng ủy phường Tân Sơn Hòa",
        "Ủy ban MTTQ Việt Nam phường Tân Sơn Hòa",
        "Công an phường",
        "Bộ Chính trị",
        "UBND",
        "HĐND",
        "MTTQ",
    ]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(n.text, n.kind) for n in find_numbers(text)]


def test_figures_keep_their_unit_and_drop_the_approximator() -> None:
    found = record(
        "Phường có 2.461 đảng viên, thu 24,661 tỷ đồng, đạt 201,83%, hơn 1.000 tỷ đồng đầu tư, "
        "gần 500 suất quà, 98% hộ dân, 800m² đất, 2,8 km2 rừng, 32/33 nội dung, 10-12 đảng viên "
        "mỗi chi bộ.\n\nMAI ANH"
    )
    assert found["figures"] == [
        "2.461 đảng viên",
        "24,661 tỷ đồng",
        "201,83%",
        "1.000 tỷ đồng",
        "500 suất quà",
        "98%",
        "800m²",
        "2,8 km2",
        "32/33 nội dung",
        "10-12 đảng viên",
    ]


def test_numbers_that_are_not_figures_are_typed_apart() -> None:
    assert kinds("Ngày 15-1, Sáng 16.8 và ngày 3-2-1930") == [
        ("15-1", "date"),
        ("16.8", "date"),
        ("3-2-1930", "date"),
    ]
    assert kinds("năm 2025, nhiệm kỳ 2025-2030") == [("2025", "year"), ("2025-2030", "year")]
    assert kinds("trong 5 năm, 90 ngày") == [("5 năm", "duration"), ("90 ngày", "duration")]
    assert kinds("kỷ niệm 96 năm Ngày thành lập Đảng, Huy hiệu 80 năm tuổi Đảng") == [
        ("96 năm", "anniversary"),
        ("80 năm", "anniversary"),
    ]
    assert kinds("Đại hội lần thứ I, khu phố 12") == [("I", "ordinal"), ("12", "ordinal")]
    assert kinds("Nghị quyết 68-NQ/TW, Quyết định 1234/QĐ-UBND") == [
        ("68-NQ/TW", "code"),
        ("1234/QĐ-UBND", "code"),
    ]
    assert kinds("gọi 0903.111.222 hoặc 1900 1234") == [
        ("0903.111.222", "phone"),
        ("1900 1234", "phone"),
    ]


def test_figures_are_not_counted_from_other_kinds() -> None:
    found = record(
        "Ngày 15-1, năm 2025, khu phố 12 trao Huy hiệu 80 năm tuổi Đảng cho 3 đảng viên.\n\nMAI"
    )
    assert found["figures"] == ["3 đảng viên"]


def test_inferred_date_is_separate_from_the_date() -> None:
    found = record(
        "Sáng 30-1, phường Gia Định tổng kết năm 2025, triển khai nhiệm vụ năm 2026.\n\nMAI"
    )
    assert found["date"] is None
    assert found["date_inferred"] == "2026-01-30"
    marked = record(" date 2026-02-01 Sáng 30-1, phường Gia Định tổng kết năm 2025.\n\nMAI")
    assert (marked["date"], marked["date_inferred"]) == ("2026-02-01", None)
    assert infer_date(["Ngày 15-1, phường họp."], "Ngày 15-1, phường họp.") is None  # no year
    assert infer_date(["Phường họp từ ngày 1-7-2025."], "") is None  # not the lead's opening


def test_spans_are_offsets_into_the_text() -> None:
    text = "Bí thư Đảng ủy phường Phú Thạnh Võ Văn Tám trao 33 tập thể bằng khen ngày 15-1.\n\nMAI"
    found = record(text)
    for span in found["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert {s["kind"] for s in found["spans"]} >= {"ward", "org", "person", "figure", "date"}


def test_former_wards_in_merger_history() -> None:
    found = record(
        "Phường Tăng Nhơn Phú được thành lập trên cơ sở sáp nhập các phường Hiệp Phú, Tăng Nhơn "
        "Phú A và Tăng Nhơn Phú B; khu vực phường 10 cũ có 2 tuyến hẻm mới.\n\nMAI"
    )
    assert found["wards"] == ["Tăng Nhơn Phú"]
    assert found["former_wards"] == ["Hiệp Phú", "Tăng Nhơn Phú A", "Tăng Nhơn Phú B", "phường 10"]


def test_span_index_finds_overlaps_and_cover() -> None:
    from phuong_reader.index.entities.spans import SpanIndex

    spans = SpanIndex([(10, 20), (0, 100), (30, 35)])
    assert sorted(spans.near(18, 32)) == [(0, 100), (10, 20), (30, 35)]
    assert spans.covers(11, 19) and spans.covers(50, 60) and not spans.covers(90, 110)
    assert not SpanIndex([(10, 20)]).overlaps(20, 25)
    spans.add(200, 400)
    assert spans.overlaps(390, 391) and not spans.overlaps(150, 200)
