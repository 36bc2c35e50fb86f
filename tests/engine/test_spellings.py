"""Equivalent spellings match each other, both ways, in search and in highlighting, and the
spelling typed ranks first: abbreviations and long forms, the city's names, i/y, numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index.lang import equivalents as equivalents_module
from phuong_reader.index.lang.equivalents import token_variants

SHORT, LONG = "401_short", "402_long"


def _pair(short: str, long: str) -> dict[str, str]:
    """Two articles saying the same, one with each spelling (our own sentences)."""
    body = "phối hợp tổ chức ngày hội {} cho người dân khu phố.\n\nTHU HÀ"
    return {
        SHORT: f" date 2026-03-01 Phường Tân Định {body.format(short)}",
        LONG: f" date 2026-03-02 Phường Tân Định {body.format(long)}",
    }


CLASSES = [
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("PCCC", "phòng cháy chữa cháy"),
    ("CNCH", "cứu nạn cứu hộ"),
    ("THCS", "trung học cơ sở"),
    ("BCH", "Ban Chấp hành"),
    ("GD-ĐT", "Giáo dục và Đào tạo"),
    ("TPHCM", "TP.HCM"),
    ("TP HCM", "Thành phố Hồ Chí Minh"),
    ("1.000 tỷ đồng", "1.000 tỉ đồng"),
    ("kỹ năng", "kĩ năng"),
    ("lý lịch", "lí lịch"),
    ("1000 suất quà", "1.000 suất quà"),
    ("2,5 tấn gạo", "2.5 tấn gạo"),
]


def _data_classes() -> list[tuple[str, str]]:
    """Every class of the data file, as (its first form, each other form)."""
    path = Path(equivalents_module.__file__).with_name("data") / "equivalents.txt"
    pairs = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            first, *others = [form.strip() for form in line.split(" = ")]
            pairs += [(first, other) for other in others]
    return pairs


@pytest.mark.parametrize(("short", "long"), _data_classes())
def test_every_class_of_the_data_file_matches_both_ways(engine_for, short, long) -> None:
    engine = engine_for(_pair(short, long))
    for typed in (short, long):
        assert sorted(h.id for h in engine.search(typed).hits) == [SHORT, LONG], typed


@pytest.mark.parametrize(("short", "long"), CLASSES)
def test_each_spelling_finds_the_other_and_ranks_itself_first(engine_for, short, long) -> None:
    engine = engine_for(_pair(short, long))
    for typed, own in ((short, SHORT), (long, LONG)):
        result = engine.search(typed)
        assert sorted(h.id for h in result.hits) == [SHORT, LONG], typed
        assert result.hits[0].id == own, typed  # the spelling typed first


def test_the_other_spelling_is_highlighted_whole(engine_for) -> None:
    engine = engine_for(_pair("UBND", "Ủy ban nhân dân"))
    result = engine.search("UBND")
    snippet = engine.snippet(LONG, result.terms)
    marked = [snippet.text[s.start : s.end] for s in snippet.highlights]
    assert "Ủy ban nhân dân" in marked
    snippet = engine.snippet(SHORT, engine.search("ủy ban nhân dân").terms)
    assert "UBND" in [snippet.text[s.start : s.end] for s in snippet.highlights]


@pytest.mark.parametrize(
    ("token", "variants"),
    [
        ("ty", ("ty", "ti")),
        ("ki", ("ki", "ky")),
        ("qui", ("qui", "quy")),
        ("y", ("y",)),  # "y tế": no other spelling
        ("1000", ("1000", "1.000")),
        ("12.500", ("12.500", "12500")),
        ("2,5", ("2,5", "2.5")),
        ("24,661", ("24,661",)),  # thousands or decimals? ambiguous: left alone
    ],
)
def test_token_spellings_by_rule(token: str, variants: tuple[str, ...]) -> None:
    assert token_variants(token) == variants
