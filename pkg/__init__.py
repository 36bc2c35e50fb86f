"""phuong-reader: a terminal reader and search engine for Ho Chi Minh City's ward news.

The installed package has two parts: ``phuong_reader.index``, the engine (no user interface),
and ``phuong_reader.tui``, the Textual reader and the command line. This file is the package's
root; in the source tree it lives in ``pkg/`` while the parts live in ``index/`` and ``tui/``
(``setup.py`` maps them).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("phuong-reader")
except PackageNotFoundError:  # pragma: no cover - running from an unbuilt tree
    __version__ = "0+unknown"
