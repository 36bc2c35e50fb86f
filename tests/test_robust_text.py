"""Item 2: article text is data. Rich markup, ANSI/OSC escape sequences (screen clear, title,
hyperlink, clipboard write), C0/C1 controls, bidi overrides and zero-width characters in an
article, or in a file name, reach neither the terminal nor JSON readers as anything but
visible, harmless text; what was removed at index time is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ARTICLES, write_corpus
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.text.decoding import decode_article
from test_robust_support import run_cli, unsafe
from test_tui_support import main_screen, reader, settle, shown_text

MARKUP = "[bold red]không phải markup[/]"
LINK = "[link=https://evil.example]bấm vào đây[/link]"
EVIL = (
    " date 2026-03-01 Phường Tân\u200b Định \u202egnàhT ohc\u202c tổ chức ngày hội "
    f"{MARKUP} và {LINK}.\x1b[2J\x1b[H\n\n"
    "Cửa sổ \x1b]0;pwned\x07 đổi tên, \x1b]8;;https://evil.example\x1b\\liên kết\x1b]8;;\x1b\\, "
    "\x1b]52;c;cm0gLXJmIH4=\x07 chép vào clipboard, \x9b31m đỏ\x9b0m, xoá\x08\x08 lùi\x7f, "
    "chuông\x07, \u2066cô lập\u2069, \ufeffBOM giữa, \U000e0041\U000e0042 thẻ ẩn.\u2028"
    "Tiếp theo dòng mới. UBND phường Tân Định có 25 hộ tham gia.\n\n"
    "TRẦN \u200dBÌNH"
)
EVIL_NAME = "\x1b[31mđỏ\u202eevil"  # a file name can hold an escape sequence too


@pytest.fixture(scope="module")
def evil_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("evil")
    corpus = write_corpus(root / "corpus", {**ARTICLES, "evil": EVIL, EVIL_NAME: EVIL + " 2"})
    update_index(corpus, root / "index")
    return corpus, root / "index"


def test_decoding_removes_and_reports_every_dangerous_character() -> None:
    decoded = decode_article(EVIL.encode())
    assert unsafe(decoded.text) == []
    assert MARKUP in decoded.text and LINK in decoded.text  # markup is text: kept as is
    assert "Tân Định" in decoded.text and "TRẦN BÌNH" in decoded.text
    assert "removed control characters" in decoded.repairs
    assert any("invisible formatting character" in r for r in decoded.repairs)


def test_offsets_refer_to_the_cleaned_text(evil_index: tuple[Path, Path]) -> None:
    stored = SearchEngine(evil_index[1]).article("evil")
    assert stored.ward == "Tân Định"  # found although a zero-width space split the name
    for span in stored.spans:
        assert 0 <= span.start < span.end <= len(stored.text)
    wards = [stored.text[s.start : s.end] for s in stored.spans if s.kind == "ward"]
    assert wards and all(w.endswith("Tân Định") for w in wards)
    assert stored.byline == "TRẦN BÌNH"


COMMANDS = [
    ["show", "evil"],
    ["show", "evil", "--json"],
    ["show", EVIL_NAME],
    ["show", EVIL_NAME, "--json"],
    ["search", "không phải markup"],
    ["search", "không phải markup", "--json"],
    ["search", "tan dinh", "--sort", "date"],
    ["wards"],
    ["wards", "--json"],
    ["people"],
    ["people", "--json"],
]


@pytest.mark.parametrize(
    "command", COMMANDS, ids=lambda c: " ".join(c).encode("ascii", "replace").decode()
)
def test_the_cli_prints_nothing_that_drives_a_terminal(evil_index, command: list[str]) -> None:
    code, out, err = run_cli(*command, "--index-dir", str(evil_index[1]))
    assert code == 0, err
    assert unsafe(out + err) == [], (command, unsafe(out + err))
    assert "\u2028" not in out and "\u2029" not in out
    if "--json" in command:
        json.loads(out)


def test_show_prints_markup_literally(evil_index) -> None:
    _, out, _ = run_cli("show", "evil", "--index-dir", str(evil_index[1]))
    flat = " ".join(out.split())
    assert MARKUP in flat and LINK in flat


def test_json_escapes_what_it_cannot_show_and_round_trips(evil_index) -> None:
    _, out, _ = run_cli("search", "tan dinh", "--index-dir", str(evil_index[1]), "--json")
    assert "\\u001b" in out and "\\u202e" in out  # escaped, not raw
    ids = {hit["id"] for hit in json.loads(out)}
    assert EVIL_NAME in ids  # the exact file name, once parsed
    _, out, _ = run_cli("show", "evil", "--index-dir", str(evil_index[1]), "--json")
    assert MARKUP in json.loads(out)["text"]


def test_the_index_report_and_extract_are_safe_too(evil_index, tmp_path: Path) -> None:
    corpus, _ = evil_index
    for extra in ([], ["--json"]):
        ix = str(tmp_path / f"ix{len(extra)}")
        code, out, err = run_cli("index", str(corpus), "--index-dir", ix, *extra)
        assert code == 0 and unsafe(out + err) == []
        assert "invisible formatting" in out
        code, out, err = run_cli("extract", str(corpus / f"{EVIL_NAME}.txt"), *extra)
        assert code == 0 and unsafe(out + err) == []


@pytest.mark.asyncio
async def test_the_reader_shows_markup_literally_and_no_control_character(evil_index) -> None:
    async with reader(evil_index[1]).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        await pilot.press("slash", *"không phải markup", "enter")
        await settle(pilot)
        assert {h.id for h in screen.results.hits} == {"evil", EVIL_NAME}
        seen = ""
        for row in range(len(screen.results.hits)):
            screen.results.highlighted = row
            await settle(pilot)
            assert screen.article.article is not None
            view = screen.article
            shown = shown_text(view.body) + shown_text(view.query_one("#facts"))
            assert unsafe(shown) == [], unsafe(shown)
            flat = " ".join(shown.split())
            assert MARKUP in flat and "[link=https://evil.example]bấm vào" in flat
            seen += shown
        assert unsafe(shown_text(screen.results)) == []
        assert unsafe(shown_text(screen.wards)) == []
        assert "\ufffd[31mđỏ\ufffdevil" in seen  # the file name, made visible
