"""TeX math, read once into a small tree both renderers build from.

latex2mathml turns TeX into MathML; the MathML is read into `MathNode`s,
checking what latex2mathml lets through (an unknown command, a fraction
with one part), so malformed TeX is found when the talk is read, with its
line. The deck writes the tree as OMML (PowerPoint's native, editable
equations); the handout and scripts as Typst math.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import lru_cache

from latex2mathml.converter import convert

MATHML = "{http://www.w3.org/1998/Math/MathML}"

# MathML elements and the number of children each must have (None: any number).
ARITY = {
    "mrow": None,
    "mstyle": None,
    "mpadded": None,
    "mphantom": None,
    "menclose": None,
    "mfenced": None,
    "mi": 0,
    "mn": 0,
    "mo": 0,
    "mtext": 0,
    "ms": 0,
    "mspace": 0,
    "mfrac": 2,
    "msup": 2,
    "msub": 2,
    "msubsup": 3,
    "msqrt": None,
    "mroot": 2,
    "mover": 2,
    "munder": 2,
    "munderover": 3,
    "mtable": None,
    "mtr": None,
    "mtd": None,
}
# How each element is kept in the tree.
KINDS = {
    "mrow": "row",
    "mstyle": "row",
    "mpadded": "row",
    "mphantom": "row",
    "menclose": "row",
    "mfenced": "row",
    "mi": "ident",
    "mn": "number",
    "mo": "op",
    "mtext": "text",
    "ms": "text",
    "mspace": "space",
    "mfrac": "frac",
    "msup": "sup",
    "msub": "sub",
    "msubsup": "subsup",
    "msqrt": "sqrt",
    "mroot": "root",
    "mover": "over",
    "munder": "under",
    "munderover": "underover",
    "mtable": "table",
    "mtr": "table-row",
    "mtd": "table-cell",
}


class MathProblem(ValueError):
    """TeX the build cannot set; the message is for the presenter."""


@dataclass(frozen=True)
class MathNode:
    """One piece of a formula: `kind` is row, ident, number, op, text, space,
    frac, sup, sub, subsup, sqrt, root, over, under, underover, table,
    table-row or table-cell; leaves carry `text`, the others `children`
    in MathML's order (base before scripts, radicand before index)."""

    kind: str
    text: str = ""
    children: tuple["MathNode", ...] = ()
    upright: bool = False  # an identifier set upright (`\\mathrm{d}`), not in italics as a variable


MAX_TEX = 2_000  # characters of one formula
MAX_GROUPS = 12  # groups (`{…}`, `\left…\right`, environments) inside one another
MAX_DEPTH = 40  # levels of the formula's tree: what every renderer walks without running out of stack


@lru_cache(maxsize=4096)
def parse_tex(tex: str) -> MathNode:
    """The formula of `tex`, or MathProblem when it is not TeX the build can set."""
    if not tex.strip():
        raise MathProblem("the formula is empty")
    if len(tex) > MAX_TEX:
        raise MathProblem(f"the formula is {len(tex):,} characters; at most {MAX_TEX:,} are set")
    groups = _groups(tex)
    if groups > MAX_GROUPS:
        raise MathProblem(f"the formula nests {groups} groups inside one another; at most {MAX_GROUPS} are set")
    try:
        mathml = convert(tex)
    except Exception as exc:  # latex2mathml raises its own errors for unbalanced braces and the like
        raise MathProblem(f"the TeX cannot be read ({type(exc).__name__})") from None
    root = ElementTree.fromstring(mathml)
    if _depth(root) > MAX_DEPTH:
        raise MathProblem(f"the formula nests more than {MAX_DEPTH} levels deep; it cannot be set")
    return _node(root)


def _groups(tex: str) -> int:
    """How deep groups nest in `tex`, counted without reading it (in its length's time)."""
    depth = deepest = 0
    for match in re.finditer(r"\\[{}]|\\(?:left|begin)\b|\\(?:right|end)\b|[{}]", tex):
        token = match.group()
        if token in ("\\{", "\\}"):
            continue
        depth += 1 if token in ("{", "\\left", "\\begin") else -1
        deepest = max(deepest, depth)
    return deepest


def _depth(root) -> int:
    """The depth of an element tree, walked without recursion."""
    deepest, pending = 0, [(root, 1)]
    while pending:
        element, depth = pending.pop()
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in element)
    return deepest


def _node(element) -> MathNode:
    tag = element.tag.removeprefix(MATHML)
    if tag == "math":
        return MathNode("row", children=_joined(tuple(_node(child) for child in element)))
    if tag not in KINDS:
        raise MathProblem(f"{tag} is not supported in formulas")
    children = list(element)
    expected = ARITY[tag]
    if expected is not None and len(children) != expected:
        raise MathProblem(f"a {KINDS[tag]} needs {expected} parts, not {len(children)}")
    if expected == 0:
        text = element.text or ""
        if tag in ("mi", "mo") and text.startswith("\\"):
            raise MathProblem(f"unknown command {text}")
        return MathNode(KINDS[tag], text=text, upright=tag == "mi" and element.get("mathvariant") == "normal")
    nodes = tuple(_node(child) for child in children)
    return MathNode(KINDS[tag], children=_joined(nodes) if KINDS[tag] == "row" else nodes)


def _joined(nodes: tuple[MathNode, ...]) -> tuple[MathNode, ...]:
    """Neighbouring upright letters as one word: `\\mathrm{HAMD}` is one name, not four variables."""
    joined: list[MathNode] = []
    for node in nodes:
        previous = joined[-1] if joined else None
        if node.kind == "ident" and node.upright and previous is not None and previous.kind == "ident" and previous.upright:
            joined[-1] = MathNode("ident", text=previous.text + node.text, upright=True)
        else:
            joined.append(node)
    return tuple(joined)


def plain_math(node: MathNode) -> str:
    """The formula's characters in order, for word counts."""
    if node.text:
        return node.text
    return "".join(plain_math(child) for child in node.children)


_SUPERSCRIPTS = str.maketrans("0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ")
_SUBSCRIPTS = str.maketrans("0123456789+-−=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ")
# Accents over a letter as the combining marks that set them on it: β̂, x̄, v⃗.
_COMBINING = {"^": "\u0302", "ˆ": "\u0302", "~": "\u0303", "˜": "\u0303", "¯": "\u0304", "‾": "\u0305", "→": "\u20d7",
              "⃗": "\u20d7", "˙": "\u0307", "¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˇ": "\u030c", "˘": "\u0306"}
N_ARY = set("∑∏∐∫∬∭∮∯∰⋃⋂⋁⋀⨁⨂⨀⨄⨆")


def _group(text: str) -> str:
    return text if len(text) <= 1 or text.isalnum() else f"({text})"


def _script(text: str, table: dict, mark: str) -> str:
    """A script as raised or lowered characters where Unicode has them all (`ᵢ₌₁`), else marked (`_(n→∞)`)."""
    compact = "".join(text.split())
    shifted = compact.translate(table)
    if compact and all(c != o for c, o in zip(shifted, compact)):
        return shifted
    return f"{mark}{text}" if len(compact) <= 1 else f"{mark}({text})"


def linear(node: MathNode) -> str:
    """The formula as one line of text (`(a)/(b) + √(x² + 1)`): what an application
    that cannot set equations shows, and a description of the formula."""
    parts = [linear(child) for child in node.children]
    kind = node.kind
    if node.text or kind in ("ident", "number", "op", "text"):
        return f" {node.text} " if kind == "op" and node.text in "=+−-×÷<>≤≥≠±→" and node.text else node.text
    if kind == "space":
        return " "
    if kind == "frac":
        return f"{_group(parts[0].strip())}/{_group(parts[1].strip())}"
    after = " " if node.children and node.children[0].kind == "op" and node.children[0].text in N_ARY else ""
    if kind == "sup":
        return parts[0] + _script(parts[1].strip(), _SUPERSCRIPTS, "^") + after
    if kind == "sub":
        return parts[0] + _script(parts[1].strip(), _SUBSCRIPTS, "_") + after
    if kind == "subsup":
        return parts[0] + _script(parts[1].strip(), _SUBSCRIPTS, "_") + _script(parts[2].strip(), _SUPERSCRIPTS, "^") + after
    if kind == "sqrt":
        return f"√({''.join(parts).strip()})"
    if kind == "root":
        return f"{_script(parts[1].strip(), _SUPERSCRIPTS, '^')}√({parts[0].strip()})"
    if kind == "table":
        return "[" + "; ".join(parts) + "]"
    if kind == "table-row":
        return ", ".join(p.strip() for p in parts)
    if kind == "over" and node.children[1].kind == "op" and node.children[1].text in _COMBINING:
        base = parts[0].strip()
        return base + _COMBINING[node.children[1].text] if len(base) == 1 else f"{base}{node.children[1].text}"
    if kind in ("under", "over", "underover"):
        scripts = parts[1:] if kind != "over" else [None, parts[1]]
        below, above = (scripts + [None])[:2]
        return (
            parts[0]
            + (_script(below.strip(), _SUBSCRIPTS, "_") if below is not None else "")
            + (_script(above.strip(), _SUPERSCRIPTS, "^") if above is not None else "")
        )
    return "".join(parts)
