"""Values read from figure spans: numbers, scales, ranges, ratios, qualifiers, context, sentences.

Spans come from ``find_numbers`` on sentences written for these tests, so the tests also check
that the span finder and the value reader agree on what a figure span looks like.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from phuong_reader.index.entities.figures import find_numbers
from phuong_reader.index.entities.values import FigureValue, parse_number, read_figure


def figure(text: str, span_text: str) -> FigureValue:
    """The value of the figure span of ``text`` whose text is ``span_text``."""
    spans = [s for s in find_numbers(text) if s.kind == "figure" and s.text == span_text]
    assert spans, f"find_numbers found no figure {span_text!r} in {text!r}: {find_numbers(text)}"
    value = read_figure(text, spans[0].start, spans[0].end)
    assert value is not None
    return value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7.0),
        ("0", 0.0),
        ("450", 450.0),
        ("007", 7.0),
        (" 42 ", 42.0),
        ("2.461", 2461.0),
        ("12.345", 12345.0),
        ("1.234.567", 1234567.0),
        ("24,661", 24.661),
        ("10,5", 10.5),
        ("0,75", 0.75),
        ("1.234,5", 1234.5),
        ("12.000.000,25", 12000000.25),
        ("2.5", 2.5),  # English-style decimal point, tolerated
        ("0.500", 0.5),  # a leading 0 does not group thousands
        ("1234.567", 1234.567),  # a leading group of 4 digits does not either
        ("1,234.5", 1234.5),  # English style with both marks
        ("1,234,567", 1234567.0),  # several commas can only group thousands
        ("-5", -5.0),
        ("", None),
        ("abc", None),
        ("12.", None),
        (",5", None),
        ("1.2.3", None),
        ("1,2,3", None),
        ("1.23,5", None),
        ("1,5.3", None),
        ("5 tỷ", None),
        ("12%", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "span", "value", "counted", "unit"),
    [
        ("Công ty nộp 7 tỉ đồng tiền thuế.", "7 tỉ đồng", 7e9, "đồng", "tỉ đồng"),
        ("Quỹ khuyến học chi 4,25 tỷ đồng.", "4,25 tỷ đồng", 4_250_000_000.0, "đồng", "tỷ đồng"),
        (
            "Mỗi suất quà trị giá 1,5 triệu đồng.",
            "1,5 triệu đồng",
            1_500_000.0,
            "đồng",
            "triệu đồng",
        ),
        ("Mỗi người nhận 500 nghìn đồng.", "500 nghìn đồng", 500_000.0, "đồng", "nghìn đồng"),
        ("Dự án có tổng vốn 2 nghìn tỷ đồng.", "2 nghìn tỷ đồng", 2e12, "đồng", "nghìn tỷ đồng"),
        (
            "Tuyến đường đón 1,2 triệu lượt khách.",
            "1,2 triệu lượt khách",
            1_200_000.0,
            "lượt khách",
            "triệu lượt khách",
        ),
        ("Phường có 3.120 hộ nghèo.", "3.120 hộ nghèo", 3120.0, "hộ nghèo", "hộ nghèo"),
        ("Tỷ lệ tiêm chủng đạt 97%.", "97%", 97.0, "%", "%"),
        ("Tỷ lệ tiêm chủng đạt 97,5%.", "97,5%", 97.5, "%", "%"),
        ("Lãi suất cho vay là 6,6%/năm.", "6,6%/năm", 6.6, "%/năm", "%/năm"),
        (
            "Mức hỗ trợ là 36 triệu đồng/người/năm.",
            "36 triệu đồng/người/năm",
            36e6,
            "đồng/người/năm",
            "triệu đồng/người/năm",
        ),
        ("Công viên rộng 2.500 m2.", "2.500 m2", 2500.0, "m²", "m2"),
        ("Sân chơi rộng 640m².", "640m²", 640.0, "m²", "m²"),
        ("Hồ chứa rộng 1,2 km2.", "1,2 km2", 1.2, "km²", "km2"),
        ("Khu đất rộng 3,5 héc-ta.", "3,5 héc-ta", 3.5, "ha", "héc-ta"),
        ("Vườn rau rộng 4 hecta.", "4 hecta", 4.0, "ha", "hecta"),
        ("Cánh đồng rộng 12 ha.", "12 ha", 12.0, "ha", "ha"),
    ],
)
def test_value_and_unit(text: str, span: str, value: float, counted: str, unit: str) -> None:
    read = figure(text, span)
    assert (read.value, read.counted, read.unit) == (value, counted, unit)
    assert (read.high, read.of) == (None, None)


def test_money_scales_all_count_dong() -> None:
    text = "Phường chi 2 tỷ đồng, 300 triệu đồng và 40 nghìn đồng."
    reads = [read_figure(text, s.start, s.end) for s in find_numbers(text)]
    assert [r.counted for r in reads if r] == ["đồng", "đồng", "đồng"]
    assert [r.value for r in reads if r] == [2e9, 3e8, 4e4]


@pytest.mark.parametrize(
    ("text", "span", "value", "high", "counted"),
    [
        ("Mỗi tổ có 8-10 hội viên.", "8-10 hội viên", 8.0, 10.0, "hội viên"),
        ("Mỗi tổ có 8 - 10 hội viên.", "8 - 10 hội viên", 8.0, 10.0, "hội viên"),
        ("Mỗi tổ có 8–10 hội viên.", "8–10 hội viên", 8.0, 10.0, "hội viên"),
        ("Giá mỗi căn từ 2-3 tỷ đồng.", "2-3 tỷ đồng", 2e9, 3e9, "đồng"),
        ("Giá thuê tăng 1.200-1.500 nghìn đồng.", "1.200-1.500 nghìn đồng", 1.2e6, 1.5e6, "đồng"),
    ],
)
def test_range(text: str, span: str, value: float, high: float, counted: str) -> None:
    read = figure(text, span)
    assert (read.value, read.high, read.of, read.counted) == (value, high, None, counted)


@pytest.mark.parametrize(
    ("text", "span", "value", "of", "counted"),
    [
        ("Phường hoàn thành 18/20 chỉ tiêu.", "18/20 chỉ tiêu", 18.0, 20.0, "chỉ tiêu"),
        ("Khu phố đạt 9/10 tiêu chí.", "9/10 tiêu chí", 9.0, 10.0, "tiêu chí"),
    ],
)
def test_ratio(text: str, span: str, value: float, of: float, counted: str) -> None:
    read = figure(text, span)
    assert (read.value, read.of, read.high, read.counted) == (value, of, None, counted)


@pytest.mark.parametrize(
    ("text", "span", "qualifier", "context"),
    [
        (
            "Quỹ vì người nghèo đạt hơn 450 triệu đồng.",
            "450 triệu đồng",
            "hơn",
            "quỹ vì người nghèo đạt",
        ),
        ("Tỷ lệ hộ dùng nước sạch đạt gần 99,5%.", "99,5%", "gần", "tỷ lệ hộ dùng nước sạch đạt"),
        ("Đợt này có khoảng 450 suất quà.", "450 suất quà", "khoảng", "đợt này có"),
        ("Số hộ nghèo giảm trên 120 hộ.", "120 hộ", "trên", "số hộ nghèo giảm"),
        ("Gần như 100% hộ dân đã đăng ký.", "100%", "gần như", ""),
        ("Mỗi em nhận ít nhất 500 nghìn đồng.", "500 nghìn đồng", "ít nhất", "mỗi em nhận"),
        (
            "Lượng khách lên đến hơn 1,2 triệu lượt khách.",
            "1,2 triệu lượt khách",
            "lên đến hơn",
            "lượng khách",
        ),
        ("Doanh thu tăng 15% so với cùng kỳ.", "15%", "", "doanh thu tăng"),
        ("Số ca mắc giảm 12 ca.", "12 ca", "", "số ca mắc giảm"),
    ],
)
def test_qualifier_and_context(text: str, span: str, qualifier: str, context: str) -> None:
    read = figure(text, span)
    assert (read.qualifier, read.context) == (qualifier, context)


def test_context_stops_at_comma_and_keeps_ten_words() -> None:
    read = figure("Năm nay, quỹ khuyến học của khu phố mới đạt hơn 3,25 tỷ đồng.", "3,25 tỷ đồng")
    assert read.qualifier == "hơn"
    assert read.context == "quỹ khuyến học của khu phố mới đạt"  # from the comma
    text = "Theo báo cáo quỹ khuyến học của các khu phố trong toàn phường mới đạt 3,25 tỷ đồng."
    read = figure(text, "3,25 tỷ đồng")
    assert read.context == "học của các khu phố trong toàn phường mới đạt"  # the last ten
    read = figure("Sau hội nghị, phường trao 35 suất học bổng.", "35 suất học bổng")
    assert read.context == "phường trao"


def test_context_stops_at_bracket_and_not_at_a_decimal_comma() -> None:
    read = figure("Kinh phí (khoảng 2 tỷ đồng) do phường chi.", "2 tỷ đồng")
    assert (read.qualifier, read.context) == ("khoảng", "")
    read = figure("Phường có 1,5 triệu người và 40 hộ nghèo.", "40 hộ nghèo")
    assert read.context == "phường có 1,5 triệu người và"


def test_sentence_bounds_across_a_thousands_dot() -> None:
    text = "Phường có 1.250 hộ gia đình. Trong đó, 35 hộ được hỗ trợ. Hết."
    first = figure(text, "1.250 hộ gia đình")
    assert first.value == 1250.0
    assert text[slice(*first.sentence)] == "Phường có 1.250 hộ gia đình."
    second = figure(text, "35 hộ")
    assert text[slice(*second.sentence)] == "Trong đó, 35 hộ được hỗ trợ."
    assert second.context == ""


def test_sentence_bounds_at_newline_question_and_abbreviation() -> None:
    text = "Tin vắn\nCó 12 hộ được tặng quà\nHết"
    read = figure(text, "12 hộ")
    assert text[slice(*read.sentence)] == "Có 12 hộ được tặng quà"
    assert read.context == "có"
    text = "Ai được nhận? Có 30 hộ nghèo!  Tiếp theo."
    read = figure(text, "30 hộ nghèo")
    assert text[slice(*read.sentence)] == "Có 30 hộ nghèo!"
    text = "Tại TP. Thủ Đức có 5 phường mới."
    read = figure(text, "5 phường mới")
    assert read.sentence == (0, len(text))
    assert read.context == "tại tp. thủ đức có"


def test_every_figure_of_a_paragraph_reads() -> None:
    text = (
        "Năm 2024, phường vận động được hơn 1,8 tỷ đồng. Có 250 hộ nghèo được hỗ trợ, "
        "đạt 19/20 chỉ tiêu; tỷ lệ hộ có bảo hiểm y tế đạt 95,2%.\nKhoảng 30-40 tình nguyện viên "
        "tham gia."
    )
    figures = [s for s in find_numbers(text) if s.kind == "figure"]
    assert len(figures) == 5
    for span in figures:
        read = read_figure(text, span.start, span.end)
        assert read is not None
        assert read.sentence[0] <= span.start < span.end <= read.sentence[1]
        assert read.unit == text[span.start : span.end][-len(read.unit) :]
    last = read_figure(text, figures[-1].start, figures[-1].end)
    assert last is not None
    assert (last.value, last.high, last.qualifier, last.context) == (30.0, 40.0, "khoảng", "")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Có nhiều hộ dân.", 3, 8),
        ("Có 12 hộ.", 5, 3),
        ("Có 12 hộ.", 0, 99),
        ("Có 1.2.3 hộ.", 3, 11),
    ],
)
def test_no_number_reads_none(text: str, start: int, end: int) -> None:
    assert read_figure(text, start, end) is None


def test_counted_is_nfc_lowercase() -> None:
    text = unicodedata.normalize("NFD", "Có 12 Hộ Nghèo")
    start = text.index("12")
    read = read_figure(text, start, len(text))
    assert read is not None
    assert (read.value, read.counted, read.context) == (12.0, "hộ nghèo", "có")
    assert read.unit == text[start + 2 :].strip()  # as written


def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**15))
def test_thousand_dots_parse_back(n: int) -> None:
    assert parse_number(_dotted(n)) == n


@given(
    st.integers(min_value=0, max_value=10**9),
    st.text(alphabet="0123456789", min_size=1, max_size=6),
)
def test_decimal_comma_parses_back(whole: int, fraction: str) -> None:
    expected = float(f"{whole}.{fraction}")
    for written in (f"{whole},{fraction}", f"{_dotted(whole)},{fraction}"):
        parsed = parse_number(written)
        assert parsed is not None
        assert abs(parsed - expected) <= 1e-9 * max(1.0, expected)
