"""What leaves in a deck, by allow-list: the parts each part may relate to, and the
children presentation.xml may have.

A designer's template brings whatever its authoring tools put in it: comment
authors with names and e-mail addresses (`ppt/authors.xml`), custom XML,
revision information, tags, embedded fonts, macros, custom shows, a password
hash. None of that is the talk's. Only the relationships listed here are
kept, part by part from the package down, so only the masters, layouts,
themes, the notes master and the pictures they show are carried along (and
python-pptx writes only parts it can reach). An element of a kept part that
pointed at a dropped relationship goes too, so every reference resolves.
No relationship leaves the package but the talk's own links on slides: a
template's linked picture, theme fill or link (to a server, or to a file of
the machine) would have an application fetch or show it.

Within the parts kept, only the look is kept (`clean_template_content`):
comments, processing instructions, extension lists, alternate content (an
ink annotation and its fallback), markup of other namespaces and the names
of table styles go.
The template's pictures are cleaned like the talk's own when it is opened
(`clean_template_pictures`); one that cannot be is taken out, with a warning.
"""

from __future__ import annotations

from typing import Callable

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from segue.render.pptx.write.oxml import qn

from segue.render.pptx.write import internals

# The relationships each kind of part may keep, by the part's content type.
ALLOWED = {
    CT.PML_PRESENTATION_MAIN: {
        RT.SLIDE_MASTER,
        RT.SLIDE,
        RT.NOTES_MASTER,
        RT.THEME,
        RT.PRES_PROPS,
        RT.VIEW_PROPS,
        RT.TABLE_STYLES,
    },
    CT.PML_SLIDE_MASTER: {RT.SLIDE_LAYOUT, RT.THEME, RT.IMAGE},
    CT.PML_SLIDE_LAYOUT: {RT.SLIDE_MASTER, RT.IMAGE},
    CT.PML_SLIDE: {RT.SLIDE_LAYOUT, RT.IMAGE, RT.HYPERLINK, RT.NOTES_SLIDE, RT.CHART},
    CT.DML_CHART: {RT.PACKAGE},  # a chart's data, as the workbook PowerPoint edits it in
    CT.PML_NOTES_MASTER: {RT.THEME, RT.IMAGE},
    CT.PML_NOTES_SLIDE: {RT.NOTES_MASTER, RT.SLIDE, RT.HYPERLINK},
    CT.OFC_THEME: {RT.IMAGE},
}
PACKAGE_ALLOWED = {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES, RT.EXTENDED_PROPERTIES}
# presentation.xml children a deck keeps, in schema order; the rest (custom shows,
# embedded fonts, tags, photo album, modify verifier, handout master list…) go.
PRESENTATION_CHILDREN = ("sldMasterIdLst", "notesMasterIdLst", "sldIdLst", "sldSz", "notesSz", "defaultTextStyle", "extLst")
SHAPES = {qn(f"p:{tag}") for tag in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")}
BACKGROUND = qn("p:bg")  # a picture background goes whole; the layout's or master's shows instead
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


CLEANABLE = {"image/png": "png", "image/jpeg": "jpg"}
# The template parts whose content is cleaned (`clean_template_content`); the document
# properties are written anew, and slides come from the talk.
CLEANED = {
    CT.PML_PRESENTATION_MAIN,
    CT.PML_SLIDE_MASTER,
    CT.PML_SLIDE_LAYOUT,
    CT.PML_NOTES_MASTER,
    CT.OFC_THEME,
    CT.PML_PRES_PROPS,
    CT.PML_VIEW_PROPS,
    CT.PML_TABLE_STYLES,
}
# Markup a template's look is written in: PresentationML and DrawingML. Anything else
# (markup compatibility's alternate content such as an ink annotation and its
# fallback, extensions, another vendor's elements) goes, and so do extension lists.
KEPT_NAMESPACES = {
    "http://schemas.openxmlformats.org/presentationml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/main",
}
KEPT_ATTRIBUTE_NAMESPACES = {R, "http://www.w3.org/XML/1998/namespace"}
# Never an entity expanded, a DTD or anything from the network read.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def clean_template_content(prs) -> None:
    """What the kept parts of a template carry besides its look, removed: comments,
    processing instructions, entity references, extension lists, alternate content
    (an ink annotation with its fallback text and picture), markup of other
    namespaces, and table styles' names (numbered instead)."""
    for part in list(prs.part.package.iter_parts()):
        if part.content_type not in CLEANED:
            continue
        element = internals.part_element(part)
        root = element if element is not None else etree.fromstring(part.blob, SAFE_PARSER)
        _clean(root)
        if element is None:
            internals.replace_blob(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
        # A picture or link only what was removed showed (an ink annotation's fallback) goes too.
        referred = {value for node in root.iter() for name, value in node.attrib.items() if name.startswith(f"{{{R}}}")}
        for rel in list(part.rels.values()):
            if rel.reltype in (RT.IMAGE, RT.HYPERLINK) and rel.rId not in referred:
                part.rels.pop(rel.rId)


def _clean(root) -> None:
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity)):
        _remove(node)
    for node in list(root.iter()):
        name = etree.QName(node)
        if name.namespace not in KEPT_NAMESPACES or name.localname == "extLst":
            _remove(node)
            continue
        for attribute in list(node.attrib):
            namespace = etree.QName(attribute).namespace
            if namespace is not None and namespace not in KEPT_ATTRIBUTE_NAMESPACES:
                del node.attrib[attribute]
    for number, style in enumerate(root.iter(qn("a:tblStyle")), start=1):
        style.set("styleName", f"Table Style {number}")
    etree.cleanup_namespaces(root)


def _remove(node) -> None:
    """`node` taken out of its parent, the text after it kept."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def clean_template_pictures(prs, clean_picture: Callable[[bytes], tuple[bytes, str]]) -> list[str]:
    """Every picture of the opened template rebuilt by `clean_picture` (no metadata, same
    format). A picture that cannot be cleaned so (EMF, WMF, SVG, TIFF …, or one that does
    not decode) is taken out with the shapes showing it; their names are returned."""
    removed: list[str] = []
    dropped: set[int] = set()
    for part in list(prs.part.package.iter_parts()):
        if not part.content_type.startswith("image/"):
            continue
        kind = CLEANABLE.get(part.content_type)
        cleaned = None
        if kind is not None:
            try:
                data, extension = clean_picture(part.blob)
                cleaned = data if extension == kind else None
            except Exception:  # a picture that does not decode
                cleaned = None
        if cleaned is None:
            removed.append(str(part.partname).lstrip("/"))
            dropped.add(id(part))
        else:
            internals.replace_blob(part, cleaned)
    if dropped:
        for part in list(prs.part.package.iter_parts()):
            gone = [rel.rId for rel in part.rels.values() if not rel.is_external and id(rel.target_part) in dropped]
            for rId in gone:
                part.rels.pop(rId)
            if gone:
                _drop_references(part, set(gone))
    return removed


def keep_allowed_parts(prs) -> None:
    package = prs.part.package
    for rel in internals.package_relationships(package):
        if rel.reltype not in PACKAGE_ALLOWED or rel.is_external:
            internals.drop_package_relationship(package, rel.rId)
    _keep_presentation_children(prs.element)
    seen: set[int] = set()
    for rel in internals.package_relationships(package):
        if not rel.is_external:
            _walk(rel.target_part, seen)


def _walk(part, seen: set[int]) -> None:
    if id(part) in seen:
        return
    seen.add(id(part))
    # Core and app properties, presProps, viewProps, table styles: no relationships of their own.
    allowed = ALLOWED.get(part.content_type, set())
    dropped = [rel.rId for rel in part.rels.values() if rel.reltype not in allowed or (rel.is_external and not _talks_link(part, rel))]
    for rId in dropped:
        part.rels.pop(rId)
    if dropped:
        _drop_references(part, set(dropped))
    for rel in list(part.rels.values()):
        if not rel.is_external:
            _walk(rel.target_part, seen)


def _talks_link(part, rel) -> bool:
    """A link the talk wrote, on a slide or in its notes: the only relationship that may
    point outside the deck. A template's (a linked picture, a theme fill, a link on a
    master) would have an application fetch it, or show a file of the machine."""
    return rel.reltype == RT.HYPERLINK and part.content_type in (CT.PML_SLIDE, CT.PML_NOTES_SLIDE)


def _drop_references(part, dropped: set[str]) -> None:
    """Remove what pointed at a dropped relationship: the shape holding it, or the
    element itself outside shapes (tags, a hyperlink)."""
    element = internals.part_element(part)
    if element is None:
        root = etree.fromstring(part.blob, SAFE_PARSER)
        _remove_referrers(root, dropped)
        internals.replace_blob(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
        return
    _remove_referrers(element, dropped)


def _remove_referrers(root, dropped: set[str]) -> None:
    referrers = [
        node
        for node in root.iter()
        if any(name.startswith(f"{{{R}}}") and value in dropped for name, value in node.attrib.items())
    ]
    for node in referrers:
        target = node
        if etree.QName(node).localname not in ("hlinkClick", "hlinkHover", "tags"):
            holder = next((a for a in node.iterancestors() if a.tag in SHAPES or a.tag == BACKGROUND), None)
            target = holder if holder is not None else node
        parent = target.getparent()
        if parent is not None:
            parent.remove(target)


def _keep_presentation_children(presentation) -> None:
    for child in list(presentation):
        if etree.QName(child).localname not in PRESENTATION_CHILDREN:
            presentation.remove(child)
