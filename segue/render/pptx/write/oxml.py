"""The OOXML python-pptx has no API for, written the way PowerPoint writes it.

- sections (`p14:sectionLst` in presentation.xml, python-pptx issue 257);
- per-slide advance timings with a transition (`p:transition advTm`, issue 256);
- "use timings" in presProps (`p:showPr useTimings`);
- picture alt text (`p:cNvPr descr`, issue 508), and the decorative flag of a shape
  that carries no content (`adec:decorative`);
- fields (slide number) and document properties;
- a zip with fixed entry dates, so equal sources give equal bytes (issue 702).
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import uuid
from functools import lru_cache
from xml.sax.saxutils import escape as xml_escape

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn as _qn

from segue.render.pptx.write import internals
from segue.render.stamp import zip_date

# "a:rPr" -> "{http://…/drawingml/2006/main}rPr": asked thousands of times a deck
# for a few dozen names, so each is worked out once.
qn = lru_cache(maxsize=None)(_qn)

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTION_EXT_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
DECORATIVE_EXT_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"

# presentation.xml children that come after p:extLst's place: none; these come before it.
_TRANSITION_FOLLOWERS = ("timing", "extLst")


def stable_guid(*parts: str) -> str:
    """A GUID that depends only on its inputs, so rebuilds give equal bytes."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "segue:" + "/".join(parts))).upper() + "}"


def new_extension(parent, prefix: str, uri: str, first: bool = False):
    """A new, empty `ext` of `uri` in `parent`'s extension list (made when missing),
    replacing one of that uri; `first` puts it before the others."""
    ext_lst = parent.find(qn(f"{prefix}:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(parent, qn(f"{prefix}:extLst"))
    for ext in ext_lst.findall(qn(f"{prefix}:ext")):
        if ext.get("uri") == uri:
            ext_lst.remove(ext)
    ext = etree.Element(qn(f"{prefix}:ext"), uri=uri)
    ext_lst.insert(0 if first else len(ext_lst), ext)
    return ext


def set_sections(presentation_element, sections: list[tuple[str, list[int]]], seed: str) -> None:
    """PowerPoint sections: (name, slide ids) in deck order."""
    ext = new_extension(presentation_element, "p", SECTION_EXT_URI, first=True)
    section_lst = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for index, (name, slide_ids) in enumerate(sections):
        section = etree.SubElement(
            section_lst, f"{{{P14}}}section", name=name, id=stable_guid(seed, "section", str(index), name)
        )
        id_lst = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for slide_id in slide_ids:
            etree.SubElement(id_lst, f"{{{P14}}}sldId", id=str(slide_id))


def read_sections(presentation_element) -> list[tuple[str, list[int]]]:
    found = []
    for section in presentation_element.iter(f"{{{P14}}}section"):
        ids = [int(s.get("id")) for s in section.iter(f"{{{P14}}}sldId")]
        found.append((section.get("name"), ids))
    return found


def set_advance(slide_element, milliseconds: int) -> None:
    """Advance after `milliseconds`, with a fade so LibreOffice imports the timing too."""
    old = slide_element.find(qn("p:transition"))
    if old is not None:
        slide_element.remove(old)
    transition = etree.Element(qn("p:transition"), spd="med", advTm=str(int(milliseconds)))
    etree.SubElement(transition, qn("p:fade"))
    position = len(slide_element)
    for index, child in enumerate(slide_element):
        if etree.QName(child).localname in _TRANSITION_FOLLOWERS:
            position = index
            break
    slide_element.insert(position, transition)


def read_advance(slide_element) -> int | None:
    transition = slide_element.find(qn("p:transition"))
    if transition is None or transition.get("advTm") is None:
        return None
    return int(transition.get("advTm"))


_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
# Parts PowerPoint expects every presentation to have; a template saved by
# another application may lack them, and PowerPoint then offers to repair the file.
REQUIRED_PARTS = (
    (RT.PRES_PROPS, "/ppt/presProps.xml", CT.PML_PRES_PROPS, f'<p:presentationPr xmlns:p="{_P_NS}"/>'),
    (RT.VIEW_PROPS, "/ppt/viewProps.xml", CT.PML_VIEW_PROPS, f'<p:viewPr xmlns:p="{_P_NS}"/>'),
)


def reset_properties_parts(prs) -> None:
    """presProps and viewProps as new: a template's hold its author's last view,
    recent colours, printer and show settings. Made when the template lacks them."""
    related = {rel.reltype: rel for rel in prs.part.rels.values()}
    for reltype, partname, content_type, xml in REQUIRED_PARTS:
        blob = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml).encode()
        if reltype in related:
            internals.replace_blob(related[reltype].target_part, blob)
        else:
            prs.part.relate_to(Part(PackURI(partname), content_type, prs.part.package, blob), reltype)


def set_use_timings(prs, use: bool) -> None:
    """`useTimings` in presProps: whether a slide show advances by the slide timings."""
    part = prs.part.part_related_by(RT.PRES_PROPS)
    root = etree.fromstring(part.blob)
    show = root.find(qn("p:showPr"))
    if show is None:
        show = etree.Element(qn("p:showPr"), showNarration="1")
        # showPr comes after htmlPubPr, webPr and prnPr, before clrMru and extLst.
        position = 0
        for index, child in enumerate(root):
            if etree.QName(child).localname in ("htmlPubPr", "webPr", "prnPr"):
                position = index + 1
        root.insert(position, show)
    show.set("useTimings", "1" if use else "0")
    internals.replace_blob(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _theme_part(prs, master=None):
    return (master or prs.slide_master).part.part_related_by(RT.THEME)


def theme_color(prs, slot: str, master=None) -> str | None:
    """A colour of the theme's colour scheme as RRGGBB (None when it has none): the
    theme of `master`, by default the first."""
    root = etree.fromstring(_theme_part(prs, master).blob)
    element = root.find(f".//{_A}clrScheme/{_A}{slot}")
    if element is None or not len(element):
        return None
    color = element[0]
    return color.get("val") if color.tag == f"{_A}srgbClr" else color.get("lastClr")


def theme_fonts(prs, master=None) -> tuple[str, str]:
    """The theme's major (headings) and minor (body) Latin typefaces."""
    root = etree.fromstring(_theme_part(prs, master).blob)
    found = []
    for which in ("majorFont", "minorFont"):
        latin = root.find(f".//{_A}{which}/{_A}latin")
        found.append(latin.get("typeface", "") if latin is not None else "")
    return found[0], found[1]


def set_theme(prs, colors: dict[str, str] | None = None, font: str | None = None) -> None:
    """Colours (slot -> RRGGBB) and the major/minor font of the theme of every master
    (a template saved by LibreOffice has a theme per master).

    python-pptx loads the theme as an opaque part, so its XML is rewritten here.
    """
    seen: set[int] = set()
    for master in prs.slide_masters:
        part = _theme_part(prs, master)
        if id(part) in seen:
            continue
        seen.add(id(part))
        root = etree.fromstring(part.blob)
        scheme = root.find(f".//{_A}clrScheme")
        for name, value in (colors or {}).items():
            slot = scheme.find(f"{_A}{name}")
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, f"{_A}srgbClr", val=value)
        if font:
            for which in ("majorFont", "minorFont"):
                root.find(f".//{_A}{which}/{_A}latin").set("typeface", font)
        internals.replace_blob(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def set_fill_alpha(shape, opacity: float) -> None:
    """Opacity of a shape's solid fill (python-pptx sets colour only)."""
    color = shape.element.spPr.find(f"{_A}solidFill")[0]
    for old in color.findall(f"{_A}alpha"):
        color.remove(old)
    etree.SubElement(color, f"{_A}alpha", val=str(int(opacity * 100000)))


def send_to_back(element) -> None:
    """Move a shape's element behind every other shape of its slide."""
    tree = element.getparent()
    tree.remove(element)
    tree.insert(2, element)  # after nvGrpSpPr and grpSpPr


def non_visual_properties(element):
    """A shape element's `p:cNvPr`: its id, name and alt text."""
    return element[0].find(qn("p:cNvPr"))


def mark_decorative(element) -> None:
    """Mark a shape as decoration, as PowerPoint's "Mark as decorative" does: screen
    readers skip it and the Accessibility Checker asks no alt text of it."""
    properties = non_visual_properties(element)
    properties.attrib.pop("descr", None)
    ext_list = properties.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(properties, qn("a:extLst"))
    if any(ext.get("uri") == DECORATIVE_EXT_URI for ext in ext_list):
        return
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=DECORATIVE_EXT_URI)
    etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")


def slide_number_field(paragraph_element, number: int, lang: str = "en-US") -> None:
    """A slide-number field, which PowerPoint and LibreOffice keep up to date."""
    field = etree.SubElement(paragraph_element, qn("a:fld"), id=SLIDE_NUMBER_FIELD_ID, type="slidenum")
    etree.SubElement(field, qn("a:rPr"), lang=lang)
    text = etree.SubElement(field, qn("a:t"))
    text.text = str(number)


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>segue</Application><PresentationFormat>{format}</PresentationFormat>"
    "<Slides>{slides}</Slides><Notes>{notes}</Notes></Properties>"
)

# PowerPoint's names for the slide sizes it offers (width, height in EMU).
SLIDE_SIZE_NAMES = {
    (12192000, 6858000): "Widescreen",
    (9144000, 5143500): "On-screen Show (16:9)",
    (9144000, 5715000): "On-screen Show (16:10)",
    (9144000, 6858000): "On-screen Show (4:3)",
}


def presentation_format(width: int, height: int) -> str:
    return SLIDE_SIZE_NAMES.get((width, height), "Custom")


def set_notes_master_list(prs, keep: bool) -> None:
    """`p:notesMasterIdLst` naming the notes master (Keynote finds it there, as
    PowerPoint writes it); a deck without notes pages keeps no notes master."""
    presentation = prs.element
    old = presentation.find(qn("p:notesMasterIdLst"))
    if old is not None:
        presentation.remove(old)
    rel = next((r for r in prs.part.rels.values() if r.reltype == RT.NOTES_MASTER), None)
    if rel is None:
        return
    if not keep:
        prs.part.drop_rel(rel.rId)
        return
    element = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(element, qn("p:notesMasterId"), {qn("r:id"): rel.rId})
    presentation.insert(list(presentation).index(presentation.find(qn("p:sldMasterIdLst"))) + 1, element)


def set_app_properties(prs, slides: int, notes: int) -> None:
    """Fresh app properties: this deck's size and counts, never the template's.
    (What else a template says about itself, its thumbnail, custom properties,
    printer and comment-author settings, is left out by `parts.keep_allowed_parts`.)"""
    for rel in internals.package_relationships(prs.part.package):
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            size = presentation_format(int(prs.slide_width), int(prs.slide_height))
            internals.replace_blob(rel.target_part, APP_XML.format(format=size, slides=slides, notes=notes).encode())


_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@lru_cache(maxsize=None)
def _relative_ref(partname: str, base_uri: str) -> str:
    return partname[1:] if base_uri == "/" else posixpath.relpath(partname, base_uri)


def rels_xml(rels) -> bytes:
    """The .rels XML of a relationship collection, in numerical rId order (as python-pptx).

    Written as text: python-pptx builds an element tree and a relative path for
    every relationship of every part, which is a third of the time it takes to
    save a deck.
    """
    ordered = sorted(
        rels.values(), key=lambda rel: (int(rel.rId[3:]) if rel.rId[3:].isdigit() else 0, rel.rId)
    )
    lines = [f'<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\'?>\n<Relationships xmlns="{_RELS_NS}">']
    for rel in ordered:
        if rel.is_external:
            target, mode = rel.target_ref, ' TargetMode="External"'
        else:
            target, mode = _relative_ref(str(rel.target_partname), internals.relationship_base(rel)), ""
        lines.append(
            f'<Relationship Id="{rel.rId}" Type="{rel.reltype}" Target="{xml_escape(target, {chr(34): "&quot;"})}"{mode}/>'
        )
    lines.append("</Relationships>")
    return "".join(lines).encode("utf-8")


def save(prs, when: dt.datetime) -> bytes:
    """The presentation as .pptx bytes whose zip entries all carry `when` (python-pptx
    stamps the time of saving, so equal sources would give different bytes)."""
    stamp = zip_date(when)
    out = io.BytesIO()
    internals.write_package(prs.part.package, out, stamp, rels_xml)
    return out.getvalue()


def set_picture_background(slide_element, rid: str, crop) -> None:
    """`p:bg` filled with the picture related as `rid`, cropped by `crop` (python-pptx
    offers solid, gradient and pattern backgrounds, not pictures)."""
    c_sld = slide_element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    background = etree.Element(qn("p:bg"))
    properties = etree.SubElement(background, qn("p:bgPr"))
    fill = etree.SubElement(properties, qn("a:blipFill"), dpi="0", rotWithShape="1")
    etree.SubElement(fill, qn("a:blip"), {qn("r:embed"): rid})
    source = etree.SubElement(fill, qn("a:srcRect"))
    for side in ("left", "top", "right", "bottom"):
        value = int(round(getattr(crop, side) * 100000))
        if value:
            source.set(side[0], str(value))
    stretch = etree.SubElement(fill, qn("a:stretch"))
    etree.SubElement(stretch, qn("a:fillRect"))
    etree.SubElement(properties, qn("a:effectLst"))
    c_sld.insert(0, background)


def set_clicks(slide_element, clicks, text_shapes: set[int]) -> None:
    """`p:timing`: each click makes its targets appear, as PowerPoint's "Appear" entrance
    effect on click (the first target of a click) and with it (the others, under the
    same delay); a text target shows one paragraph (`st` = `end`). `text_shapes` are
    the ids of shapes with text."""
    old = slide_element.find(qn("p:timing"))
    if old is not None:
        slide_element.remove(old)
    ids = iter(range(1, 1_000_000))

    def node(parent, tag, **attributes):
        return etree.SubElement(parent, qn(f"p:{tag}"), {k: str(v) for k, v in attributes.items()})

    def timed(parent, **attributes):
        return node(parent, "cTn", id=next(ids), **attributes)

    def start(parent, delay: str) -> None:
        etree.SubElement(node(parent, "stCondLst"), qn("p:cond"), delay=delay)

    timing = etree.Element(qn("p:timing"))
    root = timed(node(node(timing, "tnLst"), "par"), dur="indefinite", restart="never", nodeType="tmRoot")
    sequence = node(node(root, "childTnLst"), "seq", concurrent="1", nextAc="seek")
    main = timed(sequence, dur="indefinite", nodeType="mainSeq")
    steps = node(main, "childTnLst")
    for targets in clicks:
        click = timed(node(steps, "par"), fill="hold")
        start(click, "indefinite")
        group = timed(node(node(click, "childTnLst"), "par"), fill="hold")
        start(group, "0")
        effects = node(group, "childTnLst")
        for index, target in enumerate(targets):
            effect = timed(
                node(effects, "par"),
                presetID="1",
                presetClass="entr",
                presetSubtype="0",
                fill="hold",
                grpId="0",
                nodeType="clickEffect" if index == 0 else "withEffect",
            )
            start(effect, "0")
            show = node(node(effect, "childTnLst"), "set")
            behaviour = node(show, "cBhvr")
            start(timed(behaviour, dur="1", fill="hold"), "0")
            shape = node(node(behaviour, "tgtEl"), "spTgt", spid=target.shape_id)
            if target.paragraphs is not None:
                first, last = target.paragraphs
                node(node(shape, "txEl"), "pRg", st=first, end=last)
            etree.SubElement(node(behaviour, "attrNameLst"), qn("p:attrName")).text = "style.visibility"
            node(node(show, "to"), "strVal", val="visible")
    for event, tag in (("onPrev", "prevCondLst"), ("onNext", "nextCondLst")):
        condition = node(node(sequence, tag), "cond", evt=event, delay="0")
        node(node(condition, "tgtEl"), "sldTgt")
    builds = node(timing, "bldLst")
    by_paragraph = {t.shape_id for targets in clicks for t in targets if t.paragraphs is not None}
    whole = {t.shape_id for targets in clicks for t in targets if t.paragraphs is None}
    for shape_id in sorted(by_paragraph | whole):
        if shape_id in by_paragraph:
            node(builds, "bldP", spid=shape_id, grpId="0", build="p")
        elif shape_id in text_shapes:
            node(builds, "bldP", spid=shape_id, grpId="0", animBg="1")
    if not len(builds):
        timing.remove(builds)
    position = len(slide_element)
    for index, child in enumerate(slide_element):
        if etree.QName(child).localname == "extLst":
            position = index
            break
    slide_element.insert(position, timing)
