"""Inline markdown to spans: emphasis, code, links, math, footnote references,
and the language of a passage (`[texte]{lang=fr}`).

What the reader cannot show is never printed as markup: raw HTML loses its
tags (with a warning), stray `{…}` attributes are removed (with a warning),
TeX that cannot be set is shown as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from markdown_it.tree import SyntaxTreeNode

from segue.diagnostics import Diagnostics, quoted
from segue.media.formulas import MathProblem, parse_tex
from segue.talk.labels import WEB_SCHEMES
from segue.talk.model import Cite, CiteItem, Inline, Source, Span
from segue.talk.read.config import LANGUAGE_TAG
from segue.talk.read.markdown import (
    ATTRIBUTES, BRACKETED_SPAN, LEADING_ATTRIBUTES, Footnotes, read_attributes, split_trailing_attributes,
)


@dataclass
class InlineImage:
    src: str
    alt: str
    attrs: dict
    raw_attrs: str | None = None

_UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
# The end of a bracketed span whose `[` came in an earlier node (`[*très* bien]{lang=fr}`).
_SPAN_CLOSE = re.compile(rf"^([^\[\]]*)\]({ATTRIBUTES.pattern})")
_QR_AFTER_LINK = re.compile(r"^\{\s*\.?qr\s*\}")


# Elements whose content is code, not text: left out with the tags.
HIDDEN_ELEMENTS = ("script", "style")
_HIDDEN_START = re.compile(r"<(script|style)\b[^>]*?(/?)>", re.I)
_HIDDEN_END = re.compile(r"</(script|style)\s*>", re.I)
# Link schemes a deck, a handout and a script may carry: the web's and mail's. A
# link to `javascript:`, `file:`, `data:` and the like is left out, its text kept.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
MAX_SPANS = 1000  # styled pieces of one paragraph or heading
MAX_CHARACTERS = 10_000  # characters of one paragraph or heading: no slide or page shows more


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs) -> None:
        self.hidden += tag in HIDDEN_ELEMENTS

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in HIDDEN_ELEMENTS and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def text_of_html(raw: str) -> str:
    """The text inside raw HTML, without its tags and comments."""
    parser = _TextOfHtml()
    parser.feed(raw)
    parser.close()
    return " ".join("".join(parser.parts).split())


def merge_spans(spans: list[Span]) -> Inline:
    """Join neighbouring spans of the same style; drop empty ones."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and merged[-1].style() == span.style() and span.math is None and span.footnote is None and span.cite is None:
            merged[-1] = replace(merged[-1], text=merged[-1].text + span.text)
            continue
        merged.append(span)
    return tuple(merged)


def strip_inline(inline: Inline) -> Inline:
    """Trim whitespace at both ends of a run of spans."""
    spans = list(inline)
    while spans and not spans[0].text.strip():
        spans.pop(0)
    while spans and not spans[-1].text.strip():
        spans.pop()
    if spans:
        spans[0] = replace(spans[0], text=spans[0].text.lstrip())
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return tuple(spans)


def descendants(node: SyntaxTreeNode):
    for child in node.children:
        yield child
        yield from descendants(child)


class InlineReader:
    """Spans of one `inline` node, reporting what they cannot show at `line`."""

    def __init__(self, path: str, report: Diagnostics, footnotes: Footnotes | None, lang: str | None = None) -> None:
        self.path = path
        self.report = report
        self.footnotes = footnotes
        self.lang = lang  # the file's language, for spans that do not say their own

    def read(self, node: SyntaxTreeNode, line: int, trailing_attributes: bool = False):
        """(spans, images, raw trailing attributes): attributes at the end are returned
        rather than reported when `trailing_attributes` (a heading's)."""
        return self.read_children(node.children, line, trailing_attributes)

    def read_children(self, children: list[SyntaxTreeNode], line: int, trailing_attributes: bool = False):
        # Re-entrant: a footnote's text is read while the text referring to it is.
        outer = getattr(self, "line", None), getattr(self, "spans", None), getattr(self, "images", None), getattr(self, "breaks", 0)
        self.line = line
        self.breaks = 0  # line breaks read so far: a citation's own line is the inline's line plus these
        self.spans: list[Span] = []
        self.images: list[InlineImage] = []
        self.hiding: str | None = None  # inside inline <script> or <style>: its text is left out
        try:
            self._walk(children, {"lang": self.lang} if self.lang else {})
            spans, images = self._bounded(merge_spans(self.spans)), self.images
        finally:
            self.line, self.spans, self.images, self.breaks = outer
        raw = None
        if trailing_attributes and spans and spans[-1].math is None and not spans[-1].code and spans[-1].footnote is None:
            text, raw = split_trailing_attributes(spans[-1].text)
            if raw is not None:
                spans = (*spans[:-1], replace(spans[-1], text=text))
        return self._clean(spans, line), images, raw

    def _walk(self, children: list[SyntaxTreeNode], style: dict) -> None:
        pending_image: InlineImage | None = None
        pending_link: tuple[int, int] | None = None  # the spans of the link just read
        opened: list[tuple[int, int]] = []  # `[`s not closed in their node: (span index, offset in its text)
        for child in children:
            kind = child.type
            if self.hiding is not None and kind != "html_inline":
                continue
            if kind == "text":
                text = child.content
                if opened and (close := _SPAN_CLOSE.match(text)) and (lang := self._span_lang(close.group(2))) is not None:
                    lang = lang or style.get("lang")
                    # `[` … `]{lang=xx}` around other nodes: the spans between take the language.
                    index, offset = opened.pop()
                    opener = self.spans[index]
                    before, inside = opener.text[:offset], opener.text[offset + 1 :]
                    self.spans[index : index + 1] = [replace(opener, text=before), replace(opener, text=inside)]
                    self.spans.append(Span(close.group(1), **style))
                    self.spans[index + 1 :] = [replace(s, lang=lang) for s in self.spans[index + 1 :]]
                    text = text[close.end() :]
                if pending_link is not None and (match := _QR_AFTER_LINK.match(text)):
                    # `[text](address){qr}`: the link's spans are marked, the braces dropped.
                    start, end = pending_link
                    self.spans[start:end] = [replace(s, qr=True) if s.href else s for s in self.spans[start:end]]
                    text = text[match.end() :]
                if pending_image is not None:
                    match = LEADING_ATTRIBUTES.match(text)
                    if match:
                        pending_image.raw_attrs = match.group(1)
                        text = text[match.end() :]
                self._text(text, style, opened)
            elif kind == "code_inline":
                self.spans.append(Span(child.content, **{**style, "code": True}))
            elif kind == "softbreak":
                self.breaks += 1
                self.spans.append(Span(" ", **style))
            elif kind == "hardbreak":
                self.breaks += 1
                self.spans.append(Span("\n", **style))
            elif kind == "citation":
                self.spans.append(self._citation(child, style))
            elif kind == "strong":
                self._walk(child.children, {**style, "bold": True})
            elif kind == "em":
                self._walk(child.children, {**style, "italic": True})
            elif kind == "s":
                self._walk(child.children, {**style, "strike": True})
            elif kind == "sub":
                self._walk(child.children, {**style, "script": "sub"})
            elif kind == "sup":
                self._walk(child.children, {**style, "script": "super"})
            elif kind == "link":
                first = len(self.spans)
                address = str(child.attrs.get("href", ""))
                href = self._href(address)
                if href is None and address and (child.markup in ("autolink", "linkify") or child.meta.get("angle")):
                    continue  # `<javascript:…>`: its text is the address left out
                link = {"href": href, "literal_address": bool(child.meta.get("angle"))}
                self._walk(child.children, {**style, **link})
                pending_link, pending_image = (first, len(self.spans)), None
                continue
            elif kind == "image":
                alt = "".join(t.content for t in descendants(child) if t.type in ("text", "code_inline"))
                attrs = {k: v for k, v in child.attrs.items() if k not in ("src", "alt")}
                pending_image = InlineImage(str(child.attrs.get("src", "")), alt, attrs)
                self.images.append(pending_image)
                continue
            elif kind in ("math_inline", "math_inline_double"):
                self.spans.append(self._math(child.content, style))
            elif kind == "footnote_ref":
                self.spans.append(self._footnote(child, style))
            elif kind == "html_inline":
                self._html(child.content)
            else:
                self.report.warning(self.path, self.line, f"unsupported markdown ({kind}) is left out; its text is kept")
                self.spans.append(Span(child.content, **style))
            pending_image = None
            pending_link = None

    def _citation(self, node: SyntaxTreeNode, style: dict) -> Span:
        """A citation, its text resolved once the whole talk is read; inside a link's
        text it is only words."""
        written = node.meta["written"]
        if style.get("href"):
            return Span(written, **style)
        items = tuple(CiteItem(**item) for item in node.meta["items"])
        cite = Cite(items, node.meta["mode"] == "narrative", written, Source(self.path, self.line + self.breaks))
        return Span(written, **{**style, "cite": cite})
    def _text(self, text: str, style: dict, opened: list[tuple[int, int]]) -> None:
        """Text, its bracketed spans with a language (`[texte]{lang=fr}`) as spans of their own."""
        at = 0
        for match in BRACKETED_SPAN.finditer(text):
            lang = self._span_lang(match.group(2))
            if lang is None:
                continue  # other attributes: reported and removed when the spans are cleaned
            self.spans.append(Span(text[at : match.start()], **style))
            self.spans.append(Span(match.group(1), **{**style, "lang": lang or style.get("lang")}))
            at = match.end()
        rest = text[at:]
        self.spans.append(Span(rest, **style))
        depth = 0
        for offset in range(len(rest) - 1, -1, -1):  # a `[` left open here may close in a later node
            if rest[offset] == "]":
                depth += 1
            elif rest[offset] == "[":
                if depth == 0:
                    opened.append((len(self.spans) - 1, offset))
                    break
                depth -= 1

    def _span_lang(self, raw: str) -> str | None:
        """The language of `{lang=xx}` attributes; None for other attributes. A tag that
        is not one is a warning and gives "": the text is kept, in the language around it."""
        try:
            attributes = read_attributes(raw)
        except ValueError:
            return None
        lang = attributes.values.get("lang")
        if lang is None or attributes.classes or len(attributes.values) > 1:
            return None
        if not LANGUAGE_TAG.fullmatch(lang):
            self.report.warning(self.path, self.line, f"`lang={quoted(lang)[1:-1]}` is not a language tag: write one like lang=fr or lang=pt-BR")
            return ""
        return lang

    def _math(self, tex: str, style: dict) -> Span:
        try:
            return Span(tex, **{**style, "math": parse_tex(tex)})
        except MathProblem as problem:
            shown = tex if len(tex) <= 40 else tex[:39] + "…"
            self.report.warning(self.path, self.line, f"math ${shown}$ cannot be set: {problem}; it is shown as code")
            return Span(tex, **{**style, "code": True})

    def _footnote(self, node: SyntaxTreeNode, style: dict) -> Span:
        label = str(node.meta.get("label", node.meta.get("id")))
        if self.footnotes is None:
            self.report.warning(self.path, self.line, f"footnote [^{label}] is not shown here; it is left out")
            return Span("")
        number = self.footnotes.number(label, self.path)
        return Span(str(number), **{**style, "script": "super", "footnote": number})

    def _href(self, href: str) -> str | None:
        """A link's address when it is a web or mail address (or names no scheme); else
        None, with a warning: the text is kept without the link."""
        if _SCHEME.match(href) and not href.lower().startswith(WEB_SCHEMES):
            self.report.warning(
                self.path, self.line, f"a link to {quoted(href)} is left out (only http, https and mailto links are kept); its text is kept"
            )
            return None
        return href or None

    def _html(self, raw: str) -> None:
        if raw.startswith("<!--"):
            return  # the author's comment: never shown anywhere
        if re.match(r"<input[^>]*task-list-item-checkbox", raw):
            return  # a task list's box, read with its item
        if self.hiding is not None:
            end = _HIDDEN_END.match(raw)
            if end and end.group(1).lower() == self.hiding:
                self.hiding = None
            return
        start = _HIDDEN_START.match(raw)
        if start and not start.group(2):
            self.hiding = start.group(1).lower()
            self.report.warning(self.path, self.line, f"raw HTML {quoted(raw.strip())} is left out with what it holds")
            return
        self.report.warning(self.path, self.line, f"raw HTML {quoted(raw.strip())} is left out; the text around it is kept")

    def _bounded(self, spans: Inline) -> Inline:
        """At most MAX_SPANS styled pieces and MAX_CHARACTERS characters: the rest is cut, with a warning."""
        kept: list[Span] = []
        total = 0
        for span in spans[:MAX_SPANS]:
            text = span.text[: MAX_CHARACTERS - total]
            if text:
                kept.append(span if text == span.text else replace(span, text=text))
                total += len(text)
        if total < sum(len(span.text) for span in spans):
            self.report.warning(
                self.path,
                self.line,
                f"a paragraph of more than {MAX_CHARACTERS:,} characters or {MAX_SPANS:,} styled pieces is cut there: "
                "no slide or page shows more; split it",
            )
        return tuple(kept)

    def _clean(self, spans: Inline, line: int) -> Inline:
        """Attributes nothing reads and references to undefined footnotes: reported, removed."""
        cleaned = []
        for span in spans:
            if span.code or span.math is not None or span.footnote is not None or span.cite is not None:
                cleaned.append(span)
                continue
            text = span.text
            for match in BRACKETED_SPAN.finditer(text):
                self.report.warning(self.path, line, f"attributes {match.group(2)} are not understood here and are left out")
            text = BRACKETED_SPAN.sub(lambda m: m.group(1), text)
            for match in ATTRIBUTES.finditer(text):
                self.report.warning(self.path, line, f"attributes {match.group(0)} are not understood here and are left out")
            text = ATTRIBUTES.sub("", text)
            for match in _UNDEFINED_FOOTNOTE.finditer(text):
                self.report.warning(self.path, line, f"footnote [^{match.group(1)}] is never defined; it is left out")
            text = _UNDEFINED_FOOTNOTE.sub("", text)
            cleaned.append(replace(span, text=text))
        return merge_spans(cleaned)


# --- blocks ------------------------------------------------------------------------
