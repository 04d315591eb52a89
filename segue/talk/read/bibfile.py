"""The talk's bibliography file as CSL-JSON items: BibTeX read by pybtex (its
errors at their line), or CSL-JSON as it is.

BibTeX's LaTeX is turned into text by pybtex (accents, `--`, braces); braces
that protect a word's case (`{MDMA}`) become CSL's `nocase` spans, so a style
that changes the case of titles leaves them as written.
"""

from __future__ import annotations

import json
import re


MAX_ENTRIES = 5000  # a bibliography larger than this is a whole library, not a talk's

# BibTeX entry types and fields to CSL's (as pandoc and citeproc-py map them).
TYPES = {
    "article": "article-journal", "book": "book", "booklet": "pamphlet", "conference": "paper-conference",
    "inbook": "chapter", "incollection": "chapter", "inproceedings": "paper-conference", "manual": "book",
    "mastersthesis": "thesis", "misc": "document", "online": "webpage", "phdthesis": "thesis",
    "proceedings": "book", "report": "report", "techreport": "report", "thesis": "thesis",
    "unpublished": "manuscript", "webpage": "webpage",
}
FIELDS = {
    "title": "title", "journal": "container-title", "journaltitle": "container-title", "booktitle": "container-title",
    "publisher": "publisher", "address": "publisher-place", "location": "publisher-place", "volume": "volume",
    "number": "issue", "pages": "page", "edition": "edition", "series": "collection-title", "chapter": "chapter-number",
    "doi": "DOI", "url": "URL", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "note": "note",
    "institution": "publisher", "school": "publisher", "organization": "publisher", "abstract": "abstract",
}
_VERBATIM = {"DOI", "URL", "ISBN", "ISSN", "PMID"}  # addresses and numbers: never read as LaTeX
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
# LaTeX commands that only style their argument: the argument is kept, the command dropped.
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")


class BibliographyProblem(Exception):
    """A bibliography that cannot be read: the message, and its line when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def read_items(text: str, suffix: str) -> list[dict]:
    """CSL-JSON items of a `.bib` or `.json` bibliography; BibliographyProblem when it cannot be read."""
    items = _from_json(text) if suffix == ".json" else _from_bibtex(text)
    if len(items) > MAX_ENTRIES:
        raise BibliographyProblem(f"holds {len(items)} entries, more than {MAX_ENTRIES}: keep the works the talk cites")
    return items


def _from_json(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BibliographyProblem(f"is not CSL-JSON: {exc.msg}", exc.lineno) from None
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list) or not all(isinstance(item, dict) and isinstance(item.get("id"), (str, int)) for item in data):
        raise BibliographyProblem("is not CSL-JSON: it must be a list of items, each with an \"id\"", 1)
    return [{**item, "id": str(item["id"])} for item in data]


def _from_bibtex(text: str) -> list[dict]:
    from pybtex.database import BibliographyDataError
    from pybtex.database.input.bibtex import Parser
    from pybtex.scanner import PybtexError, PybtexSyntaxError

    try:
        database = Parser().parse_string(text)
    except PybtexSyntaxError as exc:
        raise BibliographyProblem(f"is not BibTeX that can be read: {exc.error_type}: {_what(exc)}", exc.lineno) from None
    except BibliographyDataError as exc:
        key = str(exc).rsplit(":", 1)[-1].strip()
        raise BibliographyProblem(f"{exc}: each entry needs a key of its own", _line_of_key(text, key, last=True)) from None
    except PybtexError as exc:
        raise BibliographyProblem(f"cannot be read: {exc}", getattr(exc, "lineno", None)) from None
    return [_item(key, entry) for key, entry in database.entries.items()]


def _what(exc) -> str:
    message = str(exc)
    return message.split(": ", 1)[1] if ": " in message else message


def _line_of_key(text: str, key: str, last: bool = False) -> int | None:
    found = list(re.finditer(rf"@\w+\s*[{{(]\s*{re.escape(key)}\s*,", text))
    if not found:
        return None
    match = found[-1] if last else found[0]
    return text.count("\n", 0, match.start()) + 1


def line_of_key(text: str, key: str) -> int | None:
    """The line of a BibTeX entry with this key (for messages about it)."""
    return _line_of_key(text, key)


def _item(key: str, entry) -> dict:
    item: dict = {"id": key, "type": TYPES.get(entry.type.lower(), "document")}
    for field, value in entry.fields.items():
        name = FIELDS.get(field.lower())
        if name is None:
            continue
        item[name] = value.strip() if name in _VERBATIM else _text(value)
    for role, people in entry.persons.items():
        item[role.lower()] = [_name(person) for person in people]
    year = entry.fields.get("year") or entry.fields.get("date", "")[:4]
    if year.strip().isdigit():
        parts = [int(year.strip())]
        month = entry.fields.get("month", "").strip().lower()[:3]
        if month in _MONTHS or month.isdigit():
            parts.append(_MONTHS.get(month) or int(month))
        item["issued"] = {"date-parts": [parts]}
    elif year:
        item["issued"] = {"literal": _plain(year)}
    return item


def _name(person) -> dict:
    """A pybtex person as a CSL name: family, given, particle, suffix."""
    name = {"family": _plain(" ".join(person.last_names))}
    given = " ".join(person.first_names + person.middle_names)
    if given:
        name["given"] = _plain(given)
    if person.prelast_names:
        name["non-dropping-particle"] = _plain(" ".join(person.prelast_names))
    if person.lineage_names:
        name["suffix"] = _plain(" ".join(person.lineage_names))
    return name


def _text(latex: str) -> str:
    """A field's LaTeX as text, words in protecting braces marked `nocase` for CSL."""
    from pybtex.richtext import Protected, Text

    parts = []
    for part in Text.from_latex(latex).parts:
        shown = _without_commands(part.render_as("text"))
        parts.append(f'<span class="nocase">{shown}</span>' if isinstance(part, Protected) else shown)
    return "".join(parts).strip()


def _plain(latex: str) -> str:
    from pybtex.richtext import Text

    return _without_commands(Text.from_latex(latex).render_as("text")).strip()


def _without_commands(text: str) -> str:
    """Commands pybtex leaves (`\\emph`, `\\textit`, `\\LaTeX`): the command's name is
    dropped, the words it styles kept; a command that is a word (`\\LaTeX`) stays a word."""
    return _COMMAND.sub(lambda m: m.group(1) + " " if m.group(1) in ("LaTeX", "TeX", "BibTeX") else "", text)
