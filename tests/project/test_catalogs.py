"""The interface's strings: none is written outside the catalogs (tui/i18n.py), every marked one
is translated into Vietnamese, and the compiled ``.mo`` is the ``.po``.

"Prose" is a string a person reads: two words or more, or one capitalised word ("Results"),
or an f-string with words in it. Not prose, by where it stands: docstrings, the CSS, ids, CSS
classes and selectors, binding keys and actions, dictionary keys and subscripts, comparisons,
SQL, regular expressions, and arguments that name things (``id=``, ``classes=``, ``metavar=``,
``dest=``…). A line that means a string for a program rather than a person (a JSON field, a
file format) says so with ``# not-ui`` at its end.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tui"
MARKERS = {"_", "N_", "ngettext"}
WORD = re.compile(r"[^\W\d_]{2,}")
NAMING_KEYWORDS = {
    "id", "classes", "name", "group", "key_display", "variant", "action", "dest", "metavar",
    "selector", "expect_type", "encoding", "errors", "mode", "newline", "prog", "tooltip_id",
    "choices", "default", "const", "type", "sep", "end", "style", "justify", "overflow",
}  # fmt: skip
NAMING_CALLS = {
    "query", "query_one", "query_children", "add_class", "remove_class", "set_class",
    "has_class", "toggle_class", "set_classes", "execute", "executemany", "executescript",
    "compile", "match", "search", "fullmatch", "sub", "split", "findall", "finditer",
    "getattr", "hasattr", "setattr", "get", "pop", "setdefault", "startswith", "endswith",
    "environ", "getenv", "strftime", "strptime", "add_argument", "set_defaults", "Binding",
    "run_worker", "post_message", "lower", "replace", "strip", "rstrip", "lstrip", "join",
    "format", "encode", "decode", "open", "Path", "with_suffix", "with_name", "glob", "rglob",
    "connect", "Style", "parse", "Color", "isinstance", "call_later", "set_timer", "_",
    "N_", "ngettext", "install_screen", "get_screen", "is_screen_installed", "switch_screen",
    "push_screen", "add_parser", "import_module", "partition", "rpartition", "count", "index",
}  # fmt: skip
ANY_POSITION_NAMING = {"execute", "executemany", "executescript", "compile", "match", "search",
                       "fullmatch", "sub", "split", "findall", "finditer"}  # fmt: skip


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _is_prose(text: str) -> bool:
    words = WORD.findall(text)
    if not words:
        return False
    if len(words) >= 2 and re.search(r"\s", text.strip()):
        return True
    word = text.strip().rstrip(".…:!?")
    return len(word) >= 3 and word.isalpha() and word[0].isupper() and word[1:].islower()


def unmarked(path: Path, source: str | None = None) -> list[str]:
    """The prose strings of ``path`` (or of ``source``, said to be there) that no
    ``_``/``N_``/``ngettext`` holds."""
    source = path.read_text("utf-8") if source is None else source
    lines = source.splitlines()
    tree = ast.parse(source)
    skip: set[int] = set()  # ids of nodes not to look at (with their children)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Call):
            name = _called(node)
            if name in MARKERS:
                skip.update(id(a) for a in node.args)
            elif name == "Binding":  # key and action name things; the description is prose
                skip.update(id(a) for a in node.args[:2])
            elif name in ANY_POSITION_NAMING:
                skip.update(id(a) for a in node.args)
            elif name in NAMING_CALLS and node.args:
                skip.add(id(node.args[0]))
            for keyword in node.keywords:
                if keyword.arg in NAMING_KEYWORDS:
                    skip.add(id(keyword.value))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [getattr(t, "id", getattr(t, "attr", "")) for t in targets]
            if any(n.endswith("CSS") or n == "__all__" for n in names):
                skip.add(id(node.value))
        elif isinstance(node, ast.Dict):
            skip.update(id(k) for k in node.keys if k is not None)
        elif isinstance(node, ast.Subscript):
            skip.add(id(node.slice))
        elif isinstance(node, ast.Compare):
            skip.update(id(n) for n in (node.left, *node.comparators))
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if id(node) in skip:
            return
        line = lines[node.lineno - 1] if hasattr(node, "lineno") else ""
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
            if _is_prose(text) and "# not-ui" not in line:
                found.append(f"{path.name}:{node.lineno}: f-string {text!r}")
            for v in node.values:  # the expressions inside
                if isinstance(v, ast.FormattedValue):
                    visit(v.value)
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _is_prose(node.value) and "# not-ui" not in line:
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _built_text(node: ast.AST) -> bool:
    """A text made at run time: an f-string, a concatenation, ``%`` or ``.format()``."""
    if isinstance(node, (ast.JoinedStr, ast.BinOp)):
        return True
    return isinstance(node, ast.Call) and _called(node) == "format"


def marked_fstrings(path: Path, source: str | None = None) -> list[str]:
    """``_(f"…")`` (or a concatenation, or ``.format()`` inside) can never be in a catalog: the
    text must be a constant, or a name holding one marked with ``N_`` where it was written."""
    tree = ast.parse(path.read_text("utf-8") if source is None else source)
    return [
        f"{path.name}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _called(node) in MARKERS
        and any(_built_text(a) for a in node.args[:2])
    ]


SOURCES = sorted(p for p in SOURCE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(SOURCE)) for p in SOURCES])
def test_no_string_is_written_outside_the_catalogs(path: Path) -> None:
    assert unmarked(path) == []
    assert marked_fstrings(path) == []


def test_the_scan_finds_prose_and_leaves_names() -> None:
    code = (
        'x = "Results"\ny = f"{n} results found"\nz = _("Fine here")\n'
        'q = self.query_one("#query")\nb = Binding("s", "toggle_sort", "Sort")\n'
        'w = {"title": 1}\nif a == "by relevance": pass\nk = "md"\n'
        'j = "a program word list"  # not-ui\n'
    )
    found = unmarked(SOURCE / "made_up.py", code)
    assert [f.split(": ", 1)[1] for f in found] == [
        "'Results'",
        "f-string ' results found'",
        "'Sort'",
    ]


def test_the_scan_refuses_texts_built_inside_the_marker() -> None:
    code = (
        'a = _(f"{n} results")\nb = _("x" + y)\nc = _("{n} x".format(n=1))\n'
        'd = _("Fine")\ne = _(LABEL)\nf = _(row.label)\ng = ngettext("{n} a", "{n} b", n)\n'
    )
    assert marked_fstrings(SOURCE / "made_up.py", code) == [
        "made_up.py:1",
        "made_up.py:2",
        "made_up.py:3",
    ]


def _catalog_tool():
    spec = importlib.util.spec_from_file_location("catalog", ROOT / ".ci" / "catalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_marked_string_is_translated_and_compiled() -> None:
    assert _catalog_tool().problems() == []
