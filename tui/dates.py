"""The reader's date filter as people write dates: ``2026-01``, ``15/1/2026``, ``1-2026``…

The dates dialog (``d``) reads each field with ``read_date``, which answers the engine's own
form: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the engine's ``since`` takes the first day of it,
``until`` the last), or ``""`` for an empty field, an open end. The query language's ``date:``
reads only the ISO forms; a reporter in Ho Chi Minh City writes the day first, so the dialog
reads that too. A field it cannot read raises ``DateInputError``, whose message says how to
write it: the dialog shows it under the field.

A filter is a pair ``(since, until)`` of those forms, ``("", "")`` for none; a month chosen on
the timeline is ``("2026-01", "2026-01")``, so there is one date filter, however it was set.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from phuong_reader.tui.i18n import _

NO_DATES = ("", "")
FORMS = "2026, 2026-01, 2026-01-15, 15/1/2026, 1/2026"  # the dialog's hint
MIN_YEAR, MAX_YEAR = 1900, 2100
# An optional Vietnamese word before the date: "tháng 1/2026", "ngày 15/1/2026", "năm 2026".
_WORD_RE = re.compile(r"^(?:ngày|ngay|tháng|thang|năm|nam)\s+", re.IGNORECASE)
_ISO_RE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")  # year first
_DAY_FIRST_RE = re.compile(r"(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})")  # [day/]month/year


class DateInputError(ValueError):
    """A date field the reader cannot read; the message says how to write it."""


def read_date(text: str) -> str:
    """``text`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` ("" when empty). Raises
    DateInputError for anything else, or a month, day or year that does not exist."""
    value = _WORD_RE.sub("", text.strip()).strip()
    if not value:
        return ""
    if match := _ISO_RE.fullmatch(value):
        year, month, day = match.group(1), match.group(2), match.group(3)
    elif match := _DAY_FIRST_RE.fullmatch(value):
        day, month, year = match.group(1), match.group(2), match.group(3)
    else:
        raise DateInputError(
            _("«{value}» is not a date: e.g. 2026-01 or 15/1/2026").format(value=_shown(value))
        )
    return _checked(value, int(year), _number(month), _number(day))


def _number(digits: str | None) -> int | None:
    return None if digits is None else int(digits)


def _checked(value: str, year: int, month: int | None, day: int | None) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateInputError(
            _("{value}: the year must be {first}–{last}").format(
                value=value, first=MIN_YEAR, last=MAX_YEAR
            )
        )
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise DateInputError(_("{value}: the month must be 1–12").format(value=value))
    if day is None:
        return f"{year:04d}-{month:02d}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateInputError(
            _("{value}: {month}/{year} has days 1–{last}").format(
                value=value, month=month, year=year, last=last
            )
        )
    return date(year, month, day).isoformat()


def _shown(value: str) -> str:
    """A bad field, short enough for its message line."""
    return value if len(value) <= 24 else value[:23] + "…"


def first_day(value: str) -> str:
    """The first day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ISO)."""
    return value + "-01-01"[len(value) - 4 :] if value else ""


def last_day(value: str) -> str:
    """The last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ISO)."""
    if len(value) == 4:
        return f"{value}-12-31"
    if len(value) == 7:
        return f"{value}-{calendar.monthrange(int(value[:4]), int(value[5:]))[1]:02d}"
    return value


def read_dates(since: str, until: str) -> tuple[str, str]:
    """Both fields of the dialog as a filter; DateInputError when the range is backwards (a
    field's own error is ``read_date``'s)."""
    start, end = read_date(since), read_date(until)
    if start and end and first_day(start) > last_day(end):
        raise DateInputError(
            _("the dates run backwards: {start} is after {end}").format(start=start, end=end)
        )
    return start, end


def kept_dates(since: object, until: object) -> tuple[str, str]:
    """A remembered filter, or none when it does not read (someone edited the file)."""
    if not isinstance(since, str) or not isinstance(until, str):
        return NO_DATES
    try:
        return read_dates(since, until)
    except DateInputError:
        return NO_DATES


def one_month(since: str, until: str) -> str | None:
    """The month ("YYYY-MM") a filter is exactly, as the timeline chooses them; else None."""
    return since if len(since) == 7 and since == until else None


def dates_label(since: str, until: str) -> str:
    """The filter in words: ``2026-01``, ``2026-01 → 2026-03``, ``from 2026-01``, ``until …``
    ("" for none)."""
    if since and since == until:
        return since
    if since and until:
        return f"{since} → {until}"
    if since:
        return _("from {date}").format(date=since)
    return _("until {date}").format(date=until) if until else ""
