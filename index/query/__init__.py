"""Answering queries: parser, compiler, numpy evaluation, phrases, snippets, SearchEngine."""
