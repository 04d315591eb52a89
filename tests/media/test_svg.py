"""SVG pictures: cleaned by the allow-list before anything reads them, vector in the deck
(with a PNG drawing beside it) and in the PDFs, never fetching anything."""

from __future__ import annotations

import http.server
import re
import threading
import zipfile
from pathlib import Path

import pytest
from openxml_audit import validate_pptx

from segue.media.svg import MAX_BYTES, SvgProblem, clean_svg
from tests.helpers import DECK_TOML, cli, make_talk, write

SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
CLEAN = f'<svg {SVG} viewBox="0 0 120 40"><circle cx="20" cy="20" r="16" fill="#7A3E65"/><text x="42" y="27" font-size="18">Segue</text></svg>'


def hostile(address: str) -> str:
    """Everything an SVG can do besides drawing, pointing at `address`."""
    return f"""<?xml version="1.0"?>
<?xml-stylesheet href="{address}/sheet.css"?>
<svg {SVG} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 200 100" onload="fetch('{address}/onload')">
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description about="secret camera"/></rdf:RDF></metadata>
  <script>fetch('{address}/script')</script>
  <style>@import url({address}/import.css); rect {{ fill: url({address}/fill.png) }}</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#7A3E65"/></linearGradient></defs>
  <rect width="200" height="100" fill="url(#g)" style="stroke: url({address}/stroke.png)" inkscape:label="x"/>
  <image xlink:href="{address}/image.png" width="10" height="10"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="10" height="10"/>
  <use xlink:href="{address}/use.svg#x"/>
  <a xlink:href="javascript:alert(1)"><text x="5" y="50">link</text></a>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="{address}/frame"/></foreignObject>
  <feImage xlink:href="{address}/feimage.png"/>
  <text x="20" y="60" font-size="30" fill="white">Logo</text>
</svg>
"""


class Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the standard library's name
        Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<svg/>")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """An HTTP server on 127.0.0.1 that records every request made to it."""
    Recorder.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_what_an_svg_may_do_besides_drawing_is_removed_and_named():
    clean = clean_svg(hostile("http://127.0.0.1:9").encode())
    text = clean.data.decode()
    for gone in ("script", "onload", "127.0.0.1", "javascript", "foreignObject", "iframe", "<image", "metadata", "secret",
                 "inkscape", "@import", "feImage", "xml-stylesheet"):
        assert gone not in text, gone
    assert 'fill="url(#g)"' in text and "Logo" in text and "<linearGradient" in text
    removed = ", ".join(clean.removed)
    for named in ("event handlers (onload)", "scripts", "a <style> that loads files", "embedded or linked pictures",
                  "foreign objects", "<a> elements", "<feImage> elements"):
        assert named in removed, (named, removed)
    assert "metadata" not in removed and "inkscape" not in removed  # an editor's record goes quietly


def test_a_clean_svg_passes_unchanged_in_meaning_and_with_nothing_reported():
    clean = clean_svg(CLEAN.encode())
    assert clean.removed == () and (clean.width, clean.height) == (120, 40)
    assert "<circle" in clean.data.decode() and "Segue" in clean.data.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
         b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&c;</text></svg>',
         "declares XML entities, which are never expanded"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&x;</text></svg>',
         "declares XML entities"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0 0 ' + b"L1 1 " * (MAX_BYTES // 4) + b'"/></svg>', "over the limit of 5 MB"),
        (b"<svg viewBox='0 0 1 1'/>", 'write xmlns="http://www.w3.org/2000/svg"'),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect", "not well-formed XML"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "has no size"),
        (b"<html xmlns='http://www.w3.org/1999/xhtml'/>", "not an SVG picture"),
    ],
)
def test_an_svg_that_cannot_be_cleaned_is_refused(data, message):
    with pytest.raises(SvgProblem, match=re.escape(message)):
        clean_svg(data)


def test_deep_nesting_and_huge_attributes_are_cut():
    deep = "<g>" * 100 + "<rect width='1' height='1'/>" + "</g>" * 100
    clean = clean_svg(f'<svg {SVG} viewBox="0 0 1 1">{deep}<path d="{"M0 0 " * 250_000}"/></svg>'.encode())
    assert clean.data.count(b"<g") <= 65 and b"<path" in clean.data and b' d="' not in clean.data
    assert "elements nested deeper than 64" in clean.removed and "a 'd' longer than 1000 kB" in clean.removed


def svg_talk(root: Path, svg: str, logo: str | None = None) -> Path:
    toml = DECK_TOML + (f'\n[theme]\nlogo = "{logo}"\n' if logo else "")
    segment = "---\ntitle: Only\nminutes: 10\n---\n\n## A drawing {.handout}\n\n![A gradient with a word](assets/drawing.svg)\n"
    make_talk(root, {"01-only.md": segment}, toml=toml)
    write(root / "assets" / "drawing.svg", svg)
    write(root / "assets" / "logo.svg", CLEAN)
    return root


def test_a_hostile_svg_reaches_no_output_and_makes_no_request(tmp_path, server):
    root = svg_talk(tmp_path / "t", hostile(server))
    result = cli("build", root, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and warnings[0].startswith("deck/01-only.md:8: warning: image 'assets/drawing.svg': the SVG's ")
    assert "scripts" in warnings[0] and "were removed" in warnings[0]
    assert Recorder.requests == []
    with zipfile.ZipFile(tmp_path / "out" / "small-talk.pptx") as package:
        everything = b"".join(package.read(name) for name in package.namelist())
    for pdf in (tmp_path / "out").glob("*.pdf"):
        everything += pdf.read_bytes()
    assert b"127.0.0.1" not in everything and b"fetch(" not in everything and b"secret camera" not in everything
    assert Recorder.requests == []


def test_a_clean_svg_is_vector_in_the_deck_with_a_png_beside_it_and_vector_in_the_handout(tmp_path):
    root = svg_talk(tmp_path / "t", CLEAN.replace("Segue", "Drawing"), logo="assets/logo.svg")
    result = cli("build", root, "--out", tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.output
    pptx = tmp_path / "out" / "small-talk.pptx"
    assert validate_pptx(str(pptx)).is_valid
    with zipfile.ZipFile(pptx) as package:
        svgs = [n for n in package.namelist() if n.endswith(".svg")]
        assert len(svgs) == 2  # the logo once for every slide, and the drawing
        types = package.read("[Content_Types].xml").decode()
        slide = package.read("ppt/slides/slide4.xml").decode()
        rels = package.read("ppt/slides/_rels/slide4.xml.rels").decode()
    assert all(f'PartName="/{name}" ContentType="image/svg+xml"' in types for name in svgs)
    blips = re.findall(r'<a:blip r:embed="(rId\d+)"><a:extLst><a:ext uri="\{96DAC541-7B7A-43D3-8B79-37D633B846F1\}"><asvg:svgBlip [^>]*r:embed="(rId\d+)"', slide)
    assert len(blips) == 2  # the logo and the drawing
    for png, svg in blips:
        assert re.search(rf'Id="{png}"[^>]*Target="../media/image\d+\.png"', rels) and re.search(rf'Id="{svg}"[^>]*Target="../media/image\d+\.svg"', rels)
    import pikepdf

    from tests.render.pdfreader import structure

    handout = tmp_path / "out" / "small-talk-handout.pdf"
    with pikepdf.open(handout) as pdf:
        images = [name for page in pdf.pages for name in page.get_images()]
    assert images == []  # drawn as paths, not as pixels
    assert any(tag.role == "Figure" and tag.alt == "A gradient with a word" for tag in structure(handout))
