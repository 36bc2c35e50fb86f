"""Robust decoding: every sane encoding becomes the same NFC text; binary is refused."""

import codecs
import unicodedata
from collections.abc import Callable, Mapping

import pytest
from phuong_reader.index.errors import UndecodableError
from phuong_reader.index.text.decoding import decode_article

Encode = Callable[[str], bytes]


@pytest.fixture
def text(articles: Mapping[str, str]) -> str:
    return articles["101_tansonhoa"]


def encodings(windows_1258: Encode) -> dict[str, Encode]:
    """Every sane way to write a Vietnamese article, by name."""
    return {
        "utf8": lambda t: t.encode("utf-8"),
        "utf8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        "utf16": lambda t: t.encode("utf-16"),
        "utf16-be": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        "nfd": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
        "cp1258": windows_1258,
    }


@pytest.mark.parametrize("encoding", ["utf8", "utf8-bom", "utf16", "utf16-be", "nfd", "cp1258"])
def test_every_sane_encoding_gives_the_same_nfc_text(
    text: str, windows_1258: Encode, encoding: str
) -> None:
    data = encodings(windows_1258)[encoding](text)
    assert decode_article(data).text == text


def test_windows_1258_is_reported_as_a_repair(text: str, windows_1258: Encode) -> None:
    decoded = decode_article(windows_1258(text))
    assert decoded.encoding == "cp1258"
    assert any("cp1258" in r for r in decoded.repairs)


def test_crlf_becomes_lf(text: str) -> None:
    assert decode_article(text.replace("\n", "\r\n").encode()).text == text


def test_png_is_refused_with_a_reason() -> None:
    with pytest.raises(UndecodableError, match="binary"):
        decode_article(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


def test_control_characters_are_removed_and_reported() -> None:
    decoded = decode_article("Phường\x1b[2J An\x00 Phú\x9b".encode())
    assert decoded.text == "Phường[2J An Phú"
    assert "removed control characters" in decoded.repairs


def test_a_few_invalid_bytes_keep_the_rest_of_the_text(text: str) -> None:
    data = text.encode()[:200] + b"\xff\xfe\xfa" + text.encode()[200:]
    decoded = decode_article(data)
    assert "Lâm Quốc Trung" in decoded.text
    assert decoded.repairs
