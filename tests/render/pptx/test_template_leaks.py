"""A designer's template brings only its look: canaries planted in every other part a
template can carry, and in shape names, never reach a deck, public or not."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from tests.helpers import cli, picture, write
from tests.render.pptx.references import unresolved_references
from tests.render.pptx.test_template import make_template, use_template

CANARIES = {
    "authors": "CANARY-AUTHOR-ada@example.org",
    "comment-authors": "CANARY-COMMENT-AUTHOR",
    "custom-xml": "CANARY-CUSTOM-XML",
    "revision": "CANARY-REVISION",
    "custom-props": "CANARY-CUSTOM-PROPERTY",
    "core": "CANARY-LAST-MODIFIED-BY",
    "tags": "CANARY-TAG-VALUE",
    "custom-show": "CANARY-CUSTOM-SHOW",
    "view": "CANARY-VIEW",
    "pres-props": "CANARY-PRES-PROPS",
}

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = R
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _add_rel(rels: bytes, rid: str, reltype: str, target: str) -> bytes:
    return rels.replace(b"</Relationships>", f'<Relationship Id="{rid}" Type="{reltype}" Target="{target}"/></Relationships>'.encode())


def _override(types: bytes, part: str, content_type: str) -> bytes:
    return types.replace(b"</Types>", f'<Override PartName="{part}" ContentType="{content_type}"/></Types>'.encode())


def template_with_everything(path: Path) -> Path:
    """A template made in PowerPoint and then carried around: every kind of part that is not its look."""
    plain = make_template(path.parent / "plain.pptx")
    with zipfile.ZipFile(plain) as source:
        files = {name: source.read(name) for name in source.namelist()}
    types = files["[Content_Types].xml"]
    files["ppt/authors.xml"] = (
        '<p188:authorLst xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main">'
        f'<p188:author id="{{00000000-0000-0000-0000-000000000001}}" name="{CANARIES["authors"]}" initials="A" userId="x" providerId="None"/>'
        "</p188:authorLst>"
    ).encode()
    types = _override(types, "/ppt/authors.xml", "application/vnd.ms-powerpoint.authors+xml")
    files["ppt/commentAuthors.xml"] = (
        f'<p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cmAuthor id="1" name="{CANARIES["comment-authors"]}" initials="C" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'
    ).encode()
    types = _override(types, "/ppt/commentAuthors.xml", "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml")
    files["ppt/revisionInfo.xml"] = (
        f'<p1510:revInfo xmlns:p1510="http://schemas.microsoft.com/office/powerpoint/2015/10/main"><p1510:revLst><p1510:client id="{{0}}" v="{CANARIES["revision"]}" dt="2020-01-01T00:00:00.000"/></p1510:revLst></p1510:revInfo>'
    ).encode()
    types = _override(types, "/ppt/revisionInfo.xml", "application/vnd.ms-powerpoint.revisioninfo+xml")
    files["customXml/item1.xml"] = f"<data>{CANARIES['custom-xml']}</data>".encode()
    files["ppt/tags/tag1.xml"] = (
        f'<p:tagLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:tag name="SECRET" val="{CANARIES["tags"]}"/></p:tagLst>'
    ).encode()
    types = _override(types, "/ppt/tags/tag1.xml", "application/vnd.openxmlformats-officedocument.presentationml.tags+xml")
    files["docProps/custom.xml"] = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="Client"><vt:lpwstr>{CANARIES["custom-props"]}</vt:lpwstr></property></Properties>'
    ).encode()
    types = _override(types, "/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml")
    files["[Content_Types].xml"] = types
    rels = files["ppt/_rels/presentation.xml.rels"]
    rels = _add_rel(rels, "rId901", "http://schemas.microsoft.com/office/2018/10/relationships/authors", "authors.xml")
    rels = _add_rel(rels, "rId902", f"{RT}/commentAuthors", "commentAuthors.xml")
    rels = _add_rel(rels, "rId903", "http://schemas.microsoft.com/office/2015/10/relationships/revisionInfo", "revisionInfo.xml")
    rels = _add_rel(rels, "rId904", f"{RT}/customXml", "../customXml/item1.xml")
    rels = _add_rel(rels, "rId905", f"{RT}/tags", "tags/tag1.xml")
    files["ppt/_rels/presentation.xml.rels"] = rels
    files["_rels/.rels"] = _add_rel(files["_rels/.rels"], "rId990", f"{RT}/custom-properties", "docProps/custom.xml")
    presentation = files["ppt/presentation.xml"].decode()
    presentation = presentation.replace(
        "</p:presentation>",
        f'<p:custShowLst><p:custShow name="{CANARIES["custom-show"]}" id="0"><p:sldLst/></p:custShow></p:custShowLst>'
        '<p:custDataLst><p:tags r:id="rId905"/></p:custDataLst></p:presentation>',
    )
    files["ppt/presentation.xml"] = presentation.encode()
    files["docProps/core.xml"] = re.sub(
        rb"</cp:coreProperties>", f"<cp:lastModifiedBy>{CANARIES['core']}</cp:lastModifiedBy></cp:coreProperties>".encode(), files["docProps/core.xml"]
    )
    view = [n for n in files if n.endswith("viewProps.xml")]
    for name in view:
        files[name] = files[name].replace(b"</p:viewPr>", f"<!-- {CANARIES['view']} --></p:viewPr>".encode())
    for name in [n for n in files if n.endswith("presProps.xml")]:
        files[name] = files[name].replace(b"</p:presentationPr>", f"<!-- {CANARIES['pres-props']} --></p:presentationPr>".encode())
    # A tag on the slide master: the master stays, its reference to the dropped tags must go.
    master = files["ppt/slideMasters/slideMaster1.xml"].decode()
    master = master.replace("</p:cSld>", '<p:custDataLst><p:tags r:id="rId990"/></p:custDataLst></p:cSld>', 1)
    files["ppt/slideMasters/slideMaster1.xml"] = master.encode()
    files["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = _add_rel(
        files["ppt/slideMasters/_rels/slideMaster1.xml.rels"], "rId990", f"{RT}/tags", "../tags/tag1.xml"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in files.items():
            target.writestr(name, data)
    return path


def every_byte(pptx: Path) -> bytes:
    """The zip and every part in it, inflated."""
    data = pptx.read_bytes()
    parts = [data]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts += [package.read(name) for name in package.namelist()]
    return b"\n".join(parts)


def test_no_template_part_but_its_look_reaches_the_deck(talk, tmp_path):
    template_with_everything(talk / "assets" / "template.pptx")
    use_template(talk)
    for public in (False, True):
        out = tmp_path / f"out-{public}"
        result = cli("build", talk, "--out", out, "--only", "pptx", *(["--public"] if public else []))
        assert result.exit_code == 0, result.output
        pptx = out / "small-talk.pptx"
        content = every_byte(pptx)
        leaked = [name for name, canary in CANARIES.items() if canary.encode() in content]
        assert leaked == [], leaked
        with zipfile.ZipFile(pptx) as package:
            names = package.namelist()
        assert not [n for n in names if n.startswith(("customXml/", "ppt/tags/")) or n.endswith(("authors.xml", "revisionInfo.xml", "custom.xml"))]
        assert unresolved_references(pptx.read_bytes()) == []


def test_the_canaries_are_in_the_template(talk, tmp_path):
    """Control: each canary is really planted where the test says."""
    content = every_byte(template_with_everything(tmp_path / "t" / "template.pptx"))
    assert [name for name, canary in CANARIES.items() if canary.encode() not in content] == []


def test_picture_shapes_are_named_by_number_not_by_file(talk, tmp_path):
    picture(talk / "assets" / "ada-client-face.png")
    segment = talk / "deck" / "02-closing.md"
    write(segment, segment.read_text() + "\n---\n\n## Face\n\n![A face](assets/ada-client-face.png)\n")
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    assert b"ada-client-face" not in every_byte(out / "small-talk.pptx")


def template_with_a_master_picture(path: Path, picture_bytes: bytes, extension: str = "jpg") -> Path:
    """A template whose slide master shows a picture (a logo in the corner, say)."""
    import copy

    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE

    plain = make_template(path.parent / "plain-master.pptx", stray_slide=False)
    prs = Presentation(str(plain))
    helper = prs.slides.add_slide(prs.slide_layouts[6])
    picture_file = path.parent / f"logo.{extension}"
    picture_file.write_bytes(picture_bytes)
    shape = helper.shapes.add_picture(str(picture_file), 0, 0, 914400, 914400)
    image_part = helper.part.related_part(shape._element.blipFill.blip.rEmbed)
    rid = prs.slide_master.part.relate_to(image_part, RELATIONSHIP_TYPE.IMAGE)
    element = copy.deepcopy(shape._element)
    element.blipFill.blip.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed", rid)
    prs.slide_master.shapes._spTree.append(element)
    slide_id = prs.slides._sldIdLst[0]
    prs.part.drop_rel(slide_id.rId)
    prs.slides._sldIdLst.remove(slide_id)
    prs.save(str(path))
    return path


def test_a_template_picture_is_cleaned_like_the_talks(talk, tmp_path):
    from tests.media.test_picturefile import CANARIES, jpeg_with_canaries

    template_with_a_master_picture(talk / "assets" / "template.pptx", jpeg_with_canaries())
    use_template(talk)
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx", "--public")
    assert result.exit_code == 0, result.output
    content = every_byte(out / "small-talk.pptx")
    assert not [name for name, canary in CANARIES.items() if canary in content]
    with zipfile.ZipFile(out / "small-talk.pptx") as package:
        assert any(n.startswith("ppt/media/") for n in package.namelist())  # the picture itself stays


def test_a_template_picture_that_cannot_be_cleaned_is_left_out_with_a_warning(talk, tmp_path):
    from tests.media.test_picturefile import png_with_canaries

    emf_like = b"\x01\x00\x00\x00" + b"CANARY-EMF-metadata" + bytes(64)
    template = template_with_a_master_picture(talk / "assets" / "template.pptx", png_with_canaries())
    # Make the master's picture an EMF: its bytes and its content type.
    with zipfile.ZipFile(template) as source:
        files = {n: source.read(n) for n in source.namelist()}
    media = next(n for n in files if n.startswith("ppt/media/"))
    files[media] = emf_like
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/{media}" ContentType="image/x-emf"/></Types>'.encode()
    )
    with zipfile.ZipFile(template, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)
    use_template(talk)
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx")
    assert result.exit_code == 0, result.output
    assert f"its picture {media} cannot be cleaned" in result.output
    assert b"CANARY-EMF" not in every_byte(out / "small-talk.pptx")
    assert unresolved_references((out / "small-talk.pptx").read_bytes()) == []
