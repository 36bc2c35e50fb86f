"""The command line's language: ``--lang vi|en`` (anywhere before ``--``, ``--lang=vi`` too),
else config.toml's ``language``, else the locale (``LANG=vi_VN.UTF-8``); ``--help``, argparse's
own words, messages, summaries and the Markdown export in it; the reader and ``phuong serve``'s
readers given it. An English run is the English it always was (the other CLI tests say so)."""

from __future__ import annotations

import argparse
import json
import shlex
from pathlib import Path

import pytest
from phuong_reader.tui.cli import main
from phuong_reader.tui.cli.language import take_lang
from phuong_reader.tui.cli.main import reader_app
from phuong_reader.tui.cli.serve import reader_command
from phuong_reader.tui.i18n import language


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def help_text(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 0
    return capsys.readouterr().out


def test_lang_vi_help_is_vietnamese(capsys) -> None:
    out = help_text(capsys, "--lang", "vi", "--help")
    assert out.startswith("cách dùng: phuong")
    assert "tìm kiếm bài viết" in out  # search's help
    assert "hiện trợ giúp này rồi thoát" in out  # argparse's own -h
    assert "tùy chọn:" in out and "--lang {vi,en}" in out
    assert "usage:" not in out and "search the articles" not in out


def test_english_help_is_english_and_names_lang(capsys) -> None:
    out = help_text(capsys, "--help")
    assert out.startswith("usage: phuong")
    assert "search the articles" in out and "show this help message and exit" in out
    assert "--lang {vi,en}" in out


def test_lang_anywhere_and_with_equals(capsys) -> None:
    out = help_text(capsys, "search", "--help", "--lang=vi")
    assert out.startswith("cách dùng: phuong search")
    assert 'từ, "cụm từ"' in out and "theo mức liên quan" in out
    assert "thư mục các bài viết *.txt" in out  # --corpus


def test_a_vietnamese_locale_gives_vietnamese_messages(capsys, monkeypatch, built) -> None:
    _, index_dir = built
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    code, _, err = run(capsys, "show", "no-such-id", "--index-dir", str(index_dir))
    assert code == 2
    assert err.strip() == "Không có bài viết nào có mã 'no-such-id'"


def test_lang_en_beats_a_vietnamese_locale(capsys, monkeypatch, built) -> None:
    _, index_dir = built
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    code, _, err = run(capsys, "--lang", "en", "show", "no-such-id", "--index-dir", str(index_dir))
    assert code == 2
    assert err.strip() == "No article with id 'no-such-id'"


def test_the_settings_language_applies_without_lang(capsys, write_config, built) -> None:
    _, index_dir = built
    write_config('language = "vi"\n')
    code, out, _ = run(capsys, "search", "phường", "--index-dir", str(index_dir), "--limit", "1")
    assert code == 0
    assert " kết quả · " in out.splitlines()[0]
    code, out, _ = run(capsys, "search", "phường", "--index-dir", str(index_dir), "--lang", "en")
    assert code == 0 and " result(s) · " in out.splitlines()[0]


def test_the_settings_english_beats_a_vietnamese_locale(
    capsys, monkeypatch, write_config, built
) -> None:
    _, index_dir = built
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    write_config('language = "en"\n')
    _, _, err = run(capsys, "show", "nope", "--index-dir", str(index_dir))
    assert err.strip() == "No article with id 'nope'"


def test_settings_problems_are_said_in_the_language(capsys, write_config) -> None:
    path = write_config('language = "vi"\ntheme = 3\n')
    code, out, err = run(capsys, "config")
    assert code == 2
    assert err.strip() == (
        f'{path}:2: theme phải là tên một giao diện màu, trong dấu ngoặc kép ("textual-light"), '
        "không phải một số nguyên; bỏ qua, dùng giá trị mặc định"
    )
    assert out.splitlines()[0] == f"tệp cài đặt  {path}"
    assert "language     vi" in out  # the settings' own names stay as written in the file


def test_json_stays_json_in_vietnamese(capsys, built) -> None:
    _, index_dir = built
    code, out, _ = run(capsys, "--lang", "vi", "search", "phường", "--index-dir", str(index_dir))
    assert code == 0
    code, out, _ = run(
        capsys, "--lang", "vi", "search", "phường", "--index-dir", str(index_dir), "--json"
    )
    hits = json.loads(out)
    assert hits and {"id", "title", "date", "ward"} <= set(hits[0])


def test_markdown_export_headings_in_vietnamese(capsys, built) -> None:
    _, index_dir = built
    code, out, _ = run(
        capsys, "--lang", "vi", "export", "phường", "--index-dir", str(index_dir), "--limit", "2"
    )
    assert code == 0
    assert out.startswith("# Kết quả: phường\n\n2 bài viết\n")
    code, csv_text, _ = run(
        capsys, "--lang", "vi", "export", "phường", "--index-dir", str(index_dir), "--format", "csv"
    )
    assert csv_text.startswith("id,")  # field names stay English


def test_argparse_errors_in_vietnamese(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "vi", "search", "tết", "--limit", "many"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "phuong search: lỗi: đối số --limit: giá trị int không hợp lệ: 'many'" in err
    assert err.startswith("cách dùng: phuong search")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--lang", "fr"], "--lang 'fr': unknown language"),
        (["wards", "--lang=de"], "--lang 'de': unknown language"),
        (["--lang"], "--lang needs a language"),
    ],
)
def test_an_unknown_language_is_a_usage_error(capsys, argv: list[str], said: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith(said)
    assert "--lang vi (Vietnamese)" in err and "--lang en (English)" in err


def test_lang_after_dashes_is_part_of_the_query() -> None:
    assert take_lang(["search", "--", "--lang", "vi"]) == (["search", "--", "--lang", "vi"], None)
    assert take_lang(["search", "x", "--lang", "VI", "y"]) == (["search", "x", "y"], "vi")
    assert take_lang(["--lang=en", "--lang", "vi"]) == ([], "vi")  # the last one wins


def test_the_reader_gets_the_language(write_config, built) -> None:
    _, index_dir = built
    write_config('language = "en"\n')
    reader_app(argparse.Namespace(dir=None, corpus=None, index_dir=index_dir, lang="vi"))
    assert language() == "vi"
    reader_app(argparse.Namespace(dir=None, corpus=None, index_dir=index_dir, lang=None))
    assert language() == "en"


def test_serve_passes_the_language_to_its_readers(tmp_path: Path) -> None:
    args = argparse.Namespace(dir=None, corpus=None, index_dir=tmp_path, lang="vi")
    assert shlex.split(reader_command(args))[-2:] == ["--lang", "vi"]
    args.lang = None
    assert "--lang" not in shlex.split(reader_command(args))
