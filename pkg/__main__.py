"""``python -m phuong_reader``: the same as the ``phuong`` command."""

from phuong_reader.tui.cli import main

raise SystemExit(main())
