"""The engine's public front loads its layers on first use, and gives every name it lists."""

from __future__ import annotations

import importlib
import subprocess
import sys

import phuong_reader.index as front


def test_every_listed_name_is_the_object_its_module_defines() -> None:
    assert sorted(front.__all__) == sorted(front._WHERE)
    for name, module in front._WHERE.items():
        assert getattr(front, name) is getattr(importlib.import_module(module), name), name


def test_opening_the_reader_does_not_load_the_build_or_extraction_layers() -> None:
    code = (
        "import sys, phuong_reader.tui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith('phuong_reader.index.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = out.stdout
    assert "phuong_reader.index.query.search" in loaded  # the reader's first frame needs it
    for heavy in ("index.build.writer", "index.build.corpus", "index.entities.pipeline"):
        assert f"phuong_reader.{heavy}'" not in loaded, heavy
