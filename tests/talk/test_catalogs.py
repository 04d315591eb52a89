"""The catalogs of the generated words: every phrase the build composes has a checked
translation in each shipped language, with the same fields, and the catalogs ship with
the package."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from segue.talk import catalogs
from tests.helpers import REPO

LABELS = REPO / "segue" / "talk" / "labels.py"
FIELD = re.compile(r"\{(\w+)\}")


def messages() -> list[tuple[str | None, str | tuple]]:
    return [(context, message) for _, message, _, context in extract_from_file("python", str(LABELS))]


def test_at_least_german_french_and_spanish_ship():
    assert {"de", "fr", "es"} <= set(catalogs.languages()) and catalogs.languages()[0] == "en"


def test_every_phrase_has_a_checked_translation_with_the_same_fields():
    wanted = messages()
    assert len(wanted) > 40
    for language in catalogs.languages()[1:]:
        path = catalogs.LOCALE_DIR / language / "LC_MESSAGES" / "segue.po"
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
        for context, message in wanted:
            key = message[0] if isinstance(message, tuple) else message
            entry = catalog.get(key, context=context)
            assert entry is not None and not entry.fuzzy, (language, key)
            forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            originals = message if isinstance(message, tuple) else (message,)
            assert all(forms), (language, key)
            fields = set(FIELD.findall("".join(originals)))
            for form in forms:
                assert set(FIELD.findall(form)) <= fields | {"count"}, (language, key, form)
                assert set(FIELD.findall(form)) >= fields - {"count"}, (language, key, form)


def test_a_phrase_missing_from_a_catalog_is_english():
    words = catalogs.words("de")
    assert words.gettext("Agenda") == "Ablauf"
    assert words.gettext("A phrase no catalog has") == "A phrase no catalog has"
    assert catalogs.words("it").gettext("Agenda") == "Agenda"


def test_dates_numbers_and_lists_follow_the_whole_tag():
    import datetime as dt

    day = dt.date(2027, 3, 18)
    assert catalogs.words("en").date(day) == "18 March 2027"
    assert catalogs.words("de").date(day) == "18. März 2027"
    assert catalogs.words("de-AT").date(day) == "18. Jänner 2027".replace("Jänner", "März")
    assert catalogs.words("de-AT").date(dt.date(2027, 1, 5)) == "5. Jänner 2027"
    assert catalogs.words("fr").date(day) == "18 mars 2027"
    assert catalogs.words("de").ngettext("{count} minute", "{count} minutes", 2.5) == "2,5 Minuten"
    assert catalogs.words("fr").ngettext("{count} minute", "{count} minutes", 1) == "1 minute"
    assert catalogs.words("es").join(["A", "B", "C"]) == "A, B y C"


def test_the_catalogs_are_package_data():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["segue.talk"]
    shipped = {p.relative_to(REPO / "segue" / "talk").as_posix() for p in (REPO / "segue" / "talk").rglob("*.po")}
    assert shipped and all(any(Path(name).match(pattern) for pattern in patterns) for name in shipped)
