"""``phuong config``: the example it writes (commented, the defaults, never over a file), what
it reports; and the config file seen by the other commands (the default corpus, problems on
stderr)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from phuong_reader.tui.app import ReaderApp  # noqa: F401  (every bound class, for default_keys)
from phuong_reader.tui.bindings import default_keys
from phuong_reader.tui.keys import binding_ids, normal_key, split_keys
from phuong_reader.tui.settings import SETTINGS, Settings, load_settings, tomllib

ASSIGNMENT = re.compile(r'^# ((?:"[^"]+"|[a-z]+) = .*|\[keys\])$')


def _uncommented(example: str) -> str:
    """The example with the "# " taken off every setting line (and off ``[keys]``)."""
    return "\n".join(
        m[1] if (m := ASSIGNMENT.match(line)) else line for line in example.splitlines()
    )


def test_init_writes_a_commented_example_that_sets_nothing(run_cli) -> None:
    path = Path(os.environ["PHUONG_CONFIG"])
    assert not path.exists()
    code, out, err = run_cli("config", "--init")
    assert (code, err) == (0, "")
    assert str(path) in out
    example = path.read_text("utf-8")
    assert tomllib.loads(example) == {}  # every line a comment
    assert all(line == "" or line.startswith("#") for line in example.splitlines())
    loaded = load_settings(path)
    assert loaded.exists and loaded.problems == () and loaded.settings == Settings()


def test_the_example_shows_every_setting_and_every_key_at_its_default(
    run_cli, tmp_path: Path
) -> None:
    code, _, _ = run_cli("config", "--init")
    assert code == 0
    example = Path(os.environ["PHUONG_CONFIG"]).read_text("utf-8")
    for name in SETTINGS:
        assert re.search(rf"^# (\[)?{name}\b", example, re.M), name
    uncommented = tmp_path / "config.toml"
    # corpus names a folder of the user's: without it, the uncommented file is the defaults
    uncommented.write_text(_uncommented(example).replace('corpus = "~/news"', ""), "utf-8")
    loaded = load_settings(uncommented).check_theme({"textual-dark"})
    assert loaded.problems == ()
    assert loaded.settings.theme == "textual-dark" and loaded.settings.language == "auto"
    keymap = {action: split_keys(keys) for action, keys in loaded.settings.keys.items()}
    defaults = {action: [normal_key(k) for k in keys] for action, keys in default_keys().items()}
    assert keymap == defaults
    assert sorted(keymap) == sorted(binding_ids())


def test_init_never_overwrites_without_force(run_cli, write_config) -> None:
    path = write_config('theme = "nord"\n')
    code, out, err = run_cli("config", "--init")
    assert code == 1 and out == ""
    assert str(path) in err and "--force" in err
    assert path.read_text("utf-8") == 'theme = "nord"\n'
    code, out, _ = run_cli("config", "--init", "--force")
    assert code == 0 and str(path) in out
    assert tomllib.loads(path.read_text("utf-8")) == {}
    code, _, err = run_cli("config", "--force")
    assert code == 2 and "--init" in err


def test_config_prints_the_path_and_the_settings_in_effect(
    run_cli, write_config, corpus: Path
) -> None:
    code, out, err = run_cli("config")
    assert (code, err) == (0, "")
    assert os.environ["PHUONG_CONFIG"] in out and "no such file" in out
    assert "the bundled sample corpus" in out
    path = write_config(
        f'corpus = "{corpus}"\ntheme = "nord"\nlanguage = "vi"\n[keys]\n"main.sort" = "o"\n'
    )
    code, out, err = run_cli("config")
    assert (code, err) == (0, "")
    assert str(path) in out and "no such file" not in out
    assert re.search(rf"corpus\s+{re.escape(str(corpus))}", out)
    assert re.search(r"theme\s+nord", out) and re.search(r"language\s+vi", out)
    assert "main.sort = o" in out
    code, out, _ = run_cli("config", "--json")
    assert code == 0
    assert json.loads(out) == {
        "path": str(path),
        "exists": True,
        "corpus": str(corpus),
        "theme": "nord",
        "language": "vi",
        "keys": {"main.sort": ["o"]},
        "problems": [],
    }
    assert run_cli("config", "--path") == (0, f"{path}\n", "")


def test_config_reports_each_problem_with_its_line(run_cli, write_config) -> None:
    path = write_config('language = "vi"\ntheme = "nrod"\n[keys]\n"main.srot" = "o"\n')
    code, out, err = run_cli("config", "--lang", "en")  # the file's "vi" would say it in Vietnamese
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:2: unknown theme 'nrod'")
    assert lines[1].startswith(f"{path}:4: [keys]: no action has the id 'main.srot'")
    assert re.search(r"language\s+vi", out)  # what is right still applies


def test_a_broken_config_is_said_on_stderr_and_the_command_runs(run_cli, write_config) -> None:
    path = write_config('corpus = "somewhere"\nlanguage = \n')
    code, out, err = run_cli("wards")
    assert code == 0
    assert "Tân Sơn Hòa" in out  # the bundled corpus: the defaults
    assert err.startswith(f"{path}:2:") and "not valid TOML" in err
    assert "Traceback" not in err


def test_the_default_corpus_is_used_when_the_command_line_names_none(
    run_cli, write_config, corpus: Path, tmp_path: Path
) -> None:
    write_config(f'corpus = "{corpus}"\n')
    code, out, _ = run_cli("search", "tan son hoa", "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits and all(h["path"].startswith(str(corpus)) for h in hits)
    other = tmp_path / "other"
    other.mkdir()
    (other / "only.txt").write_text(
        "Phường Phú Thạnh ra quân dọn kênh.\n\nNgười dân phường Phú Thạnh tham gia.\n\nMINH AN",
        "utf-8",
    )
    code, out, _ = run_cli("search", "--corpus", str(other), "--json")  # the command line wins
    assert code == 0 and [h["id"] for h in json.loads(out)] == ["only"]
    code, out, _ = run_cli("index", "--json")
    report = json.loads(out)  # the config's corpus, built by the search above: nothing new
    assert code == 0 and report["added"] == [] and report["updated"] == []
    assert report["unchanged"] == len(list(corpus.glob("*.txt")))
