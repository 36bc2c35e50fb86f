"""What an article names: units (today's and former), people, organisations and figures.

The front is ``entities.pipeline`` (``parse_article``, ``to_record``); importing it is left to
its users, so that reading the gazetteer (``entities.gazetteer``) does not load extraction.
"""
