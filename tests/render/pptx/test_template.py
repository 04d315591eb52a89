"""A designer's template: layouts by name, its own slides dropped, clear errors."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation
from pptx.util import Inches

from tests.helpers import cli, write
from tests.render.pptx.deckreader import bold_labels, open_deck, titles


def make_template(
    path, rename: dict[str, str] | None = None, stray_slide: bool = True, notes_body: bool = True, keep: list[str] | None = None
):
    """A template made the way a designer would: PowerPoint's layouts, some renamed, an example slide.

    `keep` names the only layouts left in it.
    """
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for layout in list(prs.slide_layouts):
        if keep is not None and layout.name not in keep:
            prs.slide_layouts.remove(layout)
            continue
        if rename and layout.name in rename:
            layout._element.cSld.set("name", rename[layout.name])
    if stray_slide:
        stray = prs.slides.add_slide(prs.slide_layouts[0])
        if stray.shapes.title is None:
            stray.shapes.add_textbox(0, 0, Inches(4), Inches(1)).text_frame.text = "STRAY TEMPLATE SLIDE"
        else:
            stray.shapes.title.text = "STRAY TEMPLATE SLIDE"
    notes_master = prs.notes_master
    if not notes_body:
        for shape in list(notes_master.placeholders):
            if shape.placeholder_format.type == 2:  # BODY
                shape._element.getparent().remove(shape._element)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(path)
    return path


def use_template(talk, extra: str = ""):
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text() + '\n[theme]\ntemplate = "assets/template.pptx"\n' + extra)


def build(talk, tmp_path, name="out"):
    out = tmp_path / name
    result = cli("build", talk, "--out", out, "--only", "pptx")
    return result, out / "small-talk.pptx"


def test_slides_use_the_templates_layouts_and_the_stray_slide_is_gone(talk, tmp_path):
    make_template(talk / "assets" / "template.pptx", rename={"Title and Content": "Text + Photo"})
    use_template(talk, '\n[theme.layouts]\ncontent = "Text + Photo"\nagenda = "Text + Photo"\n')
    result, pptx = build(talk, tmp_path)
    assert result.exit_code == 0, result.output
    prs = open_deck(pptx)
    assert "STRAY TEMPLATE SLIDE" not in titles(prs)
    assert len(prs.slides) == 8
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[3] == "Text + Photo" and layouts[1] == "Text + Photo"
    assert layouts[0] == "Title Slide" and layouts[2] == "Section Header"
    assert bold_labels(prs.slides[3]) == ["Clinician (Dr. Ada Example)", "Client", "Clinician (Dr. Ada Example)"]
    with zipfile.ZipFile(pptx) as package:
        slide_parts = [n for n in package.namelist() if n.startswith("ppt/slides/slide")]
    assert len(slide_parts) == 8  # the stray slide's part is not carried along


def test_a_layout_no_template_layout_can_serve_is_an_error_listing_the_templates_layouts(talk, tmp_path):
    make_template(talk / "assets" / "template.pptx", keep=["Title Only", "Blank"])
    use_template(talk)
    result, pptx = build(talk, tmp_path)
    assert result.exit_code == 1
    assert "deck/deck.toml:" in result.output
    assert "has no layout for `content` slides, by name, type or placeholders" in result.output
    assert "'Title Only'" in result.output and "'Blank'" in result.output
    assert not pptx.exists()


def test_a_mapped_layout_that_does_not_exist_points_at_its_line(talk, tmp_path):
    make_template(talk / "assets" / "template.pptx")
    use_template(talk, '\n[theme.layouts]\nquote = "Big Quote"\n')
    result, _ = build(talk, tmp_path)
    assert result.exit_code == 1
    lines = (talk / "deck" / "deck.toml").read_text().splitlines()
    line = lines.index('quote = "Big Quote"') + 1
    assert f"deck/deck.toml:{line}: error: template 'assets/template.pptx' has no layout named 'Big Quote'" in result.output


def test_a_notes_master_without_a_body_is_an_error(talk, tmp_path):
    make_template(talk / "assets" / "template.pptx", notes_body=False)
    use_template(talk)
    result, _ = build(talk, tmp_path)
    assert result.exit_code == 1
    assert "its notes master has no body placeholder" in result.output


def test_a_file_that_is_not_a_presentation_is_an_error(talk, tmp_path):
    write(talk / "assets" / "template.pptx", "not a zip")
    use_template(talk)
    result, _ = build(talk, tmp_path)
    assert result.exit_code == 1
    assert "cannot be opened as a PowerPoint file" in result.output
    assert "Traceback" not in result.output


def test_replacing_the_template_changes_the_next_build(talk, tmp_path):
    template = talk / "assets" / "template.pptx"
    make_template(template)
    use_template(talk)
    _, first = build(talk, tmp_path, "one")
    prs = Presentation(str(template))
    prs.slide_layouts.get_by_name("Title and Content").placeholders[0].text_frame.text = "Designer's new prompt"
    buffer = io.BytesIO()
    prs.save(buffer)
    template.write_bytes(buffer.getvalue())
    _, second = build(talk, tmp_path, "two")
    assert first.read_bytes() != second.read_bytes()
    layout_xml = open_deck(second).slide_layouts.get_by_name("Title and Content")._element.xml
    assert "Designer's new prompt" in layout_xml


def test_check_reports_a_missing_layout_as_build_does(talk):
    make_template(talk / "assets" / "template.pptx", keep=["Title Only", "Blank"])
    use_template(talk)
    result = cli("check", talk)
    assert result.exit_code == 1
    assert "has no layout for `content` slides" in result.output


def test_a_layout_is_named_with_its_master(talk, tmp_path):
    """A master is named by its own name, else its theme's ("Office Theme"), else "Master N"."""
    make_template(talk / "assets" / "template.pptx", rename={"Title and Content": "Text + Photo"})
    use_template(talk, '\n[theme.layouts]\ncontent = "Office Theme / Text + Photo"\n')
    checked = cli("check", talk)
    assert checked.exit_code == 0, checked.output
    assert "content -> 'Office Theme / Text + Photo' (named in deck.toml)" in checked.output
    assert "title page and content pages: Office Theme (its only master)" in checked.output
    assets = cli("assets", talk)
    assert "content -> 'Office Theme / Text + Photo' (named in deck.toml)" in assets.output
    result, pptx = build(talk, tmp_path)
    assert result.exit_code == 0, result.output
    assert "Text + Photo" in [slide.slide_layout.name for slide in open_deck(pptx).slides]
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text().replace("Office Theme / Text + Photo", "Master 1 / Text + Photo"))
    assert "content -> 'Office Theme / Text + Photo' (named in deck.toml)" in cli("check", talk).output
    write(toml, toml.read_text().replace("Master 1 / Text + Photo", "Office Theme / Nothing Like It"))
    wrong = cli("check", talk)
    assert wrong.exit_code == 1
    assert "has no layout named 'Office Theme / Nothing Like It' for `content` slides" in wrong.output
    assert "as \"Master name / Layout name\"" in wrong.output
