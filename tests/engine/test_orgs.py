"""Organisations, pattern by pattern (the convention is in docs/article-format.md).

Every sentence is invented; "MAI ANH" closes each text as a byline would.
"""

import pytest
from phuong_reader.index.entities.orgs import find_orgs
from phuong_reader.index.entities.pipeline import parse_article, to_record


def record(text: str) -> dict:
    return to_record(parse_article(text + "\n\nMAI ANH", "t"))


def orgs(text: str) -> list[str]:
    return record(text)["orgs"]


def persons(text: str) -> list[str]:
    return [p["name"] for p in record(text)["persons"]]


def test_a_school_named_after_a_person_is_a_school_not_a_person() -> None:
    text = "Sáng 5-9, học sinh Trường THCS Nguyễn Du và Trường Tiểu học Lê Văn Tám khai giảng."
    assert orgs(text) == ["Trường THCS Nguyễn Du", "Trường Tiểu học Lê Văn Tám"]
    assert persons(text) == []


def test_a_persons_name_after_the_body_is_still_a_person() -> None:
    text = "Hiệu trưởng Trường THCS Trần Văn Ơn Nguyễn Thị Lan cho biết trường có 40 lớp."
    assert orgs(text) == ["Trường THCS Trần Văn Ơn"]
    assert persons(text) == ["Nguyễn Thị Lan"]


def test_a_company_keeps_its_legal_form_and_its_name() -> None:
    text = (
        "Bà Lê Thị Hoa, Giám đốc Công ty TNHH Dệt may Tân Phát, cho biết Công ty CP Bao bì "
        "Hưng Long cũng cần thêm lao động."
    )
    assert orgs(text) == ["Công ty TNHH Dệt may Tân Phát", "Công ty CP Bao bì Hưng Long"]


def test_a_police_unit_takes_the_parent_written_after_it() -> None:
    text = (
        "Đội CSGT Rạch Chiếc (Phòng CSGT Công an TP HCM) phân luồng; Phòng Cảnh sát hình sự "
        "Công an TPHCM vào cuộc."
    )
    assert orgs(text) == [
        "Đội CSGT Rạch Chiếc",
        "Phòng CSGT Công an TP HCM",
        "Phòng Cảnh sát hình sự Công an TPHCM",
    ]


def test_a_comma_ends_the_unit_before_its_parent() -> None:
    text = "Đội Chữa cháy và CNCH khu vực 3 thuộc Phòng Cảnh sát PCCC và CNCH, Công an TPHCM."
    assert orgs(text) == [
        "Đội Chữa cháy và CNCH khu vực 3",
        "Phòng Cảnh sát PCCC và CNCH",
        "Công an TPHCM",
    ]


def test_a_department_with_va_in_its_name_and_its_scope() -> None:
    text = "Sở Nông nghiệp và Môi trường TP.HCM phối hợp Sở Giáo dục và Đào tạo kiểm tra."
    assert orgs(text) == ["Sở Nông nghiệp và Môi trường TP.HCM", "Sở Giáo dục và Đào tạo"]


def test_a_descriptive_name_in_lower_case_runs_to_its_scope() -> None:
    text = (
        "Theo Đài Khí tượng thủy văn khu vực Nam Bộ, triều lên cao; Ban Quản lý dự án đầu tư "
        "xây dựng các công trình giao thông TPHCM cho biết sẽ thi công."
    )
    assert orgs(text) == [
        "Đài Khí tượng thủy văn khu vực Nam Bộ",
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông TPHCM",
    ]


def test_a_ward_body_keeps_its_ward_and_a_centre_its_scope_word() -> None:
    text = (
        "Trạm Y tế phường Bình Thạnh và Trung tâm Phục vụ hành chính công phường tiếp nhận "
        "hồ sơ; Trung tâm Y tế khu vực Cần Giờ hỗ trợ."
    )
    assert orgs(text) == [
        "Trạm Y tế phường Bình Thạnh",
        "Trung tâm Phục vụ hành chính công phường",
        "Trung tâm Y tế khu vực Cần Giờ",
    ]


@pytest.mark.parametrize(
    ("text", "committee"),
    [
        ("Ông Phan Văn Tâm, nguyên Chủ tịch UBND quận 6, dự hội nghị.", "UBND quận 6"),
        ("Ông Phan Văn Tâm, nguyên Chủ tịch UBND quận Gò Vấp, dự hội nghị.", "UBND quận Gò Vấp"),
        ("Ông Phan Văn Tâm, nguyên Chủ tịch UBND huyện Củ Chi, dự hội nghị.", "UBND huyện Củ Chi"),
    ],
)
def test_a_former_districts_committee_keeps_the_district(text: str, committee: str) -> None:
    assert orgs(text) == [committee]
    assert persons(text) == ["Phan Văn Tâm"]


def test_a_district_name_stops_before_the_person_named_after_it() -> None:
    text = "Chủ tịch UBND quận Bình Thạnh Nguyễn Văn Hùng phát biểu."
    assert orgs(text) == ["UBND quận Bình Thạnh"]
    assert persons(text) == ["Nguyễn Văn Hùng"]


def test_a_bare_party_or_state_body_is_listed_as_written() -> None:
    text = (
        "Ông Lê Văn Minh, Phó Bí thư Đảng ủy, Chủ tịch UBND phường Phú Lâm, đề nghị Ban Chấp "
        "hành và UBND phường theo dõi."
    )
    assert orgs(text) == ["Đảng ủy", "UBND phường Phú Lâm", "Ban Chấp hành", "UBND phường"]


def test_a_bare_named_head_is_a_common_noun() -> None:
    text = (
        "Trường đã sửa 12 phòng học. Câu lạc bộ đặt trụ sở tại nhà văn hóa. Sở yêu cầu báo "
        "cáo; Trung tâm thành phố kẹt xe. Công ty cho biết sẽ tuyển 300 công nhân."
    )
    assert orgs(text) == []


def test_places_that_look_like_bodies_are_not_bodies() -> None:
    text = "Đoàn công tác thăm Trường Sa; xe đi đường Trường Sơn, qua trạm An Hội Tây."
    assert orgs(text) == []


def test_party_member_titles_are_not_the_committee() -> None:
    text = "Đồng chí Lâm Văn Trọng, Thành ủy viên, Phó Trưởng Ban Tuyên giáo và Dân vận Thành ủy."
    assert orgs(text) == ["Ban Tuyên giáo và Dân vận Thành ủy"]


def test_a_surname_that_is_also_a_head_needs_its_scope() -> None:
    text = "Chị Đoàn Thị Ngọc Bích, Bí thư Đoàn phường Tam Thắng, phát động phong trào."
    assert orgs(text) == ["Đoàn phường Tam Thắng"]
    assert persons(text) == ["Đoàn Thị Ngọc Bích"]


def test_several_wards_listed_after_cac_are_one_mention() -> None:
    text = "Tham dự có Công an các xã Hóc Môn, Đông Thạnh và Bà Điểm."
    assert orgs(text) == ["Công an các xã Hóc Môn, Đông Thạnh và Bà Điểm"]


def test_spans_cover_the_whole_name() -> None:
    text = "Bệnh viện Nguyễn Trãi tiếp nhận 5 nạn nhân."
    assert [(o.start, o.end, o.name) for o in find_orgs(text)] == [(0, 21, "Bệnh viện Nguyễn Trãi")]
