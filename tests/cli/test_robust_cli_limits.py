"""Item 8 through the command line: a query matching every document lists them all up to the
limit, and the 1 MB article (the 50 MB file's first megabyte) opens with `phuong show`."""

from __future__ import annotations

import json
import time


def test_the_cli_lists_everything_up_to_its_limit(big_index, run_cli) -> None:
    index_dir, docs = str(big_index.index_dir), big_index.docs
    code, out, _ = run_cli(
        "search", "phường", "--index-dir", index_dir, "--limit", "100000", "--json"
    )
    assert code == 0 and len(json.loads(out)) == docs
    code, out, _ = run_cli("search", "phường", "--index-dir", index_dir)
    assert code == 0 and f"{docs} result(s)" in out


def test_a_1_mb_article_opens_in_the_cli(hostile_index, run_cli) -> None:
    _, index_dir, _ = hostile_index
    started = time.perf_counter()
    code, out, _ = run_cli("show", "huge", "--index-dir", str(index_dir))
    assert code == 0 and "từkhóahuge" in out and len(out) > 700_000
    code, out, _ = run_cli("show", "huge", "--index-dir", str(index_dir), "--json")
    assert code == 0 and len(json.loads(out)["text"]) > 700_000
    code, out, _ = run_cli("search", "từkhóahuge", "--index-dir", str(index_dir), "--json")
    assert code == 0 and "từkhóahuge" in json.loads(out)[0]["snippet"]
    assert time.perf_counter() - started < 15
