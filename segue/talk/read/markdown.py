"""The markdown dialect: one parser, the syntax tree, attributes and footnotes.

One markdown-it parser serves segment files and handout pages: CommonMark
with pipe tables, strikethrough, sub- and superscript, bare URLs, footnotes,
definition and task lists, `$…$` and `$$…$$` math, front matter and `:::`
containers, with raw HTML recognised so that it can be removed rather than
printed. `inline` turns its inline nodes into spans and `blocks` its block
nodes into `segue.talk.model` blocks; what a container means (speaker notes,
handout, columns, write lines) is decided by the caller through
`blocks.ContainerHandler`.

The rule: markdown this reader does not understand is never passed through
as literal markup. HTML comments are the author's and vanish; other HTML
tags are dropped with a warning (their text is kept); pandoc-style
attributes in braces (`{.class key=value}`) are read where they mean
something (a slide title, after a picture) and anywhere else are a warning
and removed; TeX that cannot be set is a warning and shown as code.
"""

from __future__ import annotations

import re
from functools import lru_cache
import shlex
from dataclasses import dataclass, field
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.rules_inline.autolink import autolink
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from segue.diagnostics import quoted
from segue.talk.read.citesyntax import citation_plugin
from segue.talk.model import (
    Block,
    Footnote,
    Source,
)

MAX_LIST_LEVELS = 3


# Quotation marks by language (CLDR's, outer then inner), for the typographer; a
# language not listed takes English ones. French sets them off with a narrow
# no-break space, as French typography does.
QUOTES = {
    "en": "“”‘’", "nl": "“”‘’", "zh": "“”‘’", "ko": "“”‘’", "tr": "“”‘’", "hi": "“”‘’", "th": "“”‘’",
    "fr": ["«\u202f", "\u202f»", "“", "”"],
    "de": "„“‚‘", "cs": "„“‚‘", "sk": "„“‚‘", "sl": "„“‚‘", "is": "„“‚‘", "lt": "„“‚‘",
    "es": "«»“”", "it": "«»“”", "pt": "«»“”", "ca": "«»“”", "el": "«»“”", "ar": "«»“”", "fa": "«»‹›",
    "ru": "«»„“", "uk": "«»„“", "be": "«»„“", "pl": "„”«»", "ro": "„”«»", "hu": "„”»«", "hr": "„”‘’",
    "bg": "„“„“", "sv": "””’’", "fi": "””’’", "da": "“”‘’", "nb": "«»‘’", "nn": "«»‘’", "no": "«»‘’",
    "he": "”“’‘", "ja": "「」『』", "zh-hant": "「」『』", "vi": "“”‘’", "id": "“”‘’",
}


def quotes_for(lang: str) -> str | list[str]:
    """The quotation marks of a language tag (`fr-CA` takes French ones)."""
    tag = lang.lower()
    if tag.startswith("zh") and ("hant" in tag or tag.endswith(("-tw", "-hk", "-mo"))):
        return QUOTES["zh-hant"]
    return QUOTES.get(tag.split("-")[0], QUOTES["en"])


def make_parser(lang: str = "en") -> MarkdownIt:
    # HTML is recognised (not rendered) so that comments and tags can be removed.
    # The typographer makes straight quotes curly (the language's), `--` and `---`
    # dashes and `...` an ellipsis, in text only: never in code, math, addresses or
    # the attributes in braces (`{width="40%"}`, kept as written for reading).
    md = MarkdownIt("commonmark", {"html": True, "typographer": True, "quotes": quotes_for(lang)})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.core.ruler.before("replacements", "attributes_as_written", _attributes_as_written)
    # A line holding only `---` always separates slides, even right under a
    # paragraph, so setext headings (`text` over `---`) are switched off.
    md.disable("lheading")
    md.use(front_matter_plugin)
    # One container rule for every `::: name`; the name is read from `info`.
    md.use(container_plugin, name="div", validate=lambda params, markup: bool(params.strip()))
    md.use(footnote_plugin)
    md.use(deflist_plugin)
    md.use(tasklists_plugin)
    # As pandoc reads dollars: `$5 and $10` is not math (no space inside the
    # dollars, no digit right after the closing one).
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(sub_plugin)
    md.use(superscript_plugin)
    md.use(gfm_autolink_plugin)
    md.use(citation_plugin)
    md.inline.ruler.at("autolink", _angle_autolink)
    # Every link is read, whatever its scheme, so that one the outputs may not carry
    # (`javascript:`, `file:`, `data:`) is left out with a warning rather than printed
    # as literal markdown (`inline.InlineReader._href` decides).
    md.validateLink = lambda url: True
    return md


def _angle_autolink(state: StateInline, silent: bool) -> bool:
    """CommonMark's `<https://…>`, its link marked `angle`: written so, the address is
    the text on purpose (a bare address, which the GFM rule links, is not marked)."""
    first = len(state.tokens)
    if not autolink(state, silent):
        return False
    for token in state.tokens[first:]:
        if token.type == "link_open":
            token.meta["angle"] = True
    return True


@lru_cache(maxsize=None)
def parser_for(lang: str) -> MarkdownIt:
    """One parser per language of the talk: only the quotation marks differ."""
    return make_parser(lang)




@lru_cache(maxsize=256)
def parse(text: str, lang: str = "en") -> SyntaxTreeNode:
    """The syntax tree of `text` in a talk of language `lang`. Trees are only read,
    never changed, so one tree serves every read of the same text (a watch session
    re-reads unchanged files).

    Nothing nests deeper than MAX_NESTING: markdown-it leaves out blocks deeper
    than that, and emphasis deeper than that is kept as plain text (its markers
    would nest without end otherwise); `too_deep` holds the lines where either
    happened, for `report_too_deep`."""
    tokens = parser_for(lang).parse(text)
    too_deep = set()
    for token in tokens:
        if token.level >= MAX_NESTING - 1 and token.map:
            too_deep.add(token.map[0] + 1)
        if token.type == "inline" and token.children and _flattened(token):
            too_deep.add(token.map[0] + 1 if token.map else 1)
    tree = SyntaxTreeNode(tokens)
    tree.too_deep = tuple(sorted(too_deep))
    return tree


def _flattened(inline) -> bool:
    """Inline tokens nested deeper than MAX_NESTING unwrapped (their text kept); whether any were."""
    kept, opened, depth = [], [], 0
    for child in inline.children:
        if child.nesting == 1:
            opened.append(depth < MAX_NESTING)
            depth += 1
            if opened[-1]:
                kept.append(child)
        elif child.nesting == -1:
            depth -= 1
            if opened.pop() if opened else True:
                kept.append(child)
        else:
            kept.append(child)
    flattened = len(kept) != len(inline.children)
    inline.children = kept
    return flattened


def report_too_deep(tree: SyntaxTreeNode, path: str, report) -> None:
    for line in getattr(tree, "too_deep", ()):
        report.warning(
            path,
            line,
            f"quotes, lists, emphasis or links nest more than {MAX_NESTING} levels deep here: "
            "deeper blocks are left out and deeper emphasis is plain text",
        )


def line_of(node: SyntaxTreeNode, fallback: int = 1) -> int:
    """1-based source line of a block node."""
    current: SyntaxTreeNode | None = node
    while current is not None and not current.is_root:
        if current.map is not None:
            return current.map[0] + 1
        current = current.parent
    return fallback


# --- attributes ----------------------------------------------------------------

# Braces that hold pandoc attributes, or an attempt at them: `{.class}`, `{#id}`,
# `{key=value …}` (well formed or not; `read_attributes` says which).
ATTRIBUTES = re.compile(r"\{\s*(?:[.#][\w-][^{}]*|[\w-]+\s*=[^{}]*)\}")
LEADING_ATTRIBUTES = re.compile(rf"^({ATTRIBUTES.pattern})")
BRACKETED_SPAN = re.compile(rf"\[([^\[\]]*)\]({ATTRIBUTES.pattern})")


def _attributes_as_written(state) -> None:
    """Attributes in braces are markup, read later as written: they are set apart
    as `text_special`, which the typographer leaves alone and `text_join` makes
    text again."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children = []
        for child in token.children:
            if child.type != "text" or "{" not in child.content:
                children.append(child)
                continue
            last = 0
            for match in ATTRIBUTES.finditer(child.content):
                for content, kind in ((child.content[last : match.start()], "text"), (match.group(0), "text_special")):
                    if content:
                        part = Token(kind, "", 0)
                        part.content = content
                        children.append(part)
                last = match.end()
            if last == 0:
                children.append(child)
            elif child.content[last:]:
                part = Token("text", "", 0)
                part.content = child.content[last:]
                children.append(part)
        token.children = children


@dataclass
class Attributes:
    classes: tuple[str, ...]
    values: dict[str, str]
    identifier: str | None = None  # `#refs`


def split_trailing_attributes(text: str) -> tuple[str, str | None]:
    """`Title {.a b=c}` -> ("Title", "{.a b=c}"); text without attributes is unchanged.

    In time linear in the text: attributes hold no braces, so only the last `{` can
    open them (a regular expression searched from every position would be quadratic
    in a run of spaces)."""
    end = text.rstrip()
    start = end.rfind("{")
    if not end.endswith("}") or start < 0 or not ATTRIBUTES.fullmatch(end, start):
        return text, None
    return text[:start].rstrip(), end[start:]


def read_attributes(raw: str) -> Attributes:
    """Pandoc-style attributes `{.class #id key=value key="a value"}`; ValueError when malformed.

    Values may hold what pandoc allows unquoted (`width=40%`, `background=assets/x.jpg`).
    """
    inner = raw.strip()
    if not (inner.startswith("{") and inner.endswith("}")):
        raise ValueError("attributes are written in braces")
    try:
        tokens = shlex.split(inner[1:-1], posix=True)
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    classes: list[str] = []
    values: dict[str, str] = {}
    identifier = None
    for token in tokens:
        if token.startswith("."):
            classes.append(token[1:])
        elif token.startswith("#"):
            identifier = token[1:]  # names nothing in a deck but `::: {#refs}`, pandoc's bibliography
        elif "=" in token:
            key, _, value = token.partition("=")
            values[key] = value
        else:
            raise ValueError(f"{quoted(token)} is neither .class, #id nor key=value")
    return Attributes(tuple(classes), values, identifier)


def container_name(info: str) -> tuple[str, str]:
    """The name and arguments of a `:::` block: `::: write 5` is ("write", "5"); pandoc's
    attribute form `::: {.column width="40%"}` is named by its first class ("column"),
    or `#id` without one, and its arguments are the braces, to read as attributes."""
    info = info.strip()
    if info.startswith("{"):
        try:
            attributes = read_attributes(info)
        except ValueError:
            return info, ""
        if attributes.classes:
            return attributes.classes[0], info
        if attributes.identifier:
            return f"#{attributes.identifier}", info
        return info, ""
    name, _, args = info.partition(" ")
    return name, args.strip()




@dataclass
class Footnotes:
    """The footnotes of one slide or handout page, numbered as they are first referred to.

    `definitions` are the file's `[^label]: …` definitions (label -> nodes and line);
    `read` turns a definition's nodes into blocks when it is first referred to.
    """

    definitions: dict[str, tuple[list[SyntaxTreeNode], int]]
    read: Callable[[list[SyntaxTreeNode]], list[Block]] | None = None
    notes: list[Footnote] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)

    def number(self, label: str, path: str) -> int:
        if label not in self.numbers:
            number = len(self.numbers) + 1
            self.numbers[label] = number
            nodes, line = self.definitions.get(label, ([], 1))
            blocks = self.read(nodes) if self.read is not None else []
            self.notes.append(Footnote(number, blocks, Source(path, line)))
        return self.numbers[label]


def footnote_definitions(nodes: list[SyntaxTreeNode]) -> tuple[list[SyntaxTreeNode], dict[str, tuple[list[SyntaxTreeNode], int]]]:
    """The nodes without the footnote block markdown-it puts at the end of a file,
    and the definitions it holds, by label."""
    definitions: dict[str, tuple[list[SyntaxTreeNode], int]] = {}
    kept = []
    for node in nodes:
        if node.type != "footnote_block":
            kept.append(node)
            continue
        for footnote in node.children:
            label = str(footnote.meta.get("label", footnote.meta.get("id")))
            children = [c for c in footnote.children if c.type != "footnote_anchor"]
            definitions[label] = (children, line_of(footnote))
    return kept, definitions


# Quotes, lists, emphasis, links inside one another (markdown-it's limit; set when the
# module's rules above are all defined).
MAX_NESTING = parser_for("en").options["maxNesting"]
