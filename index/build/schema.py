"""The Whoosh schema, and how an Article becomes an index document."""

from __future__ import annotations

from typing import Any

from phuong_reader.index.build.corpus import ReadArticle
from phuong_reader.index.entities.gazetteer import ward_key
from phuong_reader.index.lang.analysis import exact_analyzer, folded_analyzer, pair_analyzer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema


def make_schema() -> Schema:
    """Fields: exact and folded body text, ward facets, sortable date, stored article data."""
    return Schema(
        id=ID(stored=True, unique=True),
        date=ID(stored=True, sortable=True),  # "YYYY-MM-DD", "" when unknown
        ward=ID(stored=True, sortable=True),  # primary ward, gazetteer spelling
        ward_key=ID(),  # primary ward, folded ("tan son hoa")
        wards_key=KEYWORD(commas=True),  # every current ward named, folded
        persons=TEXT(analyzer=folded_analyzer(), phrase=True),  # names, one per line
        orgs=TEXT(analyzer=folded_analyzer(), phrase=True),
        body=TEXT(analyzer=exact_analyzer(), phrase=False),  # accented tokens, for ranking
        body_folded=TEXT(analyzer=folded_analyzer(), phrase=True),  # every token, matching
        pairs=TEXT(analyzer=pair_analyzer(), phrase=False),  # "tan son": adjacency as terms
        content_hash=ID(stored=True),
        doc=STORED,  # the article itself (text, blocks, mentions), stored once
    )


def to_document(read: ReadArticle) -> dict[str, Any]:
    """The fields Whoosh indexes and stores for one article."""
    article = read.article
    body = article.body_text()
    return {
        "id": article.id,
        "date": article.date.isoformat() if article.date else "",
        "ward": article.primary_ward or "",
        "ward_key": ward_key(article.primary_ward) if article.primary_ward else "",
        "wards_key": ",".join(ward_key(w) for w in article.wards),
        "persons": "\n".join(name for name, _ in article.extraction.persons),
        "orgs": "\n".join(article.extraction.orgs),
        "body": body,
        "body_folded": body,
        "pairs": body,
        "content_hash": read.content_hash,
        "doc": stored_article(read),
    }


def stored_article(read: ReadArticle) -> dict[str, Any]:
    """Plain data (no classes) so the index does not depend on this code's class layout."""
    article = read.article
    found = article.extraction
    return {
        "path": article.path,
        "title": article.title,
        "text": article.text,
        "blocks": [(b.kind, b.start, b.end) for b in article.blocks],
        "wards": article.wards,
        "mentions": [(m.start, m.end, m.text, m.ward, m.former) for m in article.ward_mentions],
        "persons": found.persons,
        "orgs": found.orgs,
        "figures": found.figures,
        "spans": [(s.start, s.end, s.kind) for s in found.spans],
        "date_inferred": found.date_inferred.isoformat() if found.date_inferred else None,
        "encoding": read.encoding,
    }
