"""The takeaway handout, read back with pypdf."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pptx import Presentation

from tests.helpers import REPO, SEGMENT_ONE, SEGMENT_TWO, cli, make_talk, run_build_py, write
from tests.render.pdfreader import flat, fonts, horizontal_lines, link_uris, open_pdf, page_sizes, runs

LETTER = (612, 792)
A4 = (595, 842)


def build(talk: Path, tmp_path: Path, *args: str, name: str = "out") -> Path:
    out = tmp_path / name
    result = cli("build", talk, "--out", out, "--only", "handout", *args)
    assert result.exit_code == 0, result.output
    return out / "small-talk-handout.pdf"


def slide_texts(pptx: Path, title: str) -> list[str]:
    """The paragraphs of the deck slide titled `title`, except the title and footers."""
    for slide in Presentation(str(pptx)).slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text == title:
            paragraphs = []
            for shape in slide.shapes:
                if shape.has_text_frame and shape != slide.shapes.title:
                    paragraphs += [p.text for p in shape.text_frame.paragraphs if len(p.text) > 12]
            return paragraphs
    raise AssertionError(f"no slide titled {title!r}")


# --- the default talk -----------------------------------------------------------


def test_default_handout_is_two_letter_pages(default_build):
    handout = default_build / "love-as-medicine-handout.pdf"
    assert page_sizes(handout) == [LETTER, LETTER]


def test_default_handout_title_block_and_footer(default_build):
    handout = default_build / "love-as-medicine-handout.pdf"
    first = open_pdf(handout).pages[0].extract_text()
    assert first.startswith("Love as Medicine\nRelational Healing, Boundaries, and Integration")
    assert "Presented by Clinician · Client" in first
    assert "Love as Medicine Page 1 of 2" in first
    assert "Page 2 of 2" in open_pdf(handout).pages[1].extract_text()


def test_default_handout_takeaways_are_the_slides_own_text(default_build):
    handout = flat(default_build / "love-as-medicine-handout.pdf")
    pptx = default_build / "love-as-medicine.pptx"
    for title in ("Learning objectives", "Three takeaways", "Integration that lasts"):
        paragraphs = slide_texts(pptx, title)
        assert paragraphs, title
        assert title in handout
        for paragraph in paragraphs:
            assert paragraph in handout, (title, paragraph)


def test_default_handout_order_slides_then_handout_pages(default_build):
    handout = flat(default_build / "love-as-medicine-handout.pdf")
    order = [
        "Learning objectives",
        "Three takeaways",
        "Relational safety, layer by layer",
        "Questions to bring to supervision",  # a ::: handout block, after its slide's bullets
        "Try this in your practice",
        "References",
        "Common factors – the therapeutic alliance",
        "Reflection: Love as a Healing Force",  # handouts/01-reflection.md
    ]
    positions = [handout.index(phrase) for phrase in order]
    assert positions == sorted(positions)


def test_default_handout_has_the_reference_link_and_its_address(default_build):
    handout = default_build / "love-as-medicine-handout.pdf"
    url = "https://link.springer.com/chapter/10.1007/978-3-319-70554-5_29"
    assert url in link_uris(handout)
    assert "link.springer.com/chapter/10.1007/978-3-319-70554-5_29" in flat(handout)


def test_default_handout_unicode_survives(default_build):
    handout = flat(default_build / "love-as-medicine-handout.pdf")
    assert "Dr. Adèle Lafrance’s Contributions" in handout
    assert "clinician–client partnership" in handout
    assert "Whose need is this meeting – the client’s or mine?" in handout


def test_default_handout_leaves_out_speaker_notes(default_build):
    handout = flat(default_build / "love-as-medicine-handout.pdf")
    assert "Welcome, and thank you for being here" not in handout
    assert "[Client:" not in handout


def test_default_handout_reflection_page_has_sixteen_writing_lines(default_build):
    handout = default_build / "love-as-medicine-handout.pdf"
    text_width = LETTER[0] - 100
    full_width = [line for line in horizontal_lines(handout, 1) if abs(line[1] - line[0] - text_width) < 1]
    assert len(full_width) == 16 + 1  # four questions with four lines each, and the footer's rule


# --- content and layout -----------------------------------------------------------


def test_handout_holds_handout_slides_and_blocks_only(talk, tmp_path):
    handout = flat(build(talk, tmp_path))
    assert "First slide" in handout and "Point one" in handout and "nested point" in handout
    assert "Bold, italic, code and a link" in handout
    assert "Handout-only text." in handout  # ::: handout on a slide without .handout
    assert "A calm square picture" not in handout and "Second slide" not in handout
    assert "The clinician opens." not in handout and "Both speakers pause here." not in handout


def test_editing_a_slide_changes_the_handout(talk, tmp_path):
    before = flat(build(talk, tmp_path, name="before"))
    write(talk / "deck" / "01-opening.md", SEGMENT_ONE.replace("- Point one", "- Point one, now rewritten"))
    after = flat(build(talk, tmp_path, name="after"))
    assert "Point one, now rewritten" not in before
    assert "Point one, now rewritten" in after


def test_links_are_clickable_and_their_address_is_printed(talk, tmp_path):
    handout = build(talk, tmp_path)
    assert "https://example.org" in link_uris(handout)
    assert "a link (example.org)" in flat(handout)


def test_fonts_are_embedded_atkinson_hyperlegible_and_the_code_face(talk, tmp_path):
    found = fonts(build(talk, tmp_path))
    assert found, "no fonts"
    assert all(font.embedded for font in found), found
    names = {font.name.split("+")[-1] for font in found}
    assert {"AtkinsonHyperlegible-Regular", "AtkinsonHyperlegible-Bold"} <= names
    assert names - {"DejaVuSansMono"} <= {f"AtkinsonHyperlegible-{face}" for face in ("Regular", "Bold", "Italic", "BoldItalic")}
    assert "DejaVuSansMono" in names  # `code` in the first slide


def test_inline_styles_use_their_faces(talk, tmp_path):
    handout = build(talk, tmp_path)
    names = {font.name.split("+")[-1] for font in fonts(handout)}
    assert "AtkinsonHyperlegible-Italic" in names  # *italic* in the first slide


def test_paper_from_the_command_line(talk, tmp_path):
    assert set(page_sizes(build(talk, tmp_path, "--paper", "a4"))) == {A4}


def test_paper_from_deck_toml_and_the_command_line_wins(talk, tmp_path):
    toml = talk / "deck" / "deck.toml"
    toml.write_text(toml.read_text() + '\n[handout]\npaper = "a4"\n', encoding="utf-8")
    assert set(page_sizes(build(talk, tmp_path, name="toml"))) == {A4}
    assert set(page_sizes(build(talk, tmp_path, "--paper", "letter", name="flag"))) == {LETTER}


def test_write_lines_are_drawn_after_their_question(tmp_path):
    page = "# Reflect\n\n**What did you notice today?**\n\n::: write {}\n:::\n"
    counts = {}
    for n in (2, 5):
        talk = make_talk(tmp_path / f"talk{n}", handouts={"01-reflect.md": page.format(n)})
        handout = build(talk, tmp_path, name=f"out{n}")
        (question,) = [r for r in runs(handout, 0) if "What did you notice today?" in r.text]
        lines = [line for line in horizontal_lines(handout, 0) if line[2] < question.y and line[2] > 60]
        assert all(line[1] - line[0] > 400 for line in lines)  # ruled across the page
        counts[n] = len(lines)
        assert "Reflect" in flat(handout)
    assert counts == {2: 2, 5: 5}


def test_handout_page_after_the_slides(tmp_path):
    talk = make_talk(tmp_path / "talk", handouts={"01-more.md": "# More to read\n\nA closing page with *emphasis*.\n"})
    handout = flat(build(talk, tmp_path))
    assert handout.index("Handout-only text.") < handout.index("More to read") < handout.index("A closing page with emphasis.")


def test_unicode_text_is_extracted_intact(tmp_path):
    segment = SEGMENT_ONE.replace("## First slide {.handout}", "## Adèle’s — “quoted” slide {.handout}").replace(
        "- Point one", "- Adèle’s — “quoted” point, naïve café"
    )
    talk = make_talk(tmp_path / "talk", segments={"01-opening.md": segment, "02-closing.md": SEGMENT_TWO})
    handout = flat(build(talk, tmp_path))
    assert "Adèle’s — “quoted” slide" in handout
    assert "Adèle’s — “quoted” point, naïve café" in handout


def test_pictures_of_handout_slides_are_included(tmp_path):
    segment = SEGMENT_ONE.replace("## Second slide {layout=image}", "## Second slide {layout=image .handout}")
    talk = make_talk(tmp_path / "talk", segments={"01-opening.md": segment, "02-closing.md": SEGMENT_TWO})
    page = open_pdf(build(talk, tmp_path)).pages[0]
    images = [x for x in page["/Resources"]["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1
    assert images[0].get_object()["/Width"] <= 1000  # scaled to print size, not the source's pixels


def test_many_handout_slides_flow_over_pages_in_order(tmp_path):
    slides = "\n---\n\n".join(
        f"## Takeaway {n} {{.handout}}\n\n" + "\n".join(f"- Point {n}.{i} with enough words to wrap the column" for i in range(6))
        for n in range(1, 25)
    )
    segment = f'---\ntitle: "Many"\nminutes: 10\n---\n\n{slides}\n'
    talk = make_talk(tmp_path / "talk", segments={"01-many.md": segment})
    handout = build(talk, tmp_path)
    assert len(page_sizes(handout)) >= 2
    words = flat(handout)
    positions = [words.index(f"Point {n}.5 with") for n in range(1, 25)]
    assert positions == sorted(positions)


def test_public_build_still_makes_the_handout(talk, tmp_path):
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "handout,scripts", "--public")
    assert result.exit_code == 0, result.output
    assert "Point one" in flat(out / "small-talk-handout.pdf")


# --- reproducible bytes -------------------------------------------------------------


def test_same_sources_give_identical_pdfs_across_processes(talk, tmp_path):
    outputs = []
    for name in ("one", "two"):
        result = run_build_py("build", talk, "--out", tmp_path / name, "--only", "handout,scripts")
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).glob("*.pdf"))})
    assert sorted(outputs[0]) == ["small-talk-client-script.pdf", "small-talk-clinician-script.pdf", "small-talk-handout.pdf"]
    assert outputs[0] == outputs[1]


def test_creation_date_comes_from_source_date_epoch_else_the_talk_date(talk, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    dated = open_pdf(build(talk, tmp_path, name="dated")).metadata
    assert dated["/CreationDate"].startswith("D:20270418")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    epoch = open_pdf(build(talk, tmp_path, name="epoch")).metadata
    assert epoch["/CreationDate"].startswith("D:20231114221320")


def test_a_deck_only_build_never_imports_the_pdf_stack(talk, tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from segue.build.pipeline import BuildOptions, load, render\n"
        f"loaded = load(Path({str(talk)!r}))\n"
        "render(loaded.talk, loaded.plan, BuildOptions(only=('pptx',)), loaded.report)\n"
        "assert 'typst' not in sys.modules, 'typst imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
