"""Formulas as Office Math (OMML): native, editable equations in PowerPoint.

A formula (`segue.media.formulas.MathNode`) becomes `m:oMath` inside `a14:m`, as
PowerPoint writes it. Applications that cannot set Office Math get the same
shape with the formula as one line of text: every shape holding a formula
is written twice inside `mc:AlternateContent`.
"""

from __future__ import annotations

import copy

from lxml import etree
from segue.render.pptx.write.oxml import qn

from segue.media.formulas import N_ARY, MathNode, linear

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
A14 = "http://schemas.microsoft.com/office/drawing/2010/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
INTEGRALS = set("∫∬∭∮∯∰")
ENDS_OPERAND = {"=", "+", "-", "−", "<", ">", "≤", "≥", "≠", ",", "±", "∓", "≈", "≡", "→"}
OPENING, CLOSING = set("([{⟨"), set(")]}⟩")
ACCENTS = {"^", "ˆ", "~", "˜", "¯", "‾", "→", "⃗", "˙", "¨", "´", "`", "ˇ", "˘"}


def _m(tag: str) -> str:
    return f"{{{M}}}{tag}"


def _run(parent, text: str, plain: bool = False, normal_text: bool = False) -> None:
    run = etree.SubElement(parent, _m("r"))
    if plain or normal_text:
        properties = etree.SubElement(run, _m("rPr"))
        if normal_text:
            etree.SubElement(properties, _m("nor"))
        else:
            etree.SubElement(properties, _m("sty"), {_m("val"): "p"})
    etree.SubElement(run, _m("t")).text = text


def _slot(parent, tag: str, node: MathNode | None) -> None:
    """`m:e`, `m:num`, `m:sup`…: a slot holding one part of the formula."""
    slot = etree.SubElement(parent, _m(tag))
    if node is not None:
        _content(slot, node)


def _content(parent, node: MathNode) -> None:
    kind = node.kind
    parts = node.children
    if kind in ("row", "table-cell"):
        index = 0
        while index < len(parts):
            operator = _n_ary(parts[index])
            if operator is not None:  # ∑, ∏, ∫ with their limits: an n-ary over what follows it
                taken = _operand(parts, index + 1)
                _nary(parent, operator, MathNode("row", children=parts[index + 1 : taken]) if taken > index + 1 else None)
                index = taken
                continue
            _content(parent, parts[index])
            index += 1
    elif kind == "ident":
        # Single letters are variables (italic); a word such as "sin", or a letter set
        # upright (`\\mathrm`), is a name.
        _run(parent, node.text, plain=len(node.text) > 1 or node.upright)
    elif kind in ("number", "op"):
        _run(parent, node.text, plain=True)
    elif kind == "text":
        _run(parent, node.text, normal_text=True)
    elif kind == "space":
        _run(parent, " ", plain=True)
    elif kind == "frac":
        fraction = etree.SubElement(parent, _m("f"))
        _slot(fraction, "num", parts[0])
        _slot(fraction, "den", parts[1])
    elif kind in ("sup", "sub"):
        script = etree.SubElement(parent, _m("sSup" if kind == "sup" else "sSub"))
        _slot(script, "e", parts[0])
        _slot(script, kind, parts[1])
    elif kind == "subsup":
        script = etree.SubElement(parent, _m("sSubSup"))
        _slot(script, "e", parts[0])
        _slot(script, "sub", parts[1])
        _slot(script, "sup", parts[2])
    elif kind == "sqrt":
        radical = etree.SubElement(parent, _m("rad"))
        properties = etree.SubElement(radical, _m("radPr"))
        etree.SubElement(properties, _m("degHide"), {_m("val"): "1"})
        etree.SubElement(radical, _m("deg"))
        _slot(radical, "e", MathNode("row", children=parts))
    elif kind == "root":
        radical = etree.SubElement(parent, _m("rad"))
        _slot(radical, "deg", parts[1])
        _slot(radical, "e", parts[0])
    elif kind == "over" and parts[1].kind == "op" and parts[1].text in ACCENTS:
        accent = etree.SubElement(parent, _m("acc"))
        properties = etree.SubElement(accent, _m("accPr"))
        etree.SubElement(properties, _m("chr"), {_m("val"): parts[1].text})
        _slot(accent, "e", parts[0])
    elif kind in ("over", "under"):
        limit = etree.SubElement(parent, _m("limUpp" if kind == "over" else "limLow"))
        _slot(limit, "e", parts[0])
        _slot(limit, "lim", parts[1])
    elif kind == "underover":
        upper = etree.SubElement(parent, _m("limUpp"))
        base = etree.SubElement(upper, _m("e"))
        lower = etree.SubElement(base, _m("limLow"))
        _slot(lower, "e", parts[0])
        _slot(lower, "lim", parts[1])
        _slot(upper, "lim", parts[2])
    elif kind == "table":
        matrix = etree.SubElement(parent, _m("m"))
        for row in parts:
            matrix_row = etree.SubElement(matrix, _m("mr"))
            for cell in row.children:
                _slot(matrix_row, "e", cell)
    elif kind == "table-row":
        for child in parts:
            _content(parent, child)
    else:
        raise ValueError(f"no OMML for formula part {kind!r}")


def _n_ary(node: MathNode) -> tuple[str, MathNode | None, MathNode | None] | None:
    """(operator, lower limit, upper limit) when `node` is an n-ary operator (∑, ∏, ∫, ⋃…),
    bare or with its limits; None otherwise."""
    if node.kind == "op" and node.text in N_ARY:
        return node.text, None, None
    if node.kind in ("sub", "sup", "subsup", "under", "over", "underover") and node.children:
        base = node.children[0]
        if base.kind == "op" and base.text in N_ARY:
            rest = node.children[1:]
            if node.kind in ("sup", "over"):
                return base.text, None, rest[0]
            return base.text, rest[0], rest[1] if len(rest) > 1 else None
    return None


def _operand(parts: tuple[MathNode, ...], start: int) -> int:
    """Where what an n-ary applies to ends: at the first `=`, `+`, `−`, `,` or the like
    outside brackets, after at least one part (`∑ (x − x̄)² + c`: the square, not `+ c`)."""
    depth, index = 0, start
    while index < len(parts):
        part = parts[index]
        symbol = _symbol(part)
        if depth == 0 and index > start and symbol in ENDS_OPERAND:
            break
        if symbol in OPENING:
            depth += 1
        elif symbol in CLOSING:
            depth = max(0, depth - 1)
        index += 1
    return index


def _symbol(node: MathNode) -> str:
    """The operator a part is, or ends with when scripted (`)²`)."""
    if node.kind == "op":
        return node.text
    if node.kind in ("sup", "sub", "subsup") and node.children and node.children[0].kind == "op":
        return node.children[0].text
    return ""


def _nary(parent, operator: tuple[str, MathNode | None, MathNode | None], operand: MathNode | None) -> None:
    """`m:nary`, as PowerPoint writes a sum: the operator, its limits under and over it (an
    integral's beside it), and what it applies to."""
    char, lower, upper = operator
    nary = etree.SubElement(parent, _m("nary"))
    properties = etree.SubElement(nary, _m("naryPr"))
    etree.SubElement(properties, _m("chr"), {_m("val"): char})
    etree.SubElement(properties, _m("limLoc"), {_m("val"): "subSup" if char in INTEGRALS else "undOvr"})
    if lower is None:
        etree.SubElement(properties, _m("subHide"), {_m("val"): "1"})
    if upper is None:
        etree.SubElement(properties, _m("supHide"), {_m("val"): "1"})
    _slot(nary, "sub", lower)
    _slot(nary, "sup", upper)
    _slot(nary, "e", operand)


def math_element(formula: MathNode, display: bool):
    """`a14:m` holding the formula: an `m:oMathPara` (centred, on its own) when `display`.
    It carries the formula as one line of text for the fallback (`wrap_shapes_with_math`)."""
    holder = etree.Element(f"{{{A14}}}m", {LINEAR: " ".join(linear(formula).split())}, nsmap={"a14": A14, "m": M})
    if display:
        paragraph = etree.SubElement(holder, _m("oMathPara"))
        properties = etree.SubElement(paragraph, _m("oMathParaPr"))
        etree.SubElement(properties, _m("jc"), {_m("val"): "center"})
        math = etree.SubElement(paragraph, _m("oMath"))
    else:
        math = etree.SubElement(holder, _m("oMath"))
    _content(math, formula)
    return holder


LINEAR = "data-linear"  # the formula as text, carried on `a14:m` until the shape is wrapped


def wrap_shapes_with_math(tree) -> None:
    """Each shape holding a formula in `mc:AlternateContent`: the formula for
    applications that read Office Math, the formula as one line of text for the
    others. The choice requires `m` as well as `a14`: LibreOffice reads `a14`
    but drops the equations inside it, and would show nothing where the formula is."""
    for shape in list(tree):
        holders = list(shape.iter(f"{{{A14}}}m"))
        if not holders:
            continue
        fallback = copy.deepcopy(shape)
        for holder in fallback.iter(f"{{{A14}}}m"):
            run = etree.Element(qn("a:r"))
            etree.SubElement(run, qn("a:rPr"))
            etree.SubElement(run, qn("a:t")).text = holder.get(LINEAR, "")
            holder.getparent().replace(holder, run)
        for holder in holders:
            holder.attrib.pop(LINEAR, None)
        alternate = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
        choice = etree.SubElement(alternate, f"{{{MC}}}Choice", {"Requires": "a14 m"}, nsmap={"a14": A14, "m": M})
        tree.replace(shape, alternate)
        choice.append(shape)
        etree.SubElement(alternate, f"{{{MC}}}Fallback").append(fallback)
