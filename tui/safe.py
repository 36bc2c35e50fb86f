"""What reaches the terminal or a JSON reader from a file is data: it may not drive either.

Article text was cleaned when it was read (see ``index.decoding``), but file names, paths and
ids come straight from the disk, and an index written by other code could hold anything. So
every string from outside goes through ``visible`` before a terminal sees it, and JSON output
escapes what ``json.dumps(ensure_ascii=False)`` leaves raw (DEL, C1 controls, line separators,
bidi and zero-width characters).
"""

from __future__ import annotations

import json
import re

from phuong_reader.index import CONTROL_CHARS, FORMAT_CHARS

REPLACEMENT = "\ufffd"
# Everything that could move the cursor, change the title, write the clipboard, or reorder or
# hide text; only the newline is kept (it is how articles are laid out).
# Lone surrogates (bytes of a file name or argument that are not UTF-8) cannot even be printed.
_SURROGATES = "\ud800-\udfff"
_UNSAFE_RE = re.compile(f"[{CONTROL_CHARS}\t\x0c\r\u2028\u2029{FORMAT_CHARS}{_SURROGATES}]")
_JSON_UNSAFE_RE = re.compile(f"[\x7f-\x9f\u2028\u2029{FORMAT_CHARS}{_SURROGATES}]")


def visible(text: str) -> str:
    """``text`` with each unsafe character replaced by U+FFFD (one for one: offsets hold)."""
    return _UNSAFE_RE.sub(REPLACEMENT, text)


def to_json(data: object) -> str:
    """Indented JSON, Vietnamese readable as is, every unsafe character as a \\u escape."""
    return _JSON_UNSAFE_RE.sub(_escape, json.dumps(data, ensure_ascii=False, indent=2))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: a UTF-16 surrogate pair, as JSON spells it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
