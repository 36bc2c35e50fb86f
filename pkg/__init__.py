"""phuong-reader: a terminal reader and search engine for Ho Chi Minh City's ward news.

The installed package has two parts: ``phuong_reader.index``, the engine (no user interface),
and ``phuong_reader.tui``, the Textual reader and the command line. This file is the package's
root; in the source tree it lives in ``pkg/`` while the parts live in ``index/`` and ``tui/``
(``setup.py`` maps them).
"""


def __getattr__(name: str) -> str:
    """``phuong_reader.__version__``, read from the installed metadata when asked for:
    ``importlib.metadata`` (with ``email``, ``zipfile``…) is not on the reader's way to its
    first frame."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("phuong-reader")
    except PackageNotFoundError:  # pragma: no cover - running from an unbuilt tree
        return "0+unknown"
