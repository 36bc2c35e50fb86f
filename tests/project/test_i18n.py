"""Which language the interface speaks (tui/i18n.py): ``--lang``, then config.toml, then the
locale; and that the Vietnamese catalog is the one read."""

from __future__ import annotations

import gettext

import pytest
from phuong_reader.tui import i18n


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "vi"}, "vi"),
        ({"LC_ALL": "vi_VN.utf8", "LANG": "en_US.UTF-8"}, "vi"),
        ({"LANGUAGE": "en:vi", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"LANGUAGE": "vi:en"}, "vi"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "victorian"}, "en"),
        ({}, "en"),
    ],
)
def test_the_locale_names_the_language(environ: dict[str, str], expected: str) -> None:
    assert i18n.locale_language(environ) == expected


def test_the_option_beats_the_setting_which_beats_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert i18n.choose_language() == "vi"
    assert i18n.choose_language(setting="en") == "en"
    assert i18n.choose_language("vi", setting="en") == "vi"
    assert i18n.choose_language(None, setting="auto") == "vi"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.choose_language() == "en"
    assert i18n.choose_language(setting="vi") == "vi"
    assert i18n.choose_language("en", setting="vi") == "en"


def _catalog() -> dict:
    """The compiled Vietnamese catalog, read with the standard library (msgid → msgstr;
    plural ones as (msgid, index) → msgstr)."""
    path = i18n.LOCALE_DIR / "vi" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    with path.open("rb") as f:
        return gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]


def test_set_language_switches_what_is_shown() -> None:
    catalog = _catalog()
    english = next(k for k in catalog if isinstance(k, str) and k and "{" not in k)
    one, _index = next(k for k in catalog if isinstance(k, tuple))
    plural = gettext.NullTranslations()  # English: the second text for more than one
    assert i18n.ngettext("x", "xs", 2) == plural.ngettext("x", "xs", 2)
    try:
        i18n.set_language("vi")
        assert i18n.language() == "vi"
        assert i18n._(english) == catalog[english] != english
        # One plural form in Vietnamese: the same text for 1 and for 5.
        assert i18n.ngettext(one, "-", 1) == i18n.ngettext(one, "-", 5) == catalog[(one, 0)]
        i18n.set_language("en")
        assert i18n._(english) == english
        assert i18n.ngettext(one, "many", 5) == "many"
        assert i18n.N_(english) is english
    finally:
        i18n.set_language("en")
