"""What an article names: units (today's and former), people, organisations and figures."""

from phuong_reader.index.entities.pipeline import parse_article, to_record

__all__ = ["parse_article", "to_record"]
