"""The interface's catalogs (tui/i18n.py): extract the marked strings, update the Vietnamese
``.po`` with them, compile it to ``.mo``, or check that all of it is done.

    python .ci/catalog.py update    # tui/**/*.py → tui/locale/phuong.pot → vi/.../phuong.po
    python .ci/catalog.py compile   # phuong.po → phuong.mo
    python .ci/catalog.py check     # every message translated, .mo up to date (exit 1 if not)

Babel does the work (a test dependency: the installed reader needs only gettext's ``.mo``).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tui"
LOCALE = SOURCE / "locale"
POT = LOCALE / "phuong.pot"
PO = LOCALE / "vi" / "LC_MESSAGES" / "phuong.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """Every string marked in tui/, with where it is."""
    catalog = Catalog(project="phuong-reader", domain="phuong", fuzzy=False)
    found = extract_from_dir(
        SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("i18n:",)
    )
    for filename, lineno, message, comments, context in found:
        where = [(f"tui/{filename}", lineno)]
        catalog.add(message, None, where, auto_comments=comments, context=context)
    return catalog


def read(path: Path = PO) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale="vi", domain="phuong")


def update() -> None:
    template = extract()
    with POT.open("wb") as f:
        write_po(f, template, width=100, omit_header=False, sort_output=False)
    if PO.exists():
        catalog = read()
    else:
        catalog = Catalog(locale="vi", domain="phuong", project="phuong-reader", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with PO.open("wb") as f:
        write_po(f, catalog, width=100, include_previous=False)


def compiled() -> bytes:
    out = io.BytesIO()
    write_mo(out, read(), use_fuzzy=False)
    return out.getvalue()


def compile_mo() -> None:
    MO.write_bytes(compiled())


def problems() -> list[str]:
    """What is not done: messages marked but not in the catalog, not translated, fuzzy, or a
    ``.mo`` that is not the ``.po`` compiled."""
    out: list[str] = []
    catalog = read()
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        where = ", ".join(f"{f}:{n}" for f, n in message.locations)
        if found is None:
            out.append(f"not in the catalog ({where}): {message.id!r}")
        elif found.fuzzy or not all(
            found.string if isinstance(found.string, tuple) else (found.string,)
        ):
            out.append(f"not translated ({where}): {message.id!r}")
    if not MO.exists() or _mo_messages(MO.read_bytes()) != _mo_messages(compiled()):
        out.append(f"{MO.relative_to(ROOT)} is not {PO.name} compiled: run .ci/catalog.py compile")
    return out


def _mo_messages(data: bytes) -> dict:
    catalog = read_mo(io.BytesIO(data))

    def frozen(value: object) -> object:  # plural ids and strings are lists: make them keys
        return tuple(value) if isinstance(value, (list, tuple)) else value

    return {(frozen(m.id), m.context): frozen(m.string) for m in catalog if m.id}


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_mo()
    elif command == "check":
        found = problems()
        print("\n".join(found) or "the catalogs are complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
