"""Plain data every layer may import: the parsed article and what extraction found in it, and
the dataclasses the search API returns (callers never see Whoosh objects). Nothing here imports
the rest of the engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Hit:
    """One matching article, as a results list shows it."""

    id: str
    path: str
    date: str | None  # ISO date, None when the article has no date marker
    ward: str | None  # primary ward
    title: str
    score: float
    content_hash: str = ""  # of the file as indexed: what the reader's read marks are for


@dataclass(frozen=True)
class QueryTerms:
    """The analysed (folded) query terms, for highlighting matches in any text."""

    words: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    # Runs of folded tokens to mark together: the other spellings of an abbreviation
    # ("ubnd" typed, "uy ban nhan dan" written).
    phrases: tuple[tuple[str, ...], ...] = ()

    def matches(self, folded_token: str) -> bool:
        """True when a folded token of the text is one of the query's terms."""
        return folded_token in self.words or any(folded_token.startswith(p) for p in self.prefixes)


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, the total count, how long it took and what to highlight."""

    query: str
    hits: list[Hit]
    total: int
    elapsed_ms: float
    terms: QueryTerms = field(default_factory=QueryTerms)
    # False when ``total`` is an upper bound: a long phrase of common words is checked word by
    # word only for the hits returned (the others contain every adjacent pair of its words).
    total_exact: bool = True
    # What the query's unit names meant when they are former ones ("Hiệp Phú → now part of
    # Tăng Nhơn Phú"): the reader and the CLI say it.
    notes: tuple[str, ...] = ()
    # With a ward chosen (``--ward``, the ward list): (articles about it, articles that only
    # mention it), listed in that order; None otherwise.
    ward_split: tuple[int, int] | None = None

    @property
    def total_text(self) -> str:
        """The total as a reader should read it: "12", or "up to 40" when it is a bound."""
        return str(self.total) if self.total_exact else f"up to {self.total}"


# Kinds of spans an article view highlights (extraction fills them in at index time). Figures
# count something ("33 tập thể"); year, date, duration, anniversary, ordinal (identifiers such as
# "khu phố 12"), code ("68-NQ/TW") and phone are numbers of other kinds, highlighted apart.
NUMBER_KINDS = ("figure", "year", "date", "duration", "anniversary", "ordinal", "code", "phone")
SPAN_KINDS = ("ward", "person", "org", *NUMBER_KINDS, "match")


@dataclass(frozen=True)
class Span:
    """A highlighted range of a text; ``kind`` is one of SPAN_KINDS."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Snippet:
    """A one-line excerpt with the query's matches marked (offsets into ``text``)."""

    text: str
    highlights: list[Span]


@dataclass(frozen=True)
class Person:
    """A person named in an article, with the role phrase that introduced them (or "")."""

    name: str
    role: str = ""


@dataclass(frozen=True)
class StoredBlock:
    kind: str  # lead, paragraph, caption, noise, byline
    start: int
    end: int


@dataclass(frozen=True)
class StoredArticle:
    """An article as the index stored it: the reader renders this and never re-parses."""

    id: str
    path: str
    date: str | None
    ward: str | None
    wards: list[str]
    title: str
    text: str
    blocks: list[StoredBlock]
    spans: list[Span]  # sorted by start; may overlap only when one contains the other
    persons: list[Person] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    date_inferred: str | None = None  # from "Ngày 15-1" in the lead, when there is no marker
    content_hash: str = ""  # of the file as indexed (sha256 of its bytes)

    def blocks_of(self, kind: str) -> list[str]:
        return [self.text[b.start : b.end] for b in self.blocks if b.kind == kind]

    @property
    def byline(self) -> str | None:
        bylines = self.blocks_of("byline")
        return bylines[0] if bylines else None

    def clean_text(self) -> str:
        """The article without web leftovers or the date marker, paragraphs blank-line apart."""
        return "\n\n".join(self.text[b.start : b.end] for b in self.blocks if b.kind != "noise")


@dataclass(frozen=True)
class DatedRole:
    """An office as one article gives it, dated by the article (its date, else the inferred
    one; None when it has neither)."""

    role: str
    date: str | None
    article: str


@dataclass(frozen=True)
class PersonSummary:
    """A person across the corpus: roles seen (latest first), wards and articles they appear in;
    ``history`` is every dated role, latest first, so a people list can show a career."""

    name: str
    roles: list[str]
    wards: list[str]
    articles: list[str]
    history: list[DatedRole] = field(default_factory=list)
    # Other spellings merged into this person (old tone placement, a middle name left out),
    # each where a role and a ward agree (``query.people``).
    aliases: list[str] = field(default_factory=list)

    @property
    def latest(self) -> DatedRole | None:
        return self.history[0] if self.history else None


@dataclass(frozen=True)
class PersonLine:
    """A person as the people list shows them: the name, other spellings, how many articles,
    and the latest role with its date."""

    name: str
    aliases: list[str]
    articles: int
    role: str
    date: str | None


@dataclass(frozen=True)
class WardCount:
    """A ward, how many indexed articles are about it (``count``: it is their primary unit) and
    how many more name it without being about it (``mentions``)."""

    name: str
    kind: str
    code: str
    count: int
    mentions: int = 0


# --- The parsed article (text/ fills the blocks, entities/ the rest) ---

LEAD, PARAGRAPH, CAPTION, NOISE, BYLINE = "lead", "paragraph", "caption", "noise", "byline"
HEADLINE = "headline"  # the page's own headline, when it has one: the article's title
BODY_KINDS = ("headline", "lead", "paragraph", "caption")  # what is searched and extracted


@dataclass(frozen=True)
class Block:
    """A paragraph-level piece of the article: its kind and where it sits in the text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class WardMention:
    """One ward named in the text; ``start``/``end`` cover the name only, in NFC offsets."""

    start: int
    end: int
    text: str  # as written in the article
    ward: str | None  # the current unit it is or became part of (None for "phường 10")
    former: bool  # named as a unit that no longer exists


@dataclass(frozen=True)
class EntitySpan:
    """A highlighted entity: offsets into the article's NFC text."""

    start: int
    end: int
    kind: str
    text: str


@dataclass
class Extraction:
    """Everything extracted from one article, each list de-duplicated in order of appearance."""

    persons: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    orgs: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    spans: list[EntitySpan] = field(default_factory=list)
    date_inferred: date | None = None


@dataclass
class Article:
    """One parsed article; ``text`` is NFC and every offset refers to it."""

    id: str
    path: str
    text: str
    date: date | None
    blocks: list[Block]
    ward_mentions: list[WardMention] = field(default_factory=list)
    primary_ward: str | None = None
    title: str = ""
    title_source: str = "derived"  # "headline" when the page has one
    extraction: Extraction = field(default_factory=Extraction)

    def _of(self, kind: str) -> list[str]:
        return [self.text[b.start : b.end] for b in self.blocks if b.kind == kind]

    @property
    def lead(self) -> str:
        leads = self._of(LEAD)
        return leads[0] if leads else ""

    @property
    def paragraphs(self) -> list[str]:
        return self._of(PARAGRAPH)

    @property
    def captions(self) -> list[str]:
        return self._of(CAPTION)

    @property
    def noise(self) -> list[str]:
        return self._of(NOISE)

    @property
    def byline(self) -> str | None:
        bylines = self._of(BYLINE)
        return bylines[0] if bylines else None

    @property
    def wards(self) -> list[str]:
        """Current wards the article names, in order of first mention."""
        return current_wards(self.ward_mentions)

    def body_text(self) -> str:
        """What is searched: headline, lead, paragraphs and captions, without noise or byline."""
        return "\n\n".join(self.text[b.start : b.end] for b in self.blocks if b.kind in BODY_KINDS)


def current_wards(mentions: Sequence[WardMention]) -> list[str]:
    """Current wards named as themselves (not as merger history), in order of first mention."""
    seen: dict[str, None] = {}
    for m in mentions:
        if m.ward and not m.former:
            seen.setdefault(m.ward, None)
    return list(seen)


@dataclass(frozen=True)
class Facets:
    """Where and when the current query's articles are: per primary ward (the query and its
    dates, every ward) and per month ("YYYY-MM"; the query in its ward, every date)."""

    wards: dict[str, int]
    months: dict[str, int]
    undated: int = 0  # articles of ``months``' set with no date


@dataclass(frozen=True)
class FigureFact:
    """One figure an article gives, its value read as Vietnamese writes numbers ("2.461" is
    2461, "24,661 tỷ đồng" 24.661 billion đồng): ``counted`` is what it counts, normalised
    ("đồng", "hộ nghèo", "%"), ``context`` the words before it, ``qualifier`` "hơn"/"gần"/…
    Offsets (``start``/``end``, the sentence's) are into the stored article's text."""

    article: str
    date: str | None
    ward: str | None
    text: str
    value: float
    high: float | None  # a range's upper end ("10-12 đảng viên")
    of: float | None  # a ratio's whole ("32/33 nội dung")
    qualifier: str
    counted: str
    unit: str
    context: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    sentence: str = ""  # filled in by ``SearchEngine.figures(..., sentences=True)``

    def sentence_in(self, text: str) -> str:
        """The figure's sentence, cut from its stored article's ``text``."""
        return text[self.sentence_start : self.sentence_end].strip()
