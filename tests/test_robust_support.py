"""Shared pieces of the robustness tests: a hostile corpus, the CLI in and out of process, and
what "safe for a terminal" means. (Named test_robust_* to sit with them; it tests itself too.)"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from helpers import ARTICLES
from phuong_reader.index.storage.store import live_generation
from phuong_reader.tui.cli import main
from test_decoding import windows_1258

ROOT = Path(__file__).resolve().parent.parent
HUGE_BYTES = 50 * 1024 * 1024
# A character that could drive a terminal (C0 but newline and tab, DEL, C1) or reorder/hide
# text (bidi controls, zero-width and other invisible format characters).
UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\U000e0000-\U000e007f]"
)


def unsafe(text: str) -> list[str]:
    """The unsafe characters of ``text`` as code points, for assertion messages."""
    return [f"U+{ord(c):04X}" for c in UNSAFE_RE.findall(text)]


def article(word: str, ward: str = "Tân Định") -> str:
    """A short article in the real format whose only rare word is ``word``."""
    return (
        f" date 2026-02-10 Phường {ward} tổ chức ngày hội {word} cho người dân trong khu phố.\n\n"
        f"UBND phường {ward} cho biết có 120 hộ tham gia ngày hội.\n\n"
        "MINH ANH"
    )


def many_articles(start: int, stop: int, variant: str = "") -> dict[str, str]:
    """Short articles in the real format, each naming "phường" and its own code ``k00042``."""
    templates = list(ARTICLES.values())
    return {
        f"{i:05d}": templates[i % len(templates)]
        + f"\n\nMã bài k{i:05d}{variant} của phường.\n\nTHU HÀ"
        for i in range(start, stop)
    }


# file name → (bytes, the unique word search must find, or None when the file is skipped)
def hostile_files() -> dict[str, tuple[bytes, str | None]]:
    """Every kind of bad input of a scraped folder, each article with its own searchable word."""
    word = {name: f"từkhóa{name}" for name in ("legacy", "utf16", "bomeight", "nfd", "crlf")}
    word |= {name: f"từkhóa{name}" for name in ("nulbyte", "huge", "badbytes", "twin")}
    word |= {"bidi": "từkhóabidi", "escapes": "từkhóaescapes", "locked": "từkhóalocked"}
    nul = article(word["nulbyte"]).encode()
    bad = article(word["badbytes"]).encode()
    paragraph = article(word["huge"]) + "\n\n"
    filler = "Người dân phường Tân Định đọc sách ở thư viện khu phố vào mỗi buổi sáng.\n\n"
    huge = (paragraph + filler * (HUGE_BYTES // len(filler.encode()) + 1)).encode()[:HUGE_BYTES]
    return {
        "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, None),
        "empty.txt": (b"", None),
        "blank.txt": (b" \n\t\r\n  \n", None),
        "legacy.txt": (windows_1258(article(word["legacy"])), word["legacy"]),
        "utf16.txt": (article(word["utf16"]).encode("utf-16"), word["utf16"]),
        "bomeight.txt": (codecs.BOM_UTF8 + article(word["bomeight"]).encode(), word["bomeight"]),
        "nfd.txt": (unicodedata.normalize("NFD", article(word["nfd"])).encode(), word["nfd"]),
        "crlf.txt": (article(word["crlf"]).replace("\n", "\r\n").encode(), word["crlf"]),
        "nulbyte.txt": (nul[:40] + b"\x00" + nul[40:], word["nulbyte"]),
        "huge.txt": (huge, word["huge"]),
        "badbytes.txt": (bad[:50] + b"\xff\xfe\xc3" + bad[50:], word["badbytes"]),
        "twin_a.txt": (article(word["twin"]).encode(), word["twin"]),
        "twin_b.txt": (article(word["twin"]).encode(), None),
        "bidi.txt": (
            article(word["bidi"])
            .replace("ngày hội", "ngày\u200b hội \u202eđảo\u202c\u2066")
            .encode(),
            word["bidi"],
        ),
        "escapes.txt": (
            article(word["escapes"])
            .replace("khu phố", "khu phố \x1b[2J\x1b]0;title\x07\x1b]52;c;cm0gLXJm\x07\x9b31m")
            .encode(),
            word["escapes"],
        ),
        "locked.txt": (article(word["locked"]).encode(), word["locked"]),
        "notes.md": (b"# not an article", None),
    }


def write_hostile_corpus(folder: Path) -> Path:
    """The fixture articles plus every hostile file, a subfolder and two bad symlinks."""
    folder.mkdir(parents=True)
    for article_id, text in ARTICLES.items():
        (folder / f"{article_id}.txt").write_text(text, "utf-8")
    for name, (data, _) in hostile_files().items():
        (folder / name).write_bytes(data)
    (folder / "locked.txt").chmod(0)
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text(article("từkhóainner"), "utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("nowhere/at/all.txt")
    return folder


def damage_index(index_dir: Path, in_place: bool = True) -> Path:
    """Truncate the largest segment file of the live generation to half; returns it.

    ``in_place=False`` writes the truncated copy under the same name instead: a process that
    has the file mapped keeps its pages (truncating a mapped file would kill it with SIGBUS).
    """
    segment = max(live_generation(index_dir).glob("*.seg"), key=lambda p: p.stat().st_size)
    half = segment.read_bytes()[: segment.stat().st_size // 2]
    if in_place:
        segment.write_bytes(half)
    else:
        segment.with_suffix(".new").write_bytes(half)
        segment.with_suffix(".new").replace(segment)
    return segment


def run_cli(*argv: str) -> tuple[int, str, str]:
    """``phuong ARGV`` in this process: (exit code, stdout, stderr). No capsys, so that it
    works in module fixtures and in Hypothesis tests, which run many inputs per test."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def phuong(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``phuong ARGV`` as a real process, in this test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "phuong_reader", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def phuong_args(*argv: str) -> list[str]:
    """The argv of ``phuong ARGV`` for subprocess.Popen."""
    return [sys.executable, "-m", "phuong_reader", *argv]


def test_unsafe_finds_escapes_bidi_and_zero_width_but_not_vietnamese() -> None:
    assert unsafe("Phường Tân Sơn Hòa, khu phố 3 — “đẹp” …\n\t") == []
    assert unsafe("\x1b[2J \x9b \u202e \u200b \ufeff \U000e0041") == [
        "U+001B",
        "U+009B",
        "U+202E",
        "U+200B",
        "U+FEFF",
        "U+E0041",
    ]


def test_the_hostile_corpus_has_every_kind_of_file(tmp_path: Path) -> None:
    folder = write_hostile_corpus(tmp_path / "c")
    names = {p.name for p in folder.iterdir()}
    assert {"loop.txt", "dangling.txt", "sub", "huge.txt", "notes.md"} <= names
    assert (folder / "huge.txt").stat().st_size == HUGE_BYTES
    assert (folder / "loop.txt").is_symlink() and not (folder / "loop.txt").exists()
