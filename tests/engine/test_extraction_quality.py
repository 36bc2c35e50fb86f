"""The extractor against the annotated gold set: the thresholds of the issue, on every run."""

import subprocess
import sys
from pathlib import Path


def test_gold_set_precision_and_recall_are_at_least_095(repo_root: Path, data_dir: Path) -> None:
    gold = sorted((data_dir / "gold").glob("*.json"))
    assert len(gold) >= 25
    proc = subprocess.run(
        [sys.executable, str(repo_root / "bench" / "eval_extraction.py"), "--min", "0.95"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = {
        line.split()[0]: line.split()[1:3]
        for line in proc.stdout.splitlines()
        if line[:1].isalpha()
    }
    for kind in ("wards", "persons", "figures"):
        precision, recall = map(float, rows[kind])
        assert precision >= 0.95 and recall >= 0.95, (kind, precision, recall)
