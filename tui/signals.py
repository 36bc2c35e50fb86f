"""The signals that end the reader as ``q`` does: SIGTERM and SIGHUP (the terminal window
closed) would otherwise kill the process where it stands, before the app keeps its place."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from contextlib import suppress

EXIT_SIGNALS = ("SIGTERM", "SIGHUP")


def exit_on_signals(exit_app: Callable[[], object]) -> list[int]:
    """Make the running loop call ``exit_app`` on each exit signal; the signals so handled."""
    loop, handled = asyncio.get_running_loop(), []
    for name in EXIT_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:
            continue  # Windows has no SIGHUP
        with suppress(NotImplementedError, RuntimeError, ValueError):  # Windows, a thread
            loop.add_signal_handler(number, exit_app)
            handled.append(number)
    return handled


def forget_signals(handled: list[int]) -> None:
    """Give the signals of ``exit_on_signals`` back to their default handling."""
    loop = asyncio.get_running_loop()
    while handled:
        loop.remove_signal_handler(handled.pop())
