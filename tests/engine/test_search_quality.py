"""Search quality on the bundled corpus and the wide gold set, against SQLite FTS5 on the same
documents (bench/eval_search.py): eleven kinds of query, relevance decided without our ranking
(for "topic recall", by reading the articles: bench/topic_judgments.json)."""

import json
import subprocess
import sys
from pathlib import Path

KINDS = (
    "ward", "accentless", "old tone", "person", "figure", "topic", "accented",
    "abbreviation", "former ward", "typed number", "topic recall",
)  # fmt: skip
MIN_MRR = 0.95
MIN_TOPIC_RECALL = 0.9  # at 10: articles about the topic that say it with other words too


def test_every_kind_reaches_095_mrr_and_fts5s_own(repo_root: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(repo_root / "bench" / "eval_search.py"), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    scores = json.loads(proc.stdout)
    assert scores["articles"] >= 80
    assert set(KINDS) <= set(scores)
    assert sum(scores[k]["queries"] for k in KINDS) >= 120
    for kind in KINDS:
        got = scores[kind]
        assert got["MRR ours"] >= MIN_MRR, (kind, got)
        assert got["MRR ours"] >= got["MRR fts5"], (kind, got)
    got = scores["topic recall"]
    assert got["queries"] >= 20
    assert got["R@10 ours"] >= MIN_TOPIC_RECALL, got
    assert got["R@10 ours"] >= got["R@10 fts5"], got
