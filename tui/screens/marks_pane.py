"""The main screen's marks: read state, bookmarks, export and copy (a mixin of ``MainScreen``).

- Read: an article shown for ``READ_SECONDS``, or scrolled, is read; read rows are dimmed;
  ``u`` toggles the highlighted result; ``U`` puts ``is:unread`` in the query or takes it out.
- ``m`` bookmarks the open article with an optional note (again: edits the note); ``M`` lists
  the bookmarks (filter, Enter opens, Delete removes); ``is:bookmarked`` in queries.
- ``e`` exports the results, or the open article when the article pane has the focus, to
  Markdown, CSV or JSON in a folder chosen once (remembered with the reader's state).
- ``y`` copies the highlighted result's citation, or in the article the paragraph at the top of
  the view, through the terminal's clipboard (OSC 52): on this key only.

The marks live in ``tui.marks`` (SQLite in the user data dir, per corpus); a failure to write
them is said in a notification and loses nothing else.
"""

from __future__ import annotations

import re
import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from phuong_reader.index import Hit, MarkSource, StoredArticle
from phuong_reader.tui.export import ExportError, export_article, export_results
from phuong_reader.tui.handover import hand_over
from phuong_reader.tui.i18n import _
from phuong_reader.tui.marks import Marks, MarksError
from phuong_reader.tui.screens.bookmarks import BookmarksScreen, ExportDialog, NoteDialog
from phuong_reader.tui.widgets.result_list import NO_SNIPPET
from textual.timer import Timer

if TYPE_CHECKING:
    from phuong_reader.tui.state import ReaderState
    from phuong_reader.tui.widgets.article_view import ArticleView
    from phuong_reader.tui.widgets.result_list import ResultList
    from phuong_reader.tui.widgets.search_bar import SearchBar

READ_SECONDS = 3.0
UNREAD = "is:unread"
DEFAULT_EXPORTS = Path("~/phuong-exports")


class MarksPane:
    """Read marks, bookmarks, export and copy for the main screen."""

    if TYPE_CHECKING:
        state: ReaderState
        results: ResultList
        article: ArticleView
        bar: SearchBar
        app: Any
        focused: Any

        def notify(self, message: str, **kwargs: Any) -> None: ...
        def watch(self, obj: Any, name: str, callback: Any, init: bool = True) -> None: ...
        def set_timer(self, delay: float, callback: Any) -> Timer: ...
        def run_search(self, keep: str | None = None, typed: bool = False) -> None: ...
        def open_article(self, article_id: str) -> None: ...

    _marks: Marks | None = None
    _read_timer: Timer | None = None
    _read: dict[str, str] | None = None  # article id → content hash read

    # -- the store ---------------------------------------------------------------------------

    @property
    def marks(self) -> Marks:
        """This corpus's marks, opened on first use, from any thread (a notice says if the
        file was damaged and set aside)."""
        if self._marks is None:
            self._marks = Marks.open(self.state.corpus)
            if self._marks.notice:
                say = partial(self.notify, self._marks.notice, severity="warning", timeout=8)
                if threading.get_ident() == self.app._thread_id:
                    say()
                else:
                    hand_over(self, say)
        return self._marks

    def read_pairs(self) -> dict[str, str]:
        """Article id → content hash read (kept here, updated as marks are set)."""
        if self._read is None:
            self._read = dict(self.marks.read_pairs())
        return self._read

    @property
    def mark_source(self) -> MarkSource:
        """What a search's ``is:`` terms are answered by (copies: a worker reads them)."""
        return _Source(self)

    def hit_is_read(self, hit: Hit) -> bool:
        """For the results list: is this hit's article, as it is now, read?"""
        return bool(hit.content_hash) and self.read_pairs().get(hit.id) == hit.content_hash

    def _set_read(self, article_id: str, content_hash: str, read: bool) -> None:
        try:
            self.marks.set_read(article_id, content_hash, read)
        except MarksError as exc:
            self.notify(
                _("Could not save the read mark: {error}").format(error=exc), severity="error"
            )
            return
        pairs = self.read_pairs()
        if read:
            pairs[article_id] = content_hash
        else:
            pairs.pop(article_id, None)
        self.results.refresh_hit(article_id)

    # -- read state --------------------------------------------------------------------------

    def watch_reading(self) -> None:
        """On mount: read rows dimmed, a scrolled article read."""
        self.results.read_of = self.hit_is_read
        self.watch(self.article.scroller, "scroll_y", self._article_scroll, init=False)

    def _article_scroll(self, old: float, new: float) -> None:
        if new > 0:
            self.article_scrolled()

    def article_shown(self, article: StoredArticle) -> None:
        """An article is on screen: read once it stays ``READ_SECONDS`` (or is scrolled)."""
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = self.set_timer(READ_SECONDS, lambda: self._read_now(article))

    def article_scrolled(self) -> None:
        article = self.article.article
        if article is not None:
            self._read_now(article)

    def _read_now(self, article: StoredArticle) -> None:
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None
        if self.article.article is not article or not article.content_hash:
            return
        if self.read_pairs().get(article.id) != article.content_hash:
            self._set_read(article.id, article.content_hash, True)

    def action_toggle_read(self) -> None:
        hit = self._highlighted_hit()
        if hit is None or not hit.content_hash:
            return
        read = not self.hit_is_read(hit)
        self._set_read(hit.id, hit.content_hash, read)
        said = _("Read: {title}") if read else _("Unread: {title}")
        self.notify(said.format(title=hit.title), timeout=2, markup=False)

    def action_unread_only(self) -> None:
        """Put ``is:unread`` in the query, or take it out."""
        bar = self.bar.input
        words = bar.value.split()
        if UNREAD in words:
            bar.value = " ".join(w for w in words if w != UNREAD)
        else:
            bar.value = " ".join([*words, UNREAD])
        self.run_search()

    def _highlighted_hit(self) -> Hit | None:
        row = self.results.highlighted
        return self.results.hits[row] if row is not None else None

    # -- bookmarks ---------------------------------------------------------------------------

    def action_bookmark(self) -> None:
        article = self.article.article
        if article is None:
            self.notify(_("Open an article to bookmark it."), timeout=3)
            return
        existing = self._bookmark_of(article.id)

        def save(note: str | None) -> None:
            if note is None:
                return
            try:
                self.marks.bookmark(
                    article.id,
                    article.content_hash,
                    note,
                    title=article.title,
                    date=article.date or article.date_inferred,
                    ward=article.ward,
                )
            except MarksError as exc:
                failed = _("Could not save the bookmark: {error}").format(error=exc)
                self.notify(failed, severity="error")
                return
            saved = _("Bookmarked: {title}").format(title=article.title)
            self.notify(saved, timeout=3, markup=False)

        note = existing.note if existing is not None else ""
        self.app.push_screen(NoteDialog(article.title, note, existing is not None), save)

    def _bookmark_of(self, article_id: str) -> Any:
        try:
            return self.marks.bookmark_of(article_id)
        except MarksError:
            return None

    def action_bookmarks(self) -> None:
        def chosen(article_id: str | None) -> None:
            if article_id is not None:
                self.open_article(article_id)

        def remove(article_id: str) -> None:
            try:
                self.marks.unbookmark(article_id)
            except MarksError as exc:
                failed = _("Could not remove the bookmark: {error}").format(error=exc)
                self.notify(failed, severity="error")

        self.app.push_screen(BookmarksScreen(self.marks.bookmarks(), remove), chosen)

    # -- export and copy ---------------------------------------------------------------------

    def action_export(self) -> None:
        article = self.article.article if self._in_article() else None
        result = self.results.result
        if article is None and (result is None or not result.hits):
            self.notify(_("Nothing to export: no results."), timeout=3)
            return
        if article is not None:
            what = _("The article {id}").format(id=article.id)
        else:
            assert result is not None
            n, query = len(result.hits), self.bar.input.value.strip()
            what = _("{n} results of “{query}”").format(n=n, query=query)
        folder = Path(self.state.export_dir or DEFAULT_EXPORTS)

        def export(answer: tuple[str, Path] | None) -> None:
            if answer is None:
                return
            fmt, where = answer
            try:
                where.mkdir(parents=True, exist_ok=True)
                if article is not None:
                    path = export_article(where, fmt, article)
                else:
                    assert result is not None
                    snippets = [
                        self.results.snippets.get(i, NO_SNIPPET) for i in range(len(result.hits))
                    ]
                    path = export_results(
                        where, fmt, self.bar.input.value.strip(), result.hits, snippets
                    )
            except (ExportError, OSError) as exc:
                failed = _("Export failed: {error}").format(error=exc)
                self.notify(failed, severity="error", markup=False)
                return
            self.state.export_dir, self.state.export_format = str(where), fmt
            self.notify(_("Exported to {path}").format(path=path), timeout=6, markup=False)

        self.app.push_screen(
            ExportDialog(what, folder.expanduser(), self.state.export_format), export
        )

    def action_copy(self) -> None:
        if self._in_article() and self.article.article is not None:
            text = self._paragraph_in_view()
            copied = _("Copied the paragraph ({n} characters).")
        else:
            hit = self._highlighted_hit()
            if hit is None:
                return
            text, copied = citation(hit), _("Copied the citation ({n} characters).")
        if text:
            self.app.copy_to_clipboard(text)
            self.notify(copied.format(n=len(text)), timeout=3)

    def _in_article(self) -> bool:
        focused = self.focused
        return focused is not None and focused in self.article.walk_children()

    def _paragraph_in_view(self) -> str:
        text = self.article.text
        if text is None or not text.lines:
            return ""
        line = min(int(self.article.scroller.scroll_y), len(text.starts) - 1)
        offset = text.starts[line]
        part = max(
            (p for p in text.parts if p.offset <= offset), key=lambda p: p.offset, default=None
        )
        return re.sub(r"\s+", " ", part.content.plain).strip() if part is not None else ""


class _Source:
    def __init__(self, pane: MarksPane) -> None:
        self.pane = pane

    def read_pairs(self) -> dict[str, str]:
        return dict(self.pane.read_pairs())

    def bookmarked_ids(self) -> frozenset[str]:
        return self.pane.marks.bookmarked_ids()


def citation(hit: Hit) -> str:
    """Title — date — ward — id: what a reporter pastes to cite the article."""
    parts = (hit.title, hit.date or _("undated"), hit.ward or "", hit.id)
    return " — ".join(p for p in parts if p)
