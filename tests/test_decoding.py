"""Robust decoding: every sane encoding becomes the same NFC text; binary is refused."""

import codecs
import unicodedata

import pytest
from helpers import ARTICLES
from phuong_reader.index.errors import UndecodableError
from phuong_reader.index.text.decoding import decode_article

TEXT = ARTICLES["101_tansonhoa"]
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks combining."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]),
        unicodedata.normalize("NFD", TEXT).encode("utf-8"),
        windows_1258(TEXT),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-be", "nfd", "cp1258"],
)
def test_every_sane_encoding_gives_the_same_nfc_text(data: bytes) -> None:
    assert decode_article(data).text == TEXT


def test_windows_1258_is_reported_as_a_repair() -> None:
    decoded = decode_article(windows_1258(TEXT))
    assert decoded.encoding == "cp1258"
    assert any("cp1258" in r for r in decoded.repairs)


def test_crlf_becomes_lf() -> None:
    assert decode_article(TEXT.replace("\n", "\r\n").encode()).text == TEXT


def test_png_is_refused_with_a_reason() -> None:
    with pytest.raises(UndecodableError, match="binary"):
        decode_article(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


def test_control_characters_are_removed_and_reported() -> None:
    decoded = decode_article("Phường\x1b[2J An\x00 Phú\x9b".encode())
    assert decoded.text == "Phường[2J An Phú"
    assert "removed control characters" in decoded.repairs


def test_a_few_invalid_bytes_keep_the_rest_of_the_text() -> None:
    data = TEXT.encode()[:200] + b"\xff\xfe\xfa" + TEXT.encode()[200:]
    decoded = decode_article(data)
    assert "Lâm Quốc Trung" in decoded.text
    assert decoded.repairs
