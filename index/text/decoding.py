"""Turn the bytes of an article file into NFC text, or say clearly why that is not possible.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded directly; anything else goes to
charset-normalizer, a maintained detector that knows Windows-1258 (old Vietnamese files, whose tone
marks are combining characters, hence the NFC step after decoding).

Article text is data that ends up on a terminal, so what could drive or disguise it is removed
here, once, before any offset is computed: C0/C1 controls (ESC starts every escape sequence) and
invisible format characters (bidi overrides and isolates, zero-width characters, tag characters).
Every removal is reported as a repair.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from phuong_reader.index.errors import UndecodableError
from phuong_reader.index.lang.vietnamese import nfc

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\x1f\x8b",
    b"RIFF",
)
# C0/C1 controls never belong in an article (and ESC could drive a terminal); tab and LF are
# ordinary whitespace, CR and form feed become line ends before this applies.
CONTROL_CHARS = "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f"
# Invisible characters that reorder or hide text: soft hyphen, Arabic letter mark, Mongolian
# vowel separator, zero-width space/joiners, LRM/RLM, bidi embeddings, overrides and isolates,
# word joiner and invisible operators, deprecated format controls, BOM inside text,
# interlinear annotation, and the tag characters (invisible ASCII).
FORMAT_CHARS = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
)
_CONTROL_RE = re.compile(f"[{CONTROL_CHARS}]")
_FORMAT_RE = re.compile(f"[{FORMAT_CHARS}]")
# Unicode line/paragraph separators, and the form feed of old page-broken files
_LINE_SEPARATORS = {0x2028: "\n", 0x2029: "\n\n", 0x0C: "\n\n"}


@dataclass
class Decoded:
    """NFC text with the encoding it came from and what had to be repaired on the way."""

    text: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def decode_article(data: bytes, complete: bool = True) -> Decoded:
    """Decode article bytes to clean NFC text with LF line endings.

    ``complete=False`` says ``data`` is only the head of a longer file: a character cut in two
    at the end is dropped, not reported as damage. Raises UndecodableError for binary data.
    """
    if data.startswith(_BINARY_MAGIC):
        raise UndecodableError("binary file (image, archive or executable), not text")
    decoded = _decode(data, complete)
    text, repairs = decoded.text, decoded.repairs
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text or "\x0c" in text:
        text = text.translate(_LINE_SEPARATORS)
    text, removed = _CONTROL_RE.subn("", text)
    if removed:
        repairs.append("removed control characters")
    text, removed = _FORMAT_RE.subn("", text)
    if removed:
        repairs.append(f"removed {removed} invisible formatting character(s) (bidi, zero-width)")
    normalised = nfc(text)
    if normalised != text:
        repairs.append("normalised to NFC")
    return Decoded(normalised, decoded.encoding, repairs)


def _decode(data: bytes, complete: bool) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _tolerant(
                data, encoding, complete, f"invalid {encoding} after its byte-order mark"
            )
    try:
        return Decoded(_incremental(data, "utf-8", complete, "strict"), "utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _tolerant(data, utf16, complete, "invalid UTF-16", [f"decoded as {utf16}"])
    if data.count(0) > len(data) // 10:
        raise UndecodableError("binary file (many NUL bytes), not text")
    # Imported here: only a file in neither UTF-8 nor UTF-16 needs it, and the reader (which
    # imports this module through the engine's front) would load it for nothing at start-up.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        return Decoded(str(best), best.encoding, [f"decoded as {best.encoding}"])
    # Mostly UTF-8 with a few bad bytes (a damaged download): keep the text, mark the holes.
    return _tolerant(
        data, "utf-8", complete, "not text in UTF-8, UTF-16 or a known legacy encoding"
    )


def _incremental(data: bytes, encoding: str, complete: bool, errors: str) -> str:
    """Decode; when ``complete`` is False a multi-byte character cut at the end is left out."""
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=complete)


def _tolerant(
    data: bytes, encoding: str, complete: bool, refusal: str, repairs: list[str] | None = None
) -> Decoded:
    """Decode with U+FFFD for invalid bytes: a few holes are a repair, many mean not text."""
    text = _incremental(data, encoding, complete, "replace")
    try:
        _incremental(data, encoding, complete, "strict")
        return Decoded(text, encoding, repairs or [])
    except UnicodeDecodeError:
        pass
    bad = text.count("\ufffd")
    if bad > max(8, len(text) // 50):
        raise UndecodableError(refusal)
    return Decoded(text, encoding, [*(repairs or []), f"replaced {bad} invalid {encoding} byte(s)"])


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when NULs sit on one side of every byte pair, as in UTF-16 text
    of a Latin-script language (ASCII letters have a zero high byte); None otherwise."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > pairs // 3 and even == 0:
        return "utf-16-le"
    if even > pairs // 3 and odd == 0:
        return "utf-16-be"
    return None
