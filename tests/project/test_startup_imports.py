"""What importing the reader loads: nothing that its first frame does not use (counted, not
timed: each of these cost 10-60 ms of start-up)."""

from __future__ import annotations

import json
import subprocess
import sys

# charset_normalizer: only files in neither UTF-8 nor UTF-16 need it (index.text.decoding);
# importlib.metadata: only phuong_reader.__version__.
NOT_ON_THE_WAY = ("charset_normalizer", "importlib.metadata")


def test_importing_the_reader_leaves_out_what_the_first_frame_does_not_use() -> None:
    code = (
        "import json, sys\n"
        "import phuong_reader.tui.app\n"
        f"print(json.dumps([m for m in {NOT_ON_THE_WAY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_opening_an_index_as_it_is_leaves_the_build_layer_out(built, tmp_path) -> None:
    """The reader's job on ``--index-dir`` (its corpus known, the index current): the
    location's "is it the sample corpus" question, ``ensure_index`` and ``open_engine``
    answer without loading the build layer and the extraction it imports (60 ms)."""
    _, index_dir = built
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from phuong_reader.index import ensure_index, locate, open_engine\n"
        f"location = locate(None, Path({str(index_dir)!r}))\n"
        "assert location.corpus is not None and not location.bundled\n"
        "assert ensure_index(location) is None\n"
        "assert open_engine(location).doc_count() > 0\n"
        "print(json.dumps([m for m in sys.modules if m.startswith('phuong_reader.index.build')]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_the_sample_corpus_is_known_by_its_folder_and_through_a_link(tmp_path) -> None:
    from phuong_reader.index import IndexLocation, bundled_corpus
    from phuong_reader.index.location import SAMPLES_FOLDER

    samples = bundled_corpus()
    assert samples.name == SAMPLES_FOLDER
    link = tmp_path / "my-articles"
    link.symlink_to(samples, target_is_directory=True)
    other = tmp_path / SAMPLES_FOLDER
    other.mkdir()
    index_dir = tmp_path / "ix"
    assert IndexLocation(samples, index_dir).bundled
    assert IndexLocation(link, index_dir).bundled
    assert not IndexLocation(other, index_dir).bundled
    assert not IndexLocation(None, index_dir).bundled
