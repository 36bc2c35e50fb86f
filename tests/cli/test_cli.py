"""The command line: exit codes, readable errors, stable JSON."""

import json
import subprocess
import sys

import pytest
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.cli import main

SEARCH_KEYS = {"id", "path", "date", "ward", "title", "score", "snippet"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_then_search_json(capsys, corpus, tmp_path, articles) -> None:
    ix = str(tmp_path / "ix")
    code, out, _ = run(capsys, "index", str(corpus), "--index-dir", ix, "--json")
    assert code == 0
    report = json.loads(out)
    assert sorted(report["added"]) == sorted(articles)
    code, out, _ = run(capsys, "search", "tan", "son", "hoa", "--index-dir", ix, "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["id"] == "101_tansonhoa"
    assert set(hits[0]) == SEARCH_KEYS
    assert "Tân Sơn Hòa" in hits[0]["snippet"]


def test_index_reports_one_added_one_updated_one_removed(
    capsys, corpus, tmp_path, articles
) -> None:
    ix = str(tmp_path / "ix")
    run(capsys, "index", str(corpus), "--index-dir", ix)
    (corpus / "200_new.txt").write_text("Phường Bến Thành ra mắt phố đi bộ mới.\n\nTÚ ANH")
    (corpus / "101_tansonhoa.txt").write_text(articles["101_tansonhoa"] + " ")
    (corpus / "102_phuthanh.txt").unlink()
    code, out, _ = run(capsys, "index", str(corpus), "--index-dir", ix)
    assert code == 0
    assert "Indexed 1 new, updated 1, removed 1" in out
    _, out, _ = run(capsys, "search", "phố đi bộ", "--index-dir", ix, "--json")
    assert [h["id"] for h in json.loads(out)] == ["200_new"]


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "ward:", "date:2026-13"])
def test_malformed_query_exits_2_with_a_readable_message(capsys, built, query) -> None:
    _, index_dir = built
    code, out, err = run(capsys, "search", query, "--index-dir", str(index_dir))
    assert code == 2
    assert err.startswith("Query error: ")
    assert "Traceback" not in err and out == ""


def test_search_options(capsys, built) -> None:
    _, ix = built
    code, out, _ = run(
        capsys,
        "search",
        "phường",
        "--index-dir",
        str(ix),
        "--sort",
        "date",
        "--since",
        "2026-01",
        "--limit",
        "2",
        "--json",
    )
    hits = json.loads(out)
    assert [h["date"] for h in hits] == ["2026-03-08", "2026-02-03"]
    since = ("--since", "2026-01", "--limit", "2", "--json")
    _, out, _ = run(capsys, "search", "phường", "--index-dir", str(ix), "--sort", "oldest", *since)
    assert [h["date"] for h in json.loads(out)] == ["2026-01-20", "2026-02-03"]
    _, out, _ = run(capsys, "search", "--ward", "Phú Thạnh", "--index-dir", str(ix), "--json")
    assert [h["id"] for h in json.loads(out)] == ["102_phuthanh"]
    code, _, err = run(capsys, "search", "x", "--ward", "Atlantis", "--index-dir", str(ix))
    assert code == 2 and "Atlantis" in err


def test_wards_and_show(capsys, built) -> None:
    _, ix = built
    _, out, _ = run(capsys, "wards", "--index-dir", str(ix), "--json")
    wards = {w["name"]: w for w in json.loads(out)}
    assert wards["Tân Sơn Hòa"]["count"] == 1 and wards["Tân Sơn Hòa"]["kind"] == "phường"
    code, out, _ = run(capsys, "show", "102_phuthanh", "--index-dir", str(ix))
    assert code == 0
    assert "Đặng Minh Khoa" in out and "HOÀNG LONG" in out
    assert "Đường dây nóng" not in out and "IMG_2041" not in out
    code, _, err = run(capsys, "show", "nope", "--index-dir", str(ix))
    assert code == 2 and "nope" in err


def test_missing_index_is_a_clear_error(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "search", "x", "--index-dir", str(tmp_path / "none"))
    assert code == 1
    assert "no index" in err and "phuong index" in err


def test_article_text_is_never_markup(capsys, tmp_path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "m.txt").write_text(
        "Phường An Phú in [bold red]không phải markup[/] và \x1b[2J xoá màn hình.\n\nMAI ANH"
    )
    ix = str(tmp_path / "ix")
    run(capsys, "index", str(corpus), "--index-dir", ix)
    _, out, _ = run(capsys, "show", "m", "--index-dir", ix)
    assert "[bold red]không phải markup[/]" in out
    assert "\x1b" not in out


def test_bundled_corpus_is_the_default(capsys) -> None:
    code, out, _ = run(capsys, "search", "phường", "--json", "--limit", "5")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 5
    assert all(set(h) == SEARCH_KEYS for h in hits)


def test_console_script_runs_without_traceback(tmp_path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "phuong_reader", "search", "AND", "--index-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1  # no index there: a message, not a traceback
    assert "Traceback" not in proc.stderr


def test_phuong_without_a_command_opens_the_reader(monkeypatch, tmp_path) -> None:
    opened: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, **_: opened.append(self))
    assert main([]) == 0
    assert opened[-1].location is not None and opened[-1].location.bundled
    assert main([str(tmp_path)]) == 0
    assert opened[-1].location is not None and opened[-1].location.corpus == tmp_path
    assert main(["--index-dir", str(tmp_path / "ix")]) == 0
    assert opened[-1].location is not None
    assert opened[-1].location.index_dir == tmp_path / "ix"
    main([str(tmp_path / "missing")])
    assert opened[-1].location is None
    assert "corpus folder not found" in (opened[-1].error or "")
