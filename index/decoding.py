"""Turn the bytes of an article file into NFC text, or say clearly why that is not possible.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded directly; anything else goes to
charset-normalizer, a maintained detector that knows Windows-1258 (old Vietnamese files, whose tone
marks are combining characters, hence the NFC step after decoding).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from index.vietnamese import nfc

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
# C0/C1 controls never belong in an article (and ESC could drive a terminal); tab, LF, CR and
# form feed are ordinary whitespace.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept (binary, or hopelessly mixed)."""


@dataclass
class Decoded:
    """NFC text with the encoding it came from and what had to be repaired on the way."""

    text: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def decode_article(data: bytes) -> Decoded:
    """Decode article bytes to NFC text with LF line endings; raise UndecodableError for binary."""
    if data.startswith(_BINARY_MAGIC):
        raise UndecodableError("binary file (image, archive or executable), not text")
    decoded = _decode(data)
    text, repairs = decoded.text, decoded.repairs
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", text)
        repairs.append("removed control characters")
    normalised = nfc(text)
    if normalised != text:
        repairs.append("normalised to NFC")
    return Decoded(normalised, decoded.encoding, repairs)


def _decode(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"invalid {encoding} after its byte-order mark") from exc
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if data.count(0) > len(data) // 10:
        raise UndecodableError("binary file (many NUL bytes), not text")
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        return Decoded(str(best), best.encoding, [f"decoded as {best.encoding}"])
    # Mostly UTF-8 with a few bad bytes (a damaged download): keep the text, mark the holes.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(8, len(text) // 50):
        raise UndecodableError("not text in UTF-8, UTF-16 or a known legacy encoding")
    return Decoded(text, "utf-8", [f"replaced {bad} invalid UTF-8 byte(s)"])
