"""Handout pages (`handouts/NN-name.md`): markdown appended to the handout."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from segue.talk.model import Block, Heading, HandoutPage, Pause, Source
from segue.talk.read.markdown import Footnotes, footnote_definitions, parse, report_too_deep
from segue.talk.read.segments import REFERENCES, REVEAL_CONTAINERS, TalkFile
from segue.talk.read.text import read_text


class HandoutReader(TalkFile):
    def read(self) -> HandoutPage | None:
        text = read_text(self.root, self.path, self.report)
        if text is None:
            return None
        tree = parse(text, self.quotes_lang)
        report_too_deep(tree, self.path, self.report)
        nodes, definitions = footnote_definitions(list(tree.children))

        def container(name: str, args: str, node: SyntaxTreeNode, line: int) -> list[Block]:
            if name == "write":
                return self.write_lines(args, node, reader, line)
            if name == "columns":
                return self.columns(reader, node, line)
            if name == "handout":
                return reader.blocks(node.children)
            if name in REVEAL_CONTAINERS:
                return reader.blocks(node.children)  # a page has no clicks
            if name in REFERENCES:
                return self.references(node, line)
            if name == "notes" or self.is_speaker(name):
                self.report.warning(self.path, line, f"speaker notes (`::: {name}`) in a handout page are left out")
                return []
            self.unknown_container(name, line)
            return reader.blocks(node.children)

        footnotes = Footnotes(definitions)
        reader = self.reader(len(text.splitlines()), container, footnotes)
        blocks = [b for b in reader.blocks(nodes) if not isinstance(b, Pause)]
        title = ()
        if blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
            title = blocks.pop(0).inline
        return HandoutPage(title, blocks, Source(self.path, 1), footnotes.notes)
