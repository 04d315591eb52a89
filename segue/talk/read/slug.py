"""The slug: the stem of every output's file name (`<slug>.pptx`, `<slug>-handout.pdf`).

Written in deck.toml (`slug = "love-as-medicine"`) or made from the title:
the words before a colon when they say enough, cut at a word to about 40
characters, so file names stay short enough to read in a folder listing.
"""

from __future__ import annotations

import re

from anyascii import anyascii

MAX_DEFAULT = 40
MAX_WRITTEN = 80
STEM = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?")
# Names Windows keeps for devices: `con.pptx` cannot be saved there.
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
# Words a shortened slug does not end on ("love-loss-and" reads as cut off).
_DANGLING = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by `-`; any script is transliterated
    ("Straße" → strasse, "Любовь" → lyubov), so no title leaves a file unnamed."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-") or "talk"


def shorten(slug: str, limit: int = MAX_DEFAULT) -> str:
    """`slug` cut after a whole word to at most `limit` characters, not ending on
    a word such as "and" or "of"; a first word longer than `limit` is cut."""
    if len(slug) <= limit:
        return slug
    words: list[str] = []
    for word in slug.split("-"):
        if len("-".join([*words, word])) > limit:
            break
        words.append(word)
    while len(words) > 1 and words[-1] in _DANGLING:
        words.pop()
    return "-".join(words) or slug[:limit].strip("-")


def default_slug(title: str) -> str:
    """The slug made from the title: the part before its first colon when that has two
    words or more ("Love, Loss and Listening: What …" → love-loss-and-listening),
    else the whole title, shortened to about 40 characters."""
    head, colon, _ = title.partition(":")
    if colon and len(slugify(head).split("-")) >= 2:
        return shorten(slugify(head))
    return shorten(slugify(title))


def stem_problem(value: object) -> str | None:
    """Why `value` cannot be a file-name stem on every system, or None when it can."""
    if not isinstance(value, str):
        return f"must be text in quotes: write slug = \"{slugify(str(value))}\""
    if not STEM.fullmatch(value):
        return (
            "must be letters, digits, '.', '_' or '-', starting with a letter or digit and not ending with '.'"
            f": write slug = \"{slugify(value)}\""
        )
    if len(value) > MAX_WRITTEN:
        return f"is {len(value)} characters; file names need {MAX_WRITTEN} at most: write slug = \"{shorten(value)}\""
    if value.split(".")[0].lower() in WINDOWS_DEVICES:
        return f"{value!r} is a name Windows keeps for a device: write slug = \"{value}-talk\""
    return None
