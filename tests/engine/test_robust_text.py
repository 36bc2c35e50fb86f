"""Item 2: article text is data. Rich markup, ANSI/OSC escape sequences (screen clear, title,
hyperlink, clipboard write), C0/C1 controls, bidi overrides and zero-width characters in an
article are removed at index time and reported, and offsets refer to the cleaned text. (The
article: ``evil`` in tests/fixtures/hostile.py; what the command line and the reader show of it:
tests/cli/test_robust_cli_text.py, tests/reader/test_robust_reader_text.py.)"""

from __future__ import annotations

from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.text.decoding import decode_article


def test_unsafe_finds_escapes_bidi_and_zero_width_but_not_vietnamese(unsafe) -> None:
    assert unsafe("Phường Tân Sơn Hòa, khu phố 3 — “đẹp” …\n\t") == []
    assert unsafe("\x1b[2J \x9b \u202e \u200b \ufeff \U000e0041") == [
        "U+001B",
        "U+009B",
        "U+202E",
        "U+200B",
        "U+FEFF",
        "U+E0041",
    ]


def test_decoding_removes_and_reports_every_dangerous_character(evil, unsafe) -> None:
    decoded = decode_article(evil.text.encode())
    assert unsafe(decoded.text) == []
    assert evil.markup in decoded.text and evil.link in decoded.text  # markup is text: kept
    assert "Tân Định" in decoded.text and "TRẦN BÌNH" in decoded.text
    assert "removed control characters" in decoded.repairs
    assert any("invisible formatting character" in r for r in decoded.repairs)


def test_offsets_refer_to_the_cleaned_text(evil_index) -> None:
    stored = SearchEngine(evil_index[1]).article("evil")
    assert stored.ward == "Tân Định"  # found although a zero-width space split the name
    for span in stored.spans:
        assert 0 <= span.start < span.end <= len(stored.text)
    wards = [stored.text[s.start : s.end] for s in stored.spans if s.kind == "ward"]
    assert wards and all(w.endswith("Tân Định") for w in wards)
    assert stored.byline == "TRẦN BÌNH"
