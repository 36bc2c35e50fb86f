"""Item 6: the corpus reader over random bytes and random Vietnamese-like text never raises (a
file that is not text becomes a Skipped), and every span it produces (blocks, ward mentions,
extraction spans) lies inside the text it refers to, as does what the index stores of it. (The
reader's highlights of the same texts: tests/reader/test_robust_highlight_fuzz.py; the text
strategy: ``vietnamese_text`` in tests/fixtures/strategies.py.)"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phuong_reader.index.build.corpus import ReadArticle, read_article
from phuong_reader.index.build.scan import CorpusFile, Skipped, file_hash
from phuong_reader.index.build.schema import stored_article, to_document
from phuong_reader.index.entities.pipeline import parse_article, to_record
from phuong_reader.index.errors import UndecodableError
from phuong_reader.index.text.decoding import decode_article

FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258", "latin-1"]
Unsafe = Callable[[str], list[str]]


def any_bytes(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Random bytes, ``text`` in any encoding, text and bytes mixed, or a byte-order mark or
    file signature followed by anything."""
    return st.one_of(
        st.binary(max_size=3000),
        st.builds(
            lambda text, encoding: text.encode(encoding, errors="replace"),
            text,
            st.sampled_from(ENCODINGS),
        ),
        st.lists(st.one_of(text.map(str.encode), st.binary(max_size=20)), max_size=20).map(
            b"".join
        ),
        st.builds(
            lambda head, rest: head + rest,
            st.sampled_from(
                [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"\x89PNG"]
            ),
            st.binary(max_size=500),
        ),
    )


@settings(FUZZ, max_examples=1000)
@given(data=st.data())
def test_decoding_any_bytes_gives_clean_text_or_a_reason(
    vietnamese_text: st.SearchStrategy[str], unsafe: Unsafe, data: st.DataObject
) -> None:
    raw = data.draw(any_bytes(vietnamese_text), label="bytes")
    try:
        decoded = decode_article(raw)
    except UndecodableError as exc:
        assert str(exc)
        return
    assert unsafe(decoded.text) == []
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert "\r" not in decoded.text


@settings(FUZZ, max_examples=500)
@given(data=st.data())
def test_reading_any_file_gives_an_article_or_a_skip(
    tmp_path_factory: pytest.TempPathFactory,
    vietnamese_text: st.SearchStrategy[str],
    data: st.DataObject,
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzzed.txt"
    path.write_bytes(data.draw(any_bytes(vietnamese_text), label="bytes"))
    result = read_article(CorpusFile("fuzzed", str(path), file_hash(path)))
    assert isinstance(result, ReadArticle | Skipped)
    if isinstance(result, Skipped):
        assert result.reason
    else:
        check_spans(result)


@settings(FUZZ, max_examples=1000)
@given(data=st.data())
def test_parsing_any_text_keeps_every_span_inside_it(
    vietnamese_text: st.SearchStrategy[str], data: st.DataObject
) -> None:
    decoded = decode_article(data.draw(vietnamese_text, label="text").encode())
    check_spans(ReadArticle(parse_article(decoded.text, "x", "x.txt"), "h", "utf-8"))


def check_spans(read: ReadArticle) -> None:
    """Blocks in order and apart, every mention and span inside the text, and what the index
    stores of it inside the stored text."""
    article = read.article
    text, size = article.text, len(article.text)
    previous_end = 0
    for block in article.blocks:
        assert previous_end <= block.start < block.end <= size, block
        previous_end = block.end
    for mention in article.ward_mentions:
        assert 0 <= mention.start < mention.end <= size  # (its text may be normalised:
        assert text[mention.start : mention.end].strip()  # "phường15" is "phường 15")
    for span in article.extraction.spans:
        assert 0 <= span.start < span.end <= size, span
    assert article.title is not None
    to_record(article)
    document = to_document(read)
    assert document["id"] == "x" or document["id"] == article.id
    stored = stored_article(read)
    for start, end, _ in stored["spans"]:
        assert 0 <= start < end <= len(stored["text"])
    for _, start, end in stored["blocks"]:
        assert 0 <= start <= end <= len(stored["text"])


def test_the_article_fuzz_reads_real_folders_too() -> None:
    """The same checks over the bundled sample corpus: the fuzz's oracle accepts real input."""
    from phuong_reader.index.build.corpus import bundled_corpus, read_corpus

    results = list(read_corpus(bundled_corpus()))
    assert results and all(isinstance(r, ReadArticle) for r in results)
    for result in results:
        check_spans(result)  # type: ignore[arg-type]
