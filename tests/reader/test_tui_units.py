"""The reader's pure parts: ward filtering, remembered state, styled article text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from phuong_reader.index.model import (
    SPAN_KINDS,
    DatedRole,
    Hit,
    QueryTerms,
    Snippet,
    Span,
    StoredArticle,
)
from phuong_reader.tui.article_lines import ArticleLines, wrap_part
from phuong_reader.tui.highlight import (
    BLOCK_STYLES,
    SPAN_STYLES,
    RenderedPart,
    facts,
    header,
    plain,
    render_article,
    result_lines,
)
from phuong_reader.tui.state import STATE_FILE, HistoryCursor, ReaderState
from phuong_reader.tui.wardmatch import ward_matches


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("tsh", True),
        ("tan son", True),
        ("son hoa", True),
        ("TÂN SƠN HOÀ", True),
        ("t s h", True),
        ("ta so ho", True),
        ("", True),
        ("tsn", False),
        ("hoa son", False),
        ("phu", False),
    ],
)
def test_ward_filter_is_accent_insensitive_with_initials(typed: str, found: bool) -> None:
    assert ward_matches("Tân Sơn Hòa", typed) is found


def test_state_round_trips_and_ignores_corrupt_files(tmp_path: Path) -> None:
    state = ReaderState(ward="Tân Sơn Hòa", query="hòa", article="101", sort="date")
    state.remember_query("a")
    state.remember_query("b")
    state.remember_query("a")
    state.save(tmp_path)
    loaded = ReaderState.load(tmp_path)
    assert (loaded.ward, loaded.query, loaded.article, loaded.sort) == (
        "Tân Sơn Hòa",
        "hòa",
        "101",
        "date",
    )
    assert loaded.history == ["b", "a"]
    for junk in ("{not json", "[1, 2]", '{"ward": 3, "history": "x", "sort": []}', ""):
        (tmp_path / STATE_FILE).write_text(junk, "utf-8")
        assert ReaderState.load(tmp_path).ward is None
    (tmp_path / STATE_FILE).write_bytes(b"\xff\xfe\x00garbage")
    assert ReaderState.load(tmp_path) == ReaderState()
    assert ReaderState.load(tmp_path / "missing") == ReaderState()


def test_state_save_survives_an_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    ReaderState(query="x").save(blocker / "sub")  # a file where the folder should be


def test_history_cursor_walks_like_a_shell() -> None:
    cursor = HistoryCursor(["one", "two"])
    assert cursor.older("draft") == "two"
    assert cursor.older("two") == "one"
    assert cursor.older("one") is None
    assert cursor.newer() == "two"
    assert cursor.newer() == "draft"
    assert cursor.newer() is None


def test_every_span_kind_has_its_own_style(every_kind_article: StoredArticle) -> None:
    assert set(SPAN_STYLES) == set(SPAN_KINDS)
    assert len(set(SPAN_STYLES.values())) == len(SPAN_KINDS)
    article = every_kind_article
    rendered = render_article(article, QueryTerms(words=("hoa",)))
    body = rendered.content
    styles = {s.style for s in body.spans}
    assert set(SPAN_STYLES.values()) <= styles
    text_start = body.plain.index("Phường Tân Sơn Hòa [bold]")  # after the header
    for span in article.spans:
        kind, needle = span.kind, article.text[span.start : span.end]
        start = body.plain.index(needle, text_start)
        assert any(s.style == SPAN_STYLES[kind] and s.start <= start < s.end for s in body.spans), (
            kind
        )
    assert [body.plain[s:e] for s, e in rendered.matches] == ["Hòa", "hòa", "Hòa"]
    lead = body.plain.index("Phường Tân Sơn Hòa [bold]")
    assert any(s.style == BLOCK_STYLES["lead"] and s.start == lead for s in body.spans)
    caption = body.plain.index("Hội nghị")
    assert any(s.style == BLOCK_STYLES["caption"] and s.start == caption for s in body.spans)
    assert "KHÁNH VY" not in body.plain.split("\n\n", 1)[1]  # the byline is in the header
    assert "[bold]ngày 20-1-2026[/bold]" in body.plain


def test_header_and_facts(every_kind_article: StoredArticle) -> None:
    article = every_kind_article
    assert header(article).plain.splitlines()[1] == (
        "2026-01-20 · Tân Sơn Hòa · KHÁNH VY · 900_every_kind"
    )
    assert facts(article).plain == (
        "People  Lâm Quốc Trung (Bí thư Đảng ủy, 2026-01-20) · Hồ Ngọc Lan\nFigures 27 hộ · 15 vụ"
    )


def test_the_people_line_shows_the_latest_role_with_its_date_then_the_earlier_ones(
    every_kind_article: StoredArticle,
) -> None:
    history = {
        "Lâm Quốc Trung": [
            DatedRole("Bí thư Thành ủy", "2026-03-01", "b"),
            DatedRole("Bí thư Đảng ủy", "2026-01-20", "900_every_kind"),
            DatedRole("Phó Bí thư Đảng ủy", "2025-06-01", "c"),
            DatedRole("Bí thư Đảng ủy", "2025-01-01", "d"),
            DatedRole("Chủ tịch UBND phường", None, "e"),
        ]
    }
    people = facts(every_kind_article, history).plain.splitlines()[0]
    assert people == (
        "People  Lâm Quốc Trung (Bí thư Thành ủy, 2026-03-01; earlier: Bí thư Đảng ủy, "
        "2026-01-20; Phó Bí thư Đảng ủy, 2025-06-01; +1 more) · Hồ Ngọc Lan"
    )


def test_control_characters_never_reach_the_terminal() -> None:
    content = plain("a\x1b[31mb\x07c\nd")
    assert content.plain == "a\ufffd[31mb\ufffdc\nd"


def test_result_lines_mark_the_ward_in_the_title_and_the_snippet_matches() -> None:
    hit = Hit("1", "/p", "2026-01-20", "Tân Sơn Hòa", "Tân Sơn Hòa: [i]x[/i]", 1.0)
    first, second = result_lines(hit, Snippet("có hòa giải", [Span(3, 6, "match")]))
    assert first.plain == "2026-01-20  Tân Sơn Hòa: [i]x[/i]"
    assert second.plain == "có hòa giải"
    assert any(s.style == SPAN_STYLES["match"] for s in second.spans)
    assert result_lines(hit, None)[1].plain == "…"


def test_an_undated_result_has_a_blank_date_not_dashes() -> None:
    hit = Hit("1", "/p", None, "Tân Sơn Hòa", "Tân Sơn Hòa: ngập", 1.0)
    first, _ = result_lines(hit, None)
    assert first.plain == " " * 10 + "  Tân Sơn Hòa: ngập"


def test_lines_know_where_they_start_when_wrapped() -> None:
    content = plain("aaaa bbbb cccc\n\ndddd")
    lines, starts = wrap_part(content, 100, 9)
    assert [line.plain for line in lines] == ["aaaa bbbb", "cccc", "", "dddd"]
    text = ArticleLines(9)
    text.add(RenderedPart(content, 0, []))
    assert text.starts == [0, 10, 15, 16]
    assert text.line_of(content.plain.index("cccc") + 2) == 1
    assert text.line_of(content.plain.index("dddd")) == 3
    assert starts == [100 + s for s in text.starts]
    wide = text.rewrapped(40)
    assert wide.line_of(content.plain.index("dddd")) == 2
    assert wide.joined().plain == content.plain


@given(
    words=st.lists(
        st.text(alphabet="aăâbđeêoôơuưyÁẢẠỳỹĐ.,-0123456789", min_size=1, max_size=25),
        min_size=1,
        max_size=40,
    ),
    spaces=st.lists(st.sampled_from([" ", "  ", "   "]), min_size=40, max_size=40),
    width=st.integers(10, 60),
)
def test_vietnamese_text_wraps_by_counting_characters(
    words: list[str], spaces: list[str], width: int
) -> None:
    """The fast path (one cell per character): a line never passes the width, no letter is
    lost, each line starts where it says, and a line ends only where the next word would not
    fit (greedy, as Textual's wrap; on prose without over-long words, the very same lines)."""
    text = "".join(word + space for word, space in zip(words, spaces, strict=False)).strip()
    fast, starts = wrap_part(plain(text), 0, width)
    lines = [line.plain for line in fast]
    assert all(len(line) <= width for line in lines)
    assert [text[at : at + len(line)] for line, at in zip(lines, starts, strict=True)] == lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for begin, following, at in zip(starts, lines[1:], starts[1:], strict=False):
        if text[at - 1] == " ":  # the next line starts with a whole word: it did not fit
            assert at + len(following.split(" ")[0]) - begin > width, (text[begin:at], following)
    if all(len(word) <= width for word in words):
        assert lines == [line.plain.rstrip() for line in plain(text).wrap(width)]


def test_wide_characters_are_wrapped_by_their_cells() -> None:
    lines, starts = wrap_part(plain("漢字漢字漢字 漢字漢字"), 0, 10)
    assert [line.plain for line in lines] == ["漢字漢字漢", "字", "漢字漢字"]
    assert all(line.cell_length <= 10 for line in lines)
    assert starts[0] == 0


def test_an_article_is_handed_over_first_screens_first_then_in_chunks(
    every_kind_article,
) -> None:
    from phuong_reader.tui import article_lines

    long = every_kind_article.text
    parts = [RenderedPart(plain(long), 0, [])]
    parts += [RenderedPart(plain(long), (len(long) + 2) * i, [(0, 1)]) for i in range(1, 400)]
    chunks: list[ArticleLines] = []
    article_lines.lay_out(parts, 50, chunks.append)
    assert len(chunks) >= 2 and chunks[-1].complete and not chunks[0].complete
    assert chunks[0].chars < article_lines.FIRST_CHARS + len(long)  # the first screens only
    whole = chunks[0]
    for more in chunks[1:]:
        whole.extend(more)
    assert whole.complete and len(whole.parts) == 400 and len(whole.matches) == 399
    assert whole.starts == sorted(whole.starts)
    stopped: list[ArticleLines] = []
    article_lines.lay_out(parts, 50, stopped.append, cancelled=lambda: bool(stopped))
    assert len(stopped) == 1 and not stopped[0].complete
