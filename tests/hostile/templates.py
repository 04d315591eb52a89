"""Hostile templates: a designer's file made to reach outside the talk (linked
pictures, fills and links to a server or a local file) or to smuggle data
through what the allow-list of parts keeps (comments, processing
instructions, extension payloads, foreign markup, table-style names, an ink
annotation's fallback)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image

from tests.render.pptx.test_template import make_template

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# Each way of reaching out, and the address it uses (`{server}`: the listening server's).
REACHING_OUT = {
    "master picture (http)": "{server}/master-picture.png",
    "master picture (file)": "{outside}",
    "layout picture": "{server}/layout-picture.png",
    "notes master picture": "{server}/notes-picture.png",
    "master background": "{server}/master-background.png",
    "theme fill": "{server}/theme-fill.png",
    "master link": "{server}/master-link",
    "presentation relationship": "{server}/presentation.png",
    "properties relationship": "{server}/properties.png",
}

# Each kind of data the allow-list of parts let through, and its canary.
SMUGGLED = {
    "comment in a master": "CANARY-MASTER-COMMENT",
    "comment in the theme": "CANARY-THEME-COMMENT",
    "processing instruction": "CANARY-PROCESSING-INSTRUCTION",
    "presentation extension": "CANARY-PRESENTATION-EXTENSION",
    "master extension": "CANARY-MASTER-EXTENSION",
    "foreign markup": "CANARY-FOREIGN-MARKUP",
    "table style name": "CANARY-TABLE-STYLE",
    "ink fallback text": "CANARY-INK-FALLBACK-TEXT",
    "ink fallback picture": "CANARY-INK-FALLBACK-PICTURE",
}


def _rel(rid: str, kind: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"{mode}/>'


def _add_rels(files: dict, part: str, *rels: str) -> None:
    folder, _, name = part.rpartition("/")
    rels_name = f"{folder}/_rels/{name}.rels"
    existing = files.get(rels_name, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'.encode())
    files[rels_name] = existing.replace(b"</Relationships>", "".join(rels).encode() + b"</Relationships>")


def _picture(rid: str, attribute: str, name: str = "Picture", description: str = "") -> str:
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="90" name="{name}" descr="{description}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:{attribute}="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def _into_tree(xml: bytes, shapes: str) -> bytes:
    """`shapes` appended to the first shape tree of a master, layout or notes master."""
    return xml.replace(b"</p:spTree>", shapes.encode() + b"</p:spTree>", 1)


def _png(colour) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def hostile_template(path: Path, server: str, outside: Path) -> Path:
    """A template that does everything above at once."""
    plain = make_template(path.parent / "plain-hostile.pptx", stray_slide=False)
    with zipfile.ZipFile(plain) as source:
        files = {name: source.read(name) for name in source.namelist()}
    address = {name: target.format(server=server, outside=outside.as_uri()) for name, target in REACHING_OUT.items()}
    master = "ppt/slideMasters/slideMaster1.xml"
    layout = "ppt/slideLayouts/slideLayout2.xml"
    notes_master = "ppt/notesMasters/notesMaster1.xml"
    theme = "ppt/theme/theme1.xml"

    # Reaching out: linked pictures, a linked background, a linked theme fill, a link.
    files[master] = _into_tree(
        files[master],
        _picture("rId901", "link")
        + _picture("rId902", "embed")
        + '<p:sp><p:nvSpPr><p:cNvPr id="91" name="Box"><a:hlinkClick r:id="rId903"/></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        '<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/><a:t>brand</a:t></a:r></a:p></p:txBody></p:sp>',
    )
    files[master] = files[master].replace(
        b'<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>',
        b'<p:bg><p:bgPr><a:blipFill><a:blip r:link="rId904"/><a:stretch><a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>',
    )
    _add_rels(
        files,
        master,
        _rel("rId901", "image", address["master picture (http)"], external=True),
        _rel("rId902", "image", address["master picture (file)"], external=True),
        _rel("rId903", "hyperlink", address["master link"], external=True),
        _rel("rId904", "image", address["master background"], external=True),
    )
    files[layout] = _into_tree(files[layout], _picture("rId901", "link"))
    _add_rels(files, layout, _rel("rId901", "image", address["layout picture"], external=True))
    files[notes_master] = _into_tree(files[notes_master], _picture("rId901", "link"))
    _add_rels(files, notes_master, _rel("rId901", "image", address["notes master picture"], external=True))
    files[theme] = files[theme].replace(
        b"</a:bgFillStyleLst>",
        b'<a:blipFill><a:blip xmlns:r="' + R.encode() + b'" r:link="rId901"/><a:stretch><a:fillRect/></a:stretch></a:blipFill></a:bgFillStyleLst>',
    )
    _add_rels(files, theme, _rel("rId901", "image", address["theme fill"], external=True))
    _add_rels(files, "ppt/presentation.xml", _rel("rId901", "image", address["presentation relationship"], external=True))
    _add_rels(files, "ppt/presProps.xml", _rel("rId901", "image", address["properties relationship"], external=True))

    # Smuggling: comments, a processing instruction, extension payloads, foreign markup.
    files[master] = files[master].replace(
        b"</p:cSld>", f"<!-- {SMUGGLED['comment in a master']} --><?segue {SMUGGLED['processing instruction']}?></p:cSld>".encode(), 1
    )
    files[theme] = files[theme].replace(b"</a:themeElements>", f"<!-- {SMUGGLED['comment in the theme']} --></a:themeElements>".encode())
    extension = '<p:extLst><p:ext uri="{{00000000-0000-0000-0000-00000000CAFE}}"><x:payload xmlns:x="urn:payload">{}</x:payload></p:ext></p:extLst>'
    files["ppt/presentation.xml"] = files["ppt/presentation.xml"].replace(
        b"</p:presentation>", extension.format(SMUGGLED["presentation extension"]).encode() + b"</p:presentation>"
    )
    files[master] = files[master].replace(b"</p:sldMaster>", extension.format(SMUGGLED["master extension"]).encode() + b"</p:sldMaster>")
    files[master] = files[master].replace(
        b"<p:sldMaster ",
        f'<p:sldMaster xmlns:mc="{MC}" xmlns:x="urn:foreign" mc:Ignorable="x" '.encode(),
        1,
    ).replace(
        b"<p:clrMap ", f'<x:payload>{SMUGGLED["foreign markup"]}</x:payload><p:clrMap '.encode(), 1
    )
    files["ppt/tableStyles.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:tblStyleLst xmlns:a="{A}" def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}">'
        f'<a:tblStyle styleId="{{0505E3EF-67EA-436B-97B2-0124C06EBD24}}" styleName="{SMUGGLED["table style name"]}">'
        "<a:wholeTbl><a:tcTxStyle><a:fontRef idx=\"minor\"><a:prstClr val=\"black\"/></a:fontRef></a:tcTxStyle></a:wholeTbl>"
        "</a:tblStyle></a:tblStyleLst>"
    ).encode()

    # An ink annotation: its content part is dropped; its fallback must go with it.
    files["ppt/ink/ink1.xml"] = b'<inkml:ink xmlns:inkml="http://www.w3.org/2003/InkML"><inkml:trace>0 0, 10 10</inkml:trace></inkml:ink>'
    files["ppt/media/ink-fallback.png"] = _png((250, 10, 200))
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/ppt/ink/ink1.xml" ContentType="application/inkml+xml"/><Default Extension="png" ContentType="image/png"/></Types>',
    )
    ink = (
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" Requires="p14">'
        '<p14:contentPart p14:bwMode="auto" r:id="rId905"><p14:nvContentPartPr><p14:cNvPr id="92" name="Ink 1"/><p14:cNvContentPartPr/><p14:nvPr/></p14:nvContentPartPr>'
        '<p14:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p14:xfrm></p14:contentPart></mc:Choice>'
        "<mc:Fallback>"
        + _picture("rId906", "embed", "Ink 1", SMUGGLED["ink fallback picture"])
        + '<p:sp><p:nvSpPr><p:cNvPr id="93" name="Ink text"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>'
        f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{SMUGGLED["ink fallback text"]}</a:t></a:r></a:p></p:txBody></p:sp>'
        "</mc:Fallback></mc:AlternateContent>"
    )
    files[master] = _into_tree(files[master], ink)
    _add_rels(
        files,
        master,
        _rel("rId905", "customXml", "../ink/ink1.xml").replace(f"{R}/customXml", "http://schemas.microsoft.com/office/2011/relationships/inkAction"),
        _rel("rId906", "image", "../media/ink-fallback.png"),
    )

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in files.items():
            target.writestr(name, data)
    return path


def outside_picture(path: Path) -> Path:
    """A picture outside the talk folder, which a `file:` link in a template would show."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 64), (255, 0, 255)).save(path, format="PNG")
    return path
