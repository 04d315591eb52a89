"""The cue a presenter sees for another presenter's lines: their first sentence.

Sentences end at `.`, `!`, `?` or `…` followed by a space, never inside
square brackets: a bracketed prompt such as "[Client: a sentence or two on
why you chose to speak today.]" stays whole, because it is the line the
client will say in their own words.
"""

from __future__ import annotations

import re

ENDINGS = ".!?…"
CLOSERS = "\"'”’)»"
ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "cf", "no", "fig"}
MAX_CHARS = 180  # a cue is one or two lines, never a paragraph


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the full stop at `end` closes an abbreviation such as "Dr." or "e.g."."""
    match = re.search(r"([\w.]+)\.$", text[: end + 1])
    return match is not None and match.group(1).lower() in ABBREVIATIONS


def first_sentence(text: str) -> tuple[str, bool]:
    """The first sentence of `text`, and whether more follows it."""
    text = " ".join(text.split())
    depth = 0
    end = None
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
            if depth == 0 and index > 0 and text[index - 1] in ENDINGS:
                end = index + 1
                break
        elif depth == 0 and char in ENDINGS:
            stop = index + 1
            while stop < len(text) and text[stop] in CLOSERS + ENDINGS:
                stop += 1
            if (stop == len(text) or text[stop] == " ") and not (char == "." and _is_abbreviation(text, index)):
                end = stop
                break
    sentence = text if end is None else text[:end]
    if len(sentence) > MAX_CHARS:
        cut = sentence.rfind(" ", 0, MAX_CHARS)
        sentence = sentence[: cut if cut > 0 else MAX_CHARS].rstrip(",;:–— ")
        return sentence, True
    return sentence, len(sentence) < len(text)


def cue(text: str) -> str:
    """The first sentence, with an ellipsis when the block goes on."""
    sentence, more = first_sentence(text)
    if not more:
        return sentence
    # After a full sentence the ellipsis stands apart; after a cut one it continues the word.
    return sentence + (" …" if sentence[-1:] in ENDINGS + CLOSERS + "]" else "…")
