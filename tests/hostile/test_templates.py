"""A template reaches no further than the talk, and brings only its look: no linked
picture, fill or link survives (nothing asks the network or the disk for
anything, not even LibreOffice making the deck PDF), and nothing smuggled in
comments, processing instructions, extensions, foreign markup, table-style
names or an ink annotation's fallback reaches any public output."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import make_talk
from tests.hostile.harness import assert_clean, cli, listening_server, planted
from tests.hostile.templates import REACHING_OUT, SMUGGLED, hostile_template, outside_picture
from tests.render.pptx.references import unresolved_references
from tests.render.pptx.test_template import use_template


def external_targets(pptx: bytes) -> list[str]:
    """Every relationship of the deck that points outside it, but the talk's own links on slides."""
    found = []
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        for name in package.namelist():
            if not name.endswith(".rels"):
                continue
            for match in re.finditer(rb"<Relationship [^>]*>", package.read(name)):
                relationship = match.group(0).decode()
                if 'TargetMode="External"' not in relationship:
                    continue
                if name.startswith(("ppt/slides/_rels/", "ppt/notesSlides/_rels/")) and "/hyperlink" in relationship and "127.0.0.1" not in relationship:
                    continue
                found.append(f"{name}: {relationship}")
    return found


def colours_of_pictures(pptx: bytes) -> set:
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        return {
            Image.open(io.BytesIO(package.read(name))).convert("RGB").getpixel((0, 0))
            for name in package.namelist()
            if name.startswith("ppt/media/")
        }


def _talk_with_hostile_template(tmp_path: Path, server) -> Path:
    talk = make_talk(tmp_path / "talk")
    outside = outside_picture(tmp_path / "elsewhere" / "private-face.png")
    hostile_template(talk / "assets" / "template.pptx", server.url, outside)
    use_template(talk)
    return talk


def _check_bundle(talk: Path, tmp_path: Path, server, env: dict, seconds: float) -> None:
    scratch = tmp_path / "scratch"
    ran = cli("bundle", talk, "--out", tmp_path / "dist", scratch=scratch, env=env, seconds=seconds)
    assert_clean(ran, scratch, status=0, seconds=seconds)
    public = tmp_path / "dist" / "public"
    deck = (public / "small-talk.pptx").read_bytes()
    assert external_targets(deck) == []
    assert unresolved_references(deck) == []
    assert (250, 10, 200) not in colours_of_pictures(deck)  # the ink annotation's fallback picture
    assert planted(tmp_path / "dist", [*SMUGGLED.values(), "127.0.0.1", "private-face", "file:"]) == []
    assert server.connections == [] and server.requests == []


def test_a_template_reaches_nothing_outside_the_talk_and_smuggles_nothing(tmp_path):
    with listening_server() as server:
        talk = _talk_with_hostile_template(tmp_path, server)
        _check_bundle(talk, tmp_path, server, env={"SOFFICE": ""}, seconds=60)


@pytest.mark.slow
def test_libreoffice_asks_for_nothing_making_the_deck_pdf_of_a_hostile_template(tmp_path, libreoffice):
    with listening_server() as server:
        talk = _talk_with_hostile_template(tmp_path, server)
        _check_bundle(talk, tmp_path, server, env={"SOFFICE": libreoffice}, seconds=180)
        assert (tmp_path / "dist" / "public" / "small-talk-deck.pdf").is_file()


def test_the_hostile_template_plants_what_the_tests_look_for(tmp_path):
    """Control: every address and canary is in the template, and a server that is asked is seen to be."""
    import urllib.request

    with listening_server() as server:
        template = hostile_template(tmp_path / "t" / "template.pptx", server.url, outside_picture(tmp_path / "o.png"))
        with zipfile.ZipFile(template) as package:
            content = b"".join(package.read(n) for n in package.namelist())
        assert all(canary.encode() in content for canary in SMUGGLED.values())
        assert content.count(b'TargetMode="External"') == len(REACHING_OUT)
        urllib.request.urlopen(server.url + "/probe", timeout=10).read()
        assert server.requests == ["/probe"]


def _rewrite(path: Path, change) -> None:
    with zipfile.ZipFile(path) as source:
        files = {name: source.read(name) for name in source.namelist()}
    change(files)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in files.items():
            target.writestr(name, data)


MACRO_TYPES = {
    "pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "potm": "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "ppsm": "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "potx": "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
}


@pytest.mark.parametrize("kind", MACRO_TYPES)
def test_a_template_with_macros_gives_a_plain_deck_without_them(tmp_path, kind):
    from tests.render.pptx.test_template import make_template

    talk = make_talk(tmp_path / "talk")
    template = make_template(talk / "assets" / "template.pptx")

    def with_macros(files):
        main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
        files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(main.encode(), MACRO_TYPES[kind].encode())
        files["ppt/vbaProject.bin"] = b"CANARY-MACRO-PROJECT" + bytes(100)
        files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/ppt/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
        )
        files["ppt/_rels/presentation.xml.rels"] = files["ppt/_rels/presentation.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rId990" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
        )

    _rewrite(template, with_macros)
    use_template(talk)
    scratch = tmp_path / "scratch"
    ran = cli("bundle", talk, "--out", tmp_path / "dist", scratch=scratch)
    assert_clean(ran, scratch, status=0)
    with zipfile.ZipFile(tmp_path / "dist" / "public" / "small-talk.pptx") as deck:
        types = deck.read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types
    assert "macroEnabled" not in types and "template.main" not in types and "vbaProject" not in types
    assert planted(tmp_path / "dist", ["CANARY-MACRO-PROJECT", "vbaProject"]) == []


def test_a_template_that_inflates_to_gigabytes_is_an_error(tmp_path):
    from tests.render.pptx.test_template import make_template

    talk = make_talk(tmp_path / "talk")
    template = make_template(talk / "assets" / "template.pptx")
    bomb = zipfile.ZipInfo("ppt/media/image99.png")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(template, "a") as package:
        with package.open(bomb, "w", force_zip64=True) as member:
            for _ in range(450):
                member.write(bytes(1024 * 1024))
    assert template.stat().st_size < 5 * 1024 * 1024
    use_template(talk)
    scratch = tmp_path / "scratch"
    for command in (("check", talk), ("build", talk, "--out", tmp_path / "out")):
        ran = cli(*command, scratch=scratch, memory=1024**3 + 512 * 1024**2)
        assert_clean(ran, scratch, status=1, peak_mb=300)
        assert "deck/deck.toml:17: error: template 'assets/template.pptx' cannot be opened as a PowerPoint file: it inflates to more than 400 MB" in ran.output, ran.output
