"""Citations as pandoc writes them, read by markdown-it: `[@key]`, `[see @a, p. 4; @b]`,
`[-@key]` (the author left out) and `@key` in the text (`@key [p. 4]` with a locator).

Each becomes one `citation` token whose `meta` holds the items, the mode
("bracketed" or "narrative") and the markup as written. Which key names which
work, and how the style prints it, is decided once the whole talk is read
(`segue.talk.read.bibliography`).

An `@` right after a letter, a digit or a dot (`jane@example.org`) never starts
a citation, and `\\@name` is text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

# A key starts with a letter, a digit or `_`; punctuation inside it must be followed
# by a letter or a digit (`smith:2020` is a key, the full stop in "@smith." is not).
KEY = r"[\w](?:[\w]|[:.#$%&+?<>~/-](?=\w))*"
_ITEM = re.compile(rf"^(?P<prefix>.*?)(?P<suppress>-?)@(?:\{{(?P<braced>[^{{}}]+)\}}|(?P<key>{KEY}))(?P<suffix>.*)$", re.S)
_IN_TEXT = re.compile(rf"@(?:\{{(?P<braced>[^{{}}]+)\}}|(?P<key>{KEY}))")
_LOCATOR_AFTER = re.compile(r" ?\[(?P<suffix>[^\[\]@]*)\]")
# What may stand right before an `@` that starts a citation in the text.
_OPENERS = set(" \t\n([{\"'“‘«‹„‚-–—/")

# Locator words (pandoc's, in English) and the CSL labels they stand for.
LOCATOR_LABELS = {
    "p.": "page", "pp.": "page", "page": "page", "pages": "page",
    "chap.": "chapter", "chaps.": "chapter", "chapter": "chapter", "chapters": "chapter",
    "sec.": "section", "secs.": "section", "section": "section", "sections": "section", "§": "section", "§§": "section",
    "para.": "paragraph", "paras.": "paragraph", "paragraph": "paragraph", "¶": "paragraph", "¶¶": "paragraph",
    "fig.": "figure", "figs.": "figure", "figure": "figure", "figures": "figure",
    "vol.": "volume", "vols.": "volume", "volume": "volume", "volumes": "volume",
    "l.": "line", "ll.": "line", "line": "line", "lines": "line",
    "n.": "note", "nn.": "note", "note": "note", "notes": "note",
    "col.": "column", "cols.": "column", "column": "column", "columns": "column",
    "bk.": "book", "bks.": "book", "book": "book", "pt.": "part", "pts.": "part", "part": "part",
    "v.": "verse", "vv.": "verse", "verse": "verse", "verses": "verse", "op.": "opus", "opp.": "opus",
    "s.v.": "sub-verbo", "s.vv.": "sub-verbo",
}
_LOCATOR = re.compile(
    r"^,?\s*(?:(?P<label>" + "|".join(re.escape(w) for w in sorted(LOCATOR_LABELS, key=len, reverse=True))
    + r")\s*)?(?P<value>[\divxlcdmIVXLCDM]+(?:\s*[-–—,&]\s*[\divxlcdmIVXLCDM]+)*)(?P<rest>.*)$",
    re.S,
)


def split_locator(suffix: str) -> tuple[str | None, str | None, str]:
    """(label, locator, the rest) of what follows a key: `, p. 4` is ("page", "4", "");
    a bare number is a page; anything else is a suffix printed as written."""
    match = _LOCATOR.match(suffix)
    if match is None or not (match.group("label") or suffix.lstrip(", ")[:1].isdigit()):
        return None, None, suffix.strip()
    label = LOCATOR_LABELS[match.group("label")] if match.group("label") else "page"
    return label, match.group("value").strip(), match.group("rest").rstrip()


def _item(part: str) -> dict | None:
    match = _ITEM.match(part)
    if match is None:
        return None
    prefix = match.group("prefix")
    if prefix and not prefix[-1].isspace():
        return None  # `name@host` inside brackets is no citation
    label, locator, suffix = split_locator(match.group("suffix"))
    return {
        "key": match.group("braced") or match.group("key"),
        "prefix": prefix.strip(),
        "suppress_author": bool(match.group("suppress")),
        "label": label,
        "locator": locator,
        "suffix": suffix,
    }


def _bracketed(state: StateInline, silent: bool) -> bool:
    """`[see @a, p. 4; @b]`: every part of the brackets cites a key."""
    start = state.pos
    if state.src[start] != "[":
        return False
    end = state.src.find("]", start + 1)
    if end < 0 or "@" not in state.src[start:end] or "[" in state.src[start + 1 : end]:
        return False
    if state.src[end + 1 : end + 2] in ("(", "[", ":"):
        return False  # a link whose text names someone: `[@smith](…)`
    items = [_item(part) for part in state.src[start + 1 : end].split(";")]
    if not items or any(item is None for item in items):
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"items": items, "mode": "bracketed", "written": state.src[start : end + 1]}
    state.pos = end + 1
    return True


def _in_text(state: StateInline, silent: bool) -> bool:
    """`@key`, and `@key [p. 4]`: the author named in the sentence."""
    start = state.pos
    if state.src[start] != "@" or (start > 0 and state.src[start - 1] not in _OPENERS):
        return False
    match = _IN_TEXT.match(state.src, start)
    if match is None:
        return False
    end = match.end()
    label = locator = None
    suffix = ""
    after = _LOCATOR_AFTER.match(state.src, end)
    if after is not None and state.src[after.end() : after.end() + 1] not in ("(", "["):
        label, locator, suffix = split_locator(after.group("suffix"))
        end = after.end()
    if not silent:
        token = state.push("citation", "", 0)
        item = {"key": match.group("braced") or match.group("key"), "prefix": "", "suppress_author": False,
                "label": label, "locator": locator, "suffix": suffix}
        token.meta = {"items": [item], "mode": "narrative", "written": state.src[start:end]}
    state.pos = end
    return True


def citation_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "citation", _bracketed)
    md.inline.ruler.before("link", "citation_in_text", _in_text)
