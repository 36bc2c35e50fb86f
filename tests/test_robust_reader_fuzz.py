"""Item 6: the corpus reader over random bytes and random Vietnamese-like text never raises
(a file that is not text becomes a Skipped), and every span it produces (blocks, ward mentions,
extraction spans, the reader's highlights) lies inside the text it refers to."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phuong_reader.index.build.corpus import (
    CorpusFile,
    ReadArticle,
    Skipped,
    file_hash,
    read_article,
)
from phuong_reader.index.build.schema import stored_article, to_document
from phuong_reader.index.entities.gazetteer import load_gazetteer
from phuong_reader.index.entities.pipeline import parse_article, to_record
from phuong_reader.index.errors import UndecodableError
from phuong_reader.index.model import Person, QueryTerms, Span, StoredArticle, StoredBlock
from phuong_reader.index.text.decoding import decode_article
from phuong_reader.tui.highlight import render_article
from test_robust_support import UNSAFE_RE

FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
UNITS = [u.name for u in load_gazetteer().units]
WORDS = [
    "phường",
    "Phường",
    "xã",
    "Xã",
    "P.",
    "đặc khu",
    "Côn Đảo",
    "cũ",
    "trong đó có",
    "phường 10",
    "Ông",
    "Bà",
    "Bí thư",
    "Đảng ủy",
    "UBND",
    "MTTQ",
    "Chủ tịch",
    "đồng chí",
    "Nguyễn",
    "Văn",
    "Thị",
    "Lê",
    "Trần",
    "đường",
    "Võ Văn Kiệt",
    "Ngày",
    "Sáng",
    "15-1",
    "30/4",
    "2026",
    "năm",
    "98%",
    "99,98%",
    "24,661",
    "tỷ đồng",
    "tập thể",
    "hộ",
    "68-NQ/TW",
    "0909.123.456",
    "lần thứ",
    "XIV",
    "khu phố",
    "12",
    "hoà",
    "thuỷ",
    "Uỷ",
    "- Ảnh 1.",
    "IMG_1234.JPG",
    "Thời sự > Đảng",
    "Đường dây nóng:",
    ".",
    ",",
    ";",
    ":",
    "…",
    "(",
    ")",
    '"',
    "“",
    "”",
    "–",
    "-",
    "date",
    " date 2026-01-20 ",
    " date 2026-13-40 ",
    "MINH ANH",
]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\t", "  ", "\u200b", "\x1b[2J", "\ufeff"]
VIETNAMESE = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(UNITS),
        st.sampled_from(SEPARATORS),
        st.text(
            alphabet="aăâeêioôơuưyđAĂÂĐáàảãạấầẩẫậếềểễệóòỏõọớờởỡợúùủũụứừửữự0123456789", max_size=8
        ),
    ),
    max_size=120,
).map("".join)
TEXT = st.one_of(VIETNAMESE, VIETNAMESE.map(lambda t: unicodedata.normalize("NFD", t)), st.text())
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258", "latin-1"]
BYTES = st.one_of(
    st.binary(max_size=3000),
    st.builds(
        lambda text, encoding: text.encode(encoding, errors="replace"),
        TEXT,
        st.sampled_from(ENCODINGS),
    ),
    st.lists(st.one_of(VIETNAMESE.map(str.encode), st.binary(max_size=20)), max_size=20).map(
        b"".join
    ),
    st.builds(
        lambda head, rest: head + rest,
        st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"\x89PNG"]),
        st.binary(max_size=500),
    ),
)


@settings(FUZZ, max_examples=1000)
@given(data=BYTES)
def test_decoding_any_bytes_gives_clean_text_or_a_reason(data: bytes) -> None:
    try:
        decoded = decode_article(data)
    except UndecodableError as exc:
        assert str(exc)
        return
    assert UNSAFE_RE.search(decoded.text) is None
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert "\r" not in decoded.text


@settings(FUZZ, max_examples=500)
@given(data=BYTES)
def test_reading_any_file_gives_an_article_or_a_skip(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzzed.txt"
    path.write_bytes(data)
    result = read_article(CorpusFile("fuzzed", path, file_hash(path)))
    assert isinstance(result, ReadArticle | Skipped)
    if isinstance(result, Skipped):
        assert result.reason
    else:
        check_spans(result)


@settings(FUZZ, max_examples=1000)
@given(text=TEXT)
def test_parsing_any_text_keeps_every_span_inside_it(text: str) -> None:
    decoded = decode_article(text.encode())
    check_spans(ReadArticle(parse_article(decoded.text, "x", "x.txt"), "h", "utf-8"))


def check_spans(read: ReadArticle) -> None:
    """Blocks in order and apart, every mention and span inside the text, and what the index
    stores and the reader draws from it consistent."""
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
    view = StoredArticle(
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
    words = tuple(w for w in text.lower().split()[:3] if w.isalpha())
    rendered = render_article(view, QueryTerms(words=words), current_match=0)
    for start, end in rendered.matches:
        assert 0 <= start < end <= len(rendered.content.plain)
    assert UNSAFE_RE.search(rendered.content.plain) is None


def test_the_reader_fuzz_reads_real_folders_too(tmp_path: Path) -> None:
    """The same checks over the bundled sample corpus: the fuzz's oracle accepts real input."""
    from phuong_reader.index.build.corpus import bundled_corpus, read_corpus

    results = list(read_corpus(bundled_corpus()))
    assert results and all(isinstance(r, ReadArticle) for r in results)
    for result in results:
        check_spans(result)  # type: ignore[arg-type]
