"""config.toml read by tui/settings.py: what each setting becomes, and every kind of mistake
reported with the file and its line while the other settings still apply."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from phuong_reader.tui.keys import binding_ids, key_label, normal_key
from phuong_reader.tui.settings import (
    CONFIG_ENV,
    Settings,
    config_path,
    default_corpus,
    key_lines,
    load_settings,
)


def test_no_file_means_every_default_and_no_problem(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "absent.toml")
    assert loaded.settings == Settings()
    assert loaded.problems == () and not loaded.exists
    assert Settings().corpus is None and Settings().theme is None
    assert Settings().language == "auto" and dict(Settings().keys) == {}


def test_every_setting_is_read(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    path = tmp_path / "config.toml"
    path.write_text(
        'corpus = "news"\ntheme = "nord"\nlanguage = "vi"\n\n[keys]\n'
        '"main.sort" = "o"\nmain.figures = "Ctrl+G"\n"main.help" = ["?", "h"]\n'
        '"results.down" = "j, down"\n\n[keys.article]\ntop = ","\n'
        "\n[keys.figures]\nby-unit = [',']\n",
        "utf-8",
    )
    loaded = load_settings(path)
    assert loaded.settings.corpus == news  # relative to the config file's folder
    assert loaded.settings.theme == "nord"
    assert loaded.settings.language == "vi"
    assert dict(loaded.settings.keys) == {
        "main.sort": "o",
        "main.figures": "ctrl+g",
        "main.help": "question_mark,h",
        "results.down": "j,down",
        "figures.by-unit": "comma",
    }
    # "," alone is a list separator in a string: a list binds the comma key
    assert loaded.problems == (
        f"{path}:12: [keys] article.top: no key given; it keeps its own keys",
    )


def test_the_corpus_may_start_with_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "news").mkdir()
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    path.write_text('corpus = "~/news"\n', "utf-8")
    assert load_settings(path).settings.corpus == tmp_path / "news"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('theme = "nord"\n\nlanguage = 3\n', 3, ['language must be "en" or "vi", not an integer']),
        ('language = "fr"\n', 1, ["'fr' is not one of"]),
        ("\n\ntheme = true\n", 3, ["theme must be", "not a boolean"]),
        ('# a comment\ncorpus = ["a"]\n', 2, ["corpus must be", "not an array"]),
        ('corpus = "no-such-folder"\n', 1, ["no folder", "bundled sample corpus is used"]),
        ('thme = "nord"\n', 1, ["unknown setting 'thme'", "did you mean 'theme'"]),
        ('keys = "o"\n', 1, ["keys must be a table", "not a string"]),
        ('[keys]\n"main.srot" = "o"\n', 2, ["no action has the id 'main.srot'", "'main.sort'"]),
        ("[keys]\n\nmain.sort = 5\n", 3, ["keys.main.sort must be", "not an integer"]),
        ('[keys.main]\nsort = "ctlr+o"\n', 2, ["main.sort", "'ctlr' is not a modifier"]),
        ('[keys]\n"main.sort" = "sapce"\n', 2, ["'sapce' is not a key"]),
        ('[keys]\n"main.sort" = ""\n', 2, ["no key given"]),
        ('theme = "nord"\nlanguage = \n', 2, ["not valid TOML", "every setting is ignored"]),
        ('[keys\n"main.sort" = "o"\n', 1, ["not valid TOML"]),
    ],
)
def test_each_mistake_names_the_file_and_its_line(
    tmp_path: Path, text: str, line: int, words: list[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    (problem,) = load_settings(path).problems
    assert problem.startswith(f"{path}:{line}:"), problem
    for word in words:
        assert word in problem, (word, problem)


def test_a_mistake_leaves_the_other_settings_in_effect(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = 7\nlanguage = "vi"\n[keys]\n"main.sort" = "o"\nx.y = "z"\n', "utf-8")
    loaded = load_settings(path)
    assert len(loaded.problems) == 2
    assert loaded.settings.theme is None  # the broken one: its default
    assert loaded.settings.language == "vi" and dict(loaded.settings.keys) == {"main.sort": "o"}


def test_a_file_that_is_not_toml_gives_every_default(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n[keys]\n"main.sort" = "o"\n"main.sort" = "p"\n', "utf-8")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    (problem,) = loaded.problems
    assert problem.startswith(f"{path}:4:") and "not valid TOML" in problem


def test_a_file_that_is_not_utf8_or_not_a_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "nord"\n# caf\xe9\n')
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problems == (
        f"{path}:2: not UTF-8 text; every setting is ignored, the defaults are used",
    )
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    (problem,) = load_settings(folder).problems
    assert problem.startswith(f"{folder}: cannot be read")


def test_an_unknown_theme_is_a_problem_once_the_names_are_known(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('language = 1\n\ntheme = "nrod"\n', "utf-8")
    loaded = load_settings(path)
    assert loaded.settings.theme == "nrod" and len(loaded.problems) == 1
    checked = loaded.check_theme({"nord", "textual-dark"})
    assert checked.settings.theme is None
    assert checked.problems[1].startswith(f"{path}:3: unknown theme 'nrod'")
    assert "did you mean 'nord'" in checked.problems[1]
    assert load_settings(path).check_theme({"nrod"}).problems == loaded.problems


def test_the_line_of_every_key_is_found() -> None:
    text = (
        '# top\ncorpus = "x"\n[keys]\n"main.sort" = "o"\nmain.help = "h"\n'
        "'results.up' = 'k'\n[keys.figures]\nby-unit = \"u\"\n[[other]]\nsort = 1\n"
    )
    lines = key_lines(text)
    assert lines[("corpus",)] == 2
    assert lines[("keys",)] == 3
    assert lines[("keys", "main.sort")] == 4
    assert lines[("keys", "main", "help")] == 5
    assert lines[("keys", "results.up")] == 6
    assert lines[("keys", "figures", "by-unit")] == 8
    assert ("keys", "figures", "sort") not in lines


def test_keys_are_named_as_textual_names_them() -> None:
    from textual.keys import _character_to_key, _normalize_key_list

    for code in range(33, 127):
        assert normal_key(chr(code)) == _character_to_key(chr(code)), chr(code)
    for key in ("Ctrl+F", "ctrl+shift+Left", "PageDown", "F5", "J", "?"):
        assert normal_key(key) == _normalize_key_list(normal_key(key))
    assert [normal_key(k) for k in ("Ctrl+F", "PageDown", "J", "?")] == [
        "ctrl+f",
        "pagedown",
        "J",
        "question_mark",
    ]
    labels = [key_label(k) for k in ("ctrl+p", "question_mark", "pagedown", "escape", "j", "f1")]
    assert labels == ["Ctrl+P", "?", "PgDn", "Esc", "j", "F1"]


def test_the_known_ids_are_those_the_help_names() -> None:
    ids = binding_ids()
    assert len(ids) == len(set(ids)) > 50
    assert {"main.sort", "main.search", "app.quit", "help.close", "figures.by-unit"} <= set(ids)


def test_the_config_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "mine.toml"))
    assert config_path() == tmp_path / "mine.toml"
    monkeypatch.delenv(CONFIG_ENV)
    from platformdirs import user_config_dir

    assert config_path() == Path(user_config_dir("phuong-reader")) / "config.toml"
    if sys.platform.startswith("linux"):  # platformdirs follows XDG there
        assert config_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "phuong-reader/config.toml"


def test_the_command_line_wins_over_the_default_corpus(tmp_path: Path) -> None:
    settings = Settings(corpus=tmp_path / "default")
    assert default_corpus(None, None, settings) == tmp_path / "default"
    assert default_corpus(tmp_path / "given", None, settings) == tmp_path / "given"
    assert default_corpus(None, tmp_path / "index", settings) is None  # --index-dir alone
    assert default_corpus(None, None, Settings()) is None  # the bundled corpus


def test_the_loader_does_not_load_textual() -> None:
    code = (
        "import sys; from phuong_reader.tui.settings import load_settings; load_settings(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
