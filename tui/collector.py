"""Python's cycle collector paused while the reader starts, until its first results are shown.

Starting makes a few hundred thousand long-lived objects (Textual's modules and widgets, the
index's arrays, the lexicon) and almost no garbage, and the collector walked them all on the
way: at 100,000 articles, 40-50 ms of the start-up after the imports (one full collection of
~30 ms, in the first frame's rendering), and ~35 ms of the imports. Once the first results are
on screen, what is loaded is frozen (``gc.freeze``, ``screens.main``) and the collector runs
again; an app that never shows results gives it back when it ends, or after ``LONGEST_PAUSE``.

No Textual here: the command line pauses the collector before it imports the reader.
"""

from __future__ import annotations

import gc

LONGEST_PAUSE = 3.0  # seconds: a start-up that takes longer (an index being built) collects

_paused_here = False


def pause() -> None:
    """Pause the collector for the start-up, unless it is already off (then left as it is)."""
    global _paused_here
    if gc.isenabled():
        gc.disable()
        _paused_here = True


def resume() -> None:
    """Give the collector back if ``pause`` took it (idempotent)."""
    global _paused_here
    if _paused_here:
        _paused_here = False
        gc.enable()


def freeze_and_resume() -> None:
    """After the first results' frame: what start-up loaded out of the collector's sight
    (``gc.freeze``), and the collector back."""
    gc.freeze()
    resume()
