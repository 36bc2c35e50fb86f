"""Command palette providers for choices that need a list: a ward, an article id."""

from __future__ import annotations

import asyncio
from functools import partial

from phuong_reader.index import MAX_LIMIT
from phuong_reader.index import Hit as SearchHit
from phuong_reader.tui.safe import visible
from phuong_reader.tui.screens.main import MainScreen
from phuong_reader.tui.wardmatch import former_match, ward_matches
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

MAX_HITS = 40


def _main(provider: Provider) -> MainScreen | None:
    main = getattr(provider.app, "main_screen", None)
    return main if isinstance(main, MainScreen) else None


class WardProvider(Provider):
    """Go to ward…: accent-insensitive, initials work (`tsh`)."""

    async def search(self, query: str) -> Hits:
        main = _main(self)
        if main is None:
            return
        choices: list[tuple[str | None, str]] = [(None, "All wards")]
        choices += [(w.name, f"{w.name} ({w.count})") for w in main.wards.wards]
        found = 0
        for ward, label in choices:
            was = None if ward is None else former_match(ward, query)
            if ward_matches(ward or "All wards", query) or was:
                old = f"{was[0]}, {was[1]}" if was else ""
                shown = f"{old} → now {label}" if was and not ward_matches(ward, query) else label
                yield Hit(1.0 - found / 1000, Content(shown), partial(main.choose_ward, ward))
                found += 1
                if found >= MAX_HITS:
                    return

    async def discover(self) -> Hits:
        async for hit in self.search(""):
            yield DiscoveryHit(hit.match_display, hit.command)


class ArticleProvider(Provider):
    """Go to article by id…: ids containing what is typed, with their titles."""

    async def startup(self) -> None:
        main = _main(self)
        self.hits: list[SearchHit] = []
        if main is not None:
            result = await asyncio.to_thread(main.engine.search, "", limit=MAX_LIMIT)
            self.hits = result.hits

    async def search(self, query: str) -> Hits:
        main = _main(self)
        typed = query.strip().lower()
        if main is None or not typed:
            return
        found = [h for h in self.hits if typed in h.id.lower()]
        found.sort(key=lambda h: (h.id.lower().find(typed), h.id))
        for rank, hit in enumerate(found[:MAX_HITS]):
            yield Hit(
                1.0 - rank / 1000,
                Content(visible(hit.id)),
                partial(main.goto_article, hit.id),
                help=visible(hit.title),
            )
