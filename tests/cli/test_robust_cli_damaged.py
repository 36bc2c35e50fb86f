"""Item 7 through the command line: on a damaged index every command exits 1 with a message
saying how to rebuild it, never a traceback, and `phuong index` rebuilds it."""

from __future__ import annotations

import json
from pathlib import Path


def test_the_cli_on_a_damaged_index_exits_1_and_index_rebuilds_it(
    tmp_path: Path, damage_index, run_cli, write_corpus
) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    ix = str(tmp_path / "ix")
    assert run_cli("index", str(corpus), "--index-dir", ix)[0] == 0
    damage_index(tmp_path / "ix")
    for command in (["search", "hoa"], ["wards"], ["show", "101_tansonhoa"], ["people"]):
        code, out, err = run_cli(*command, "--index-dir", ix)
        assert code == 1, (command, err)
        assert err.startswith("Error: the index in") and "is damaged" in err
        assert f"phuong index {corpus} --index-dir {ix} --rebuild" in err.replace("\n", " ")
        assert "Traceback" not in err and out == ""
    code, out, _ = run_cli("index", str(corpus), "--index-dir", ix)
    assert code == 0
    assert "is damaged" in out and "rebuilt from scratch" in out
    code, out, _ = run_cli("search", "hoa", "--index-dir", ix, "--json")
    assert code == 0 and json.loads(out)
