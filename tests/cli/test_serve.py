"""``phuong serve``: the reader in a browser (textual-serve), its address checks and messages,
and what it costs the other commands (nothing: they never import it)."""

from __future__ import annotations

import asyncio
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.tui.cli.main import build_parser
from phuong_reader.tui.cli.serve import is_loopback, reader_command, where

ODD_FOLDER = 'bài báo\'s "folder" $HOME'  # spaces, quotes, a $: the command must quote them
FAILED = "Application failed to start"  # what textual-serve logs when the reader did not start
POLLS = 1200  # × 0.1 s at least: a bound on a hang, never a time the test expects


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def odd_index(tmp_path: Path, write_corpus: Callable[..., Path]) -> tuple[Path, Path]:
    """(corpus, index_dir): the fixture articles in a folder whose name needs quoting."""
    corpus = write_corpus(tmp_path / ODD_FOLDER)
    update_index(corpus, tmp_path / "index")
    return corpus, tmp_path / "index"


@pytest.fixture
def serve(
    phuong_args: Callable[..., list[str]],
    tmp_path: Path,
    stop_process: Callable[[subprocess.Popen[Any]], None],
) -> Iterator[Callable[..., tuple[str, Path]]]:
    """``serve(*argv)``: ``phuong serve ARGV --port P`` running, once its page answers; (its URL,
    its log). Stopped after the test, readers and all."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*argv: str) -> tuple[str, Path]:
        port = _free_port()
        log = tmp_path / f"serve-{port}.log"
        with log.open("wb") as out:
            server = subprocess.Popen(
                phuong_args("serve", *argv, "--port", str(port)),
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=tmp_path,  # not the checkout: the readers it starts must find the package
                start_new_session=True,
            )
        started.append(server)
        url = f"http://127.0.0.1:{port}/"
        for _ in range(POLLS):
            assert server.poll() is None, f"phuong serve ended:\n{log.read_text()}"
            try:
                with urllib.request.urlopen(url, timeout=10):
                    return url, log
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.1)
        pytest.fail(f"phuong serve never answered on {url}:\n{log.read_text()}")

    yield start
    for server in started:
        stop_process(server)


def _ward_rows(index_dir: Path) -> list[str]:
    """The ward list's rows, as the reader writes them: the count, then the name (and kind)."""
    engine = SearchEngine(index_dir)
    try:
        wards = engine.ward_counts()
    finally:
        engine.close()
    assert len(wards) >= 5, wards
    return [f"{w.count} {w.name}" + ("" if w.kind == "phường" else f" ({w.kind})") for w in wards]


@pytest.mark.asyncio
async def test_the_browser_shows_the_readers_ward_list(
    serve: Callable[..., tuple[str, Path]], odd_index: tuple[Path, Path], browser_page: Any
) -> None:
    corpus, index_dir = odd_index
    url, log = serve(str(corpus), "--index-dir", str(index_dir))
    rows = _ward_rows(index_dir)
    await browser_page.open(url)
    text, closed = "", False
    for _ in range(POLLS):
        text, closed = await browser_page.terminal()
        lines = text.splitlines()
        shown = [r for r in rows if any(re.match(rf"│\s*{re.escape(r)}\s*│", ln) for ln in lines)]
        if shown == rows or closed or FAILED in log.read_text():
            break
        await asyncio.sleep(0.1)
    assert shown == rows, (
        f"the ward list showed {shown} of {rows} (session ended: {closed}); the browser's "
        f"terminal:\n{text}\nthe server:\n{log.read_text()[-3000:]}"
    )


def test_the_page_loads_nothing_from_elsewhere_and_uses_relative_urls(
    serve: Callable[..., tuple[str, Path]], built: tuple[Path, Path]
) -> None:
    url, _ = serve("--index-dir", str(built[1]))
    with urllib.request.urlopen(url, timeout=30) as response:
        page = response.read().decode("utf-8")
    links = re.findall(r"""(?:src|href)=["']([^"']+)|url\(["']?([^"')]+)""", page)
    links = [a or b for a, b in links]
    assert len(links) >= 3, page  # the script, the stylesheet, the fonts
    assert [link for link in links if "//" in link or link.startswith("/")] == []
    assert "127.0.0.1" not in page  # the websocket's address is worked out in the browser
    for link in links:
        with urllib.request.urlopen(url + link, timeout=30) as response:
            assert response.status == 200, link


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--port", "70000"], "'70000' is not a port: give a number from 1 to 65535"),
        (["--port", "0"], "'0' is not a port"),
        (["--port", "eighty"], "'eighty' is not a port"),
        (["--json"], "phuong serve prints no JSON"),
    ],
)
def test_a_bad_port_is_a_message_and_exit_2(phuong: Callable[..., Any], argv, message) -> None:
    done = phuong("serve", *argv)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_port_in_use_is_a_message_and_exit_2_before_any_indexing(
    phuong: Callable[..., Any], corpus: Path, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = phuong(
            "serve", str(corpus), "--index-dir", str(tmp_path / "ix"), "--port", str(port)
        )
    assert done.returncode == 2
    assert f"Cannot serve on 127.0.0.1 port {port}: " in done.stderr
    assert "in use" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "ix").exists()  # checked before the corpus was indexed


def test_a_host_that_is_not_this_machines_is_a_message_and_exit_2(
    phuong: Callable[..., Any],
) -> None:
    done = phuong("serve", "--host", "192.0.2.1", "--port", "8000")  # TEST-NET-1: nobody's
    assert done.returncode == 2
    assert "Cannot serve on 192.0.2.1 port 8000: " in done.stderr
    assert "Traceback" not in done.stderr


def test_the_reader_command_is_phuongs_own_with_the_same_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ODD_FOLDER).mkdir()
    monkeypatch.chdir(tmp_path)  # relative paths are made absolute
    parse = build_parser().parse_args
    module = [sys.executable, "-m", "phuong_reader.tui.cli"]
    assert shlex.split(reader_command(parse(["serve"]))) == module  # the bundled corpus
    expected = [
        *module,
        "--corpus",
        str(tmp_path / ODD_FOLDER),
        "--index-dir",
        str(tmp_path / "ix"),
    ]
    for argv in ([ODD_FOLDER], ["--corpus", ODD_FOLDER]):
        # shlex.split reads the command as the POSIX shell that textual-serve starts it with
        assert shlex.split(reader_command(parse(["serve", *argv, "--index-dir", "ix"]))) == expected
    index_only = [*module, "--index-dir", str(tmp_path / "ix")]
    assert shlex.split(reader_command(parse(["serve", "--index-dir", "ix"]))) == index_only


@pytest.mark.parametrize(
    ("host", "url", "warned"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/", False),
        ("localhost", "http://localhost:8000/", False),
        ("::1", "http://[::1]:8000/", False),
        ("192.168.1.20", "http://192.168.1.20:8000/", True),
        ("reader.newsroom.lan", "http://reader.newsroom.lan:8000/", True),
        ("0.0.0.0", f"http://{socket.gethostname()}:8000/", True),
    ],
)
def test_where_it_is_served_and_a_warning_off_loopback(host: str, url: str, warned: bool) -> None:
    shown, warning = where(host, 8000)
    assert shown == url
    assert is_loopback(host) is not warned
    if warned:
        assert warning is not None and "no password" in warning and "port 8000" in warning
        assert ("every network interface" in warning) is (host == "0.0.0.0")
    else:
        assert warning is None


def test_other_commands_never_import_textual_serve(built: tuple[Path, Path]) -> None:
    code = (
        "import sys\n"
        "from phuong_reader.tui.cli import main\n"
        f"code = main(['search', 'phường', '--index-dir', {str(built[1])!r}, '--json'])\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('textual_serve', 'aiohttp')]\n"
        "print(code, sorted(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "0 []"
