"""The reading order of right-to-left text in a tagged PDF from Typst.

Typst writes a line's text runs in the order they are drawn, left to right, and
tags each run as a marked-content sequence of the paragraph, in that order. A
right-to-left run carries `/ReversedChars`, so its letters read back in order,
but the runs themselves do not: "שלום עולם" reaches a screen reader as "עולם
שלום". Here each line's runs are put back into the order they are read, in the
paragraph's structure element: the Unicode Bidirectional Algorithm's reordering
(rule L2) undone, with each run's level found from its direction. The page is
drawn as before; only the structure tree changes. A PDF without right-to-left
text is returned as it was.

A paragraph's direction is known from its first line: right to left when its
rightmost strong run is, unless its leftmost strong run is left to right, which
a right-to-left paragraph that ends in a left-to-right word shares with a
left-to-right one ending in a right-to-left word; such a line is read as left to right.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

import pikepdf

_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


@dataclass
class Run:
    """What one marked-content sequence draws: its text in reading order, where, and its direction."""

    text: str = ""
    x: float = 0.0
    y: float = 0.0
    size: float = 0.0
    reversed: bool = False

    @property
    def direction(self) -> str:
        """"R" right to left, "L" left to right (digits too: a number keeps its order), "N" neither."""
        if self.reversed or any(unicodedata.bidirectional(c) in ("R", "AL") for c in self.text):
            return "R"
        if any(unicodedata.bidirectional(c) in ("L", "EN", "AN") for c in self.text):
            return "L"
        return "N"


def _to_unicode(font) -> dict[int, str]:
    """A Type0 font's character codes (two bytes) -> text, from its ToUnicode CMap."""
    found: dict[int, str] = {}
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return found
    data = cmap.read_bytes()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        codes = _HEX.findall(block)
        for code, text in zip(codes[::2], codes[1::2]):
            found[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for start, end, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(text, 16)
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                found[code] = chr(first + offset)
    return found


def _runs(page) -> dict[int, Run]:
    """The page's marked-content sequences by id, each with its text and position."""
    fonts = {name: _to_unicode(font) for name, font in (page.Resources.get("/Font") or {}).items()}
    runs: dict[int, Run] = {}
    marks: list[int | None] = []
    reversed_depth = 0
    x = y = size = 0.0
    cmap: dict[int, str] = {}
    # Only the operators read here are handed over from pikepdf's parser: far fewer objects.
    for operands, operator in pikepdf.parse_content_stream(page, "BDC BMC EMC cm Tf Tj TJ"):
        op = str(operator)
        if op == "BDC":
            props = operands[1] if len(operands) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
            marks.append(int(mcid) if mcid is not None else None)
            if mcid is not None:
                runs.setdefault(int(mcid), Run())
        elif op == "BMC":
            marks.append(-1 if str(operands[0]) == "/ReversedChars" else None)
            reversed_depth += str(operands[0]) == "/ReversedChars"
        elif op == "EMC" and marks:
            reversed_depth -= marks.pop() == -1
        elif op == "cm":
            x, y = float(operands[4]), float(operands[5])
        elif op == "Tf":
            cmap, size = fonts.get(str(operands[0]), {}), float(operands[1])
        elif op in ("Tj", "TJ"):
            current = next((m for m in reversed(marks) if m is not None and m >= 0), None)
            if current is None:
                continue
            strings = operands[0] if op == "TJ" else [operands[0]]
            raw = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
            glyphs = [cmap.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw) - 1, 2)]
            run = runs[current]
            if not run.text:
                run.x, run.y, run.size = x, y, size
            if reversed_depth:
                run.reversed = True
                glyphs.reverse()  # drawn from the left: read from the right, each glyph's text kept whole
            run.text += "".join(glyphs)
    return runs


def _levels(line: list[Run], rtl: bool) -> list[int]:
    """Each run's embedding level (rule W/N/I of the algorithm, by runs): right-to-left text
    is odd, left-to-right even; neutrals between two runs of one direction take it."""
    kinds = [run.direction for run in line]
    levels = []
    for index, kind in enumerate(kinds):
        if kind == "N":
            before = next((k for k in reversed(kinds[:index]) if k != "N"), None)
            after = next((k for k in kinds[index + 1 :] if k != "N"), None)
            kind = before if before == after and before is not None else ("R" if rtl else "L")
        if rtl:
            levels.append(1 if kind == "R" else 2)
        else:
            levels.append(1 if kind == "R" else 0)
    return levels


def _reading_order(line: list[int], runs: dict[int, Run], rtl: bool) -> list[int]:
    """The line's runs, drawn left to right, in the order they are read: L2's reversals undone,
    lowest level first."""
    order = list(zip(line, _levels([runs[m] for m in line], rtl)))
    for level in range(1, max((lv for _, lv in order), default=0) + 1):
        index = 0
        while index < len(order):
            if order[index][1] < level:
                index += 1
                continue
            end = index
            while end < len(order) and order[end][1] >= level:
                end += 1
            order[index:end] = reversed(order[index:end])
            index = end
    return [mcid for mcid, _ in order]


def _lines(mcids: list[int], runs: dict[int, Run]) -> list[list[int]]:
    """Neighbouring runs on one baseline (a mark or raised letter a little off it) form a line."""
    lines: list[list[int]] = []
    for mcid in mcids:
        run = runs[mcid]
        if lines and abs(runs[lines[-1][-1]].y - run.y) <= 0.3 * max(run.size, runs[lines[-1][-1]].size, 1.0):
            lines[-1].append(mcid)
        else:
            lines.append([mcid])
    return lines


def _paragraph_rtl(first_line: list[Run]) -> bool:
    strong = [run.direction for run in first_line if run.direction != "N"]
    return bool(strong) and strong[-1] == "R" and strong[0] == "R"


def _reorder(kids: list, runs: dict[int, Run]) -> list | None:
    """An element's kids with each line's runs in reading order; None when nothing moves."""
    if not any(isinstance(kid, int) and kid in runs and runs[kid].direction == "R" for kid in kids):
        return None
    # Stretches of marked-content ids that draw text, and the other kids (elements,
    # references, empty marks) between them, which keep their places.
    groups: list[tuple[str, list]] = []
    for kid in kids:
        if isinstance(kid, int) and kid in runs and runs[kid].text:
            if groups and groups[-1][0] == "text":
                groups[-1][1].append(kid)
            else:
                groups.append(("text", [kid]))
        else:
            groups.append(("kept", [kid]))
    first = next((_lines(group, runs)[0] for kind, group in groups if kind == "text"), [])
    rtl = _paragraph_rtl([runs[m] for m in first])
    ordered: list = []
    for kind, group in groups:
        if kind == "kept":
            ordered.extend(group)
            continue
        for line in _lines(group, runs):
            ordered.extend(_reading_order(line, runs, rtl))
    return ordered if ordered != kids else None


def right_to_left_in_reading_order(pdf: bytes) -> bytes:
    """`pdf` with the right-to-left lines of its tagged text in reading order (see the module)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root.get("/StructTreeRoot")
        if root is None:
            return pdf
        pages = {page.obj.objgen: page for page in document.pages}
        runs_of: dict[tuple, dict[int, Run]] = {}
        changed = False

        def visit(node, page) -> None:
            nonlocal changed
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    visit(kid, page)
                return
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                return
            if "/Pg" in node:
                page = node.Pg.objgen
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array) and page in pages:
                values = [int(kid) if isinstance(kid, int) else kid for kid in kids]
                if any(isinstance(v, int) for v in values):
                    if page not in runs_of:
                        runs_of[page] = _runs(pages[page])
                    ordered = _reorder(values, runs_of[page])
                    if ordered is not None:
                        node.K = pikepdf.Array(ordered)
                        changed = True
            visit(kids, page)

        visit(root.get("/K"), None)
        if not changed:
            return pdf
        out = io.BytesIO()
        document.save(out, deterministic_id=True, compress_streams=True, linearize=False)
        return out.getvalue()


def has_right_to_left(chars: set[str]) -> bool:
    """Whether text of these characters can hold a right-to-left run (else nothing is read here)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in chars)
