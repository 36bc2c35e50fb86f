"""The query language, parsed into a small tree with readable errors (no Whoosh here).

Syntax: words (implicit AND), "phrases", AND / OR / NOT (also a leading -), parentheses,
``ward:"Tân Sơn Hòa"``, ``date:2026-01``, ``date:2026-01-01..2026-03-31`` (either end may be
left open), a trailing ``*`` for a prefix, and ``is:unread`` / ``is:read`` / ``is:bookmarked``
(also negated), which filter the whole query by what the reader marked: ``parse`` gives them
apart from the tree (``ParsedQuery.marks``), the caller's marks answer them. Every malformed
query raises QueryError with a message meant for the user; nothing else escapes.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from phuong_reader.index.errors import QueryError

FIELDS = ("ward", "date", "person", "org", "is")
IS_VALUES = ("unread", "read", "bookmarked")
MAX_QUERY_CHARS = 2000
# Whoosh's cost grows faster than the number of terms (and a prefix expands to every word it
# starts): these bounds keep any query under a second on a large corpus.
MAX_QUERY_WORDS = 32
MAX_PREFIXES, MIN_PREFIX_CHARS = 4, 2
MAX_NESTING = 20  # parentheses inside parentheses; deeper is a paste gone wrong, not a query
_SURROGATE_RE = re.compile("[\ud800-\udfff]")  # bytes of a command line that are not UTF-8


@dataclass(frozen=True)
class Words:
    """Consecutive bare words: all required, ranked higher when adjacent."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class WardField:
    name: str


@dataclass(frozen=True)
class EntityField:
    """``person:"…"`` or ``org:"…"``: a phrase searched in that entity list, accents optional."""

    field: str
    text: str


@dataclass(frozen=True)
class DateField:
    start: str  # inclusive ISO dates; "" for an open end
    end: str


@dataclass(frozen=True)
class IsField:
    """``is:unread``, ``is:read`` or ``is:bookmarked``, as written (``parse`` takes it out)."""

    value: str


@dataclass(frozen=True)
class MarkFilter:
    """A filter on what the reader marked: ``kind`` "read" or "bookmarked", ``wanted`` False
    for the articles without that mark (``is:unread`` is ("read", False))."""

    kind: str
    wanted: bool


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Words | Phrase | WardField | EntityField | DateField | IsField | And | Or | Not


@dataclass(frozen=True)
class ParsedQuery:
    """The query's tree without its ``is:`` terms (None when nothing else is left), and those
    terms as filters, all of which an article must pass."""

    node: Node | None
    marks: tuple[MarkFilter, ...] = ()


_TOKEN_RE = re.compile(
    r"""\s*(?:
        (?P<lparen>\() | (?P<rparen>\)) |
        (?P<minus>-(?=[^\W\d_]+:)) |
        (?P<field>[^\W\d_]+):(?:"(?P<fquoted>[^"]*)"?|(?P<fvalue>[^\s()"]*)) |
        (?P<phrase>"[^"]*"?) |
        (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class _Tok:
    kind: str  # "(", ")", "AND", "OR", "NOT", "-", "field", "phrase", "word"
    value: str = ""
    field: str = ""


def parse_query(text: str) -> Node | None:
    """Parse ``text`` without its ``is:`` terms (see ``parse``); None for an empty query.
    Raises QueryError for a malformed one."""
    return parse(text).node


def parse(text: str) -> ParsedQuery:
    """Parse ``text`` into its tree and its ``is:`` filters. Raises QueryError for a malformed
    query, and for an ``is:`` term anywhere but beside the other terms (in an OR or in
    parentheses it would not filter the whole query)."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    if _SURROGATE_RE.search(text):
        raise QueryError("the query holds bytes that are not text (not UTF-8): retype it")
    if len(text.split()) > MAX_QUERY_WORDS:
        raise QueryError(f"too many words ({len(text.split())}, at most {MAX_QUERY_WORDS})")
    tokens = _lex(text)
    if not tokens:
        return ParsedQuery(None)
    # Words and phrases written without spaces between them ('"a"b"c"…') are as many terms
    # as if they had spaces: the bound counts the terms too, not only what spaces separate.
    terms = sum(1 for t in tokens if t.kind in ("word", "phrase", "field"))
    if terms > MAX_QUERY_WORDS:
        raise QueryError(f"too many words ({terms}, at most {MAX_QUERY_WORDS})")
    _check_prefixes(tokens)
    parser = _Parser(tokens)
    node = parser.parse_or()
    if parser.pos < len(tokens):
        raise QueryError('unmatched ")": remove it or add "(" before it')
    parsed = _take_marks(node)
    node = parsed.node
    if isinstance(node, Not) or (
        isinstance(node, And) and all(isinstance(c, Not) for c in node.children)
    ):
        raise QueryError("NOT needs something to search for first, e.g. phường NOT xã")
    return parsed


def _take_marks(node: Node) -> ParsedQuery:
    """The top-level ``is:`` terms (possibly negated) taken out of ``node``; the words on each
    side of one are one run again ("tân is:read sơn" ranks like "tân sơn")."""
    parts = node.children if isinstance(node, And) else (node,)
    kept: list[Node] = []
    marks: list[MarkFilter] = []
    for part in parts:
        mark = _mark_of(part)
        if mark is not None:
            marks.append(mark)
        elif isinstance(part, Words) and kept and isinstance(kept[-1], Words):
            kept[-1] = Words(kept[-1].words + part.words)
        else:
            kept.append(part)
    nested = next((v for v in map(_inner_is, kept) if v), None)
    if nested:
        raise QueryError(
            f"is:{nested} filters the whole query: put it beside the other terms, not inside "
            "OR or parentheses"
        )
    if not kept:
        return ParsedQuery(None, tuple(marks))
    return ParsedQuery(kept[0] if len(kept) == 1 else And(tuple(kept)), tuple(marks))


def _mark_of(node: Node) -> MarkFilter | None:
    negated = False
    while isinstance(node, Not):
        node, negated = node.child, not negated
    if not isinstance(node, IsField):
        return None
    if node.value == "bookmarked":
        return MarkFilter("bookmarked", not negated)
    return MarkFilter("read", (node.value == "read") != negated)


def _inner_is(node: Node) -> str | None:
    """The value of an ``is:`` term anywhere inside ``node``, or None."""
    if isinstance(node, IsField):
        return node.value
    if isinstance(node, Not):
        return _inner_is(node.child)
    if isinstance(node, And | Or):
        return next((v for v in map(_inner_is, node.children) if v), None)
    return None


def _lex(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if not match or match.end() == pos:
            break
        pos = match.end()
        if match.group("lparen"):
            tokens.append(_Tok("("))
        elif match.group("minus"):  # "-ward:…", "-is:read": NOT the field that follows
            tokens.append(_Tok("-"))
        elif match.group("rparen"):
            tokens.append(_Tok(")"))
        elif match.group("field") is not None:
            tokens.append(_field_token(match))
        elif match.group("phrase") is not None:
            phrase = match.group("phrase")
            if len(phrase) < 2 or not phrase.endswith('"'):
                raise QueryError('unbalanced quote: add the closing " of the phrase')
            tokens.append(_Tok("phrase", phrase[1:-1]))
        else:
            word = match.group("word")
            if word in _OPERATORS:
                tokens.append(_Tok(word))
            elif word.startswith("-") and len(word) > 1:
                tokens += [_Tok("-"), _Tok("word", word[1:])]
            else:
                tokens.append(_Tok("word", word))
    return tokens


def _check_prefixes(tokens: list[_Tok]) -> None:
    prefixes = [t.value for t in tokens if t.kind == "word" and t.value.endswith("*")]
    for word in prefixes:
        stem = word.rstrip("*")
        letters = sum(char.isalnum() for char in stem)  # ":N*" is the prefix "n"
        if stem and letters < MIN_PREFIX_CHARS:
            raise QueryError(f"{word}: give at least {MIN_PREFIX_CHARS} letters before the *")
    if len(prefixes) > MAX_PREFIXES:
        raise QueryError(f"too many words ending in * ({len(prefixes)}, at most {MAX_PREFIXES})")


def _field_token(match: re.Match[str]) -> _Tok:
    name = match.group("field").lower()
    quoted = match.group("fquoted")
    raw_value = match.group().split(":", 1)[1]
    if raw_value.startswith('"') and (len(raw_value) < 2 or not raw_value.endswith('"')):
        raise QueryError(f'unbalanced quote after {name}: add the closing "')
    value = (quoted if quoted is not None else match.group("fvalue") or "").strip()
    if name not in FIELDS:
        known = ", ".join(f"{f}:" for f in FIELDS)
        raise QueryError(f"unknown field {name}: (known fields: {known})")
    if not value:
        example = {
            "ward": 'ward:"Tân Sơn Hòa"',
            "date": "date:2026-01",
            "person": 'person:"Võ Công Thành"',
            "org": 'org:"Đảng ủy"',
            "is": "is:unread",
        }[name]
        raise QueryError(f"{name}: needs a value, e.g. {example}")
    if name == "is" and value.lower() not in IS_VALUES:
        known = ", ".join(f"is:{v}" for v in IS_VALUES)
        raise QueryError(f"unknown is:{value} (use {known})")
    return _Tok("field", value.lower() if name == "is" else value, name)


class _Parser:
    def __init__(self, tokens: list[_Tok]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def _peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while (tok := self._peek()) and tok.kind == "OR":
            self.pos += 1
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self) -> Node:
        children: list[Node] = []
        words: list[str] = []
        while (tok := self._peek()) and tok.kind not in ("OR", ")"):
            if tok.kind == "word":
                words.append(tok.value)
                self.pos += 1
                continue
            if words:
                children.append(Words(tuple(words)))
                words = []
            if tok.kind == "AND":
                self.pos += 1
                if not children or not (nxt := self._peek()) or nxt.kind in ("AND", "OR", ")"):
                    raise QueryError("AND needs a term on both sides, e.g. đảng AND phường")
                continue
            children.append(self.parse_unary())
        if words:
            children.append(Words(tuple(words)))
        if not children:
            tok = self._peek()
            after_or = self.pos > 0 and self.tokens[self.pos - 1].kind == "OR"
            if (tok and tok.kind == "OR") or after_or:
                raise QueryError("OR needs a term on both sides, e.g. hòa OR hóa")
            raise QueryError("empty group: put words inside the parentheses")
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self) -> Node:
        tok = self._peek()
        if tok is None:
            raise QueryError("the query ends too early")
        if tok.kind in ("NOT", "-"):
            self.pos += 1
            nxt = self._peek()
            if nxt is None or nxt.kind in ("AND", "OR", ")", "NOT"):
                raise QueryError("NOT needs a term after it, e.g. phường NOT xã")
            return Not(self.parse_unary())
        self.pos += 1
        if tok.kind == "(":
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise QueryError(f"too many nested parentheses (at most {MAX_NESTING})")
            node = self.parse_or()
            self.depth -= 1
            closing = self._peek()
            if closing is None or closing.kind != ")":
                raise QueryError('unbalanced parenthesis: add the closing ")"')
            self.pos += 1
            return node
        if tok.kind == "phrase":
            return Phrase(tok.value)
        if tok.kind == "field":
            if tok.field == "ward":
                return WardField(tok.value)
            if tok.field == "date":
                return parse_date_range(tok.value)
            if tok.field == "is":
                return IsField(tok.value)
            return EntityField(tok.field, tok.value)
        if tok.kind == "word":
            return Words((tok.value,))
        raise QueryError(f'unexpected "{tok.kind}"')


def parse_date_range(value: str) -> DateField:
    """``2026``, ``2026-01``, ``2026-01-15`` or ``A..B`` (an end may be empty) → inclusive range."""
    if ".." in value:
        left, _, right = value.partition("..")
        if not left and not right:
            raise QueryError("date:.. needs at least one end, e.g. date:2026-01..2026-03")
        start = _date_bounds(left)[0] if left else ""
        end = _date_bounds(right)[1] if right else ""
        if start and end and start > end:
            raise QueryError(f"date:{value}: the range starts after it ends")
        return DateField(start, end)
    start, end = _date_bounds(value)
    return DateField(start, end)


def _date_bounds(value: str) -> tuple[str, str]:
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not match:
        raise QueryError(f"date:{value}: write dates as YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    if match.group(2) is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(match.group(2))
    if not 1 <= month <= 12:
        raise QueryError(f"date:{value}: month must be 01–12")
    last = calendar.monthrange(year, month)[1]
    if match.group(3) is None:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    day = int(match.group(3))
    try:
        iso = date(year, month, day).isoformat()
    except ValueError:
        raise QueryError(f"date:{value}: day must be 01–{last:02d} in that month") from None
    return iso, iso
