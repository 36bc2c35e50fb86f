"""The command line: ``phuong`` and its subcommands (argparse in, Rich or JSON out).

Textual is imported only when the reader opens, so scripted commands start fast.
"""

from phuong_reader.tui.cli.main import main

__all__ = ["main"]
