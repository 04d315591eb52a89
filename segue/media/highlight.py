"""Code colours: Pygments splits code into tokens, this palette colours them.

Both renderers take the same coloured runs, so code looks alike on a slide
and in the handout. The colours keep at least 4.5:1 contrast on the pale
code background (`BACKGROUND`) and on white paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pygments import lex
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment, Keyword, Name, Number, Operator, String, Token
from pygments.util import ClassNotFound

BACKGROUND = "F1ECE4"  # a warm light grey behind code
INK = "3B2F2F"

# Token type -> (colour, bold, italic); the most specific type listed wins.
PALETTE = {
    Keyword: ("7A2E5C", True, False),
    Name.Builtin: ("7A2E5C", False, False),
    Name.Function: ("1F4E79", False, False),
    Name.Class: ("1F4E79", True, False),
    Name.Decorator: ("6B4600", False, False),
    String: ("2F5F1F", False, False),
    Number: ("1F4E79", False, False),
    Comment: ("5E5550", False, True),
    Operator.Word: ("7A2E5C", True, False),
}


@dataclass(frozen=True)
class CodeRun:
    text: str
    color: str  # RRGGBB
    bold: bool = False
    italic: bool = False


def known_language(name: str) -> bool:
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return False
    return True


def _style(token_type) -> tuple[str, bool, bool]:
    while token_type is not Token:
        if token_type in PALETTE:
            return PALETTE[token_type]
        token_type = token_type.parent
    return (INK, False, False)


@lru_cache(maxsize=1024)
def highlight(code: str, language: str | None) -> tuple[tuple[CodeRun, ...], ...]:
    """The code's lines, each as coloured runs; one plain run per line without a known language."""
    lines: list[list[CodeRun]] = [[]]
    if language is None or not known_language(language):
        return tuple((CodeRun(line, INK),) if line else () for line in code.split("\n"))
    for token_type, value in lex(code, get_lexer_by_name(language, stripnl=False, ensurenl=False)):
        color, bold, italic = _style(token_type)
        for index, piece in enumerate(value.split("\n")):
            if index:
                lines.append([])
            if piece:
                current = lines[-1]
                if current and (current[-1].color, current[-1].bold, current[-1].italic) == (color, bold, italic):
                    current[-1] = CodeRun(current[-1].text + piece, color, bold, italic)
                else:
                    current.append(CodeRun(piece, color, bold, italic))
    return tuple(tuple(line) for line in lines)
