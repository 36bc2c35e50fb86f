"""The real format: date marker, lead, captions, noise, byline, title, primary ward."""

from collections.abc import Callable, Mapping
from datetime import date

import pytest
from phuong_reader.index.entities.pipeline import parse_article
from phuong_reader.index.model import Article

Parse = Callable[[str], Article]


@pytest.fixture
def parse(articles: Mapping[str, str]) -> Parse:
    """``parse(article_id)``: the fixture article parsed as if read from /corpus."""

    def parse_fixture(article_id: str) -> Article:
        return parse_article(articles[article_id], article_id, f"/corpus/{article_id}.txt")

    return parse_fixture


def test_date_marker_shares_the_line_with_the_lead(parse: Parse) -> None:
    article = parse("101_tansonhoa")
    assert article.date == date(2026, 1, 20)
    assert article.lead.startswith("Phường Tân Sơn Hòa (TPHCM) vừa tổng kết")
    assert "date" not in article.lead


def test_no_marker_means_no_date_even_if_the_text_names_a_day(parse: Parse) -> None:
    article = parse("102_phuthanh")
    assert article.date is None


def test_invalid_marker_date_is_none_and_stays_out_of_the_lead() -> None:
    article = parse_article(" date 2026-13-40 Phường An Phú họp dân.\n\nMAI ANH", "x")
    assert article.date is None
    assert article.lead == "Phường An Phú họp dân."


def test_captions_byline_and_noise(parse: Parse) -> None:
    article = parse("102_phuthanh")
    assert article.byline == "HOÀNG LONG"
    assert article.captions == [
        "Chủ tịch UBND phường Phú Thạnh Đặng Minh Khoa báo cáo tại hội nghị",
        "Quang cảnh buổi làm việc; Ảnh: MINH TÚ",
    ]
    assert article.noise == [
        "Thời sự > Xây dựng Đảng",
        "Đường dây nóng: 0909.123.456",
        "- Ảnh 1.",
        "IMG_2041.JPG",
    ]
    assert article.lead.startswith("Năm qua, Đảng ủy phường đã lãnh đạo")
    assert len(article.paragraphs) == 2


def test_primary_ward_named_only_in_a_caption_and_late(parse: Parse) -> None:
    article = parse("102_phuthanh")
    assert "Phú Thạnh" not in article.lead
    assert article.primary_ward == "Phú Thạnh"


def test_primary_ward_is_what_the_article_is_about_not_every_ward_named(parse: Parse) -> None:
    article = parse("103_tansonnhat")
    assert article.primary_ward == "Tân Sơn Nhất"
    assert article.wards == ["Tân Sơn Nhất", "Tân Sơn Hòa"]


def test_old_tone_placement_resolves_to_the_gazetteer_ward(parse: Parse) -> None:
    article = parse("105_phuthohoa")
    assert article.primary_ward == "Phú Thọ Hòa"
    assert article.ward_mentions[0].text == "Phú Thọ Hoà"  # as written


def test_a_canal_or_school_named_after_a_ward_is_not_the_ward(parse: Parse) -> None:
    assert parse("104_vanhoa").wards == ["Bình Mỹ"]  # "kênh An Phú" is a canal
    assert parse("106_anphudong").wards == ["An Phú Đông"]  # "Trường Tiểu học An Phú"


def test_title_is_the_ward_and_the_leads_first_clause(parse: Parse) -> None:
    assert (
        parse("102_phuthanh").title
        == "Phú Thạnh: Năm qua, Đảng ủy phường đã lãnh đạo thực hiện tốt nhiệm vụ chính trị"
    )
    assert parse("104_vanhoa").title.startswith(
        "Bình Mỹ: Xã Bình Mỹ đẩy mạnh phong trào văn hóa ở cơ sở"
    )


def test_offsets_are_into_the_text(parse: Parse) -> None:
    article = parse("102_phuthanh")
    for block in article.blocks:
        assert (
            article.text[block.start : block.end].strip() == article.text[block.start : block.end]
        )
    for mention in article.ward_mentions:
        assert article.text[mention.start : mention.end] == mention.text
