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
