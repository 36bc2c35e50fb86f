"""``phuong export`` (issue 15): a query's results with the filters of ``phuong search``, or one
article whole, as Markdown (parsed back with markdown-it), CSV (the csv module) and JSON, on
stdout or into a file; an article's text stays text in Markdown; bad input is a message."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.tui.export import ARTICLE_FIELDS, RESULT_FIELDS

Run = Callable[..., tuple[int, str, str]]
SHOW_KEYS = {"id", "path", "date", "ward", "wards", "title", "author", "lead", "paragraphs",
             "captions", "text"}  # fmt: skip
MARKUP = {"strong_open", "em_open", "link_open", "image", "html_inline", "html_block",
          "code_inline", "code_block", "fence", "s_open", "table_open", "hr"}  # fmt: skip
HOSTILE = (
    " date 2026-02-10 Phường Tân Sơn Hòa ra mắt **mô hình** [mới](http://x.vn) <b>nhanh</b> & gọn."
    "\n\nSáng 10-2, phường Tân Sơn Hòa trao 12 suất quà; `mã` ~~cũ~~ | a | b | \\ hết."
    "\n\n# Không phải tiêu đề, mà là một đoạn văn của phường."
    "\n\n- Không phải danh sách: phường Tân Sơn Hòa có 3 tổ dân phố mới."
    "\n\n1. Không phải số thứ tự: ông Lâm Quốc Trung, Bí thư Đảng ủy phường Tân Sơn Hòa, "
    "phát biểu.\n\n> Không phải trích dẫn của phường.\n\nKHÁNH VY"
)


def blocks(markdown: str) -> list[tuple[str, str, set[str]]]:
    """Each block of text: (where it is, e.g. "h1", "p", "ul li p", "blockquote p"; its text
    as rendered; the inline token types in it)."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    out: list[tuple[str, str, set[str]]] = []
    where: list[str] = []
    for token in parser.parse(markdown):
        if token.nesting == 1:
            where.append(token.tag)
        elif token.nesting == -1:
            where.pop()
        elif token.type == "inline":
            text = "".join(
                "\n" if c.type in ("softbreak", "hardbreak") else c.content
                for c in token.children or []
            )
            out.append((" ".join(where), text, {c.type for c in token.children or []}))
        else:
            out.append((token.type, token.content, set()))
    return out


def search_json(run_cli: Run, ix: Path, *argv: str) -> list[dict[str, Any]]:
    code, out, err = run_cli("search", "--index-dir", str(ix), "--json", "--limit", "10000", *argv)
    assert code == 0, err
    return json.loads(out)


def export(run_cli: Run, ix: Path, *argv: str) -> str:
    code, out, err = run_cli("export", "--index-dir", str(ix), *argv)
    assert (code, err) == (0, ""), err
    return out


@pytest.fixture
def hostile(tmp_path: Path, write_corpus: Callable[..., Path]) -> Path:
    """An index of the fixture articles and one full of Markdown's characters."""
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "109_markdown.txt").write_text(HOSTILE, "utf-8")
    update_index(corpus, tmp_path / "index")
    return tmp_path / "index"


def test_results_as_markdown(run_cli: Run, built: tuple[Path, Path]) -> None:
    _, ix = built
    hits = search_json(run_cli, ix, "phường")
    parsed = blocks(export(run_cli, ix, "phường", "--format", "md"))
    assert parsed[0] == ("h1", "Results: phường", {"text"})
    assert parsed[1][:2] == ("p", f"{len(hits)} article(s)")
    headings = [text for where, text, _ in parsed if where == "h2"]
    assert headings == [f"{n}. {h['title']}" for n, h in enumerate(hits, 1)]
    metas = [text for where, text, _ in parsed if where == "p"][1:]
    assert metas == [f"{h['date'] or 'no date'} · {h['ward']} · {h['id']}" for h in hits]
    quotes = [text for where, text, _ in parsed if where == "blockquote p"]
    assert quotes == [h["snippet"] for h in hits if h["snippet"]]
    assert not any(kinds & MARKUP for _, _, kinds in parsed)


def test_results_as_csv_and_json_are_what_search_gives(
    run_cli: Run, built: tuple[Path, Path]
) -> None:
    _, ix = built
    hits = search_json(run_cli, ix, "tan", "son")
    assert len(hits) >= 2
    assert json.loads(export(run_cli, ix, "tan", "son", "--format", "json")) == hits
    assert json.loads(export(run_cli, ix, "tan", "son", "--json")) == hits
    reader = csv.DictReader(io.StringIO(export(run_cli, ix, "tan", "son", "--format", "csv")))
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == RESULT_FIELDS
    as_text = [{k: "" if v is None else str(v) for k, v in h.items()} for h in hits]
    assert rows == as_text


@pytest.mark.parametrize(
    "argv",
    [
        ["phường", "--ward", "Tân Sơn Hòa"],
        ["--since", "2026-01", "--sort", "date"],
        ["phường", "--until", "2025-12", "--limit", "2", "--offset", "1"],
        ["date:2025", "--sort", "date"],
        ["is:bookmarked", "phường"],
        ["--", "-is:bookmarked", "phường"],
    ],
)
def test_export_takes_the_filters_of_search(
    run_cli: Run, built: tuple[Path, Path], argv: list[str]
) -> None:
    _, ix = built
    for article_id in ("101_tansonhoa", "105_phuthohoa", "108_scattered"):
        assert run_cli("bookmarks", "--add", article_id, "--index-dir", str(ix))[0] == 0
    cut = argv.index("--") if "--" in argv else len(argv)
    head, tail = argv[:cut], argv[cut:]
    code, out, err = run_cli("export", *head, "--index-dir", str(ix), "--json", *tail)
    assert code == 0, err
    code, expected, _ = run_cli("search", *head, "--index-dir", str(ix), "--json", *tail)
    if "--limit" not in argv:
        expected = json.dumps(search_json(run_cli, ix, *head, *tail))
    assert json.loads(out) == json.loads(expected)
    assert json.loads(out), "the case exports something"


def test_every_result_is_exported_not_a_page(
    run_cli: Run, tmp_path: Path, write_corpus: Callable[..., Path], many_articles: Any
) -> None:
    corpus = write_corpus(tmp_path / "corpus", many_articles(0, 25))
    update_index(corpus, tmp_path / "index")
    code, out, _ = run_cli("search", "phường", "--index-dir", str(tmp_path / "index"), "--json")
    assert code == 0 and len(json.loads(out)) == 10
    exported = json.loads(export(run_cli, tmp_path / "index", "phường", "--format", "json"))
    assert len(exported) == 25


def test_an_article_as_markdown_keeps_its_parts_and_its_text_as_text(
    run_cli: Run, hostile: Path
) -> None:
    article = SearchEngine(hostile).article("109_markdown")
    assert article.persons and article.figures and article.byline
    parsed = blocks(export(run_cli, hostile, "--article", "109_markdown"))
    assert parsed[0][:2] == ("h1", article.title)
    facts = [text for where, text, _ in parsed[1:] if where == "ul li p"][:5]
    assert facts == [
        "Date: 2026-02-10",
        f"Ward: {article.ward}",
        f"Wards named: {', '.join(article.wards)}",
        f"Byline: {article.byline}",
        "Id: 109_markdown",
    ]
    body = [(text, kinds) for where, text, kinds in parsed if where == "p"]
    written = [
        article.text[b.start : b.end].strip()
        for b in article.blocks
        if b.kind in ("lead", "paragraph", "caption")
    ]
    assert [text for text, _ in body] == written
    assert [h for where, h, _ in parsed if where.startswith("h")] == [
        article.title,
        "People",
        "Organisations",
        "Figures",
    ]
    lead_kinds = body[0][1]
    assert "strong_open" in lead_kinds  # the lead is bold; nothing else from the text is markup
    assert not any(kinds & MARKUP for _, kinds in body[1:])
    assert not lead_kinds & (MARKUP - {"strong_open"})
    items = [text for where, text, _ in parsed if where == "ul li p"][5:]
    people = [f"{p.name}: {p.role}" if p.role else p.name for p in article.persons]
    assert items == people + article.orgs + article.figures


def test_an_article_as_csv_and_json(run_cli: Run, built: tuple[Path, Path]) -> None:
    _, ix = built
    article = SearchEngine(ix).article("101_tansonhoa")
    record = json.loads(export(run_cli, ix, "--article", "101_tansonhoa", "--format", "json"))
    code, shown, _ = run_cli("show", "101_tansonhoa", "--index-dir", str(ix), "--json")
    assert code == 0
    assert set(record) == SHOW_KEYS | {"date_inferred", "persons", "orgs", "figures"}
    assert {k: record[k] for k in SHOW_KEYS} == json.loads(shown)
    assert record["persons"] == [{"name": p.name, "role": p.role} for p in article.persons]
    assert record["figures"] == article.figures and "33 tập thể" in article.figures
    reader = csv.DictReader(
        io.StringIO(export(run_cli, ix, "--article", "101_tansonhoa", "--format", "csv"))
    )
    (row,) = list(reader)
    assert tuple(reader.fieldnames or ()) == ARTICLE_FIELDS
    assert row["text"] == article.clean_text() and row["title"] == article.title
    assert row["figures"].split("; ") == article.figures
    assert row["persons"] == "; ".join(
        f"{p.name} ({p.role})" if p.role else p.name for p in article.persons
    )


def test_output_to_a_file_a_folder_or_by_its_extension(
    run_cli: Run, built: tuple[Path, Path], tmp_path: Path
) -> None:
    _, ix = built
    target = tmp_path / "out.csv"
    target.write_text("an older, longer file\n" * 100, "utf-8")
    code, out, err = run_cli("export", "phường", "-o", str(target), "--index-dir", str(ix))
    assert code == 0 and out == ""
    assert err.startswith("Exported 6 of 6 result(s) to ") and err.strip().endswith("out.csv")
    assert target.read_text("utf-8") == export(run_cli, ix, "phường", "--format", "csv")
    folder = tmp_path / "exports"
    folder.mkdir()
    for _ in range(2):
        assert (
            run_cli(
                "export", "--article", "101_tansonhoa", "-o", str(folder), "--index-dir", str(ix)
            )[0]
            == 0
        )
    assert sorted(p.name for p in folder.iterdir()) == ["101_tansonhoa-2.md", "101_tansonhoa.md"]
    code, _, err = run_cli(
        "export", "tan son hoa", "-o", str(folder), "--json", "--index-dir", str(ix)
    )
    (made,) = folder.glob("phuong-tan-son-hoa-*.json")
    assert code == 0 and str(made) in err
    assert json.loads(made.read_text("utf-8")) == search_json(run_cli, ix, "tan son hoa")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["phường", "--format", "xml"], 2, "argument --format: invalid choice: 'xml'"),
        (["phường", "--json", "--format", "csv"], 2, "--json and --format csv: choose one"),
        (["phường", "--article", "101_tansonhoa"], 2, "give no query with it"),
        (["--article", "999_nope"], 2, "No article with id '999_nope'"),
        (["is:nope"], 2, "Query error: unknown is:nope"),
        (["phường", "-o", "{missing}/out.md"], 2, "out.md: {missing} does not exist"),
        (["phường", "-o", "{file}/out.md"], 2, "out.md: {file} is not a folder"),
    ],
)
def test_bad_input_is_a_message_and_writes_nothing(
    phuong: Callable[..., subprocess.CompletedProcess[str]],
    built: tuple[Path, Path],
    tmp_path: Path,
    argv: list[str],
    code: int,
    message: str,
) -> None:
    _, ix = built
    (tmp_path / "a-file").write_text("kept")
    names = {"missing": str(tmp_path / "missing"), "file": str(tmp_path / "a-file")}
    argv = [a.format(**names) for a in argv]
    before = sorted(tmp_path.rglob("*"))
    done = phuong("export", "--index-dir", str(ix), *argv)
    assert (done.returncode, done.stdout) == (code, "")
    assert message.format(**names) in done.stderr and "Traceback" not in done.stderr
    assert sorted(tmp_path.rglob("*")) == before
    assert (tmp_path / "a-file").read_text() == "kept"
