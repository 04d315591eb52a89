"""Handout pages (`handouts/NN-name.md`): markdown appended to the handout."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from segue.model import Block, Heading, HandoutPage, Source
from segue.read.markdown import parse
from segue.read.segments import TalkFile
from segue.read.text import read_text


class HandoutReader(TalkFile):
    def read(self) -> HandoutPage | None:
        text = read_text(self.root / self.path, self.path, self.report)
        if text is None:
            return None
        tree = parse(text)

        def container(name: str, args: str, node: SyntaxTreeNode, line: int) -> list[Block]:
            if name == "write":
                return self.write_lines(args, node, reader, line)
            if name == "columns":
                return self.columns(reader, node, line)
            if name == "handout":
                return reader.blocks(node.children)
            if name in self.speakers or name == "notes":
                self.report.warning(self.path, line, f"speaker notes (`::: {name}`) in a handout page are left out")
                return []
            self.unknown_container(name, line)
            return reader.blocks(node.children)

        reader = self.reader(len(text.splitlines()), container)
        blocks = reader.blocks(list(tree.children))
        title = ()
        if blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
            title = blocks.pop(0).inline
        return HandoutPage(title, blocks, Source(self.path, 1))
