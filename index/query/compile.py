"""Turn a parsed query into a Whoosh query that ranks the way a reader means it.

- every word matches its exact form (boosted) or its folded form, so accents rank first but are
  never required;
- words typed together score higher when they are adjacent (an optional phrase clause);
- a number followed by a word is a figure and must match as written ("3 tập thể" ≠ "33 tập thể");
- a word or phrase of a topic group (index/lang/data/topics.txt: "ngập" / "triều cường", "cháy" /
  "hỏa hoạn") also finds the articles that use another word of its group, at a lower boost;
- words that name a ward boost articles about that ward above articles that merely contain the
  syllables (Tân Sơn Hòa is not Tân Sơn Nhất); a former unit's name ("Hiệp Phú", "phường 10 quận
  6") boosts today's unit it became part of, and ``ward:`` accepts it too.
"""

from __future__ import annotations

from phuong_reader.index.entities.gazetteer import Gazetteer, load_gazetteer
from phuong_reader.index.entities.resolve import UnitMatch, resolve_unit
from phuong_reader.index.errors import QueryError
from phuong_reader.index.lang.analysis import iter_tokens, pairs
from phuong_reader.index.lang.equivalents import Form, find_classes, token_variants
from phuong_reader.index.lang.topics import TopicTerm, find_topics
from phuong_reader.index.lang.vietnamese import nfc
from phuong_reader.index.model import QueryTerms
from phuong_reader.index.query.parser import (
    And,
    DateField,
    EntityField,
    Node,
    Not,
    Phrase,
    WardField,
    Words,
)
from whoosh import query as wq

EXACT_BOOST = 1.6
PHRASE_BOOST = 3.0
OTHER_SPELLING_BOOST = 0.3  # "Ủy ban nhân dân" found for "UBND": below the spelling typed
TOPIC_BOOST = 0.5  # "triều cường" found for "ngập": another word of the topic, half the weight
PRIMARY_WARD_SCORE = 30.0
MENTIONED_WARD_SCORE = 6.0
MAX_WARD_WORDS = 7  # "xã Tân Thông Hội Củ Chi"


class _Terms:
    def __init__(self) -> None:
        self.words: list[str] = []
        self.prefixes: list[str] = []
        self.phrases: list[Form] = []  # other spellings of several words ("uy ban nhan dan")
        self.figures = True  # read "3 tập thể" as a figure

    def frozen(self) -> QueryTerms:
        return QueryTerms(
            tuple(dict.fromkeys(self.words)),
            tuple(dict.fromkeys(self.prefixes)),
            tuple(dict.fromkeys(self.phrases)),
        )

    def add_forms(self, forms: list[Form]) -> None:
        """Highlight every spelling: one-word forms as words, longer ones as phrases."""
        for form in forms:
            if len(form) == 1:
                self.words.append(form[0])
            else:
                self.phrases.append(form)


def compile_query(node: Node) -> tuple[wq.Query, QueryTerms]:
    """(the Whoosh query, the terms to highlight). Raises QueryError for an unusable query."""
    return _compile_all(node, figures=True)


def compile_as_words(node: Node) -> wq.Query:
    """The query with "10 quận" read as two words rather than the figure it looks like: the
    search's second reading, when the first finds nothing (an address, not a count)."""
    return _compile_all(node, figures=False)[0]


def _compile_all(node: Node, figures: bool) -> tuple[wq.Query, QueryTerms]:
    terms = _Terms()
    terms.figures = figures
    compiled = _compile(node, terms, negated=False, gaz=load_gazetteer())
    if compiled is None:
        raise QueryError("nothing to search for: the query has no words or numbers")
    return compiled, terms.frozen()


def resolve_ward(name: str) -> UnitMatch:
    """Today's unit(s) ``name`` means (a former name resolves to what it became part of);
    QueryError when it names none."""
    found = resolve_unit(name)
    if found is None or not found.units:
        raise QueryError(f'no ward, commune or special zone called "{name}", today or before 2025')
    return found


def ward_filter(place: UnitMatch, field: str = "ward_key") -> wq.Query:
    """Articles whose primary ward is one of ``place``'s units (see ``resolve_ward``); with
    ``field="wards_key"``, articles that name one at all."""
    return wq.Or([wq.Term(field, u.key) for u in place.units])


def unit_notes(node: Node | None, place: UnitMatch | None = None) -> tuple[str, ...]:
    """What the unit names of the query (and of the ward chosen, ``place``) mean when they are
    former ones ("Hiệp Phú → now part of Tăng Nhơn Phú"), for the reader and the CLI to say."""
    found = [place] if place is not None else []
    names: list[str] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, WardField):
            names.append(current.name)
        elif isinstance(current, Not):
            stack.append(current.child)
        elif hasattr(current, "children"):
            stack.extend(reversed(current.children))
    found += (resolve_unit(n) for n in names)
    return tuple(dict.fromkeys(m.note for m in found if m is not None and m.note))


def date_filter(start: str, end: str) -> wq.Query:
    """Articles dated in [start, end] (ISO strings; "" leaves that end open)."""
    return wq.TermRange("date", start or "0000-00-00", end or "9999-99-99")


def _compile(node: Node, terms: _Terms, negated: bool, gaz: Gazetteer) -> wq.Query | None:
    if isinstance(node, Words):
        return _words(node.words, terms, negated, gaz)
    if isinstance(node, Phrase):
        return _phrase(node.text, terms, negated, gaz)
    if isinstance(node, WardField):
        found = resolve_unit(node.name, gaz)
        if found is None or not found.units:
            raise QueryError(
                f'ward:"{node.name}": no ward, commune or special zone by that name, today or '
                "before 2025"
            )
        return wq.Or([_ward_boost(u.key) for u in found.units])
    if isinstance(node, EntityField):
        found = entity_query(node.field, node.text)
        if not negated:  # the person or organisation is marked in snippets and articles
            terms.add_forms([tuple(f for _, f in _analyse(node.text))])
        return found
    if isinstance(node, DateField):
        return wq.ConstantScoreQuery(date_filter(node.start, node.end), 0.0)
    if isinstance(node, Not):
        child = _compile(node.child, terms, not negated, gaz)
        return wq.Not(child) if child is not None else None
    children = [c for c in (_compile(c, terms, negated, gaz) for c in node.children) if c]
    if not children:
        return None
    if len(children) == 1:
        return children[0]
    return wq.And(children) if isinstance(node, And) else wq.Or(children)


def entity_query(field: str, text: str) -> wq.Query:
    """Articles naming the person (``field`` "person") or organisation ("org") ``text``."""
    folded = [f for _, f in _analyse(text)]
    if not folded:
        raise QueryError(f'{field}:"{text}" has no words to look for')
    field_name = "persons" if field == "person" else "orgs"
    if len(folded) == 1:
        return wq.Term(field_name, folded[0])
    return wq.Phrase(field_name, folded)


def _analyse(text: str) -> list[tuple[str, str]]:
    """(exact, folded) forms of each token of ``text``."""
    text = nfc(text)
    exact = [t for t, _, _ in iter_tokens(text)]
    folded = [t for t, _, _ in iter_tokens(text, folded=True)]
    return list(zip(exact, folded, strict=True))


def _exact_boosts(tokens: list[tuple[str, str]]) -> list[wq.Query]:
    """Optional clauses ranking exact-accent matches first (only accented words are indexed
    in the exact field; for the others the exact form is the folded one)."""
    return [wq.Term("body", e, boost=EXACT_BOOST) for e, f in tokens if e != f]


def _adjacent(tokens: list[tuple[str, str]]) -> wq.Query:
    """Documents where the tokens are adjacent: pair-term lookups, with a positional check only
    for phrases of three words or more (pairs can occur apart)."""
    folded = [f for _, f in tokens]
    pair_terms = [wq.Term("pairs", p) for p in pairs(folded)]
    if len(folded) == 2:
        return pair_terms[0]
    return wq.And([*pair_terms, wq.Phrase("body_folded", folded)])


def _words(words: tuple[str, ...], terms: _Terms, negated: bool, gaz: Gazetteer) -> wq.Query | None:
    required: list[wq.Query] = []
    tokens: list[tuple[str, str]] = []
    for word in words:
        if word.endswith("*") and word.strip("*"):
            prefix = _analyse(word.rstrip("*"))
            if len(prefix) == 1:
                exact, folded = prefix[0]
                required.append(wq.Or([wq.Prefix("body", exact), wq.Prefix("body_folded", folded)]))
                if not negated:
                    terms.prefixes.append(folded)
                continue
        tokens += _analyse(word)
    folded = [f for _, f in tokens]
    units = _units(folded)
    if not negated:
        terms.words += folded
        for _, _, forms in units:
            terms.add_forms(forms)
    clauses = [_any_form(forms) for _, _, forms in units]
    if not negated:
        clauses = _with_topics(tokens, units, clauses, terms)
    # Each clause once ("3 tập thể 3 tập thể …" must not build an And of hundreds of terms);
    # pairs and figures are taken from the full sequence, so adjacency keeps its meaning.
    required += list(dict.fromkeys(clauses))
    if terms.figures:
        required += list(dict.fromkeys(_figures(tokens)))
    if not required:
        return None
    core = required[0] if len(required) == 1 else wq.And(required)
    if negated:
        return core
    core = _or_former_unit(core, words, gaz)
    optional = list(dict.fromkeys(_exact_boosts(tokens))) + _ward_boosts(words, gaz)
    optional += [wq.Term("pairs", p, boost=PHRASE_BOOST) for p in dict.fromkeys(pairs(folded))]
    return wq.AndMaybe(core, wq.Or(optional)) if optional else core


def _phrase(text: str, terms: _Terms, negated: bool, gaz: Gazetteer) -> wq.Query | None:
    tokens = _analyse(text)
    if not tokens:
        return None
    folded = [f for _, f in tokens]
    spellings = _spellings(folded)
    if not negated:
        terms.words += folded
        for forms in spellings:
            terms.add_forms(forms)
    if len(spellings) == 1:  # the whole phrase is one spelling of a class ("ủy ban nhân dân")
        core = _any_form(spellings[0], typed_adjacent=True)
    else:
        core = wq.Term("body_folded", folded[0]) if len(tokens) == 1 else _adjacent(tokens)
    if negated:
        return core
    topics = find_topics(tokens)
    if len(topics) == 1 and topics[0][:2] == (0, len(tokens)):  # the whole phrase is a topic's
        if len(spellings) > 1 and len(tokens) > 2:  # by its pairs alone, as a long spelling is
            # (_any_form): a positional check in an Or cannot wait for the page, and checks
            # every candidate ("thủ tục hành chính": 1.3 s at 3,000 articles)
            core = wq.And([wq.Term("pairs", p) for p in pairs(folded)])
        core = wq.Or([core, *_topic_terms(topics[0][2], terms)])
    optional = _exact_boosts(tokens) + _ward_boosts(tuple(text.split()), gaz)
    return wq.AndMaybe(core, wq.Or(optional)) if optional else core


def _figures(tokens: list[tuple[str, str]]) -> list[wq.Query]:
    """A number and the word after it must be adjacent: "3 tập thể" is a figure, not two terms
    ("1000 tỷ" finds "1.000 tỉ": each side in any of its spellings)."""
    figures: list[wq.Query] = []
    for i, (_, number) in enumerate(tokens[:-1]):
        word = tokens[i + 1][1]
        if number[0].isdigit() and not word[0].isdigit():
            pairs_ = [
                wq.Term("pairs", f"{a} {b}")
                for a in token_variants(number)
                for b in token_variants(word)
            ]
            figures.append(pairs_[0] if len(pairs_) == 1 else wq.Or(pairs_))
    return figures


def _spellings(folded: list[str]) -> list[list[Form]]:
    """The query's words as units to match, each with its spellings (see ``_units``)."""
    return [forms for _, _, forms in _units(folded)]


def _units(folded: list[str]) -> list[tuple[int, int, list[Form]]]:
    """The query's words as units to match, (start, end, spellings with the typed one first):
    a run that is a form of a class ("ubnd", "uy ban nhan dan") is one unit, any other word
    its own, with its i/y and number spellings."""
    units: list[tuple[int, int, list[Form]]] = []
    classes = {start: (end, forms) for start, end, forms in find_classes(folded)}
    i = 0
    while i < len(folded):
        if i in classes:
            end, forms = classes[i]
            units.append((i, end, list(forms)))
            i = end
        else:
            units.append((i, i + 1, [(v,) for v in token_variants(folded[i])]))
            i += 1
    return units


def _with_topics(
    tokens: list[tuple[str, str]],
    units: list[tuple[int, int, list[Form]]],
    clauses: list[wq.Query],
    terms: _Terms,
) -> list[wq.Query]:
    """``clauses`` (one a unit) with the units that make a topic's term ("triều cường", "kẹt
    xe") joined into one clause that also accepts the other terms of its group. A run that
    starts or ends inside a unit is left alone."""
    starts = {start: k for k, (start, _, _) in enumerate(units)}
    ends = {end: k for k, (_, end, _) in enumerate(units)}
    out: list[wq.Query] = []
    k = 0
    for start, end, others in find_topics(tokens):
        if start not in starts or end not in ends or starts[start] < k:
            continue
        first, last = starts[start], ends[end]
        out += clauses[k:first]
        typed = clauses[first : last + 1]
        typed_clause = typed[0] if len(typed) == 1 else wq.And(typed)
        out.append(wq.Or([typed_clause, *_topic_terms(others, terms)]))
        k = last + 1
    return out + clauses[k:]


def _topic_terms(others: tuple[TopicTerm, ...], terms: _Terms) -> list[wq.Query]:
    """The other terms of a topic's group, each at TOPIC_BOOST (highlighted too): a word by its
    accented form where it has accents ("cháy", not "chạy"), several words by their pairs."""
    queries: list[wq.Query] = []
    for term in others:
        terms.add_forms([term.folded])
        if len(term.folded) == 1:
            exact, folded = term.exact[0], term.folded[0]
            field = "body" if exact != folded else "body_folded"
            queries.append(wq.Term(field, exact, boost=TOPIC_BOOST))
        else:
            form_pairs = pairs(list(term.folded))
            share = TOPIC_BOOST / len(form_pairs)
            queries.append(wq.And([wq.Term("pairs", p, boost=share) for p in form_pairs]))
    return queries


def _any_form(forms: list[Form], typed_adjacent: bool = False) -> wq.Query:
    """Documents with any of the spellings. The one typed (first) keeps its query's meaning:
    its words anywhere, or adjacent (its pairs) in a quoted phrase. The others are found by their
    adjacent pairs (no positional check: cheap, and a long form's pairs together rarely mean
    anything else), at OTHER_SPELLING_BOOST shared out among them, so the typed one ranks first."""
    typed = forms[0]
    if len(typed) == 1:
        queries: list[wq.Query] = [wq.Term("body_folded", typed[0])]
    elif typed_adjacent:  # by its pairs alone, as the other spellings: a positional check in
        # an Or cannot wait for the page, and checks every candidate (190 ms at 10,000)
        queries = [wq.And([wq.Term("pairs", p) for p in pairs(list(typed))])]
    else:
        queries = [wq.And([wq.Term("body_folded", f) for f in dict.fromkeys(typed)])]
    for form in forms[1:]:
        if len(form) == 1:
            # The abbreviation of a long form typed as words weighs like a word: its adjacent
            # pairs already rank the long form, typed, first ("trung học phổ thông" / THPT).
            boost = 1.0 if len(typed) > 1 else OTHER_SPELLING_BOOST
            queries.append(wq.Term("body_folded", form[0], boost=boost))
        else:
            form_pairs = pairs(list(form))
            share = OTHER_SPELLING_BOOST / len(form_pairs)
            queries.append(wq.And([wq.Term("pairs", p, boost=share) for p in form_pairs]))
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def _or_former_unit(core: wq.Query, words: tuple[str, ...], gaz: Gazetteer) -> wq.Query:
    """A query that is a former unit's name ("Thảo Điền", "phường 10 quận 6") also finds the
    articles of today's unit it became part of, which seldom write the old name."""
    found = resolve_unit(" ".join(words), gaz) if len(words) >= 2 else None
    if found is None or not found.former:
        return core
    unit_terms = [wq.Term(f, u.key) for u in found.units for f in ("ward_key", "wards_key")]
    return wq.Or([core, *unit_terms])


def _ward_boosts(words: tuple[str, ...], gaz: Gazetteer) -> list[wq.Query]:
    """Boosts for the longest runs of words that name a ward ("tan son hoa" → Tân Sơn Hòa)."""
    boosts: list[wq.Query] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + MAX_WARD_WORDS), i + 1, -1):
            found = resolve_unit(" ".join(words[i:j]), gaz)  # today's name, or a former one
            if found is not None and found.units and not found.district:
                boosts += [_ward_boost(u.key) for u in found.units]
                i = j
                break
        else:
            i += 1
    return boosts


def _ward_boost(key: str) -> wq.Query:
    return wq.Or(
        [
            wq.ConstantScoreQuery(wq.Term("ward_key", key), PRIMARY_WARD_SCORE),
            wq.ConstantScoreQuery(wq.Term("wards_key", key), MENTIONED_WARD_SCORE),
        ]
    )
