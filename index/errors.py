"""Every error the engine raises on purpose, under one base class.

``str()`` of each is a message for the user. Each also keeps the built-in type it always had
(``QueryError`` is a ``ValueError``, ``IndexMissingError`` a ``FileNotFoundError``, …), so
callers that caught those still do.
"""

from __future__ import annotations


class PhuongError(Exception):
    """Base of the engine's errors: catch this to handle any of them."""


class UndecodableError(PhuongError, ValueError):
    """The bytes are not text in any encoding we accept (binary, or hopelessly mixed)."""


class CorpusError(PhuongError, OSError):
    """The corpus folder itself cannot be listed (missing, not a folder, no permission)."""


class QueryError(PhuongError, ValueError):
    """A query the user must fix; ``str()`` is the message to show."""


class ArticleNotFoundError(PhuongError, KeyError):
    """No article with that id in the index."""


class IndexMissingError(PhuongError, FileNotFoundError):
    """No index has been built in this directory yet (or its pointer is unreadable)."""


class IndexBusyError(PhuongError, RuntimeError):
    """Another process is writing this index."""


class IndexBuildError(PhuongError, RuntimeError):
    """A build wrote an index that does not hold what it was given; nothing was published."""


class IndexUnusableError(PhuongError, RuntimeError):
    """The index cannot be searched as it is; the message says what to run."""


class IndexDamagedError(IndexUnusableError):
    """The live index exists but cannot be read (a truncated or corrupted file)."""

    def __init__(self, message: str, why: str) -> None:
        super().__init__(message)
        self.why = why  # the diagnosis without the advice, for a build report
