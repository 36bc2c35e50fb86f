"""Whoosh's SegmentWriter with the postings kept in arrays (``arraypool``), not in its pool.

Everything else is Whoosh's own: the per-document writer (stored fields, columns, lengths),
the term index, deletions, merges and the table of contents, so the index is a stock Whoosh
index that Whoosh's ``searcher()`` opens as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from phuong_reader.index.build.arraypool import FieldPostings, stored_lengths
from phuong_reader.index.build.fieldindex import counted_terms, index_items
from phuong_reader.index.build.hotarrays import HotFieldWriter, hot_writers
from phuong_reader.index.storage.hot import HOT_FOLDER
from phuong_reader.index.storage.listing import ListingWriter, listing_stem
from whoosh.formats import Frequency, Positions
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

# An update merges the small segments (fewer documents than SMALL_DOCS: those updates wrote, or
# merged from theirs) once there are more than SMALL_SEGMENTS of them, and never a large one.
SMALL_DOCS = 2_000
SMALL_SEGMENTS = 4


def merge_small(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
    """The merge policy of an update (the segments it keeps; those it merges go into its own).

    Whoosh's default, ``MERGE_SMALL``, merges every segment up to the first point where the
    segments so far hold fewer documents than a Fibonacci number of their count: on a
    100,000-article index of 16 build segments, a few updates of 100 articles later, that point
    is past the large segments, and one update of 100 articles merged nearly the whole index
    (over 10 minutes, 2 GB). Here an update merges at most SMALL_SEGMENTS + 1 segments of fewer
    than SMALL_DOCS documents each.

    A segment whose documents are all deleted is dropped, never merged: Whoosh's merge reads
    every term's postings to find none alive (1.5–2 s for five segments of 100 documents, when
    an update took out the articles an earlier one had added)."""
    segments = [seg for seg in segments if seg.doc_count()]
    small = [seg for seg in segments if seg.doc_count_all() < SMALL_DOCS]
    if len(small) <= SMALL_SEGMENTS:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg.doc_count_all() >= SMALL_DOCS]


class ArrayPool:
    """The postings of the segment being written, one FieldPostings per field."""

    def __init__(self, schema: Any) -> None:
        self.schema = schema
        self.fields: dict[str, FieldPostings] = {}

    def field(self, fieldname: str) -> FieldPostings:
        """The postings of ``fieldname``, made on first use."""
        pool = self.fields.get(fieldname)
        if pool is None:
            fmt = self.schema[fieldname].format
            kind = type(fmt)
            pool = self.fields[fieldname] = FieldPostings(
                fmt.fixed_value_size(), kind is Frequency, kind is Positions
            )
        return pool

    def add(self, item: tuple[str, bytes, int, float, bytes]) -> None:
        """One posting (Whoosh's pool interface: a merged segment's postings come this way)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        if fieldname in self.schema:
            self.field(fieldname).add(docnum, ((tbytes, 0, weight, vbytes),))

    def nbytes(self) -> int:
        """Memory held by the postings' arrays."""
        return sum(pool.nbytes() for pool in self.fields.values())

    def write(
        self,
        fieldwriter: Any,
        lengths_reader: Any,
        doccount: int,
        saved: dict[str, HotFieldWriter] | None = None,
    ) -> None:
        """Every field's postings into the segment's term index and postings file, and the
        frequent terms' arrays into ``saved`` (by field)."""
        saved = saved or {}
        try:
            for fieldname in sorted(self.fields):
                fieldobj = self.schema[fieldname]
                lengths = None
                if lengths_reader is not None:
                    lengths = stored_lengths(lengths_reader, fieldname, doccount)
                fieldwriter.start_field(fieldname, fieldobj)
                self.fields[fieldname].write(fieldwriter, lengths, saved.get(fieldname))
                fieldwriter.finish_field()
        except BaseException:
            for hot in saved.values():
                hot.cancel()
            raise
        for hot in saved.values():
            hot.close()

    def cleanup(self) -> None:
        """Let the arrays go (Whoosh's pool removes its run files here)."""
        self.fields = {}


class ArraySegmentWriter(SegmentWriter):
    """A SegmentWriter whose postings go to an ArrayPool and are written as blocks directly."""

    def __init__(self, ix: Any, save_hot: bool = False, **kwargs: Any) -> None:
        """``save_hot``: save the segment's frequent terms as arrays beside it when it is
        written (``storage.hot``, in the index's folder)."""
        super().__init__(ix, **kwargs)
        self.pool = ArrayPool(self.schema)
        self._save_hot = save_hot
        self._listing = ListingWriter() if save_hot else None
        if self._listing is not None:
            self.perdocwriter.finish_doc = self._finish_doc(self.perdocwriter)

    def _finish_doc(self, perdocwriter: Any) -> Any:
        """The per-document writer's ``finish_doc``, which first gives the listing the
        document's stored fields (added documents and a merged segment's alike: W3's writer
        keeps them in ``_storedfields`` until then). Its ``close`` calls ``finish_doc`` once
        more with no document open (``_indoc`` False): no row for that."""
        finish, listing = perdocwriter.finish_doc, self._listing

        def finish_doc() -> None:
            if perdocwriter._indoc:
                listing.add(perdocwriter._storedfields or {})
            finish()

        return finish_doc

    def commit(
        self,
        mergetype: Any = None,
        optimize: bool = False,
        merge: bool = True,
        written: list[Any] | None = None,
    ) -> None:
        """As ``SegmentWriter.commit``, merging by ``merge_small`` unless told otherwise.
        ``written``: segments other writers (the workers) wrote into the index's folder, which
        the table of contents lists after this writer's (merged by a later update if small)."""
        self._written = written or []
        if mergetype is None and merge and not optimize:
            mergetype = merge_small
        super().commit(mergetype=mergetype, optimize=optimize, merge=merge)

    def _commit_toc(self, segments: list[Any]) -> None:
        super()._commit_toc(segments + getattr(self, "_written", []))

    def add_document(self, **fields: Any) -> None:
        """As ``SegmentWriter.add_document``, each field's postings handed over in one call."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is not None:
                    field = schema[fieldname]
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    length = self._index_field(fieldname, field, value, docnum, fieldboost)
                    customval = fields.get(f"_stored_{fieldname}", value)
                    perdocwriter.add_field(
                        fieldname, field, customval if field.stored else None, length
                    )
                    if field.column_type and customval is not None:
                        column_value = field.to_column_value(customval)
                        perdocwriter.add_column_value(fieldname, field.column_type, column_value)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _index_field(
        self, fieldname: str, field: Any, value: Any, docnum: int, boost: float
    ) -> int:
        if field.separate_spelling() or field.vector:
            raise NotImplementedError(f"field {fieldname!r}: spelling and vectors not supported")
        if not field.indexed:
            return 0
        pool = self.pool.field(fieldname)
        if boost == 1.0 and field.format.field_boost == 1.0 and pool.takes_counted():
            counted = counted_terms(field, value)
            if counted is not None:
                pool.add_counted(docnum, counted)
                return sum(counted.freqs) if field.scorable else 0
        items = index_items(field, value, raw_positions=pool.raw is not None)
        if boost != 1.0:
            items = [(t, f, w * boost, v) for t, f, w, v in items]
        pool.add(docnum, items)
        return sum(f for _, f, _, _ in items) if field.scorable else 0

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        saved = None
        if self._save_hot:
            folder = Path(self.storage.folder)
            segment_id = self.newsegment.segment_id()
            saved = hot_writers(folder, segment_id, self.schema, self.docnum)
            if self._listing is not None and len(self._listing) == self.docnum:
                self._listing.write(listing_stem(folder / HOT_FOLDER, segment_id))
        try:
            self.pool.write(self.fieldwriter, reader, self.docnum, saved)
        finally:
            if reader is not None:
                reader.close()
        self.fieldwriter.close()
