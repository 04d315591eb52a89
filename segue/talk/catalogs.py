"""The talk's own language for the words the build writes: gettext catalogs and
Babel's locale data.

Each language the build speaks has a catalog, `locale/<language>/LC_MESSAGES/segue.po`,
beside this module (package data). It is read with Babel and compiled in
memory the first time it is needed, so nothing is fetched and nothing is
compiled at install time. Dates, numbers and lists ("A, B and C") come from
Babel's locale data for the talk's language tag, so `de-AT` writes Austrian
month names while sharing the German catalog.

A language without a catalog gets English words, and the reader of deck.toml
says so once (`missing_catalog`).
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "segue"
SOURCE_LANGUAGE = "en"  # the words as written in the code: every catalog translates from English
# English dates are written day first ("18 April 2027"): unambiguous on both sides of the Atlantic.
ENGLISH_DATE = "d MMMM y"


def languages() -> tuple[str, ...]:
    """The languages the build speaks: English and every shipped catalog's."""
    shipped = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *shipped)


def primary(tag: str) -> str:
    """The language of a BCP 47 tag, without script or region: `de-AT` -> `de`."""
    return tag.split("-")[0].lower()


def missing_catalog(tag: str) -> bool:
    """Whether a talk in `tag` has no catalog of its own, so its generated words are English."""
    return primary(tag) not in languages()


@lru_cache(maxsize=16)
def _translations(language: str) -> gettext.NullTranslations:
    """The catalog of `language`, compiled in memory; English needs none."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE_LANGUAGE or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as file:
        catalog = read_po(file, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out: an unchecked translation falls back to English
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _locale(tag: str) -> Locale:
    """Babel's locale for the tag, or for its language when Babel does not know the
    whole tag, or English."""
    for candidate in (tag, primary(tag)):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(SOURCE_LANGUAGE)


@dataclass(frozen=True)
class Words:
    """The generated words of one language: translated messages, dates, numbers, lists."""

    tag: str
    locale: Locale
    catalog: gettext.NullTranslations

    def gettext(self, message: str, **values) -> str:
        """`message` in this language, with `{name}` fields filled in from `values`."""
        text = self.catalog.gettext(message)
        return text.format(**values) if values else text

    def pgettext(self, context: str, message: str) -> str:
        """`message` in this language where the English word means more than one thing
        (`title`: a column, or a kind of slide)."""
        return self.catalog.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, count: float, **values) -> str:
        """The form of a message for `count` (its plural rules are the catalog's)."""
        whole = int(count) if float(count).is_integer() else 2  # 2.5 minutes are "minutes" in every language here
        return self.catalog.ngettext(singular, plural, whole).format(count=self.number(count), **values)

    def number(self, value: float) -> str:
        """`2.5` as the language writes it (`2,5` in German); whole numbers without decimals."""
        return format_decimal(value, format="#,##0.##", locale=self.locale) if value != int(value) else str(int(value))

    def percent(self, share: float) -> str:
        """A share as a percentage: `46%`, `46 %` in German and French."""
        return format_percent(share, locale=self.locale)

    def date(self, date: dt.date) -> str:
        """A date in words: `18 April 2027`, `18. April 2027`, `18 avril 2027`."""
        if self.locale.language == SOURCE_LANGUAGE:
            return format_date(date, ENGLISH_DATE, locale=self.locale)
        return format_date(date, "long", locale=self.locale)

    def join(self, items: list[str], style: str = "standard") -> str:
        """Items as a list in prose: `A and B`, `A, B und C`; `style="or"`: `A or B`."""
        return format_list(items, style=style, locale=self.locale) if items else ""


@lru_cache(maxsize=16)
def words(tag: str) -> Words:
    """The generated words for a talk whose `lang` is `tag`."""
    return Words(tag, _locale(tag), _translations(primary(tag)))
