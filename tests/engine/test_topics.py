"""Topic groups (index/lang/data/topics.txt): a query on a word of a topic also finds the articles
that say it with another word of its group, and the article using the word typed ranks first;
the other words are highlighted; excluding a word excludes that word only."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index import SearchEngine
from phuong_reader.index.lang import topics as topics_module
from phuong_reader.index.lang.topics import find_topics, load_groups, topic_term

TYPED, OTHER = "501_typed", "502_other"
BODY = " date 2026-03-0{day} Phường Tân Định ghi nhận {words} tại khu phố 3.\n\nTHU HÀ"


def _article(words: str, day: int = 1) -> str:
    return BODY.format(day=day, words=words)


def _ids(engine: SearchEngine, query: str) -> list[str]:
    return [h.id for h in engine.search(query).hits]


PAIRS = [  # (the word typed, another word of its group), each used alone by one article
    ('"ngập nước"', "triều cường"),
    ('"triều cường"', "ngập"),
    ("ngập", "mưa lớn"),
    ('"ngập úng"', "ngập sâu"),
    ('"hỏa hoạn"', "vụ cháy"),
    ('"vụ cháy"', "hỏa hoạn"),
    ("PCCC", "đám cháy"),
    ("kẹt xe", "ùn tắc"),
    ('"ùn tắc giao thông"', "kẹt xe"),
    ('"hộ nghèo"', "người nghèo"),
    ('"thủ tục hành chính"', "hành chính công"),
    ('"giải phóng mặt bằng"', "bàn giao mặt bằng"),
    ('"rác thải"', "chất thải"),
    ('"khám sức khỏe"', "khám sàng lọc"),
    ('"lấn chiếm vỉa hè"', "lòng lề đường"),
    ('"đại hội Đảng bộ"', "đại hội đại biểu Đảng bộ"),
    ("du lịch", "du khách"),
]


@pytest.mark.parametrize(("typed", "other"), PAIRS)
def test_a_topic_word_finds_the_other_words_and_ranks_itself_first(engine_for, typed, other):
    engine = engine_for({TYPED: _article(typed.strip('"')), OTHER: _article(other, day=2)})
    assert _ids(engine, typed) == [TYPED, OTHER]


def _group_terms() -> list[tuple[str, str]]:
    """(group label, term) for every term of the data file."""
    path = Path(topics_module.__file__).with_name("data") / "topics.txt"
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, _, terms = line.partition(":")
            out += [(label.strip(), term.strip()) for term in terms.split(" = ")]
    return out


@pytest.mark.parametrize("label", sorted({label for label, _ in _group_terms()}))
def test_every_term_of_a_group_finds_every_article_of_the_group(engine_for, label) -> None:
    terms = [term for group, term in _group_terms() if group == label]
    texts = {f"6{i:02d}_term": _article(term, day=1 + i % 9) for i, term in enumerate(terms)}
    texts["699_unrelated"] = _article("lễ khai giảng năm học mới")
    engine = engine_for(texts)
    for term in terms:
        found = _ids(engine, f'"{term}"')
        assert sorted(found) == sorted(set(texts) - {"699_unrelated"}), term
        assert term.lower() in texts[found[0]].lower(), (term, found)  # the word typed first


def test_a_phrase_inside_a_longer_quoted_phrase_is_not_expanded(engine_for) -> None:
    engine = engine_for({TYPED: _article("đợt triều cường"), OTHER: _article("ngập", day=2)})
    assert _ids(engine, '"đợt triều cường"') == [TYPED]
    assert _ids(engine, "triều cường") == [TYPED, OTHER]


def test_excluding_a_topic_word_excludes_that_word_only(engine_for) -> None:
    engine = engine_for({TYPED: _article("ngập"), OTHER: _article("triều cường", day=2)})
    assert _ids(engine, "phường -ngập") == [OTHER]
    assert _ids(engine, 'phường NOT "triều cường"') == [TYPED]


def test_bare_words_around_a_topic_term_stay_required(engine_for) -> None:
    engine = engine_for(
        {
            TYPED: _article("ùn tắc"),
            OTHER: _article("ùn tắc", day=2).replace("Tân Định", "Bến Thành"),
        }
    )
    assert _ids(engine, "kẹt xe Tân Định") == [TYPED]


def test_accents_decide_which_single_word_is_a_topics(engine_for) -> None:
    texts = {
        TYPED: _article("hỏa hoạn"),
        OTHER: _article("chạy bộ", day=2),  # "chạy" (run) folds to "chay", as "cháy" (fire) does
        "503_fire": _article("cháy", day=3),
    }
    engine = engine_for(texts)
    assert TYPED not in _ids(engine, "chạy")  # "chạy" (run) is no word of the fire group
    assert "503_fire" in _ids(engine, "chay")  # unaccented: every accent, as always…
    assert TYPED not in _ids(engine, "chay")  # …but no topic
    assert _ids(engine, '"hỏa hoạn"') == [TYPED, "503_fire"]  # "cháy" by its accents
    assert _ids(engine, "hoa hoan") == [TYPED]  # without accents: the words as typed


def test_the_other_words_are_highlighted(engine_for) -> None:
    engine = engine_for({TYPED: _article("triều cường"), OTHER: _article("ngập sâu", day=2)})
    result = engine.search('"triều cường"')
    snippet = engine.snippet(OTHER, result.terms)
    assert any("ngập" in snippet.text[s.start : s.end] for s in snippet.highlights)


def test_find_topics_takes_the_longest_run_and_gives_the_other_terms() -> None:
    tokens = [(t.exact[0], t.folded[0]) for t in map(topic_term, "mưa lớn phường ngập".split())]
    found = find_topics(tokens)
    assert [(start, end) for start, end, _ in found] == [(0, 2), (3, 4)]
    others = {" ".join(t.exact) for t in found[0][2]}
    assert "ngập" in others and "triều cường" in others and "mưa lớn" not in others
    assert load_groups()["flooding"][0] == topic_term("ngập")
