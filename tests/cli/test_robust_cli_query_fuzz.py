"""Item 5 through the command line: generated queries given to `phuong search` exit 0 with
results or 2 with a readable message, never a traceback, with the work of each answer bounded
as the API's is (counted, not timed); arguments that are not UTF-8 do not crash the printing.
(The API's run and where the bounds come from: tests/engine/test_robust_query_fuzz.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phuong_reader.index.build.writer import update_index

MAX_QUERY_NODES = 512  # as in tests/engine/test_robust_query_fuzz.py
MAX_POSTING_LISTS = 128
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
RunCli = Callable[..., tuple[int, str, str]]
CountWork = Callable[[], AbstractContextManager[Counter[str]]]


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
    count_work: CountWork,
    articles,
    grammar_queries: st.SearchStrategy[str],
    unicode_queries: st.SearchStrategy[str],
    data: st.DataObject,
) -> None:
    query = data.draw(st.one_of(grammar_queries, unicode_queries.filter(lambda q: "\x00" not in q)))
    with count_work() as work:
        # "--" so that a query starting with "-" is a query, not an option (as a shell user must).
        code, out, err = run_cli("search", "--index-dir", str(fuzz_index), "--", query)
    assert work["query_nodes"] <= MAX_QUERY_NODES, (query, work)
    assert work["posting_lists"] <= MAX_POSTING_LISTS, (query, work)
    # Each article unpickled at most once, and one for the check that the index opens.
    assert work["unpickled"] <= len(articles) + 1, (query, work)
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
