"""``phuong serve``: the reader in a web browser, through textual-serve.

textual-serve runs a web server and, for each browser that connects, starts the reader as a
command (``python -m phuong_reader.tui.cli`` with the same corpus and index options as
``phuong``) and relays its screen to xterm.js in the page. It has no authentication: anyone who
reaches the port can read the corpus (docs/serve.md).

textual-serve and aiohttp are imported only when the server starts (webserver.py), so every
other command starts as fast as without them.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from phuong_reader.tui.cli.render import safe_text
from phuong_reader.tui.i18n import _
from rich.console import Console

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
EXIT_OK, EXIT_USAGE = 0, 2
EVERY_INTERFACE = ("0.0.0.0", "::", "")


def add_parser(sub: Any, location_options: Any) -> None:
    """Register ``phuong serve`` on the main parser's subparsers."""
    p = sub.add_parser("serve", help=_("serve the reader to web browsers (textual-serve)"))
    p.add_argument("dir", nargs="?", type=Path, help=_("folder of *.txt articles"))
    location_options(p)
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=_("address to listen on (default {host})").format(host=DEFAULT_HOST),
    )
    p.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=_("port (default {port})").format(port=DEFAULT_PORT),
    )
    p.set_defaults(json=False)


def port_number(text: str) -> int:
    """argparse type: a TCP port a server can listen on, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            _("{text} is not a port: give a number from 1 to 65535").format(text=repr(text))
        )
    return port


def reader_command(args: argparse.Namespace) -> str:
    """The shell command that opens the same reader as ``phuong [DIR] [--index-dir D]``, from
    this Python (an installed wheel or a checkout alike); paths absolute and quoted."""
    argv = [sys.executable, "-m", "phuong_reader.tui.cli"]
    corpus = args.dir or args.corpus
    if corpus is not None:
        argv += ["--corpus", str(corpus.resolve())]
    if args.index_dir is not None:
        argv += ["--index-dir", str(args.index_dir.resolve())]
    if getattr(args, "lang", None):  # --lang: the browsers' readers speak it too
        argv += ["--lang", args.lang]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses; any other name or address may be reached
    from other machines."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def where(host: str, port: int) -> tuple[str, str | None]:
    """The address to open in a browser, and a warning when others can reach it too."""
    name = socket.gethostname() if host in EVERY_INTERFACE else host.strip("[]")
    shown = f"[{name}]" if ":" in name else name
    url = f"http://{shown}:{port}/"
    if is_loopback(host):
        return url, None
    reach = _("every network interface") if host in EVERY_INTERFACE else host
    return url, _(
        "Warning: listening on {reach}, not only this machine: anyone who can reach port "
        "{port} reads the corpus and can start readers, with no password. Keep it behind a "
        "firewall or a reverse proxy with authentication, never on the internet (docs/serve.md)."
    ).format(reach=reach, port=port)


def check_address(host: str, port: int) -> None:
    """Listen on ``host:port`` once, as the server will (asyncio's ``create_server``, which
    aiohttp uses), and stop: OSError when the port is taken, privileged or the host unknown."""

    async def listen() -> None:
        server = await asyncio.get_running_loop().create_server(asyncio.Protocol, host, port)
        server.close()
        await server.wait_closed()

    asyncio.run(listen())


def run_serve(
    args: argparse.Namespace, stdout: Console, stderr: Console, prepare: Callable[[], object]
) -> int:
    """Serve the reader until Ctrl+C; a bad address is a message and exit 2. ``prepare`` builds
    the index if needed once the address is known to work, so that no browser's reader has to
    (and two of them do not race to write it)."""
    if args.json:
        _say(stderr, _("phuong serve prints no JSON: run it without --json"))
        return EXIT_USAGE
    try:
        check_address(args.host, args.port)
    except OSError as exc:
        said = _("Cannot serve on {host} port {port}: {reason}")
        _say(stderr, said.format(host=args.host, port=args.port, reason=_reason(exc)))
        return EXIT_USAGE
    prepare()
    from phuong_reader.tui.cli.webserver import ReaderServer  # aiohttp loads only here

    url, warning = where(args.host, args.port)
    _say(stdout, _("Serving the reader on {url} (Ctrl+C stops)").format(url=url))
    if warning:
        _say(stderr, warning)
    server = ReaderServer(reader_command(args), args.host, args.port)
    server.serve()
    return EXIT_OK


def _reason(exc: OSError) -> str:
    """The system's words for a failed bind ("Address already in use"), without asyncio's
    wrapping; a host name that does not resolve has only its resolver's message."""
    if isinstance(exc.errno, int) and exc.errno > 0:
        return os.strerror(exc.errno)
    return exc.strerror or str(exc)


def _say(console: Console, message: str) -> None:
    """One line, literal and not wrapped (as the other commands' messages)."""
    console.print(safe_text(message), soft_wrap=True)
