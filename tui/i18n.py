"""The interface's language: English (the source strings) or Vietnamese (gettext catalogs).

Every string the reader or the command line shows a person goes through ``_`` (or ``ngettext``
for a count); a string defined before the language is known (a Binding's description, the help's
rows, argparse's help) is marked ``N_`` where it is written and translated with ``_`` where it
is shown. The catalogs are ``tui/locale/vi/LC_MESSAGES/phuong.po`` (edited) and ``.mo``
(compiled from it with Babel: ``python .ci/catalog.py update|compile``; a test checks that every
marked string is translated, that the ``.mo`` is the ``.po`` compiled, and that no prose is
left outside them).

The language: ``--lang vi|en``, else ``language`` in config.toml (unless "auto"), else the
locale: Vietnamese when the first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that
is set names ``vi`` (``vi_VN.UTF-8``), English otherwise. Runtime needs only the standard
library's gettext.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "phuong"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("en", "vi")
AUTO = "auto"  # config.toml: follow the locale
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """ "vi" when the locale is Vietnamese (``vi``, ``vi_VN.UTF-8``), else "en"."""
    environ = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            first = value.split(":")[0].strip().lower()
            return "vi" if first == "vi" or first.startswith(("vi_", "vi.", "vi-")) else "en"
    return "en"


def choose_language(asked: str | None = None, setting: str = AUTO) -> str:
    """The language to use: ``asked`` (``--lang``), else ``setting`` (config.toml's
    ``language``, unless "auto"), else the locale's."""
    if asked in LANGUAGES:
        return str(asked)
    if setting in LANGUAGES:
        return setting
    return locale_language()


def set_language(language: str) -> None:
    """Show every string from now on in ``language`` ("en" or "vi")."""
    global _active, _language
    if language == "vi":
        _active = gettext.translation(DOMAIN, LOCALE_DIR, languages=["vi"], fallback=True)
    else:
        _active = gettext.NullTranslations()
    _language = language if language in LANGUAGES else "en"


def language() -> str:
    """The language strings are shown in now."""
    return _language


def _(message: str) -> str:
    """``message`` in the current language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular`` / ``plural`` for ``count``, in the current language."""
    return _active.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog where it is written; ``_`` translates it when shown."""
    return message
