"""Maps the source folders to one import name, ``phuong_reader`` (metadata is in pyproject.toml).

``index/`` becomes ``phuong_reader.index`` and ``tui/`` ``phuong_reader.tui``; ``pkg/`` holds the
root package's own ``__init__`` and ``__main__``. Subpackages and data files (the gazetteer, the
bundled corpus, the stylesheet) are found by walking the folders, never listed by hand: a static
``[tool.setuptools]`` table can neither prefix found packages nor find data folders.
"""

from pathlib import Path

from setuptools import find_packages, setup

PARTS = ("index", "tui")


def _data_files(package: str) -> list[str]:
    """Files of the package's folder that are not Python source, with those of its plain data
    folders (folders without ``__init__.py``: ``samples/``, ``data/``), relative to it."""
    folder = Path(*package.split("."))
    out: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.is_dir() and path.name != "__pycache__" and not (path / "__init__.py").exists():
            files = [f for f in sorted(path.rglob("*")) if f.is_file() and f.suffix != ".pyc"]
            out += [f.relative_to(folder).as_posix() for f in files]
        elif path.is_file() and path.suffix not in (".py", ".pyc"):
            out.append(path.name)
    return out


found = find_packages(include=[f"{part}{tail}" for part in PARTS for tail in ("", ".*")])
setup(
    packages=["phuong_reader", *(f"phuong_reader.{name}" for name in found)],
    package_dir={"phuong_reader": "pkg", **{f"phuong_reader.{p}": p for p in PARTS}},
    package_data={f"phuong_reader.{name}": _data_files(name) for name in found},
)
