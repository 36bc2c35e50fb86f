"""textual-serve's web server as ``phuong serve`` runs it (imported only by that command: it loads
aiohttp).

Three changes to textual-serve's ``Server``, none to how it runs the reader:

- our page (``web/app_index.html``): textual-serve's loads a font from the internet and writes
  the server's listening address into every URL, which breaks with ``--host 0.0.0.0`` or behind
  a reverse proxy (Textualize/textual-serve#42); ours uses relative URLs only;
- no banner: the command line it prints is ours to write (serve.py);
- on shutdown (Ctrl+C, SIGTERM) the browsers' sessions are ended at once, each reader told to
  quit, instead of aiohttp waiting up to a minute for their websockets to close.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

PAGE_FOLDER = Path(__file__).resolve().parent / "web"
TITLE = "phuong-reader"


class ReaderServer(Server):
    """Serve ``command`` (the reader) to every browser that connects, on ``host:port``."""

    def __init__(self, command: str, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title=TITLE, templates_path=PAGE_FOLDER)
        self._sessions: set[asyncio.Task[object]] = set()

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: textual-serve's banner would print the reader's whole command line."""

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser's session (its reader process), kept so that shutdown can end it."""
        task = asyncio.current_task()
        assert task is not None
        self._sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._sessions.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every session: textual-serve then closes its websocket and stops its reader."""
        for task in list(self._sessions):
            task.cancel()
