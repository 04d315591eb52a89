"""What the handout and the scripts share, read back from real PDFs: tagged
PDF/UA-1, the document language and title, alt text, reading order, artifacts,
talk text that stays text, the font chain and its warnings, the layout rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import DECK_TOML, REPO, SEGMENT_ONE, SEGMENT_TWO, cli, make_talk
from tests.render.pdfreader import (
    catalog_facts,
    drawn_glyphs,
    flat,
    fonts,
    lines_outside_artifacts,
    open_pdf,
    page_sizes,
    reading_text,
    structure,
    with_glyph_missing,
)

HANDOUT = "love-as-medicine-handout.pdf"
SCRIPTS = ("love-as-medicine-clinician-script.pdf", "love-as-medicine-client-script.pdf")


def build(talk: Path, out: Path, *args: str, only: str = "handout,scripts", code: int = 0):
    result = cli("build", talk, "--out", out, "--only", only, *args)
    assert result.exit_code == code, result.output
    return result


def talk_with(tmp_path: Path, slide: str, notes: str = "", toml_extra: str = "", name: str = "talk") -> Path:
    """The small test talk with one more `.handout` slide (and its notes) in the first segment."""
    extra = f"\n---\n\n## Extra slide {{.handout}}\n\n{slide}\n"
    if notes:
        extra += f"\n::: clinician\n{notes}\n:::\n"
    return make_talk(
        tmp_path / name,
        segments={"01-opening.md": SEGMENT_ONE + extra, "02-closing.md": SEGMENT_TWO},
        toml=DECK_TOML + toml_extra,
    )


def line_of(talk: Path, text: str, file: str = "deck/01-opening.md") -> int:
    return next(n for n, line in enumerate((talk / file).read_text().splitlines(), 1) if text in line)


# --- PDF/UA-1, language, title --------------------------------------------------------


def test_default_outputs_declare_pdf_ua_language_and_title(default_build):
    for name, title in [(HANDOUT, "Love as Medicine – handout"), (SCRIPTS[0], "Love as Medicine – script for Clinician")]:
        facts = catalog_facts(default_build / name)
        assert facts == {"lang": "en", "title": title, "marked": True, "display_title": True, "pdfua_part": "1"}, name


def test_default_outputs_need_no_warning_at_all(tmp_path):
    """Typst's own warnings become diagnostics: the default talk sets without any."""
    result = cli("build", REPO, "--out", tmp_path / "out", "--only", "handout,scripts", "--strict")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_lang_from_deck_toml_reaches_both_pdfs(tmp_path):
    talk = talk_with(tmp_path, "- Ein Punkt", toml_extra="", name="de")
    toml = talk / "deck" / "deck.toml"
    toml.write_text('lang = "de-CH"\n' + toml.read_text(), encoding="utf-8")
    build(talk, tmp_path / "out")
    for name in ("small-talk-handout.pdf", "small-talk-clinician-script.pdf"):
        assert catalog_facts(tmp_path / "out" / name)["lang"] == "de-CH"


# --- the structure tree -----------------------------------------------------------------


def test_default_handout_structure_tree(default_build):
    tags = structure(default_build / HANDOUT)
    roles = [tag.role for tag in tags]
    assert roles.count("H1") == 1
    for role in ("H2", "P", "L", "LI", "Lbl", "LBody", "Figure", "Link"):
        assert role in roles, role
    headings = [" ".join(tag.text.split()) for tag in tags if tag.role == "H2"]
    assert headings == [
        "Learning objectives",
        "Three takeaways",
        "Relational safety, layer by layer",
        "Attunement across the KAP arc",
        "Love and presence within boundaries",
        "Trauma-informed principles in psychedelic work",
        "Integration that lasts",
        "References",
        "Reflection: Love as a Healing Force",
    ]


def test_every_figure_carries_the_alt_text_written_for_it(default_build):
    figures = [tag for tag in structure(default_build / HANDOUT) if tag.role == "Figure"]
    assert [tag.alt for tag in figures] == [
        "Diagram of three concentric circles. The outer ring is labelled “Safety”, the middle ring “Attunement”, "
        "and the centre circle “Love”: love sits at the heart, held by attunement, with safety around both."
    ]


def test_reading_order_is_the_source_order(default_build):
    text = reading_text(default_build / HANDOUT)
    order = [
        "Love as Medicine",
        "Learning objectives",
        "1. Understand how relational safety",
        "Three takeaways",
        "Relational safety, layer by layer",
        "Safety: predictable, consented, regulated",
        "Questions to bring to supervision",
        "Whose need is this meeting",
        "Try this in your practice",
        "References",
        "Reflection: Love as a Healing Force",
        "4. Which boundary allows you",
    ]
    positions = [text.index(phrase) for phrase in order]
    assert positions == sorted(positions)


def test_script_structure_reads_entry_by_entry(default_build):
    path = default_build / SCRIPTS[0]
    tags = structure(path)
    assert [t.role for t in tags].count("H1") == 1
    entries = [" ".join(t.text.split()) for t in tags if t.role == "H2"]
    assert len(entries) == 39 and entries[0] == "1 Love as Medicine" and entries[-1] == "39 Thank you"
    text = reading_text(path)
    assert text.index("4 Two voices, one story") < text.index("ALL PRESENTERS") < text.index("Client: And I’m the client.")


def test_a_table_is_tagged_with_its_header_cells(tmp_path):
    talk = talk_with(tmp_path, "| Is | Is not |\n|:---|---:|\n| calm | rushed |\n| slow | hurried |")
    build(talk, tmp_path / "out", only="handout")
    roles = [tag.role for tag in structure(tmp_path / "out" / "small-talk-handout.pdf")]
    assert "Table" in roles and roles.count("TH") == 2 and roles.count("TD") == 4


def test_decorative_rules_and_writing_lines_are_artifacts(default_build):
    for name in (HANDOUT, *SCRIPTS):
        path = default_build / name
        for index in range(len(open_pdf(path).pages)):
            assert lines_outside_artifacts(path, index) == [], (name, index)


def test_a_picture_without_alt_text_is_decoration_not_a_figure(tmp_path):
    talk = talk_with(tmp_path, "![](assets/square.png)")
    build(talk, tmp_path / "out", only="handout")
    handout = tmp_path / "out" / "small-talk-handout.pdf"
    assert "Figure" not in [tag.role for tag in structure(handout)]
    page = open_pdf(handout).pages[0]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())


# --- talk text is data --------------------------------------------------------------------

# Markdown escapes (`\$`, `\<`) keep dollars and angle brackets as text, not math or HTML.
# Quotes escaped (`\"`) stay straight: the typographer would make them curly.
TYPST_SYNTAX = '#read(\\"/etc/passwd\\") costs $5 and \\$x^2\\$, see \\@smith \\<x\\> #set text(red) #\\"quoted\\" [brackets] \\\\ \\u{41}'
SHOWN = '#read("/etc/passwd") costs $5 and $x^2$, see @smith <x> #set text(red) #"quoted" [brackets] \\ \\u{41}'


@pytest.mark.parametrize("where", ["slide", "notes"])
def test_typst_syntax_in_talk_text_is_printed_literally(tmp_path, where):
    slide = f"- {TYPST_SYNTAX}" if where == "slide" else "- Nothing special"
    talk = talk_with(tmp_path, slide, notes=TYPST_SYNTAX if where == "notes" else "")
    build(talk, tmp_path / "out")
    name = "small-talk-handout.pdf" if where == "slide" else "small-talk-clinician-script.pdf"
    text = flat(tmp_path / "out" / name)
    assert SHOWN.replace("\\u{41}", "") in text.replace("\\u{41}", "") or SHOWN in text, text
    assert "\\u{41}" in text  # not turned into "A"
    assert "root:" not in text  # /etc/passwd was never read


# --- the font chain -------------------------------------------------------------------------

SCRIPTS_TEXT = "Arabic: مرحبا بالعالم. Hebrew: שלום עולם. Chinese: 你好，世界。 Emoji: 🌱 done."
MACHINE_CHARACTERS = "你好，世界。🌱"  # what no packaged font draws


def test_every_script_is_set_from_the_fallback_chain(tmp_path, cjk_and_emoji_fonts):
    talk = talk_with(tmp_path, f"- {SCRIPTS_TEXT}\n\nשלום עולם, זה טקסט בעברית.", notes=SCRIPTS_TEXT)
    result = build(talk, tmp_path / "out", "--strict")
    assert "warning" not in result.output
    for name in ("small-talk-handout.pdf", "small-talk-clinician-script.pdf"):
        path = tmp_path / "out" / name
        names = {font.name.split("+")[-1] for font in fonts(path)}
        assert {"Amiri-Regular", "Heebo-Regular"} <= names, names  # packaged: the same on every machine
        # Chinese and emoji come from whichever of this machine's fonts covers them:
        # whatever its name, each character is drawn from a font in the file, with a
        # glyph of its own; no character anywhere is drawn as a missing glyph.
        glyphs = drawn_glyphs(path)
        for char in MACHINE_CHARACTERS:
            drawn = [g for g in glyphs if g.char == char]
            assert drawn and all(g.embedded and not g.notdef and not g.empty for g in drawn), (char, drawn)
        assert [g for g in glyphs if g.notdef] == []
        assert catalog_facts(path)["pdfua_part"] == "1"
        text = reading_text(path)
        # A line may wrap between two Chinese characters: the reader's line break is no space.
        joined = re.sub(r"(?<=[\u4e00-\u9fff，])\s+(?=[\u4e00-\u9fff。])", "", text)
        assert "你好" in joined and "世界" in joined and "done." in text
        assert "שלום עולם" in text and "مرحبا بالعالم" in text
    # Control: the handout with its “你” drawn as glyph 0 shows one glyph missing.
    handout = tmp_path / "out" / "small-talk-handout.pdf"
    glyphs = drawn_glyphs(with_glyph_missing(handout, "你", tmp_path / "missing.pdf"))
    assert len([g for g in glyphs if g.notdef]) == 1 and "你" not in {g.char for g in glyphs}
    # A paragraph that starts in Hebrew reads from the right.
    hebrew = [r for r in runs_with_x(handout) if "בעברית" in r[0] or "תירבעב" in r[0]]
    assert hebrew and max(x for _, x in hebrew) > 150


def runs_with_x(path: Path) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []
    open_pdf(path).pages[0].extract_text(
        visitor_text=lambda t, cm, tm, font, size: found.append((t, tm[4] * cm[0] + cm[4])) if t.strip() else None
    )
    return found


def test_a_character_no_font_covers_is_a_warning_with_its_line(tmp_path):
    unassigned = "\u0378"  # no character at all: no font will ever draw it
    talk = talk_with(tmp_path, f"- Point with {unassigned} inside", notes=f"Notes with {unassigned} inside.")
    result = build(talk, tmp_path / "out")
    slide_line = line_of(talk, "Point with")
    notes_line = line_of(talk, "Notes with")
    assert f"deck/01-opening.md:{slide_line}: warning: “{unassigned}” (U+0378): no available font can draw it; left out of the handout" in result.output
    assert f"deck/01-opening.md:{notes_line}: warning: “{unassigned}” (U+0378): no available font can draw it; left out of the script" in result.output
    assert "Point with inside" in flat(tmp_path / "out" / "small-talk-handout.pdf")
    strict = cli("build", talk, "--out", tmp_path / "strict", "--only", "handout", "--strict")
    assert strict.exit_code == 1 and "U+0378" in strict.output


def test_a_character_only_the_packaged_chain_has_uses_no_machine_font(tmp_path):
    talk = talk_with(tmp_path, "- Greek μ and α, Cyrillic Жж, Thai ไทย, Devanagari हिन्दी")
    build(talk, tmp_path / "out", "--strict", only="handout")
    names = {font.name.split("+")[-1].split("-")[0] for font in fonts(tmp_path / "out" / "small-talk-handout.pdf")}
    assert names <= {"AtkinsonHyperlegible", "NotoSans", "NotoSansThai", "NotoSansDevanagari", "DejaVuSansMono"}, names


# --- layout rules -----------------------------------------------------------------------------


def test_a_table_wider_than_a_column_is_set_in_it(tmp_path):
    header = " | ".join(f"Column{i}" for i in range(12))
    row = " | ".join(f"supercalifragilistic{i}" for i in range(12))
    talk = talk_with(tmp_path, f"| {header} |\n|{'---|' * 12}\n| {row} |")
    build(talk, tmp_path / "out", "--strict", only="handout")
    text = flat(tmp_path / "out" / "small-talk-handout.pdf").replace("-", "").replace(" ", "")
    for i in range(12):
        assert f"Column{i}" in text and f"supercalifragilistic{i}" in text


def test_a_link_that_is_no_web_address_prints_as_text_with_a_warning(tmp_path):
    talk = talk_with(tmp_path, "- See [the notes](notes.md) later")
    result = build(talk, tmp_path / "out", only="handout")
    assert "link to 'notes.md' is not a web or mail address" in result.output
    assert "See the notes later" in flat(tmp_path / "out" / "small-talk-handout.pdf")


def many_handout_slides(tmp_path: Path, count: int, body: str) -> Path:
    slides = "\n---\n\n".join(f"## Takeaway {n} {{.handout}}\n\n{body.format(n=n)}" for n in range(1, count + 1))
    return make_talk(tmp_path / "talk", segments={"01-many.md": f'---\ntitle: "Many"\nminutes: 10\n---\n\n{slides}\n'})


def column_of(x: float) -> int:
    return 0 if x < 306 else 1


def test_no_heading_is_stranded_at_a_column_foot(tmp_path):
    body = "| Is | Is not |\n|---|---|\n" + "\n".join(f"| row {i} of {{n}} with words | more words here |" for i in range(5))
    talk = many_handout_slides(tmp_path, 30, body)
    build(talk, tmp_path / "out", only="handout")
    path = tmp_path / "out" / "small-talk-handout.pdf"
    for index in range(len(open_pdf(path).pages)):
        found: list[tuple[str, float, float]] = []
        open_pdf(path).pages[index].extract_text(
            visitor_text=lambda t, cm, tm, f, s: found.append((t, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])) if t.strip() else None
        )
        for text, x, y in found:
            if text.startswith("Takeaway"):
                below = [t for t, x2, y2 in found if column_of(x2) == column_of(x) and y2 < y - 1 and "row" in t]
                assert below, f"heading {text!r} alone at the foot of page {index + 1}"


def test_the_columns_of_the_last_page_are_balanced(tmp_path):
    talk = many_handout_slides(tmp_path, 11, "- Point {n} with enough words to wrap the column once more\n- Another point\n- A third point here")
    build(talk, tmp_path / "out", only="handout")
    path = tmp_path / "out" / "small-talk-handout.pdf"
    last = len(open_pdf(path).pages) - 1
    lows = {0: 1000.0, 1: 1000.0}
    found: list[tuple[float, float]] = []
    open_pdf(path).pages[last].extract_text(
        visitor_text=lambda t, cm, tm, f, s: found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])) if t.strip() else None
    )
    for x, y in found:
        if y > 70:  # above the footer
            lows[column_of(x)] = min(lows[column_of(x)], y)
    assert lows[1] < 1000, "the second column of the last page is empty"
    assert abs(lows[0] - lows[1]) < 3 * 12.4 + 1, lows


@pytest.mark.parametrize("paper, size", [("letter", (612, 792)), ("a4", (595, 842))])
def test_both_pdfs_on_letter_and_a4(talk, tmp_path, paper, size):
    build(talk, tmp_path / "out", "--paper", paper)
    for name in ("small-talk-handout.pdf", "small-talk-clinician-script.pdf", "small-talk-client-script.pdf"):
        assert set(page_sizes(tmp_path / "out" / name)) == {size}
