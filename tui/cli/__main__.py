"""``python -m phuong_reader.tui.cli``: the same as ``phuong``."""

from phuong_reader.tui.cli.main import main

raise SystemExit(main())
