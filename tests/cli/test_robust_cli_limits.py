"""Item 8 through the command line: a query matching every document lists them all up to the
limit, and the 1 MB article (the 50 MB file's first megabyte) opens with `phuong show` and is
found by `phuong search`, reading that one article and scanning its text at most once."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from phuong_reader.index.query import documents, snippets


def test_the_cli_lists_everything_up_to_its_limit(big_index, run_cli) -> None:
    index_dir, docs = str(big_index.index_dir), big_index.docs
    code, out, _ = run_cli(
        "search", "phường", "--index-dir", index_dir, "--limit", "100000", "--json"
    )
    assert code == 0 and len(json.loads(out)) == docs
    code, out, _ = run_cli("search", "phường", "--index-dir", index_dir)
    assert code == 0 and f"{docs} result(s)" in out


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Characters of article text tokenised for snippets, one entry per call."""
    calls: list[int] = []
    real_folded, real_iter = snippets.folded_tokens, snippets.iter_tokens

    def folded_tokens(text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(len(text))
        return real_folded(text, *args, **kwargs)

    def iter_tokens(text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(len(text))
        return real_iter(text, *args, **kwargs)

    monkeypatch.setattr(snippets, "folded_tokens", folded_tokens)
    monkeypatch.setattr(documents, "folded_tokens", folded_tokens)  # the engine's kept tokens
    monkeypatch.setattr(snippets, "iter_tokens", iter_tokens)
    return calls


@pytest.mark.parametrize(
    ("argv", "scans"),
    [
        (["show", "huge"], 0),
        (["show", "huge", "--json"], 0),
        (["search", "từkhóahuge", "--json"], 1),  # the snippet: the article tokenised once
    ],
    ids=["show", "show --json", "search --json"],
)
def test_a_1_mb_article_opens_in_the_cli(
    hostile_index, run_cli, count_work, scanned: list[int], argv: list[str], scans: int
) -> None:
    _, index_dir, _ = hostile_index
    tracemalloc.start()
    try:
        with count_work() as work:
            code, out, _ = run_cli(*argv, "--index-dir", str(index_dir))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 0
    if argv[0] == "show" and "--json" in argv:
        assert len(json.loads(out)["text"]) > 700_000
    elif argv[0] == "show":
        assert "từkhóahuge" in out and len(out) > 700_000
    else:
        assert "từkhóahuge" in json.loads(out)[0]["snippet"]
    # Bounded work, on any machine: that one article is read (with the one document of the
    # check that the index opens), its text is scanned at most once, and memory stays within a
    # few dozen times its megabyte.
    assert work["unpickled"] <= 2, work
    assert len(scanned) == scans and sum(scanned) <= 1024 * 1024, scanned
    assert peak < 64 * 1024 * 1024, f"{peak / 1e6:.0f} MB for a 1 MB article"
