"""Extraction patterns met beyond the year-end-conference genre, one or more sentences each
(our own sentences, in the style of the wide gold set): figures as noun phrases, numbers that
are not figures, roles that stop where the office ends, streets that are not people, units
named without their type word, city-wide stories, and the page around the text."""

from __future__ import annotations

import pytest
from phuong_reader.index import parse_article, to_record
from phuong_reader.index.entities.figures import find_numbers


def figures(text: str) -> list[str]:
    return [n.text for n in find_numbers(text) if n.kind == "figure"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Vụ cháy làm 5 nạn nhân bị thương.", ["5 nạn nhân"]),
        (
            "Quận có 21 trung tâm y tế, 4 xe chữa cháy đã đến.",
            ["21 trung tâm y tế", "4 xe chữa cháy"],
        ),
        (
            "Thành phố có 8 công viên ven sông và 120 hộ nghèo.",
            ["8 công viên ven sông", "120 hộ nghèo"],
        ),
        ("Căn nhà rộng 150 mét vuông bị thiêu rụi.", ["150 mét vuông"]),
        ("Công an thu 12,5g ma túy và 250gram cần sa.", ["12,5g", "250gram"]),
        ("Nền đất lún 3 cm/năm, thu nhập tăng 10,5%/năm.", ["3 cm/năm", "10,5%/năm"]),
        (
            "Phường có 40 doanh nghiệp/1.000 dân và 3517 nhân khẩu.",
            ["40 doanh nghiệp/1.000 dân", "3517 nhân khẩu"],
        ),
        ("Đoàn trao 500 phần quà cho 18 hộ vươn lên thoát nghèo.", ["500 phần quà", "18 hộ"]),
        (
            "Xã có 3 trường THCS và 2.400 bao cát dự phòng.",
            ["3 trường THCS", "2.400 bao cát dự phòng"],
        ),
        # A verb names the kind of the thing counted, never what people do.
        (
            "Phường bố trí 12 điểm giữ xe miễn phí, ghi nhận 27 trường hợp vi phạm.",
            ["12 điểm giữ xe miễn phí", "27 trường hợp vi phạm"],
        ),
        (
            "Có 2.740 người mắc sốt xuất huyết, 80 chiến sĩ trực và 300 hộ kinh doanh.",
            ["2.740 người", "80 chiến sĩ", "300 hộ kinh doanh"],
        ),
        (
            "Khu phố có 120 cơ sở lưu trú và 21.000 người lưu trú dài hạn.",
            ["120 cơ sở lưu trú", "21.000 người"],
        ),
        (
            "Đảng bộ kết nạp 96 đảng viên mới, 3.127 đảng viên sinh hoạt.",
            ["96 đảng viên mới", "3.127 đảng viên"],
        ),
        (
            "Trao 1.500 phần quà Tết, 1 giải A và 3 giải B.",
            ["1.500 phần quà Tết", "1 giải A", "3 giải B"],
        ),
        ("Thành phố có 168 đơn vị hành chính cấp xã.", ["168 đơn vị hành chính cấp xã"]),
        (
            "Xe chạy 8 phút/chuyến, hồ sơ giải quyết trong 5 ngày làm việc.",
            ["8 phút/chuyến", "5 ngày làm việc"],
        ),
        ("Lực lượng chức năng điều 4 xe chữa cháy đến hiện trường.", ["4 xe chữa cháy"]),
        (
            "Đón 80.000 lượt khách dịp lễ, 3 con hẻm dài 200 m.",
            ["80.000 lượt khách", "3 con hẻm", "200 m"],
        ),
        (
            "Hỗ trợ 50 triệu đồng/lao động và 36 triệu đồng/người/năm.",
            ["50 triệu đồng/lao động", "36 triệu đồng/người/năm"],
        ),
        (
            "Có 3 tuyến số 8, 5 đối tượng khác và 5 ca nặng phải điều trị.",
            ["3 tuyến", "5 đối tượng", "5 ca nặng"],
        ),
        ("Xây 32/45 nhà chờ, tiếp 3 nhà đầu tư.", ["32/45 nhà chờ", "3 nhà đầu tư"]),
    ],
)
def test_a_figure_is_the_counted_noun_phrase(sentence: str, expected: list[str]) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Học sinh lớp 4 đủ điều kiện dự thi.",
        "Ngày mùng 2 Tết, phường tổ chức hội xuân.",
        "Người dân khu phố Tân Lập 4 đón khách.",
        "Chợ phiên 0 đồng mở cửa sáng nay.",
        "Tổ phản ứng nhanh trực 24/24.",
        "Đại diện khu phố Khánh Lộc 2 kiến nghị nâng cấp đường.",
        "Giai đoạn 1 lắp đặt cống hộp.",
    ],
)
def test_numbers_that_count_nothing_are_not_figures(sentence: str) -> None:
    assert figures(sentence) == []


def _roles(text: str) -> dict[str, str]:
    return dict(parse_article(text, "x").extraction.persons)


def test_a_role_ends_at_the_verb_after_the_office() -> None:
    text = (
        " date 2026-03-09 Phường Bình Phú tổng kết công tác quý I.\n\n"
        "Ông Trịnh Văn Khải, Chủ tịch UBND phường Bình Phú cho biết phường đã giải quyết "
        "xong 120 hồ sơ.\n\nBà Lê Thị Hạnh, Phó Giám đốc Sở Văn hóa và Thể thao TP.HCM, "
        "phát biểu tại buổi làm việc."
    )
    roles = _roles(text)
    assert roles["Trịnh Văn Khải"] == "Chủ tịch UBND phường Bình Phú"
    assert roles["Lê Thị Hạnh"] == "Phó Giám đốc Sở Văn hóa và Thể thao TP.HCM"


def test_former_lower_case_and_appointed_offices() -> None:
    text = (
        " date 2026-01-14 Đảng bộ phường Xuân Hòa tổ chức đại hội nhiệm kỳ 2025-2030.\n\n"
        "Dự có ông Tôn Văn Sáng, nguyên Chủ tịch UBND quận 3, và bà Đinh Thị Mai, Phó bí thư "
        "Thường trực Đảng ủy phường Xuân Hòa.\n\nĐồng chí Phạm Minh Khoa được bầu giữ chức "
        "Bí thư Đảng ủy phường Xuân Hòa nhiệm kỳ 2025-2030."
    )
    roles = _roles(text)
    assert roles["Tôn Văn Sáng"] == "nguyên Chủ tịch UBND quận 3"
    assert roles["Đinh Thị Mai"] == "Phó bí thư Thường trực Đảng ủy phường Xuân Hòa"
    assert roles["Phạm Minh Khoa"] == "Bí thư Đảng ủy phường Xuân Hòa"


def test_an_office_taken_replaces_the_one_held_one_elected_beside_it_does_not() -> None:
    text = (
        " date 2026-02-03 Ban Thường vụ Thành ủy điều động cán bộ.\n\n"
        "Ban Thường vụ chỉ định bà Hồ Thu Vân, Phó Bí thư Thường trực Đảng ủy phường Tân Định, "
        "giữ chức Bí thư Đảng ủy phường Sài Gòn. Ông Lạc Văn Tú, Chủ tịch UBND phường Sài Gòn, "
        "được bầu làm Phó Bí thư Đảng ủy."
    )
    roles = _roles(text)
    assert roles["Hồ Thu Vân"] == "Bí thư Đảng ủy phường Sài Gòn"
    assert roles["Lạc Văn Tú"] == "Chủ tịch UBND phường Sài Gòn"


def test_people_after_a_caption_line_in_a_list_after_a_province_or_with_an_initial() -> None:
    text = (
        " date 2026-01-18 Công an phường Tân Tạo bắt nhóm trộm xe.\n\n"
        "bat nhom trom xe anh 1\n\n"
        "Bà Kiều Thị Ngân, Chủ tịch Hội Phụ nữ phường, cho biết tin báo đến lúc 2 giờ.\n\n"
        "Công an tạm giữ Lê Văn Tài (SN 1996) ngụ tỉnh Tây Ninh và Phạm Gia Hưng (SN 2003), "
        "cùng Trần Minh T. (SN 1999). Phố lồng đèn Lương Nhữ Học vẫn đông khách."
    )
    names = list(_roles(text))
    assert names == ["Kiều Thị Ngân", "Lê Văn Tài", "Phạm Gia Hưng", "Trần Minh T."]


def test_a_role_before_a_parenthesis_and_an_appointment_after_the_rank() -> None:
    text = (
        " date 2025-12-05 Công an phường Phước Long có trưởng mới.\n\n"
        "Bà Lại Thị Thu, tổ trưởng tổ dân phố 14 (khu phố 5), cho biết tổ có 48 hộ. "
        "Bà Phùng Thị Kim Oanh, Phó Chủ tịch UBND phường Phước Long cho biết khu đất thuộc "
        "phường Phước Long B (cũ, TP Thủ Đức). Giám đốc Công an TP.HCM ký quyết định bổ nhiệm "
        "Thiếu tá Châu Văn Tín giữ chức Trưởng Công an phường Phước Long."
    )
    roles = _roles(text)
    assert roles["Lại Thị Thu"] == "tổ trưởng tổ dân phố 14"
    assert roles["Phùng Thị Kim Oanh"] == "Phó Chủ tịch UBND phường Phước Long"
    assert roles["Châu Văn Tín"] == "Trưởng Công an phường Phước Long"


def test_a_place_ending_like_a_street_word_is_not_one() -> None:
    text = " date 2026-01-01 Dự có Chủ tịch UBND quận Gò Vấp Nguyễn Văn Hùng."
    assert _roles(text) == {"Nguyễn Văn Hùng": "Chủ tịch UBND quận Gò Vấp"}  # "Vấp" ends in "ấp"


def test_the_fullest_form_of_a_role_wins() -> None:
    text = (
        " date 2025-09-13 Đại hội Đảng bộ đặc khu Côn Đảo thành công tốt đẹp.\n\n"
        "Đồng chí Bùi Văn Toàn được bầu làm Bí thư Đảng ủy đặc khu.\n\n"
        "Phát biểu nhận nhiệm vụ, Bí thư Đảng ủy đặc khu Côn Đảo Bùi Văn Toàn cảm ơn đại hội."
    )
    assert _roles(text)["Bùi Văn Toàn"] == "Bí thư Đảng ủy đặc khu Côn Đảo"


def test_streets_after_a_house_number_or_in_a_junction_are_not_people() -> None:
    text = (
        " date 2026-03-09 Cháy nhà phố ở phường Cầu Ông Lãnh.\n\n"
        "Căn nhà tại số 45/2B Trần Hưng Đạo bốc cháy; người dân ở số 25 Nguyễn Đình Chiểu "
        "báo tin. Xe bị cấm qua nút giao Quốc lộ 13 – Kha Vạn Cân.\n\n"
        "Ông Đỗ Minh Khôi, Phó Chủ tịch UBND phường Cầu Ông Lãnh, có mặt."
    )
    assert list(_roles(text)) == ["Đỗ Minh Khôi"]


def test_units_named_without_their_type_word_and_city_wide_stories() -> None:
    island = parse_article(
        " date 2026-03-09 Du khách đến Côn Đảo tăng mạnh, xã đảo Thạnh An đón 3.000 lượt "
        "khách.\n\nCôn Đảo có thêm 6 chuyến tàu cao tốc mỗi ngày.",
        "x",
    )
    assert island.wards == ["Côn Đảo", "Thạnh An"]
    assert island.primary_ward == "Côn Đảo"
    city = parse_article(
        " date 2026-04-15 Sở Y tế TP.HCM triển khai khám sức khỏe cho người cao tuổi ở 168 "
        "phường, xã, đặc khu.\n\nTại phường Tam Bình, 300 người đã được khám; phường Tam Bình "
        "lập thêm 2 điểm khám.\n\nTại xã Bình Chánh, 120 người được khám.",
        "y",
    )
    assert city.primary_ward is None
    assert "Tam Bình" in city.wards


PAGE = (
    "Bạn có thể chuyển sang phiên bản mobile nhẹ hơn, đọc nhanh hơn trên điện thoại.\n\n"
    "Thời sự\n\n"
    "Khánh thành công viên ven sông 2,8 ha ở phường Bình Quới\n\n"
    "Ngọc Quý\n\n"
    "56 phút trước\n\n"
    "(NLĐO) - Sáng 28-12, UBND phường Bình Quới khánh thành công viên ven sông rộng 2,8 ha.\n\n"
    "Công viên có 2 sân chơi trẻ em và hơn 600 cây xanh.\n\n"
    "Người dân tham quan công viên trong ngày khánh thành\n\n"
    "Theo Hồng Phúc"
)


def test_the_page_around_the_text_headline_title_bylines_and_leftovers() -> None:
    article = parse_article(PAGE, "p")
    kinds = [b.kind for b in article.blocks]
    assert kinds == [
        "noise", "noise", "headline", "byline", "noise",
        "lead", "paragraph", "caption", "byline",
    ]  # fmt: skip
    record = to_record(article)
    assert record["title"] == "Khánh thành công viên ven sông 2,8 ha ở phường Bình Quới"
    assert record["title_source"] == "headline"
    assert record["author"] == "Ngọc Quý"  # the first byline: the top one
    assert record["primary_ward"] == "Bình Quới"
    assert "2,8 ha" in record["figures"]
    assert "Khánh thành công viên" in article.body_text()  # the headline is searched


@pytest.mark.parametrize(
    ("tail", "author"),
    [
        (
            "VĨNH TÙNG\n\nBạn có thể chuyển sang phiên bản mobile để xem bài viết với trải nghiệm tốt hơn",
            "VĨNH TÙNG",
        ),
        ("Tin, ảnh: MINH NHẬT", "MINH NHẬT"),
        ("Bài và ảnh: ĐỨC TRÍ", "ĐỨC TRÍ"),
    ],
)
def test_a_byline_above_a_banner_or_after_a_credit_word(tail: str, author: str) -> None:
    text = " date 2026-01-01 Phường Bến Thành ra quân dọn rác.\n\nNgười dân tham gia đông đủ.\n\n"
    assert to_record(parse_article(text + tail, "b"))["author"] == author


def test_a_dateline_does_not_hide_the_date_and_a_timestamp_dates_the_page() -> None:
    dated = parse_article(
        "Tin mới\n\n(PLO)- Chiều 7-10-2025, triều cường vượt báo động III ở xã Cần Giờ.", "d"
    )
    assert dated.extraction.date_inferred is not None
    assert dated.extraction.date_inferred.isoformat() == "2025-10-07"
    stamped = parse_article(
        "Thứ hai, 9/3/2026 17:01 (GMT+7)\n\nPhường Sài Gòn ra mắt tuyến phố đi bộ mới.", "s"
    )
    assert stamped.extraction.date_inferred is not None
    assert stamped.extraction.date_inferred.isoformat() == "2026-03-09"
    derived = parse_article(" date 2026-01-02 Phường An Phú tổ chức ngày hội đọc sách.", "a")
    assert to_record(derived)["title_source"] == "derived"


def test_a_persons_past_is_not_merger_history() -> None:
    article = parse_article(
        " date 2026-01-12 Phường Tam Bình có thêm trường tiểu học mới.\n\n"
        "Chị Lan cho biết trước đây phải đưa con sang trường ở phường Linh Xuân, xa hơn 5 km.",
        "x",
    )
    record = to_record(article)
    assert record["wards"] == ["Tam Bình", "Linh Xuân"]
    assert record["former_wards"] == []


@pytest.mark.parametrize(
    ("sentence", "wards", "former"),
    [
        (
            "Các phường Linh Xuân, Linh Trung và Tam Bình cùng ra quân.",
            ["Linh Xuân", "Tam Bình"],
            ["Linh Trung"],
        ),
        ("Người dân phường Tân Định và Bến Thành tham gia.", ["Tân Định", "Bến Thành"], []),
        ("Phường Tân Định và Công an phường tuần tra.", ["Tân Định"], []),
        (
            "Sách về các xã vùng ven như Bình Khánh, An Thới Đông và Hưng Long.",
            ["Bình Khánh", "An Thới Đông", "Hưng Long"],
            [],
        ),
        (
            "Phường Phú Lâm được thành lập trên cơ sở phường 12, phường 13 và phường 14.",
            ["Phú Lâm"],
            ["phường 12", "phường 13", "phường 14"],
        ),
    ],
)
def test_units_listed_after_one_type_word(
    sentence: str, wards: list[str], former: list[str]
) -> None:
    record = to_record(parse_article(f" date 2026-01-01 {sentence}", "x"))
    assert (record["wards"], record["former_wards"]) == (wards, former)
