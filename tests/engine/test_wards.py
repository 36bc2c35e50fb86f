"""Ward mentions: type word + longest gazetteer name, accents and case intact."""

from phuong_reader.index.entities.gazetteer import load_gazetteer
from phuong_reader.index.entities.wards import find_ward_mentions


def names(text: str) -> list[tuple[str, str | None, bool]]:
    return [(m.text, m.ward, m.former) for m in find_ward_mentions(text)]


def test_gazetteer_has_the_168_units_of_today() -> None:
    units = load_gazetteer().units
    kinds = [u.kind for u in units]
    assert len(units) == 168
    assert (kinds.count("phường"), kinds.count("xã"), kinds.count("đặc khu")) == (113, 54, 1)
    assert all(u.code.isdigit() for u in units)


def test_former_wards_link_to_the_ward_they_joined() -> None:
    gaz = load_gazetteer()
    assert gaz.former_to_current["Tăng Nhơn Phú A"][0].name == "Tăng Nhơn Phú"


def test_longest_name_wins() -> None:
    assert names("phường Tăng Nhơn Phú A") == [("Tăng Nhơn Phú A", "Tăng Nhơn Phú", True)]
    assert names("phường Tăng Nhơn Phú tổ chức") == [("Tăng Nhơn Phú", "Tăng Nhơn Phú", False)]


def test_ward_followed_directly_by_a_person() -> None:
    assert names("Bí thư Đảng ủy phường Phú Thạnh Võ Văn Tám") == [
        ("Phú Thạnh", "Phú Thạnh", False)
    ]


def test_merger_history_lists_are_former_wards() -> None:
    found = names(
        "Phường Tăng Nhơn Phú được thành lập trên cơ sở sáp nhập các phường Hiệp Phú, "
        "Tăng Nhơn Phú A và Tăng Nhơn Phú B."
    )
    assert found[0] == ("Tăng Nhơn Phú", "Tăng Nhơn Phú", False)
    assert [f[0] for f in found[1:]] == ["Hiệp Phú", "Tăng Nhơn Phú A", "Tăng Nhơn Phú B"]
    assert all(f[2] for f in found[1:])


def test_numbered_former_ward_is_kept_as_written() -> None:
    assert names("khu vực phường 10 cũ") == [("phường 10", None, True)]


def test_not_wards() -> None:
    assert names("quận Tân Phú cũ, cầu Phú Mỹ, gia đình chính sách, Trường THCS An Phú") == []
    assert names("chính trị - xã hội phường") == []


def test_case_and_accents_must_match() -> None:
    assert names("phường gia định") == []
    assert names("P.Gia Định và xã Cần Giờ") == [
        ("Gia Định", "Gia Định", False),
        ("Cần Giờ", "Cần Giờ", False),
    ]


def test_find_by_name_is_accent_insensitive_but_respects_given_accents() -> None:
    gaz = load_gazetteer()
    assert [u.name for u in gaz.find("tan son hoa")] == ["Tân Sơn Hòa"]
    assert [u.name for u in gaz.find("TÂN SƠN HOÀ")] == ["Tân Sơn Hòa"]
    assert gaz.find("Tấn Sơn Hòa") == []
