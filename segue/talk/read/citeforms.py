"""Each citation in its style's form, and the bibliography's entries, by citeproc-py.

citeproc-py has no form for a citation that names the author in the sentence
(`@key`) or leaves the author out (`[-@key]`); both are made from the style's
own citation: the work is formatted once more with a placeholder for its
authors, which shows where they stand. citeproc-py's HTML (`<i>`, `<b>`,
`<sup>`) becomes spans; addresses in an entry become links.
"""

from __future__ import annotations

import copy
import html
import json
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

from segue.diagnostics import Diagnostics
from segue.talk.model import Cite, Inline, Span

_AUTHORS = "\ue000"  # stands for a work's authors while its citation is formatted
_AUTHORS_AND_SEPARATOR = re.compile(f"{_AUTHORS}[\\s,.;:]*")
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)\]]")
_NAME_ROLES = ("author", "editor", "translator")


def _locale(lang: str) -> str:
    """The citeproc-py locale for a language tag: `en` is en-US, `de-AT` is de-AT, `pt` pt-PT."""
    from citeproc import LOCALES_PATH

    folder = Path(LOCALES_PATH)
    parts = lang.split("-")
    exact = f"{parts[0].lower()}-{parts[-1].upper()}" if len(parts) > 1 else None
    if exact and (folder / f"locales-{exact}.xml").is_file():
        return exact
    dialects = json.loads((folder / "locales.json").read_text(encoding="utf-8")).get("primary-dialects", {})
    return dialects.get(parts[0].lower(), "en-US")


class Formatter:
    """The talk's citations and bibliography in one style."""

    def __init__(self, style: Path, items: list[dict], lang: str) -> None:
        self.style_path = style
        self.items = items
        self.locale = _locale(lang)

    def _bibliography(self, items: list[dict]):
        from citeproc import CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.json import CiteProcJSON

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            style = CitationStylesStyle(str(self.style_path), locale=self.locale, validate=False)
        # citeproc-py does not set a number in the margin apart from the entry (CSL's
        # `second-field-align`, `display="left-margin"`): a space after it does.
        csl = "{http://purl.org/net/xbiblio/csl}"
        margins = [e for e in style.root.iter() if e.get("display") == "left-margin"]
        for bibliography in style.root.iter(f"{csl}bibliography"):
            layout = bibliography.find(f"{csl}layout")
            if bibliography.get("second-field-align") and layout is not None and len(layout):
                margins.append(layout[0])
        for element in margins:
            element.set("suffix", (element.get("suffix") or "") + " ")
        self.style = style
        return CitationStylesBibliography(style, CiteProcJSON(copy.deepcopy(items)), formatter.html)

    def format(self, cites: list[Cite], report: Diagnostics) -> tuple[dict[Cite, str], list[str]]:
        """Each citation's text (as citeproc-py's HTML) and the bibliography's entries."""
        bibliography = self._bibliography(self.items)
        clusters = [self._citation(cite) for cite in cites]
        for cluster in clusters:
            bibliography.register(cluster)
        forms: dict[Cite, str] = {}
        numeric = self._format_kind() != "author-date"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for cite, cluster in zip(cites, clusters):
                if cite in forms:
                    continue
                text = str(bibliography.cite(cluster, lambda item: None))  # unknown keys were reported
                suppressed = [item.suppress_author for item in cite.items]
                if cite.narrative:
                    if numeric:
                        authors, alone = self._names(cite.items[0].key), text
                    else:
                        placeholder = self._with_placeholder(cite, cites)
                        authors, alone = self._authors(cite, placeholder, text), _without_authors(placeholder)
                    text = f"{authors}\u00a0{alone}" if authors else text
                elif all(suppressed) and not numeric:
                    text = _without_authors(self._with_placeholder(cite, cites))
                elif any(suppressed) and not numeric:
                    report.warning(cite.source.path, cite.source.line,
                                   f"{cite.written}: leave out the authors of every work cited together or of none; they are shown")
                forms[cite] = text
            entries = [str(entry) for entry in bibliography.bibliography()]
        return forms, entries

    def _format_kind(self) -> str:
        category = self.style.root.find(".//{http://purl.org/net/xbiblio/csl}category[@citation-format]")
        return category.get("citation-format") if category is not None else "author-date"

    def _citation(self, cite: Cite):
        from citeproc import Citation, CitationItem, Locator

        items = []
        for item in cite.items:
            options = {}
            if item.locator:
                options["locator"] = Locator(item.label or "page", item.locator)
            if item.prefix and not cite.narrative:
                options["prefix"] = item.prefix + " "
            if item.suffix:
                options["suffix"] = item.suffix if item.suffix.startswith((",", ";", ".")) else " " + item.suffix.lstrip()
            items.append(CitationItem(item.key, **options))
        return Citation(items)

    def _with_placeholder(self, cite: Cite, cites: list[Cite]) -> str:
        """The citation formatted with a placeholder where its works' authors go (all the
        talk's citations registered as before, so a number or a letter stays the same)."""
        keys = {item.key.lower() for item in cite.items}
        shadow = []
        for item in self.items:
            if item["id"].lower() in keys:
                item = dict(item)
                role = next((r for r in _NAME_ROLES if item.get(r)), "author")
                item[role] = [{"family": _AUTHORS}]
            shadow.append(item)
        bibliography = self._bibliography(shadow)
        clusters = [self._citation(c) for c in cites]
        for cluster in clusters:
            bibliography.register(cluster)
        return str(bibliography.cite(clusters[cites.index(cite)], lambda item: None))

    def _authors(self, cite: Cite, placeholder: str, text: str) -> str:
        """The authors as the style names them in the citation (`Feder et al.`)."""
        if placeholder.count(_AUTHORS) == 1:
            before, after = placeholder.split(_AUTHORS)
            if text.startswith(before) and text.endswith(after) and len(text) > len(before) + len(after):
                return text[len(before) : len(text) - len(after)]
        return self._names(cite.items[0].key)

    def _names(self, key: str) -> str:
        """Family names for a numeric style's `@key`: one, two joined, or the first et al."""
        item = next((i for i in self.items if i["id"].lower() == key.lower()), {})
        people = next((item[r] for r in _NAME_ROLES if item.get(r)), [])
        families = [html.escape(p.get("family") or p.get("literal") or "") for p in people]
        if not families:
            return ""
        if len(families) == 1:
            return families[0]
        if len(families) == 2:
            return f"{families[0]} {self._term('and', 'and')} {families[1]}"
        return f"{families[0]} {self._term('et-al', 'et al.')}"

    def _term(self, name: str, fallback: str) -> str:
        try:
            term = self.style.root.get_term(name)
            text = term.single if hasattr(term, "single") else term.text
            return str(text) if text else fallback
        except Exception:  # a locale without the term
            return fallback


def _without_authors(placeholder: str) -> str:
    """`(1992, p. 4)`: a citation without its works' authors."""
    return _AUTHORS_AND_SEPARATOR.sub("", placeholder).replace(_AUTHORS, "")


def with_forms(inline: Inline, forms: dict[Cite, str]) -> Inline:
    spans: list[Span] = []
    for span in inline:
        if span.cite is None:
            spans.append(span)
        elif span.cite in forms:
            spans.extend(spans_of(forms[span.cite], base=span))
        else:  # an unknown key, reported: the words as written
            spans.append(Span(span.text, span.bold, span.italic, span.code, span.href, span.strike, span.script))
    return tuple(spans)


class _Styled(HTMLParser):
    """citeproc-py's HTML (`<i>`, `<b>`, `<sup>`, `<sub>`) as spans."""

    def __init__(self, base: Span) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.open: list[str] = []
        self.spans: list[Span] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]

    def handle_data(self, data: str) -> None:
        base = self.base
        script = "super" if "sup" in self.open else "sub" if "sub" in self.open else base.script
        self.spans.append(Span(data, base.bold or "b" in self.open, base.italic != ("i" in self.open), base.code, base.href, base.strike, script))


def spans_of(markup: str, base: Span = Span(""), link: bool = False) -> list[Span]:
    parser = _Styled(base)
    parser.feed(markup)
    parser.close()
    spans = [s for s in parser.spans if s.text]
    if not link:
        return spans
    linked: list[Span] = []
    for span in spans:
        last = 0
        for match in _URL.finditer(span.text):
            linked.append(Span(span.text[last : match.start()], span.bold, span.italic, script=span.script))
            # An entry's address is printed to be read (or typed), as `<https://…>` is.
            linked.append(Span(match.group(0), span.bold, span.italic, href=match.group(0), script=span.script, literal_address=True))
            last = match.end()
        linked.append(Span(span.text[last:], span.bold, span.italic, script=span.script))
    return [s for s in linked if s.text]
