"""The array-based segment writer against Whoosh's stock SegmentWriter: the same documents give
the same segment files, byte for byte, and the same answers through Whoosh's own searcher."""

from __future__ import annotations

import filecmp
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from phuong_reader.index.build.corpus import ReadArticle, bundled_corpus, read_corpus
from phuong_reader.index.build.schema import make_schema, to_document
from phuong_reader.index.build.segwriter import ArraySegmentWriter
from phuong_reader.index.lang.analysis import folded_analyzer
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.codec.whoosh3 import W3Codec, W3Segment
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Characters, Existence
from whoosh.qparser import QueryParser
from whoosh.writing import SegmentWriter

WRITERS = {"stock": SegmentWriter, "arrays": ArraySegmentWriter}


class NumberedCodec(W3Codec):
    """Segments named seg0, seg1, … in order, so that two indexes' file names match."""

    def __init__(self) -> None:
        super().__init__()
        self.made = 0

    def new_segment(self, storage: Any, indexname: str) -> W3Segment:
        self.made += 1
        return W3Segment(self, indexname, segid=f"seg{self.made:013d}")


@pytest.fixture(scope="module")
def documents(
    data_dir: Path, corpus_generator: ModuleType, tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, Any]]:
    """Every fixture article and bundled sample, and 300 generated articles (a term with more
    than one 128-posting block, old tone marks, figures, long names)."""
    generated = tmp_path_factory.mktemp("generated")
    corpus_generator.make_corpus(generated, 300, seed=5)
    folders = (data_dir / "articles", bundled_corpus(), generated)
    reads = [r for folder in folders for r in read_corpus(folder) if isinstance(r, ReadArticle)]
    return [to_document(r) for r in reads]


def build(
    folder: Path, writer_class: type, schema: Schema, batches: list[list[dict[str, Any]]]
) -> Path:
    """One writer per batch (each commit makes a segment; later ones merge small segments,
    delete and replace), every segment file kept apart (no compound file)."""
    codec = NumberedCodec()
    folder.mkdir()
    whoosh_index.create_in(str(folder), schema)
    for batch in batches:
        writer = writer_class(whoosh_index.open_dir(str(folder)), codec=codec, compound=False)
        for document in batch:
            if document.pop("_replace", False):
                writer.update_document(**document)
            else:
                writer.add_document(**document)
        writer.commit()
    return folder


def assert_same_files(stock: Path, arrays: Path) -> None:
    names = sorted(p.name for p in stock.iterdir() if "LOCK" not in p.name)
    assert names == sorted(p.name for p in arrays.iterdir() if "LOCK" not in p.name)
    assert any(name.endswith(".pst") for name in names) and any(n.endswith(".trm") for n in names)
    different = [n for n in names if not filecmp.cmp(stock / n, arrays / n, shallow=False)]
    assert different == []


def answers(folder: Path, field: str, queries: list[str]) -> list[Any]:
    ix = whoosh_index.open_dir(str(folder))
    with ix.searcher() as searcher:
        parser = QueryParser(field, ix.schema)
        found = []
        for text in queries:
            hits = searcher.search(parser.parse(text), limit=None)
            found.append([(h["id"], round(h.score, 9)) for h in hits])
        return found


def test_one_segment_is_byte_identical(documents, tmp_path) -> None:
    folders = {
        name: build(tmp_path / name, cls, make_schema(), [list(map(dict, documents))])
        for name, cls in WRITERS.items()
    }
    assert_same_files(folders["stock"], folders["arrays"])
    words = ["phường", "ủy ban", "tân son", "hoà OR hòa", "ubnd", "nguyen"]
    for field in ("body_folded", "body", "pairs", "persons"):
        positions = field in ("body_folded", "persons")  # Whoosh's own phrase matching
        queries = words + (['"tan son hoa"', '"nguyen van"~2'] if positions else [])
        found = answers(folders["arrays"], field, queries)
        assert found == answers(folders["stock"], field, queries)
    assert any(found)


def test_updates_merges_and_deletions_are_byte_identical(documents, tmp_path) -> None:
    """Three commits: the second replaces some documents, the third merges the small
    segments into its own (postings of merged segments come to the pool one by one)."""
    docs = list(map(dict, documents))
    replaced = [{**d, "body": d["body"] + " bổ sung", "_replace": True} for d in docs[:20:3]]
    batches = [docs[:150], replaced + docs[150:200], docs[200:]]
    folders = {}
    for name, cls in WRITERS.items():
        batch_copies = [[dict(d) for d in batch] for batch in batches]
        folders[name] = build(tmp_path / name, cls, make_schema(), batch_copies)
    assert_same_files(folders["stock"], folders["arrays"])
    assert answers(folders["arrays"], "body", ["bổ sung"]) == answers(
        folders["stock"], "body", ["bổ sung"]
    )


def test_other_analyzers_formats_and_boosts_are_byte_identical(documents, tmp_path) -> None:
    """A schema of stock Whoosh fields (the writer's general path, not the Vietnamese fast
    path): characters format, keywords, numbers, field and document boosts."""
    schema = Schema(
        id=ID(stored=True, unique=True),
        text=TEXT(analyzer=StandardAnalyzer(), chars=True, field_boost=1.5),
        phrased=TEXT(analyzer=StandardAnalyzer(), phrase=True),  # Positions: encoded bytes
        tags=KEYWORD(scorable=True),
        n=NUMERIC(stored=True),
        extra=STORED,
    )
    assert isinstance(schema["text"].format, Characters)
    batch = [
        {
            "id": d["id"],
            "text": d["body"][:2000],
            "phrased": d["body"][-3000:],
            "tags": " ".join(d["wards_key"].split(",")),
            "n": i,
            "extra": i,
            "_boost": 1.0 + (i % 3) / 4,
        }
        for i, d in enumerate(documents)
    ]
    folders = {
        name: build(tmp_path / name, cls, schema, [[dict(d) for d in batch]])
        for name, cls in WRITERS.items()
    }
    assert_same_files(folders["stock"], folders["arrays"])


def test_frequent_terms_saved_at_flush_are_those_read_back(
    documents, tmp_path, monkeypatch
) -> None:
    """The arrays a segment's writer saves as it writes (``save_hot``) are the files that reading
    the written segment back makes (``write_hot_postings``), byte for byte."""
    from phuong_reader.index.build import hotarrays

    monkeypatch.setattr(hotarrays, "HOT_MIN_POSTINGS", 40)  # frequent at this size
    folder = tmp_path / "ix"
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), make_schema())
    writer = ArraySegmentWriter(ix, save_hot=True)
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    arrays = [
        p for p in (folder / "hot").iterdir() if "-listing." not in p.name
    ]  # rows: flush only
    saved = {p.name: p.read_bytes() for p in arrays}
    assert any(name.endswith("-body_folded.json") for name in saved)
    assert sum(len(v) for k, v in saved.items() if k.endswith("-body_folded.i16")) > 0
    for path in arrays:
        path.unlink()
    hotarrays.write_hot_postings(folder)
    again = {
        p.name: p.read_bytes() for p in (folder / "hot").iterdir() if "-listing." not in p.name
    }
    assert again == saved


def test_vietnamese_fields_boosted_or_without_frequencies_are_byte_identical(
    documents, tmp_path
) -> None:
    """The project's tokenizers in each format the fast path keeps as numbers (Existence too),
    with some documents boosted: from the first boost, a field keeps its values as bytes."""
    schema = make_schema()
    schema.add("seen", TEXT(analyzer=folded_analyzer()))
    schema["seen"].format = Existence()
    batch = [
        {**d, "seen": d["body"][:500], **({"_boost": 1.5} if i % 7 == 3 else {})}
        for i, d in enumerate(documents)
    ]
    folders = {
        name: build(tmp_path / name, cls, schema, [[dict(d) for d in batch]])
        for name, cls in WRITERS.items()
    }
    assert_same_files(folders["stock"], folders["arrays"])
    for field in ("seen", "body_folded"):
        found = answers(folders["arrays"], field, ["phuong", "tan son"])
        assert found == answers(folders["stock"], field, ["phuong", "tan son"])
        assert any(found)
