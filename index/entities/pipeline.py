"""The extraction pipeline: an article's text in, the parsed article with its wards, title,
people, organisations and figures out; and the record ``phuong extract --json`` prints."""

from __future__ import annotations

from phuong_reader.index.entities.extraction import extract
from phuong_reader.index.entities.wards import find_ward_mentions, primary_ward
from phuong_reader.index.model import CAPTION, HEADLINE, LEAD, Article
from phuong_reader.index.text.article import author_of, derive_title, split_article


def parse_article(text: str, article_id: str, path: str = "") -> Article:
    """Parse NFC ``text`` in the real format into an Article (never raises on odd input)."""
    article = split_article(text, article_id, path)
    blocks = article.blocks
    article.ward_mentions = find_ward_mentions(text)
    lead = next((b for b in blocks if b.kind == LEAD), None)
    captions = [(b.start, b.end) for b in blocks if b.kind == CAPTION]
    article.primary_ward = primary_ward(
        article.ward_mentions, lead.end if lead else 0, captions, article.lead
    )
    headline = next((b for b in blocks if b.kind == HEADLINE), None)
    if headline is not None:
        article.title, article.title_source = text[headline.start : headline.end], "headline"
    else:
        article.title = derive_title(article.lead, article.primary_ward) or article_id
    article.extraction = extract(article)
    return article


def to_record(article: Article) -> dict[str, object]:
    """The ``phuong extract --json`` record of one article (documented in the README)."""
    found = article.extraction
    current: dict[str, str] = {}
    former: dict[str, None] = {}
    for mention in article.ward_mentions:
        if mention.former:
            former.setdefault(mention.text, None)
        elif mention.ward:
            current.setdefault(mention.ward, mention.text)
    return {
        "id": article.id,
        "date": article.date.isoformat() if article.date else None,
        "date_inferred": found.date_inferred.isoformat() if found.date_inferred else None,
        "primary_ward": article.primary_ward,
        "wards": list(current.values()),
        "former_wards": list(former),
        "persons": [
            {"name": name, "role": role, "roles": _dated_roles(article, role)}
            for name, role in found.persons
        ],
        "orgs": found.orgs,
        "figures": found.figures,
        "title": article.title,
        "title_source": article.title_source,
        "author": author_of(article.byline),
        "spans": [
            {"start": s.start, "end": s.end, "kind": s.kind, "text": s.text} for s in found.spans
        ],
    }


def _dated_roles(article: Article, role: str) -> list[dict[str, str | None]]:
    """The person's office in this article, dated by it: ``[{"role", "date", "article"}]``."""
    if not role:
        return []
    dated = article.date or article.extraction.date_inferred
    return [{"role": role, "date": dated.isoformat() if dated else None, "article": article.id}]
