"""The wheel is the real install: built from the tracked tree, installed into a fresh venv outside
the checkout, and run from there (the command, ``python -m``, a search, the reader headless, the
reader served to a browser)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
import venv
import zipfile
from pathlib import Path

import aiohttp
import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE_FOLDERS = {
    "index": "phuong_reader/index",
    "tui": "phuong_reader/tui",
    "pkg": "phuong_reader",
}


def _tracked(folder: str) -> list[str]:
    """Files git knows (or would add) under ``folder``: what a clean checkout holds."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", folder],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [name for name in out if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the tracked tree (never from stray files or build/)."""
    tree = tmp_path_factory.mktemp("tree")
    names = [n for part in ("index", "tui", "pkg", "tests/data") for n in _tracked(part)]
    for name in [*names, "pyproject.toml", "setup.py", "README.md"]:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tree / name)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(tree)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("phuong_reader-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv (no access to this one's packages) with the wheel and its dependencies."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True, clear=True)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    return env_dir


def _run(
    installed: Path, args: list[str], cwd: Path, **environ: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(environ)
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=600, env=env, check=False
    )


def test_the_only_top_level_import_name_is_phuong_reader(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        top_level = archive.read(
            next(n for n in names if n.endswith(".dist-info/top_level.txt"))
        ).decode()
    tops = {name.split("/")[0] for name in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"phuong_reader"}
    assert top_level.split() == ["phuong_reader"]


def test_the_wheel_holds_every_source_style_and_data_file_of_the_tree(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    expected = set()
    for folder, installed_as in SOURCE_FOLDERS.items():
        for name in _tracked(folder):
            expected.add(installed_as + name[len(folder) :])
    assert expected, "no source files found: is this a git checkout?"
    assert {n for n in expected if n.endswith(".tcss")}, "the stylesheet must be shipped"
    assert {n for n in expected if n.endswith(".json")}, "the gazetteer must be shipped"
    assert sorted(expected - shipped) == []
    stray = {n for n in shipped if not n.startswith("phuong_reader-") and n not in expected}
    assert sorted(stray) == []


def test_the_command_and_python_m_work_from_the_installed_copy(
    installed: Path, tmp_path: Path
) -> None:
    bin_dir = installed / "bin"
    helped = _run(installed, [str(bin_dir / "phuong"), "--help"], tmp_path)
    assert helped.returncode == 0, helped.stderr
    assert "search" in helped.stdout and "index" in helped.stdout
    where = _run(
        installed,
        [str(bin_dir / "python"), "-c", "import phuong_reader; print(phuong_reader.__file__)"],
        tmp_path,
    )
    assert Path(where.stdout.strip()).is_relative_to(installed), where.stdout
    found = _run(
        installed,
        [str(bin_dir / "python"), "-m", "phuong_reader", "search", "phường", "--json"],
        tmp_path,
    )
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits, "the bundled corpus has articles naming a phường"
    assert all(Path(hit["path"]).is_relative_to(installed) for hit in hits)  # the shipped corpus
    wards = _run(installed, [str(bin_dir / "phuong"), "wards", "--json"], tmp_path)
    assert wards.returncode == 0, wards.stderr
    assert "Tân Sơn Hòa" in wards.stdout  # a ward of the bundled corpus, from its data files


def test_the_installed_copy_speaks_vietnamese_in_a_vietnamese_locale(
    installed: Path, tmp_path: Path
) -> None:
    """The compiled catalog ships with the wheel and is found from there."""
    phuong = str(installed / "bin" / "phuong")
    unset = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}  # LANG decides
    english = _run(installed, [phuong, "--help"], tmp_path, LANG="C.UTF-8", **unset)
    vietnamese = _run(installed, [phuong, "--help"], tmp_path, LANG="vi_VN.UTF-8", **unset)
    assert english.returncode == vietnamese.returncode == 0, vietnamese.stderr
    assert english.stdout.startswith("usage: phuong")
    assert vietnamese.stdout.startswith("cách dùng: phuong")  # argparse's words, from our .mo
    assert "tìm kiếm bài viết" in vietnamese.stdout  # the search command's help


READER_SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from phuong_reader.index import locate
    from phuong_reader.tui.app import ReaderApp

    async def main() -> None:
        app = ReaderApp(locate(None, None), show_timing=False)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(600):
                await pilot.pause(0.05)
                status = app.screen.query("#status")
                if status and "results" in str(status.first().render()):
                    break
            await pilot.press("slash", *"tet", "enter")
            for _ in range(600):
                await pilot.pause(0.05)
                await app.workers.wait_for_complete()
                text = str(app.screen.query_one("#status").render())
                if "results" in text and not any(w.is_running for w in app.workers):
                    break
            print(type(app.screen).__name__, text, sep="|")

    asyncio.run(main())
    """
)


def test_the_reader_opens_headless_from_the_installed_copy(installed: Path, tmp_path: Path) -> None:
    script = tmp_path / "open_reader.py"
    script.write_text(READER_SCRIPT, "utf-8")
    opened = _run(installed, [str(installed / "bin" / "python"), str(script)], tmp_path)
    assert opened.returncode == 0, opened.stderr[-3000:]
    screen, status = opened.stdout.strip().splitlines()[-1].split("|")
    assert screen == "MainScreen"
    count = int(status.split()[0])
    assert count > 0, status  # "tet" finds the bundled corpus' Tết articles


async def _first_screen(url: str, wanted: list[str]) -> str:
    """What the served reader sends a browser (as textual-serve's page would connect), read
    until every ``wanted`` text has come, the session ends or 5,000 messages were read."""
    seen = b""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{url}ws?width=120&height=36") as ws,
    ):
        for _ in range(5000):
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
                if all(w in seen.decode("utf-8", "replace") for w in wanted):
                    break
            elif message.type != aiohttp.WSMsgType.TEXT:
                break
    return seen.decode("utf-8", "replace")


def test_phuong_serve_runs_the_reader_from_the_installed_copy(
    installed: Path, tmp_path: Path, stop_process
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(installed / "bin" / "phuong"), "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(1200):  # × 0.1 s at least: a bound on a hang
            assert server.poll() is None, log.read_text()
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    assert b"static/js/textual.js" in response.read()  # the shipped page
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        screen = asyncio.run(_first_screen(url, ["Wards", "Tân Sơn Hòa"]))
        assert "Wards" in screen and "Tân Sơn Hòa" in screen, log.read_text()[-3000:]
    finally:
        stop_process(server)
