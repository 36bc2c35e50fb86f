"""Worker threads hand their answers to the UI thread through ``hand_over``.

A worker can finish after the screen or widget it answers for is gone: its screen closed, or
the app on its way out (``q``, a test's end). Textual's ``call_from_thread`` would still run
the callback, which then looks up widgets that are no longer there (a ``NoMatches`` raised in
the UI thread). Here the answer is dropped instead: nothing is left to show it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from textual.message_pump import MessagePump


def hand_over(node: MessagePump, callback: Callable[..., Any], *args: Any) -> None:
    """From a worker thread: ``callback(*args)`` on the UI thread, if ``node`` (the widget or
    screen it updates) is still attached to the app then; dropped otherwise, also when the
    app has stopped."""

    def apply() -> None:
        if node.is_attached:
            callback(*args)

    with suppress(RuntimeError):  # "App is not running": it ended while the worker worked
        node.app.call_from_thread(apply)
