"""Fixtures shared by every test folder.

- an isolated home for caches, data and config (autouse);
- the fixture corpus (tests/data/articles) and its built index: ``articles``, ``write_corpus``,
  ``corpus``, ``built``, ``engine``, ``ids``;
- the command line in and out of process: ``run_cli``, ``phuong``, ``phuong_args``;
- the robustness tests' inputs and the indexes built from them once per session, shared by the
  engine, command-line and reader tests of one item: ``hostile`` and ``hostile_index``,
  ``evil`` and ``evil_index``, ``big_index``, ``many_articles``, ``damage_index``, ``unsafe``;
- Hypothesis strategies of queries and of Vietnamese-like text;
- ``count_work``: what the engine did (documents unpickled, postings decoded), for bounds that
  hold on any machine where a time would not.

Helpers are factory fixtures (the fixture is the function); tests never import each other.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import strategies as st
from phuong_reader.index.build.writer import BuildReport, update_index
from phuong_reader.index.entities.gazetteer import load_gazetteer
from phuong_reader.index.query import search as search_module
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.storage import hot as hot_module
from phuong_reader.index.storage.store import live_generation
from phuong_reader.tui.cli import main as cli_main
from whoosh.codec import whoosh3
from whoosh.reading import SegmentReader

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"


# -- isolation and paths ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test's caches and data out of the user's real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's root (bench/, tests/, the sources)."""
    return ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data: the fixture corpus, the gold set, the samples' expectations."""
    return DATA


# -- the fixture corpus ----------------------------------------------------------------------


def _load_articles() -> Mapping[str, str]:
    folder = DATA / "articles"
    return MappingProxyType({p.stem: p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))})


@pytest.fixture(scope="session")
def articles() -> Mapping[str, str]:
    """The fixture articles, id → text (read-only): tests/data/articles/README.md says what
    hard case of the real format each one reproduces."""
    return _load_articles()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test with an ``article_id`` argument runs once per fixture article."""
    if "article_id" in metafunc.fixturenames:
        metafunc.parametrize("article_id", list(_load_articles()))


WriteCorpus = Callable[..., Path]


@pytest.fixture(scope="session")
def write_corpus(articles: Mapping[str, str]) -> WriteCorpus:
    """``write_corpus(folder, texts=None)``: write ``texts`` (default: the fixture articles) as
    UTF-8 ``<id>.txt`` files into ``folder``; returns ``folder``."""

    def write(folder: Path, texts: Mapping[str, str] | None = None) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for article_id, text in (articles if texts is None else texts).items():
            (folder / f"{article_id}.txt").write_text(text, "utf-8")
        return folder

    return write


@pytest.fixture
def corpus(tmp_path: Path, write_corpus: WriteCorpus) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def built(corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(corpus, index_dir) with the index built."""
    index_dir = tmp_path / "index"
    update_index(corpus, index_dir)
    return corpus, index_dir


@pytest.fixture
def engine(built: tuple[Path, Path]) -> SearchEngine:
    return SearchEngine(built[1])


@pytest.fixture(scope="session")
def ids() -> Callable[..., list[str]]:
    """``ids(engine, query, **options)``: the ids of the hits, best first (up to 50)."""

    def hit_ids(engine: SearchEngine, query: str, **kwargs: object) -> list[str]:
        return [h.id for h in engine.search(query, limit=50, **kwargs).hits]  # type: ignore[arg-type]

    return hit_ids


@pytest.fixture(scope="session")
def many_articles(articles: Mapping[str, str]) -> Callable[..., dict[str, str]]:
    """``many_articles(start, stop, variant="")``: short articles in the real format, each
    naming "phường" and its own code ``k00042``, ids ``00042``."""
    templates = list(articles.values())

    def make(start: int, stop: int, variant: str = "") -> dict[str, str]:
        return {
            f"{i:05d}": templates[i % len(templates)]
            + f"\n\nMã bài k{i:05d}{variant} của phường.\n\nTHU HÀ"
            for i in range(start, stop)
        }

    return make


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@pytest.fixture(scope="session")
def windows_1258() -> Callable[[str], bytes]:
    """``windows_1258(text)``: encode as Windows-1258 does, base letters precomposed and tone
    marks combining (what Python's cp1258 codec alone does not do)."""

    def encode(text: str) -> bytes:
        out = []
        for char in text:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in _TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
            out.append(base + tones)
        return "".join(out).encode("cp1258")

    return encode


# -- the command line ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., tuple[int, str, str]]:
    """``run_cli(*argv)``: ``phuong ARGV`` in this process, (exit code, stdout, stderr). No
    capsys, so that it works in module fixtures and in Hypothesis tests."""

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main(list(argv))
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.fixture(scope="session")
def phuong_args() -> Callable[..., list[str]]:
    """``phuong_args(*argv)``: the argv of ``phuong ARGV`` for subprocess.Popen."""

    def args(*argv: str) -> list[str]:
        return [sys.executable, "-m", "phuong_reader", *argv]

    return args


@pytest.fixture(scope="session")
def phuong(
    phuong_args: Callable[..., list[str]],
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``phuong(*argv, timeout=120)``: ``phuong ARGV`` as a real process, in this test's
    environment (the timeout only keeps a hung process from hanging the run)."""

    def run(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            phuong_args(*argv),
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    return run


# -- what is safe for a terminal -------------------------------------------------------------

# A character that could drive a terminal (C0 but newline and tab, DEL, C1) or reorder/hide
# text (bidi controls, zero-width and other invisible format characters).
UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\U000e0000-\U000e007f]"
)


@pytest.fixture(scope="session")
def unsafe() -> Callable[[str], list[str]]:
    """``unsafe(text)``: the characters of ``text`` that could drive a terminal or hide text,
    as code points (``[]`` when it is safe), for assertion messages."""

    def find(text: str) -> list[str]:
        return [f"U+{ord(c):04X}" for c in UNSAFE_RE.findall(text)]

    return find


# -- a folder of hostile files (item 1) ------------------------------------------------------


def article(word: str, ward: str = "Tân Định") -> str:
    """A short article in the real format whose only rare word is ``word``."""
    return (
        f" date 2026-02-10 Phường {ward} tổ chức ngày hội {word} cho người dân trong khu phố.\n\n"
        f"UBND phường {ward} cho biết có 120 hộ tham gia ngày hội.\n\n"
        "MINH ANH"
    )


@dataclass(frozen=True)
class Hostile:
    """Every kind of bad input of a scraped folder, and what the build must make of it."""

    # file name → (bytes, the unique word search must find, or None when the file is skipped)
    files: Mapping[str, tuple[bytes, str | None]]
    skipped: Mapping[str, str]  # entry name → (part of) the reason it is skipped
    repairs: Mapping[str, str]  # file name → (part of) one of its repairs
    huge_bytes: int
    articles: Mapping[str, str]  # the fixture articles, written beside the hostile files

    def write(self, folder: Path) -> Path:
        """The fixture articles plus every hostile file, a subfolder and two bad symlinks."""
        folder.mkdir(parents=True)
        for article_id, text in self.articles.items():
            (folder / f"{article_id}.txt").write_text(text, "utf-8")
        for name, (data, _) in self.files.items():
            (folder / name).write_bytes(data)
        (folder / "locked.txt").chmod(0)
        (folder / "sub").mkdir()
        (folder / "sub" / "inner.txt").write_text(article("từkhóainner"), "utf-8")
        (folder / "loop.txt").symlink_to("loop.txt")
        (folder / "dangling.txt").symlink_to("nowhere/at/all.txt")
        return folder


@pytest.fixture(scope="session")
def hostile(articles: Mapping[str, str], windows_1258: Callable[[str], bytes]) -> Hostile:
    """The hostile folder's files (one of them 50 MB, made once per session)."""
    huge_bytes = 50 * 1024 * 1024
    word = {name: f"từkhóa{name}" for name in ("legacy", "utf16", "bomeight", "nfd", "crlf")}
    word |= {name: f"từkhóa{name}" for name in ("nulbyte", "huge", "badbytes", "twin")}
    word |= {"bidi": "từkhóabidi", "escapes": "từkhóaescapes", "locked": "từkhóalocked"}
    nul = article(word["nulbyte"]).encode()
    bad = article(word["badbytes"]).encode()
    paragraph = article(word["huge"]) + "\n\n"
    filler = "Người dân phường Tân Định đọc sách ở thư viện khu phố vào mỗi buổi sáng.\n\n"
    huge = (paragraph + filler * (huge_bytes // len(filler.encode()) + 1)).encode()[:huge_bytes]
    files = {
        "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, None),
        "empty.txt": (b"", None),
        "blank.txt": (b" \n\t\r\n  \n", None),
        "legacy.txt": (windows_1258(article(word["legacy"])), word["legacy"]),
        "utf16.txt": (article(word["utf16"]).encode("utf-16"), word["utf16"]),
        "bomeight.txt": (codecs.BOM_UTF8 + article(word["bomeight"]).encode(), word["bomeight"]),
        "nfd.txt": (unicodedata.normalize("NFD", article(word["nfd"])).encode(), word["nfd"]),
        "crlf.txt": (article(word["crlf"]).replace("\n", "\r\n").encode(), word["crlf"]),
        "nulbyte.txt": (nul[:40] + b"\x00" + nul[40:], word["nulbyte"]),
        "huge.txt": (huge, word["huge"]),
        "badbytes.txt": (bad[:50] + b"\xff\xfe\xc3" + bad[50:], word["badbytes"]),
        "twin_a.txt": (article(word["twin"]).encode(), word["twin"]),
        "twin_b.txt": (article(word["twin"]).encode(), None),
        "bidi.txt": (
            article(word["bidi"])
            .replace("ngày hội", "ngày\u200b hội \u202eđảo\u202c\u2066")
            .encode(),
            word["bidi"],
        ),
        "escapes.txt": (
            article(word["escapes"])
            .replace("khu phố", "khu phố \x1b[2J\x1b]0;title\x07\x1b]52;c;cm0gLXJm\x07\x9b31m")
            .encode(),
            word["escapes"],
        ),
        "locked.txt": (article(word["locked"]).encode(), word["locked"]),
        "notes.md": (b"# not an article", None),
    }
    skipped = {
        "photo.txt": "binary",
        "empty.txt": "empty file",
        "blank.txt": "only whitespace",
        "twin_b.txt": "duplicate of twin_a.txt",
        "notes.md": "not a .txt file",
        "sub": "a folder",
        "loop.txt": "symbolic link",
        "dangling.txt": "symbolic link",
    }
    repairs = {
        "legacy.txt": "decoded as cp1258",
        "nfd.txt": "normalised to NFC",
        "nulbyte.txt": "removed control characters",
        "badbytes.txt": "invalid utf-8 byte",
        "huge.txt": "only the first 1024 KB indexed (the file has 50.0 MB)",
        "bidi.txt": "invisible formatting character",
        "escapes.txt": "removed control characters",
    }
    return Hostile(
        MappingProxyType(files),
        MappingProxyType(skipped),
        MappingProxyType(repairs),
        huge_bytes,
        articles,
    )


@pytest.fixture(scope="session")
def hostile_index(
    hostile: Hostile, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, BuildReport]:
    """(corpus, index_dir, the build's report): the hostile folder indexed once per session."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = hostile.write(root / "corpus")
    report = update_index(corpus, root / "index")
    return corpus, root / "index", report


# -- article text that tries to drive the terminal (item 2) ----------------------------------


@dataclass(frozen=True)
class Evil:
    """An article holding markup, escape sequences, controls, bidi and zero-width characters."""

    markup: str
    link: str
    text: str
    name: str  # a file name can hold an escape sequence too


@pytest.fixture(scope="session")
def evil() -> Evil:
    markup = "[bold red]không phải markup[/]"
    link = "[link=https://evil.example]bấm vào đây[/link]"
    text = (
        " date 2026-03-01 Phường Tân\u200b Định \u202egnàhT ohc\u202c tổ chức ngày hội "
        f"{markup} và {link}.\x1b[2J\x1b[H\n\n"
        "Cửa sổ \x1b]0;pwned\x07 đổi tên, \x1b]8;;https://evil.example\x1b\\liên kết\x1b]8;;\x1b\\, "
        "\x1b]52;c;cm0gLXJmIH4=\x07 chép vào clipboard, \x9b31m đỏ\x9b0m, xoá\x08\x08 lùi\x7f, "
        "chuông\x07, \u2066cô lập\u2069, \ufeffBOM giữa, \U000e0041\U000e0042 thẻ ẩn.\u2028"
        "Tiếp theo dòng mới. UBND phường Tân Định có 25 hộ tham gia.\n\n"
        "TRẦN \u200dBÌNH"
    )
    return Evil(markup, link, text, "\x1b[31mđỏ\u202eevil")


@pytest.fixture(scope="session")
def evil_index(
    evil: Evil,
    articles: Mapping[str, str],
    write_corpus: WriteCorpus,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path]:
    """(corpus, index_dir): the fixture articles, the evil article and its twin under the evil
    file name, indexed once per session."""
    root = tmp_path_factory.mktemp("evil")
    texts = {**articles, "evil": evil.text, evil.name: evil.text + " 2"}
    corpus = write_corpus(root / "corpus", texts)
    update_index(corpus, root / "index")
    return corpus, root / "index"


# -- an index where one query matches everything (item 8) ------------------------------------


@dataclass(frozen=True)
class BigIndex:
    index_dir: Path
    docs: int


@pytest.fixture(scope="session")
def big_index(
    tmp_path_factory: pytest.TempPathFactory,
    write_corpus: WriteCorpus,
    many_articles: Callable[..., dict[str, str]],
) -> BigIndex:
    """An index of 2,000 articles that all name "phường", built once per session."""
    docs = 2000
    root = tmp_path_factory.mktemp("limits")
    corpus = write_corpus(root / "corpus", many_articles(0, docs))
    update_index(corpus, root / "index")
    return BigIndex(root / "index", docs)


# -- a damaged index (item 7) ----------------------------------------------------------------


@pytest.fixture(scope="session")
def damage_index() -> Callable[..., Path]:
    """``damage_index(index_dir, in_place=True)``: truncate the largest segment file of the
    live generation to half; returns it. ``in_place=False`` writes the truncated copy under the
    same name instead: a process that has the file mapped keeps its pages (truncating a mapped
    file would kill it with SIGBUS)."""

    def damage(index_dir: Path, in_place: bool = True) -> Path:
        segment = max(live_generation(index_dir).glob("*.seg"), key=lambda p: p.stat().st_size)
        half = segment.read_bytes()[: segment.stat().st_size // 2]
        if in_place:
            segment.write_bytes(half)
        else:
            segment.with_suffix(".new").write_bytes(half)
            segment.with_suffix(".new").replace(segment)
        return segment

    return damage


# -- Hypothesis strategies -------------------------------------------------------------------

QUERY_WORDS = [
    "phường",
    "tan",
    "son",
    "hoa",
    "Tân Sơn Hòa",
    "hòa",
    "hóa",
    "xã",
    "đảng",
    "98%",
    "3 tập thể",
    "68-NQ/TW",
    "khen*",
    "*",
    "**",
    "a*b",
    "-",
    "--",
    "-xã",
    "AND",
    "OR",
    "NOT",
    "and",
    "(",
    ")",
    "((",
    "))",
    '"',
    '""',
    '"chuyển đổi số',
    'chuyển đổi số"',
    ":",
    "::",
    "ward:",
    "date:",
    "person:",
    "org:",
    "foo:",
    'ward:"',
    'ward:"tan son',
    "date:..",
    "date:2026-13",
    "date:2026-02-30",
    "date:0000",
    "date:9999-12-31..0001-01-01",
    "date:2026-01..",
    "\\",
    "'",
    "`",
    "[bold]",
    "\x1b[2J",
    "\u202e",
    "\u200b",
    "\x00",
    "\ufeff",
    "%",
    "NaN",
    "inf",
]


@pytest.fixture(scope="session")
def query_words() -> list[str]:
    """Words and fragments of the query language, well- and ill-formed."""
    return list(QUERY_WORDS)


@pytest.fixture(scope="session")
def grammar_queries() -> st.SearchStrategy[str]:
    """Queries made of the query language's pieces: unbalanced quotes and brackets, unknown
    fields, huge numbers, lone operators."""
    tokens = st.one_of(
        st.sampled_from(QUERY_WORDS),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.builds(
            lambda field, value: f"{field}:{value}",
            st.sampled_from(["ward", "date", "person", "org", "Ward", "DATE", "x", "phường", "a1"]),
            st.one_of(st.text(max_size=12), st.integers(-(10**30), 10**30).map(str)),
        ),
        st.text(alphabet='()"-*: ANDORT', max_size=8),
    )
    return st.lists(tokens, max_size=14).map(" ".join)


@pytest.fixture(scope="session")
def unicode_queries() -> st.SearchStrategy[str]:
    """Any Unicode at all, up to 60 characters."""
    return st.text(st.characters(exclude_categories=()), max_size=60)


ARTICLE_WORDS = [
    "phường",
    "Phường",
    "xã",
    "Xã",
    "P.",
    "đặc khu",
    "Côn Đảo",
    "cũ",
    "trong đó có",
    "phường 10",
    "Ông",
    "Bà",
    "Bí thư",
    "Đảng ủy",
    "UBND",
    "MTTQ",
    "Chủ tịch",
    "đồng chí",
    "Nguyễn",
    "Văn",
    "Thị",
    "Lê",
    "Trần",
    "đường",
    "Võ Văn Kiệt",
    "Ngày",
    "Sáng",
    "15-1",
    "30/4",
    "2026",
    "năm",
    "98%",
    "99,98%",
    "24,661",
    "tỷ đồng",
    "tập thể",
    "hộ",
    "68-NQ/TW",
    "0909.123.456",
    "lần thứ",
    "XIV",
    "khu phố",
    "12",
    "hoà",
    "thuỷ",
    "Uỷ",
    "- Ảnh 1.",
    "IMG_1234.JPG",
    "Thời sự > Đảng",
    "Đường dây nóng:",
    ".",
    ",",
    ";",
    ":",
    "…",
    "(",
    ")",
    '"',
    "“",
    "”",
    "–",
    "-",
    "date",
    " date 2026-01-20 ",
    " date 2026-13-40 ",
    "MINH ANH",
]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\t", "  ", "\u200b", "\x1b[2J", "\ufeff"]


@pytest.fixture(scope="session")
def vietnamese_text() -> st.SearchStrategy[str]:
    """Vietnamese-like text: the format's words, ward names, numbers, figures, separators (some
    of them hostile), or any text at all; NFC or NFD."""
    units = [u.name for u in load_gazetteer().units]
    vietnamese = st.lists(
        st.one_of(
            st.sampled_from(ARTICLE_WORDS),
            st.sampled_from(units),
            st.sampled_from(SEPARATORS),
            st.text(
                alphabet="aăâeêioôơuưyđAĂÂĐáàảãạấầẩẫậếềểễệóòỏõọớờởỡợúùủũụứừửữự0123456789",
                max_size=8,
            ),
        ),
        max_size=120,
    ).map("".join)
    return st.one_of(
        vietnamese, vietnamese.map(lambda t: unicodedata.normalize("NFD", t)), st.text()
    )


# -- the engine's work, counted ------------------------------------------------------------


@contextlib.contextmanager
def _counting() -> Iterator[Counter[str]]:
    """Count what the engine reads while the block runs, wrapping the real functions:

    - ``unpickled``: documents whose stored fields were unpickled (Whoosh's per-document
      reader, under both the numpy path and Whoosh's own collector);
    - ``posting_lists``: posting lists opened in Whoosh's segment files;
    - ``blocks`` / ``postings``: posting blocks decoded from those files and the postings they
      held;
    - ``saved_postings``: postings read from the saved arrays of frequent terms (index.hot);
    - ``query_nodes``: the size of the Whoosh queries the search API compiled (every node).
    """
    counts: Counter[str] = Counter()
    real_stored = whoosh3.W3PerDocReader.stored_fields
    real_read = whoosh3.W3LeafMatcher._read_data
    real_lists = SegmentReader.postings
    real_get = hot_module.HotTerms.get
    real_every = hot_module.HotTerms.every_term
    real_compile = search_module.compile_query

    def stored_fields(self, docnum):  # type: ignore[no-untyped-def]
        counts["unpickled"] += 1
        return real_stored(self, docnum)

    def read_data(self):  # type: ignore[no-untyped-def]
        real_read(self)
        counts["blocks"] += 1
        counts["postings"] += len(self._data[0])

    def postings(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts["posting_lists"] += 1
        return real_lists(self, *args, **kwargs)

    def get(self, term):  # type: ignore[no-untyped-def]
        found = real_get(self, term)
        if found is not None:
            counts["saved_postings"] += len(found[0])
        return found

    def every_term(self):  # type: ignore[no-untyped-def]
        found = real_every(self)
        counts["saved_postings"] += sum(len(ids) for ids in found.values())
        return found

    def size(node: Any) -> int:
        return 1 + sum(size(child) for child in node.children())

    def compile_query(node):  # type: ignore[no-untyped-def]
        compiled, terms = real_compile(node)
        counts["query_nodes"] += size(compiled)
        return compiled, terms

    patches = [
        (whoosh3.W3PerDocReader, "stored_fields", stored_fields),
        (whoosh3.W3LeafMatcher, "_read_data", read_data),
        (SegmentReader, "postings", postings),
        (hot_module.HotTerms, "get", get),
        (hot_module.HotTerms, "every_term", every_term),
        (search_module, "compile_query", compile_query),
    ]
    originals = [(owner, name, owner.__dict__[name]) for owner, name, _ in patches]
    for owner, name, spy in patches:
        setattr(owner, name, spy)
    try:
        yield counts
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


@pytest.fixture(scope="session")
def count_work() -> Callable[[], contextlib.AbstractContextManager[Counter[str]]]:
    """``with count_work() as work: …``: ``work`` counts what the engine read meanwhile
    (``unpickled``, ``posting_lists``, ``blocks``, ``postings``, ``saved_postings``,
    ``query_nodes``)."""
    return _counting
