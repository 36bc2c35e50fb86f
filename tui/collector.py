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
import time

LONGEST_PAUSE = 3.0  # seconds: a start-up that takes longer (an index being built) collects
TIDY_PAUSE = 5.0  # seconds without a search's answer before ``tidy_if_idle`` collects
TIDY_AFTER = 50  # results frozen without a pause before ``out_of_sight`` tidies (~14 MB)

_paused_here = False
_last_result: float | None = None  # when ``out_of_sight`` last froze, until ``tidy``
_frozen_results = 0  # results frozen since the last ``tidy``


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


def out_of_sight() -> None:
    """After each search's results: what is in memory is frozen, so that the collections while
    the next key is searched walk only what that search makes. A full collection waited for a
    key's allocations to pass a quarter of what was live, then walked it all: 9–14 ms of a
    keystroke at 100,000 articles. What died meanwhile waits for ``tidy_if_idle``, or for
    TIDY_AFTER results without a pause. Only while the collector runs (not in the start-up's
    pause). ``gc.freeze`` moves lists, it does not walk them (``gc.get_freeze_count`` does:
    not asked here)."""
    global _last_result, _frozen_results
    if gc.isenabled():
        _last_result = time.monotonic()
        gc.freeze()
        _frozen_results += 1
        if _frozen_results >= TIDY_AFTER:
            tidy()


def tidy_if_idle() -> None:
    """``tidy`` once no search has answered for ``TIDY_PAUSE`` (a timer asks every so often)."""
    if _last_result is not None and time.monotonic() - _last_result >= TIDY_PAUSE:
        tidy()


def tidy() -> None:
    """Everything back in the collector's sight, one collection (the cycles that died since
    the last one), and what lives frozen again."""
    global _last_result, _frozen_results
    _last_result, _frozen_results = None, 0
    if gc.isenabled():
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def freeze_and_resume() -> None:
    """After the first results' frame: what start-up loaded out of the collector's sight
    (``gc.freeze``), and the collector back."""
    gc.freeze()
    resume()
