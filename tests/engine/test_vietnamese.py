"""Normalisation and tokenisation: the forms that decide what matches what."""

import unicodedata
from collections.abc import Mapping

import pytest
from phuong_reader.index.lang import analysis
from phuong_reader.index.lang.analysis import (
    TOKEN_RE,
    exact_analyzer,
    folded_analyzer,
    folded_tokens,
    iter_tokens,
)
from phuong_reader.index.lang.vietnamese import exact_form, fold, folded_form, nfc, normalize_tones


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("Uỷ", "Ủy"),
        ("khoẻ", "khỏe"),
        ("Phú Thọ Hoà", "Phú Thọ Hòa"),
        ("hoạ", "họa"),
        ("tuý", "túy"),
    ],
)
def test_old_tone_placement_becomes_new(old: str, new: str) -> None:
    assert normalize_tones(old) == new


@pytest.mark.parametrize("word", ["hoàng", "toán", "quý", "quỳnh", "hòa", "thủy", "khuya", "hoài"])
def test_words_spelt_the_same_in_both_styles_are_unchanged(word: str) -> None:
    assert normalize_tones(word) == word


def test_fold_strips_every_mark_and_maps_d() -> None:
    assert folded_form("Đảng ủy phường Tân Sơn Hòa") == "dang uy phuong tan son hoa"
    assert fold("Ưu ái Ờ") == "Uu ai O"


def test_forms_keep_length_so_offsets_hold(articles: Mapping[str, str]) -> None:
    text = articles["105_phuthohoa"]
    assert len(normalize_tones(text)) == len(text)
    assert len(fold(text)) == len(text)


def test_exact_form_distinguishes_accents_folded_does_not() -> None:
    assert exact_form("Hòa") != exact_form("Hóa")
    assert folded_form("Hòa") == folded_form("Hóa") == "hoa"
    assert exact_form("HOÀ") == "hòa"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Nghị quyết 68-NQ/TW của Bộ", ["nghị", "quyết", "68-nq/tw", "của", "bộ"]),
        ("có 2.461 đảng viên", ["có", "2.461", "đảng", "viên"]),
        ("24,661 tỷ đồng", ["24,661", "tỷ", "đồng"]),
        ("đạt 201,83%.", ["đạt", "201,83%"]),
        ("98%, 99,98%", ["98%", "99,98%"]),
        ("32/33 nội dung, 10-12 đảng viên", ["32/33", "nội", "dung", "10-12", "đảng", "viên"]),
        ("năm 2025, phường", ["năm", "2025", "phường"]),
        ("văn hóa - xã hội", ["văn", "hóa", "xã", "hội"]),
    ],
)
def test_tokens_keep_codes_and_vietnamese_numbers_whole(text: str, tokens: list[str]) -> None:
    assert [t for t, _, _ in iter_tokens(text)] == tokens


def test_token_offsets_point_at_the_original_text() -> None:
    text = "Phường Tân Sơn Hoà"
    for term, start, end in iter_tokens(text, folded=True):
        assert folded_form(text[start:end]) == term


@pytest.mark.parametrize("analyzer", [exact_analyzer(), folded_analyzer()])
def test_nfd_input_gives_the_same_tokens_as_nfc(analyzer, articles: Mapping[str, str]) -> None:
    for text in articles.values():
        decomposed = unicodedata.normalize("NFD", text)
        assert decomposed != text
        nfc_tokens = [t.text for t in analyzer(text)]
        nfd_tokens = [t.text for t in analyzer(decomposed)]
        assert nfc_tokens == nfd_tokens
        assert all(unicodedata.is_normalized("NFC", t) for t in nfc_tokens)


def test_analyzers_survive_pickling() -> None:
    import pickle

    analyzer = folded_analyzer()
    copy = pickle.loads(pickle.dumps(analyzer))
    assert copy == analyzer
    assert [t.text for t in copy("Tân Sơn Hòa")] == ["tan", "son", "hoa"]


def assert_folded_tokens_agree(text: str) -> None:
    """Snippets scan articles with ``folded_tokens``: it must agree with the analyzer."""
    folded, spans = folded_tokens(nfc(text))
    assert list(zip(folded, spans, strict=True)) == [
        (term, (start, end)) for term, start, end in iter_tokens(nfc(text), folded=True)
    ]


def test_folded_tokens_equal_the_indexed_folded_tokens(
    articles: Mapping[str, str], article_id: str
) -> None:
    assert_folded_tokens_agree(articles[article_id])  # article_id: each fixture article


def test_folded_tokens_equal_the_indexed_folded_tokens_of_odd_letters() -> None:
    assert_folded_tokens_agree("Hoà Thuận ÐẢNG İstanbul 32/33 98%")


def whole_text_terms(text: str) -> tuple[list[str], list[str]]:
    """The exact and folded terms as normalising the whole text and slicing it gives them."""
    spans = [m.span() for m in TOKEN_RE.finditer(text)]
    exact_text = normalize_tones(text.lower())
    folded_text = fold(exact_text)
    return [exact_text[s:e] for s, e in spans], [folded_text[s:e] for s, e in spans]


ODD_BOUNDARIES = "Quỷ quỷ qoà Qoà 2.5hoà 15-hoà hoà-bình 98%uỷ hoà/thuỷ KHOẺ,Hoà. Uỷ_ban đ Đ"


def test_terms_made_token_by_token_equal_the_whole_text_normalised(
    articles: Mapping[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each token's forms are remembered (and forgotten when too many): the terms are those of
    the whole text normalised, at token boundaries too (a tone mark's placement looks at the
    letters before and after it)."""
    monkeypatch.setattr(analysis, "FORMS_MAX", 50)  # emptied many times over
    texts = [ODD_BOUNDARIES, *(nfc(text) for text in articles.values())]
    for text in texts + texts:  # the second time from what was remembered
        exact, folded, _ = analysis._token_table.__wrapped__(text)
        assert (exact, folded) == whole_text_terms(text)
    assert len(analysis._FORMS) <= 51


def test_units_sort_in_vietnamese_order_not_by_code_point() -> None:
    from phuong_reader.index.lang.vietnamese import sort_key

    names = ["Đa Kao", "Dĩ An", "Ông Lãnh", "Ô Môn", "Bàn Cờ", "Ân Thi", "An Phú", "Ưu", "Uông"]
    assert sorted(names, key=sort_key) == [
        "An Phú", "Ân Thi", "Bàn Cờ", "Dĩ An", "Đa Kao", "Ô Môn", "Ông Lãnh", "Uông", "Ưu",
    ]  # fmt: skip
    # Tones break ties only, in dictionary order: none, grave, hook, tilde, acute, dot.
    assert sorted(["ma", "mạ", "má", "mã", "mả", "mà"], key=sort_key) == [
        "ma", "mà", "mả", "mã", "má", "mạ",
    ]  # fmt: skip


def test_ward_counts_list_units_in_vietnamese_order(engine) -> None:
    from phuong_reader.index.lang.vietnamese import sort_key

    empty = [w.name for w in engine.ward_counts(include_empty=True) if w.count == 0]
    assert empty == sorted(empty, key=sort_key)
    assert empty.index("Dĩ An") < empty.index("Đông Hòa") < empty.index("Gia Định")
