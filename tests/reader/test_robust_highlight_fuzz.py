"""Item 6 in the reader: random Vietnamese-like text, once read and stored by the engine, is
drawn with every highlight inside the text and no character that could drive the terminal.
(The engine's side: tests/engine/test_robust_article_fuzz.py; the text strategy:
``vietnamese_text`` in tests/fixtures/strategies.py.)"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phuong_reader.index.build.corpus import ReadArticle, bundled_corpus, read_corpus
from phuong_reader.index.build.schema import stored_article
from phuong_reader.index.entities.pipeline import parse_article
from phuong_reader.index.model import Person, QueryTerms, Span, StoredArticle, StoredBlock
from phuong_reader.index.text.decoding import decode_article
from phuong_reader.tui.highlight import render_article

FUZZ = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
Unsafe = Callable[[str], list[str]]


def as_stored(read: ReadArticle) -> StoredArticle:
    """What the reader gets back from the index for this article."""
    article = read.article
    stored = stored_article(read)
    return StoredArticle(
        id=article.id,
        path=article.path,
        date=None,
        ward=article.primary_ward,
        wards=list(stored["wards"]),
        title=stored["title"],
        text=stored["text"],
        blocks=[StoredBlock(*b) for b in stored["blocks"]],
        spans=[Span(s, e, k) for s, e, k in stored["spans"]],
        persons=[Person(n, r) for n, r in stored["persons"]],
        figures=list(stored["figures"]),
    )


def check_highlights(read: ReadArticle, unsafe: Unsafe) -> None:
    """Drawn with the article's first words as the query: matches inside, nothing unsafe."""
    view = as_stored(read)
    words = tuple(w for w in view.text.lower().split()[:3] if w.isalpha())
    rendered = render_article(view, QueryTerms(words=words), current_match=0)
    for start, end in rendered.matches:
        assert 0 <= start < end <= len(rendered.content.plain)
    assert unsafe(rendered.content.plain) == []


@settings(FUZZ, max_examples=1000)
@given(data=st.data())
def test_any_text_is_drawn_with_its_highlights_inside_it(
    vietnamese_text: st.SearchStrategy[str], unsafe: Unsafe, data: st.DataObject
) -> None:
    decoded = decode_article(data.draw(vietnamese_text, label="text").encode())
    check_highlights(ReadArticle(parse_article(decoded.text, "x", "x.txt"), "h", "utf-8"), unsafe)


def test_the_highlight_fuzz_draws_real_folders_too(unsafe: Unsafe) -> None:
    """The same checks over the bundled sample corpus: the fuzz's oracle accepts real input."""
    results = list(read_corpus(bundled_corpus()))
    assert results and all(isinstance(r, ReadArticle) for r in results)
    for result in results:
        check_highlights(result, unsafe)  # type: ignore[arg-type]
