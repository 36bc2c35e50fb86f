"""Item 5 through the command line: generated queries given to `phuong search` exit 0 with
results or 2 with a readable message, never a traceback, within 2 s; arguments that are not
UTF-8 do not crash the printing. (The API's run: tests/engine/test_robust_query_fuzz.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phuong_reader.index.build.writer import update_index

MAX_SECONDS = 2.0
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
RunCli = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def fuzz_index(tmp_path_factory: pytest.TempPathFactory, write_corpus: Callable[..., Path]) -> Path:
    root = tmp_path_factory.mktemp("cli-fuzz")
    update_index(write_corpus(root / "corpus"), root / "index")
    return root / "index"


@settings(FUZZ, max_examples=300)
@given(data=st.data())
def test_the_cli_answers_results_or_a_message(
    fuzz_index: Path,
    run_cli: RunCli,
    grammar_queries: st.SearchStrategy[str],
    unicode_queries: st.SearchStrategy[str],
    data: st.DataObject,
) -> None:
    query = data.draw(st.one_of(grammar_queries, unicode_queries.filter(lambda q: "\x00" not in q)))
    started = time.perf_counter()
    # "--" so that a query starting with "-" is a query, not an option (as a shell user must).
    code, out, err = run_cli("search", "--index-dir", str(fuzz_index), "--", query)
    assert time.perf_counter() - started < MAX_SECONDS
    assert (code, err == "") == (0, True) or (code == 2 and err.startswith("Query error: "))
    assert "Traceback" not in out + err


def test_the_cli_survives_arguments_that_are_not_utf8(fuzz_index: Path, repo_root: Path) -> None:
    """Bytes that are not UTF-8 arrive as lone surrogates; they must not crash the printing."""
    for raw in (b"ph\xff\xfeng", b"\xc3(", b"ward:\xed\xa0\x80"):
        proc = subprocess.run(
            [
                sys.executable.encode(),
                b"-m",
                b"phuong_reader",
                b"search",
                raw,
                b"--index-dir",
                os.fsencode(fuzz_index),
            ],
            capture_output=True,
            check=False,
            timeout=120,
            cwd=repo_root,
        )
        assert proc.returncode in (0, 2), proc.stderr
        assert b"Traceback" not in proc.stderr
