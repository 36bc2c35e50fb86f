"""The reader driven by the keyboard, as a person would (Textual's Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index.build.writer import update_index
from phuong_reader.tui.highlight import SPAN_STYLES
from phuong_reader.tui.screens.main import Answer
from phuong_reader.tui.widgets.article_view import ArticleScroll
from phuong_reader.tui.widgets.result_list import ResultList
from phuong_reader.tui.widgets.ward_list import ALL_ID
from textual import events

pytestmark = pytest.mark.asyncio

WARDS = {
    "Tân Sơn Hòa": 1,
    "Phú Thạnh": 1,
    "Tân Sơn Nhất": 1,
    "Bình Mỹ": 1,
    "Phú Thọ Hòa": 1,
    "An Phú Đông": 1,
    "An Phú": 1,
    "Cần Giờ": 1,
}


async def test_settle_reaches_the_main_screen(
    built: tuple[Path, Path], reader, settle, main_screen, shown_text
) -> None:
    """The helpers of reader/conftest.py: settled, the main screen shows every result."""
    app = reader(built[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert "Results" in str(screen.results.border_title)
        assert shown_text(screen.bar.query_one("#status")).strip() == "8 results"


async def test_startup_lists_wards_with_counts_and_opens_the_newest(
    built: tuple[Path, Path],
    main_screen,
    opened,
    shown_text,
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        listed = set(screen.wards.ids)
        assert listed == {ALL_ID, *WARDS}
        assert {w.name: w.count for w in screen.wards.wards if w.count} == WARDS
        assert len(screen.wards.wards) == 168
        assert screen.wards.ids[0] == ALL_ID
        assert "8 All wards" in shown_text(screen.wards)
        assert screen.results.hits[0].id == "105_phuthohoa"  # newest first
        assert screen.article.article is not None
        assert screen.article.article.id == "105_phuthohoa"
        assert "Phú Thọ Hòa" in shown_text(screen.article.body)


async def test_search_opens_the_ward_article_with_matches_and_n_walks_them(
    built: tuple[Path, Path],
    main_screen,
    opened,
    settle,
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        await pilot.press("slash")
        assert app.focused is screen.bar.input
        await pilot.press(*"tan son hoa", "enter")
        await settle(pilot)
        assert screen.results.hits[0].id == "101_tansonhoa"
        assert app.focused is screen.results
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, ArticleScroll)
        view = screen.article
        assert view.article is not None and view.article.id == "101_tansonhoa"
        matches = view.matches
        assert len(matches) >= 6
        body = view.text.joined()
        matched = {body.plain[s:e].lower() for s, e in matches}
        assert {"tân", "sơn", "hòa"} <= matched
        styled = {(s.start, s.end) for s in body.spans if s.style == SPAN_STYLES["match"]}
        assert set(matches) <= styled
        assert view.border_subtitle == f"{len(matches)} matches · n/N"
        await pilot.press("n")
        assert view.current == 0
        assert view.border_subtitle == f"match 1/{len(matches)}"
        await pilot.press("n")
        assert view.current == 1
        assert view.border_subtitle == f"match 2/{len(matches)}"
        await pilot.pause()
        # Painted in reverse video where the second match is, and only there.
        y = view.text.line_of(matches[1][0]) - int(view.body.scroll_y)
        reversed_cells = [
            segment.text
            for line in range(view.body.size.height)
            for segment in view.body.render_line(line)
            if segment.style is not None and segment.style.reverse
        ]
        assert view.body.current == matches[1]
        assert "".join(reversed_cells).lower() == body.plain[slice(*matches[1])].lower()
        assert any(s.style and s.style.reverse for s in view.body.render_line(y))
        await pilot.press("N", "N")
        assert view.border_subtitle == f"match {len(matches)}/{len(matches)}"


@pytest.mark.parametrize("pane", ["article", "results", "wards", "search"])
async def test_brackets_walk_the_wards_from_any_pane(
    built: tuple[Path, Path], pane: str, main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        focus = {
            "article": screen.article.scroller,
            "results": screen.results,
            "wards": screen.wards,
            "search": screen.bar.input,
        }[pane]
        focus.focus()
        order = screen.wards.order()
        assert order[0] is None
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await settle(pilot)
        third = order[3]
        assert screen.ward == third
        assert screen.wards.current == third
        assert screen.results.hits and all(h.ward == third for h in screen.results.hits)
        assert screen.article.article is not None and screen.article.article.ward == third
        assert app.focused is focus
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.ward == order[2]
        assert all(h.ward == order[2] for h in screen.results.hits)
        assert screen.bar.input.value == ""


async def test_capital_j_and_k_also_walk_the_wards(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        order = screen.wards.order()
        await pilot.press("J", "J")
        await settle(pilot)
        assert screen.ward == order[2]
        await pilot.press("K")
        await settle(pilot)
        assert screen.ward == order[1]


async def test_malformed_query_shows_the_error_and_keeps_the_results(
    built: tuple[Path, Path],
    main_screen,
    opened,
    settle,
    shown_text,
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        await pilot.press("slash", *"hoa", "enter")
        await settle(pilot)
        before = [h.id for h in screen.results.hits]
        assert before
        # Replaced whole: typed key by key, its prefixes ('"', '"u'…) are searched as they come.
        await pilot.press("slash")
        screen.bar.input.value = '"unbalanced'
        await pilot.press("enter")
        await settle(pilot)
        status = screen.bar.query_one("#status")
        assert status.has_class("-error")
        assert "quote" in shown_text(status).lower() or "unbalanced" in shown_text(status)
        assert [h.id for h in screen.results.hits] == before
        assert screen.article.article is not None
        await pilot.press("slash")
        screen.bar.input.value = "AND"
        await pilot.press("enter")
        await settle(pilot)
        assert status.has_class("-error")
        assert [h.id for h in screen.results.hits] == before


async def test_article_text_is_shown_literally(
    tmp_path: Path, main_screen, reader, settle, shown_text, write_corpus
) -> None:
    text = (
        " date 2026-04-01 Phường Tân Sơn Hòa thử [red]not markup[/red] và [bold]đậm[/bold].\n\n"
        "Dòng có mã thoát \x1b[31mđỏ\x1b[0m vẫn là chữ.\n\nAN NHIÊN"
    )
    corpus = write_corpus(tmp_path / "corpus", {"201_markup": text})
    update_index(corpus, tmp_path / "index")
    async with reader(tmp_path / "index").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        assert screen.article.article is not None
        shown = shown_text(screen.article.body)
        assert "[red]not markup[/red]" in shown
        assert "[bold]đậm[/bold]" in shown
        assert "[31mđỏ[0m" in shown
        assert "\x1b" not in shown
        row = shown_text(screen.results)
        assert "thử [red]not mar" in row


async def test_sort_toggles_between_relevance_and_newest(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        await pilot.press("slash", *"an phu", "enter")
        await settle(pilot)
        assert "by relevance" in str(screen.results.border_title)
        relevance = [h.id for h in screen.results.hits]
        await pilot.press("s")
        await settle(pilot)
        assert "newest first" in str(screen.results.border_title)
        dates = [h.date or "" for h in screen.results.hits]
        assert dates == sorted(dates, reverse=True)
        assert sorted(h.id for h in screen.results.hits) == sorted(relevance)


async def test_moving_in_results_updates_the_article_without_taking_focus(
    built: tuple[Path, Path],
    main_screen,
    opened,
    settle,
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        screen.results.focus()
        await pilot.press("j")
        await settle(pilot)
        assert app.focused is screen.results
        assert screen.article.article is not None
        assert screen.article.article.id == screen.results.hits[1].id
        await pilot.press("G")
        await settle(pilot)
        assert screen.article.article.id == screen.results.hits[-1].id
        await pilot.press("g")
        await settle(pilot)
        assert screen.article.article.id == screen.results.hits[0].id


async def test_snippets_fill_in_for_visible_rows_only(
    tmp_path: Path, articles, main_screen, reader, settle, write_corpus
) -> None:
    many = {f"{n:03d}_{k}": v for n in range(6) for k, v in articles.items()}
    corpus = write_corpus(tmp_path / "corpus", {k: v + f"\n\nSỐ {k}" for k, v in many.items()})
    update_index(corpus, tmp_path / "index")
    async with reader(tmp_path / "index").run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        results = main_screen(pilot.app).results
        assert len(results.hits) == 48
        visible = results.visible_rows()
        # The rows in view, and at most the few more that the terminal's height could show
        # (the first answer is made with the index, before the screen is laid out).
        assert set(visible) <= set(results.snippets)
        assert len(results.snippets) <= ResultList.rows_in_height(30) < len(results.hits)
        await pilot.press("G")
        await settle(pilot)
        assert len(results.hits) - 1 in results.snippets
        assert len(results.snippets) < len(results.hits)


async def test_keys_typed_in_one_burst_after_slash_go_to_the_bar(
    built: tuple[Path, Path],
    main_screen,
    opened,
    settle,
) -> None:
    """A paste, a script or a fast typist: nothing waits between `/` and the query's keys."""
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        for char in "/tan son hoa":
            key = {"/": "slash", " ": "space"}.get(char, char)
            app.post_message(events.Key(key, char))
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        assert screen.bar.input.value == "tan son hoa"
        assert screen.results.hits[0].id == "101_tansonhoa"
        assert app.focused is screen.results
        await pilot.press("slash", "ctrl+u", *"68-NQ/TW", "enter")
        await settle(pilot)
        assert screen.bar.input.value == "68-NQ/TW"  # "/" types in the bar
        assert [h.id for h in screen.results.hits] == ["104_vanhoa"]


async def test_a_result_for_a_query_no_longer_in_the_bar_is_dropped(
    built: tuple[Path, Path],
    main_screen,
    opened,
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        shown = [h.id for h in screen.results.hits]
        stale = screen.engine.search("tan son hoa")
        stale_key = ("tan son hoa", None, "relevance", None)
        screen._search_done(stale_key, Answer(stale, {}), None)  # the bar is empty
        assert [h.id for h in screen.results.hits] == shown
        screen._search_failed(("AND", None, "relevance"), "stale error")
        assert not screen.bar.query_one("#status").has_class("-error")


async def test_reindex_picks_up_a_new_article(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    corpus, index_dir = built
    async with opened(index_dir) as pilot:
        app = pilot.app
        (corpus / "109_new.txt").write_text(
            " date 2026-05-01 Phường An Phú mở thư viện mới.\n\nTHU HÀ", "utf-8"
        )
        app.action_reindex()
        await settle(pilot)
        screen = main_screen(app)
        assert screen.wards.total == 9
        assert screen.results.hits[0].id == "109_new"


async def test_the_next_keys_results_repaint_only_the_rows_that_changed(
    tmp_path: Path, main_screen, reader, settle, write_corpus, monkeypatch
) -> None:
    """Issue 13: a results row's lines are kept by what they show, so a new result that lists
    the same rows (the next key's, mostly) makes no strip for them, and one whose first two
    rows swapped makes theirs only."""
    from dataclasses import replace

    from phuong_reader.tui.widgets import result_list

    made: list[str] = []
    real = result_list.fast_line_strip
    monkeypatch.setattr(
        result_list,
        "fast_line_strip",
        lambda w, line, *a: made.append(line.plain) or real(w, line, *a),
    )
    corpus = write_corpus(tmp_path / "corpus")
    update_index(corpus, tmp_path / "index")
    async with reader(tmp_path / "index").run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        screen.set_focus(screen.bar.input)
        await pilot.press(*"phuong")
        await settle(pilot)
        results = screen.results
        result, snippets = results.result, dict(results.snippets)
        assert len(result.hits) >= 3 and {0, 1, 2} <= set(snippets)
        made.clear()
        results.show(result, None, snippets)  # a new result of the same rows
        await settle(pilot)
        assert results.painted_generation == results.generation and made == []
        first, second, *rest = result.hits
        swapped = replace(result, hits=[second, first, *rest])
        results.show(swapped, None, {**snippets, 0: snippets[1], 1: snippets[0]})
        await settle(pilot)
        assert len(made) == 2 * result_list.ROW_HEIGHT  # rows 0 and 1, two lines each
