"""Walking the blocks of a body, a page or notes: every block, their text, their inline text."""

from __future__ import annotations

from typing import Iterator

from segue.talk.model.blocks import (
    Block,
    CodeBlock,
    Columns,
    DefinitionList,
    Heading,
    LineBlock,
    ListBlock,
    MathBlock,
    Paragraph,
    Quote,
    References,
    Table,
    formula_text,
    plain,
)


def iter_blocks(blocks: list[Block]) -> Iterator[Block]:
    """Every block, depth first, including those inside quotes and columns."""
    for block in blocks:
        yield block
        if isinstance(block, Quote):
            yield from iter_blocks(block.blocks)
        elif isinstance(block, Columns):
            for column in block.columns:
                yield from iter_blocks(column)
        elif isinstance(block, DefinitionList):
            for item in block.items:
                for definition in item.definitions:
                    yield from iter_blocks(definition)


def blocks_text(blocks: list[Block]) -> str:
    """The readable text of blocks, one line per paragraph or list item."""
    lines: list[str] = []
    for block in iter_blocks(blocks):
        if isinstance(block, (Paragraph, Heading)):
            lines.append(plain(block.inline))
        elif isinstance(block, ListBlock):
            lines.extend(plain(item.inline) for _, _, item, _ in block.flatten())
        elif isinstance(block, CodeBlock):
            lines.append(block.text)
        elif isinstance(block, MathBlock):
            lines.append(formula_text(block.formula))
        elif isinstance(block, LineBlock):
            lines.extend(plain(line) for line in block.lines)
        elif isinstance(block, DefinitionList):
            lines.extend(plain(item.term) for item in block.items)
        elif isinstance(block, Table):  # a row's cells apart, without the table's own pipes
            for row in [block.header, *block.rows]:
                lines.append(" · ".join(plain(cell) for cell in row))
        elif isinstance(block, References):
            lines.extend(plain(entry) for entry in block.entries)
    return "\n".join(lines)


def map_inlines(blocks: list[Block], change) -> None:
    """Every inline text of `blocks`, and of the blocks inside them, replaced in place by
    `change(inline)`, in reading order (citations are resolved so, once the talk is read)."""
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            block.inline = change(block.inline)
        elif isinstance(block, ListBlock):
            for _, _, item, _ in block.flatten():
                item.inline = change(item.inline)
        elif isinstance(block, Quote):
            map_inlines(block.blocks, change)
        elif isinstance(block, Columns):
            for column in block.columns:
                map_inlines(column, change)
        elif isinstance(block, LineBlock):
            block.lines = [change(line) for line in block.lines]
        elif isinstance(block, DefinitionList):
            for item in block.items:
                item.term = change(item.term)
                for definition in item.definitions:
                    map_inlines(definition, change)
        elif isinstance(block, Table):
            block.header = [change(cell) for cell in block.header]
            block.rows = [[change(cell) for cell in row] for row in block.rows]
