"""The Line-API table's column widths: fixed columns fit their cells, flex ones share the rest."""

from __future__ import annotations

from phuong_reader.tui.widgets.row_table import GAP, Column, column_widths

COLUMNS = [
    Column("Unit", cap=16),
    Column("Value", cap=18),
    Column("", least=8, cap=24, flex=True),
    Column("About", least=8, cap=200, flex=True),
]
ROWS = [["Bến Thành", "khoảng 2.461", lambda w: None, "x"], ["Tân Định", "12", lambda w: None, "y"]]


def test_fixed_columns_fit_their_widest_cell_and_flex_columns_share_the_rest() -> None:
    widths = column_widths(COLUMNS, ROWS, 80)
    assert widths[:2] == [len("Bến Thành"), len("khoảng 2.461")]
    assert widths[2] == 24  # the bars stop at their cap ...
    assert widths[3] == 80 - sum(widths[:3]) - 3 * GAP  # ... and the rest goes to the other


def test_a_narrow_table_drops_the_last_columns_that_do_not_fit_and_never_overflows() -> None:
    for width in range(10, 120):
        widths = column_widths(COLUMNS, ROWS, width)
        shown = [w for w in widths if w]
        assert sum(shown) + GAP * (len(shown) - 1) <= width
    narrow = column_widths(COLUMNS, ROWS, 36)
    assert narrow[0] and narrow[1] and narrow[2] >= 8 and narrow[3] == 0
