"""Command palette providers for choices that need a list: a ward, an article id (the
palettes they open in are in ``palette``)."""

from __future__ import annotations

import asyncio
from functools import partial

from phuong_reader.index import MAX_LIMIT
from phuong_reader.index import Hit as SearchHit
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.safe import visible
from phuong_reader.tui.screens.main import MainScreen
from phuong_reader.tui.wardmatch import WardKeys, former_of, matches, name_keys, typed_key
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

MAX_HITS = 40
ALL_WARDS = N_("All wards")  # shown translated (_choices)
YIELD_EVERY = 32  # wards compared between two chances for the event loop to take a key


def _main(provider: Provider) -> MainScreen | None:
    main = getattr(provider.app, "main_screen", None)
    return main if isinstance(main, MainScreen) else None


class LoadsOnce(Provider):
    """A provider whose ``startup`` (loading what it searches, once a palette) survives the
    search that was waiting for it being cancelled. Textual's provider awaits the loading task
    itself, so a key typed while it ran cancelled the loading with the stale search, and every
    later search of that palette found nothing."""

    async def _wait_init(self) -> None:
        if self._init_task is not None:
            await asyncio.shield(self._init_task)  # a cancelled search leaves it running
        self._init_task = None


class WardProvider(LoadsOnce):
    """Go to ward…: accent-insensitive, initials work (`tsh`), former names too (`hiep phu`).

    The names are folded once (``startup``, in a thread); a key then costs one fold of what was
    typed and string comparisons, and the loop is given back every ``YIELD_EVERY`` wards, so
    the palette can cancel a search that a newer key made stale."""

    async def startup(self) -> None:
        main = _main(self)
        wards = [] if main is None else [(w.name, w.count) for w in main.wards.wards]
        self.choices: list[tuple[str | None, str, WardKeys]] = await asyncio.to_thread(
            _choices, wards
        )

    async def search(self, query: str) -> Hits:
        main = _main(self)
        if main is None:
            return
        typed = typed_key(query)
        found = 0
        for number, (ward, label, keys) in enumerate(self.choices, 1):
            if number % YIELD_EVERY == 0:
                await asyncio.sleep(0)
            was = None
            if not matches(keys.name, typed):
                was = None if ward is None else former_of(keys, typed)
                if was is None:
                    continue
            shown = f"{was[0]}, {was[1]} → now {label}" if was else label
            yield Hit(1.0 - found / 1000, Content(shown), partial(main.choose_ward, ward))
            found += 1
            if found >= MAX_HITS:
                return

    async def discover(self) -> Hits:
        async for hit in self.search(""):
            yield DiscoveryHit(hit.match_display, hit.command)


def _choices(wards: list[tuple[str, int]]) -> list[tuple[str | None, str, WardKeys]]:
    """(ward, label, folded names) for "All wards" and each ward (run in a thread)."""
    every = _(ALL_WARDS)
    choices: list[tuple[str | None, str, WardKeys]] = [(None, every, name_keys(every))]
    choices += [(name, f"{name} ({count})", name_keys(name)) for name, count in wards]
    return choices


class ArticleProvider(LoadsOnce):
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
