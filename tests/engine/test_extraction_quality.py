"""The extractor against both annotated gold sets, on every run.

``gold/`` is the first set (year-end conferences, 58 articles); ``gold_wide/`` the 40 articles
across seventeen kinds of story and several outlets' page formats. The floors are what the
extractor measured when its rules last changed: a change that loses quality fails here. Issue
11's targets are higher (0.95 precision and recall for every kind, roles included); every kind
meets them today on the first two sets. ``gold_holdout/`` (16 articles written blind after the
rules of the first two were tuned, then tuned against: its README) holds organisations lower: it
was annotated before their convention was written. ``gold_holdout2/`` (12 articles) is held out:
its floors are what the rules score on text they were never tuned to.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

# kind → the lowest precision and recall allowed; "roles": share of gold persons found with
# their exact role.
FLOORS = {
    "gold": {
        "wards": 0.99,
        "former_wards": 0.99,
        "persons": 0.99,
        "figures": 0.99,
        "orgs": 0.99,
        "roles": 0.99,
    },
    "gold_wide": {
        "wards": 0.99,
        "former_wards": 0.98,
        "persons": 0.99,
        "figures": 0.98,
        "orgs": 0.99,
        "roles": 0.99,
    },
    # Written blind after the first two were tuned; tuned against since (its README).
    "gold_holdout": {
        "wards": 0.99,
        "former_wards": 0.99,
        "persons": 0.99,
        "figures": 0.97,
        "orgs": 0.86,  # annotated before the organisations convention was written
        "roles": 0.99,
    },
    # Held out (its README): measured, never tuned against; the floors only catch a loss.
    "gold_holdout2": {
        "wards": 0.99,
        "former_wards": 0.99,
        "persons": 0.93,
        "figures": 0.92,
        "orgs": 0.76,
        "roles": 0.99,
    },
}
MIN_ARTICLES = {"gold": 58, "gold_wide": 40, "gold_holdout": 16, "gold_holdout2": 12}


def _scores(repo_root: Path, folder: Path) -> dict[str, object]:
    script = repo_root / "bench" / "eval_extraction.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--json", "--gold", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_precision_and_recall_hold_their_floors(name: str, repo_root: Path, data_dir: Path) -> None:
    scores = _scores(repo_root, data_dir / name)
    assert scores["articles"] >= MIN_ARTICLES[name]
    for kind, floor in FLOORS[name].items():
        got = scores[kind]
        values = (got,) if isinstance(got, float) else (got["precision"], got["recall"])
        assert min(values) >= floor, (name, kind, got, floor)
