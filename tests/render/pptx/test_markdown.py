"""Each markdown construct presenters write, as the deck shows it: one small talk per
construct, read back from the built .pptx (python-pptx and the XML)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from openxml_audit import validate_pptx

from tests.helpers import DECK_TOML, cli, make_talk, picture, write
from tests.render.pptx.clients import assert_clients_accept
from tests.render.pptx.references import unresolved_references

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def deck_of(tmp_path: Path, body: str, heading: str = "## The slide", notes: str = "", name: str = "t") -> tuple[Path, str]:
    """A one-slide talk built into a deck; the deck and the build's output."""
    segment = f"---\ntitle: Only\nminutes: 10\n---\n\n{heading}\n\n{body}\n"
    if notes:
        segment += f"\n::: clinician\n{notes}\n:::\n"
    root = make_talk(tmp_path / name, {"01-only.md": segment}, toml=DECK_TOML)
    out = tmp_path / f"{name}-out"
    result = cli("build", root, "--out", out, "--only", "pptx")
    assert result.exit_code == 0, result.output
    return out / "small-talk.pptx", result.output


def slide_xml(pptx: Path, number: int = 4) -> str:
    with zipfile.ZipFile(pptx) as package:
        return package.read(f"ppt/slides/slide{number}.xml").decode()


def notes_xml(pptx: Path, number: int = 4) -> str:
    with zipfile.ZipFile(pptx) as package:
        name = next(n for n in package.namelist() if n == f"ppt/notesSlides/notesSlide{number}.xml")
        return package.read(name).decode()


def texts(xml: str) -> list[str]:
    """The text of every run, in order."""
    return re.findall(r"<a:t>([^<]*)</a:t>", xml)


def runs(xml: str) -> list[tuple[str, str]]:
    """(rPr attributes, text) of every run."""
    return re.findall(r"<a:r><a:rPr([^>]*?)/?>(?:.*?</a:rPr>)?<a:t>([^<]*)</a:t></a:r>", xml)


# --- inline ---------------------------------------------------------------------------------


def test_strikethrough_sub_and_superscript_are_run_properties(tmp_path):
    pptx, _ = deck_of(tmp_path, "~~old~~ new, H~2~O and x^2^")
    found = runs(slide_xml(pptx))
    assert any('strike="sngStrike"' in attrs and text == "old" for attrs, text in found)
    assert any('baseline="-25000"' in attrs and text == "2" for attrs, text in found)
    assert any('baseline="30000"' in attrs and text == "2" for attrs, text in found)


def test_bare_urls_and_autolinks_are_links(tmp_path):
    pptx, _ = deck_of(tmp_path, "See https://example.org/a and <https://example.net>.")
    xml = slide_xml(pptx)
    assert xml.count("<a:hlinkClick") == 2
    with zipfile.ZipFile(pptx) as package:
        rels = package.read("ppt/slides/_rels/slide4.xml.rels").decode()
    assert 'Target="https://example.org/a"' in rels and 'Target="https://example.net"' in rels


def test_emoji_are_kept_as_text(tmp_path):
    pptx, _ = deck_of(tmp_path, "Safety first 🌱 and care 💜")
    assert "Safety first 🌱 and care 💜" in slide_xml(pptx)


def test_footnotes_are_numbered_superscripts_with_their_text_at_the_foot(tmp_path):
    pptx, _ = deck_of(tmp_path, "A claim[^src] and another[^two].\n\n[^src]: Source one.\n[^two]: Source two.")
    xml = slide_xml(pptx)
    found = runs(xml)
    assert [text for attrs, text in found if 'baseline="30000"' in attrs][:2] == ["1", "2"]
    footnotes = re.search(r'name="Footnotes \d+".*?</p:sp>', xml, re.S).group(0)
    assert "Source one." in footnotes and "Source two." in footnotes
    body = re.search(r'name="Content Placeholder 2".*?</p:sp>', xml, re.S).group(0)
    assert "Source one" not in body


# --- blocks ---------------------------------------------------------------------------------


def test_task_lists_show_boxes(tmp_path):
    pptx, _ = deck_of(tmp_path, "- [ ] to do\n- [x] done")
    xml = slide_xml(pptx)
    texts = [t for _, t in runs(xml)]
    assert "☐ " in texts and "☑ " in texts and "☒ " not in texts and "[ ]" not in "".join(texts)
    # Each box in a symbol font of its own run, never left to a colour emoji font.
    for box in ("☐ ", "☑ "):
        run = re.search(rf"<a:r><a:rPr[^>]*>((?:(?!</a:rPr>).)*)</a:rPr><a:t>{box}</a:t>", xml).group(1)
        assert re.findall(r'<a:(latin|ea|cs|sym) typeface="Segoe UI Symbol"/>', run) == ["latin", "ea", "cs", "sym"]


@pytest.mark.slow
def test_libreoffice_draws_the_tick_from_a_text_font(tmp_path, libreoffice):
    import subprocess

    from tests.helpers import convert_with_libreoffice

    pptx, _ = deck_of(tmp_path, "- [ ] to do\n- [x] done")
    pdf = convert_with_libreoffice(pptx, "pdf", tmp_path)
    fonts = subprocess.run(["pdffonts", "-f", "4", "-l", "4", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-f", "4", "-l", "4", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "☑ done" in text.replace("\u00a0", " ")
    assert "emoji" not in fonts.lower(), fonts


def test_definition_lists_have_bold_terms_and_indented_definitions(tmp_path):
    pptx, _ = deck_of(tmp_path, "Attunement\n: Being felt by another.")
    xml = slide_xml(pptx)
    assert re.search(r'<a:rPr [^>]*b="1"/><a:t>Attunement</a:t>', xml)
    assert re.search(r'<a:pPr marL="342900" indent="0"><a:buNone/></a:pPr><a:r><a:rPr[^>]*/><a:t>Being felt by another.</a:t>', xml)


def test_line_blocks_keep_their_lines(tmp_path):
    pptx, _ = deck_of(tmp_path, "| 12 Harbour Road\n| Bristol")
    xml = slide_xml(pptx)
    assert re.search(r"<a:t>12 Harbour Road</a:t></a:r><a:br/><a:r><a:rPr[^>]*/><a:t>Bristol</a:t>", xml)
    assert "| " not in xml


def test_a_table_in_notes_is_on_the_notes_page_row_by_row(tmp_path):
    pptx, output = deck_of(tmp_path, "Body.", notes="Before.\n\n| Is | Is not |\n|---|---|\n| calm | rushed |\n\nAfter.")
    paras = [
        ("".join(re.findall(r"<a:t>([^<]*)</a:t>", p)), 'b="1"' in p) for p in re.findall(r"<a:p>.*?</a:p>", notes_xml(pptx))
    ]
    assert paras[2:] == [("Before.", False), ("Is · Is not", True), ("calm · rushed", False), ("After.", False)]
    assert "warning" not in output


def test_inner_headings_are_bold_and_smaller_than_the_title(tmp_path):
    pptx, _ = deck_of(tmp_path, "### A part\n\nText.\n\n#### A smaller part\n\nMore.")
    xml = slide_xml(pptx)
    assert re.search(r'<a:rPr [^>]*b="1"/><a:t>A part</a:t>', xml) and re.search(r'<a:rPr [^>]*b="1"/><a:t>A smaller part</a:t>', xml)


def test_code_with_a_language_is_coloured_monospace_on_a_shaded_box(tmp_path):
    pptx, _ = deck_of(tmp_path, '```python\ndef greet():\n    return "hi"  # a comment\n```')
    xml = slide_xml(pptx)
    code = re.search(r'<p:sp><p:nvSpPr><p:cNvPr id="\d+" name="Code \d+".*?</p:sp>', xml, re.S).group(0)
    assert '<a:solidFill><a:srgbClr val="F1ECE4"/></a:solidFill>' in code  # the shaded box
    assert 'typeface="Consolas"' in code
    colours = set(re.findall(r'<a:rPr[^>]*><a:solidFill><a:srgbClr val="(\w+)"/></a:solidFill><a:latin typeface="Consolas"/>', code))
    assert {"7A2E5C", "2F5F1F", "5E5550"} <= colours  # keyword, string, comment


def test_code_without_a_language_is_plain_monospace(tmp_path):
    pptx, _ = deck_of(tmp_path, "```\nplain text here\n```")
    code = re.search(r'name="Code \d+".*?</p:sp>', slide_xml(pptx), re.S).group(0)
    assert set(re.findall(r'srgbClr val="(\w+)"/></a:solidFill><a:latin', code)) == {"3B2F2F"}


def test_code_too_long_for_its_box_says_how_many_lines_fit_and_never_shrinks_on_overflow(tmp_path):
    code = "\n".join(f"line_{n} = {n}" for n in range(60))
    pptx, output = deck_of(tmp_path, f"```python\n{code}\n```")
    found = re.search(r"deck/01-only.md:\d+: warning: the code block has 60 lines; (\d+) fit its box on this slide at 18 pt and lines (\d+)–60 are left out", output)
    assert found and int(found.group(2)) == int(found.group(1)) + 1
    box = re.search(r'name="Code \d+".*?</p:sp>', slide_xml(pptx), re.S).group(0)
    assert "normAutofit" not in box and "<a:noAutofit/>" in box  # LibreOffice would shrink it under 18 pt
    lines = re.findall(r"<a:t>line_(\d+)", box)
    assert lines == [str(n) for n in range(int(found.group(1)))]
    assert all(int(size) >= 1800 for size in re.findall(r'sz="(\d+)"', box))


def test_math_is_a_native_equation_with_a_text_fallback(tmp_path):
    pptx, _ = deck_of(tmp_path, "Inline $E = mc^2$ here.\n\n$$\\frac{a}{b} + \\sqrt{x}$$")
    xml = slide_xml(pptx)
    assert '<mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main"' in xml
    assert "<a14:m" in xml and "<m:oMath>" in xml and "<m:oMathPara>" in xml
    assert "<m:f>" in xml and "<m:rad>" in xml and "<m:sSup>" in xml
    fallback = xml[xml.index("<mc:Fallback>") :]
    assert "E = mc²" in fallback and "a/b + √(x)" in fallback
    assert "$" not in xml and "\\frac" not in xml
    assert validate_pptx(str(pptx)).is_valid


REGRESSION = r"$$\hat\beta_1 = \frac{\sum_{i=1}^n (x_i - \bar x) y_i}{\prod_{k} a_k} + \int_0^1 f(x)\,dx$$"


def test_n_ary_operators_are_office_math_n_aries_with_their_limits_under_and_over(tmp_path):
    pptx, _ = deck_of(tmp_path, REGRESSION)
    xml = slide_xml(pptx)
    choice = xml[: xml.index("<mc:Fallback>")]
    naries = re.findall(r"<m:nary>(.*?)</m:nary>", choice, re.S)
    assert len(naries) == 3
    by_operator = {re.search(r'<m:chr m:val="(.)"/>', n).group(1): n for n in naries}
    summation, product, integral = by_operator["∑"], by_operator["∏"], by_operator["∫"]
    assert '<m:limLoc m:val="undOvr"/>' in summation and '<m:limLoc m:val="undOvr"/>' in product
    assert '<m:limLoc m:val="subSup"/>' in integral  # an integral's limits sit beside it
    assert "<m:t>n</m:t>" in summation[summation.index("<m:sup>") :] and "<m:t>i</m:t>" in summation[summation.index("<m:sub>") :]
    assert '<m:supHide m:val="1"/>' in product and "<m:subHide" not in product
    operand = summation[summation.index("<m:e>") :]
    assert "<m:t>(</m:t>" in operand and "<m:t>)</m:t>" in operand  # what it sums, up to the end of its bracket
    assert "∑" not in re.sub(r'<m:chr m:val="∑"/>', "", choice)  # never a scripted symbol
    assert validate_pptx(str(pptx)).is_valid


def test_upright_names_are_one_upright_run_and_the_fallback_reads_as_the_formula(tmp_path):
    body = r"Inline $\mathrm{HAMD}_i$ and $\text{dose} + \operatorname{Var}(X)$ and $HAMD_i$." + "\n\n" + REGRESSION
    pptx, _ = deck_of(tmp_path, body)
    xml = slide_xml(pptx)
    choice = xml[: xml.index("<mc:Fallback>")]
    assert re.search(r'<m:r><m:rPr><m:sty m:val="p"/></m:rPr><m:t>HAMD</m:t></m:r>', choice)  # one name, upright
    assert re.search(r"<m:r><m:rPr><m:nor/></m:rPr><m:t>dose</m:t></m:r>", choice)
    assert re.search(r'<m:sty m:val="p"/></m:rPr><m:t>Var</m:t>', choice)
    fallback = re.sub(r"<[^>]+>", "", xml[xml.index("<mc:Fallback>") :])
    assert "HAMDᵢ" in fallback and "dose + Var(X)" in fallback
    assert "β̂₁ = " in fallback and "∑ᵢ₌₁ⁿ (xᵢ − x̄)" in fallback and "∫₀¹ f(x)" in fallback
    assert "^^" not in fallback and "_i" not in fallback


def test_malformed_tex_is_a_warning_and_shown_as_code(tmp_path):
    pptx, output = deck_of(tmp_path, "$$\\frac{a}$$")
    assert re.search(r"deck/01-only.md:\d+: warning: math cannot be set: a frac needs 2 parts", output)
    assert "\\frac{a}" in re.sub(r"<[^>]+>", "", slide_xml(pptx))


def test_pictures_honour_their_width_and_are_never_stretched(tmp_path):
    pptx, _ = deck_of(tmp_path, "![Half](assets/square.png){width=40%}")
    xml = slide_xml(pptx)
    off, ext = re.search(r'<p:pic>.*?<a:off x="(\d+)" y="(\d+)"/><a:ext cx="(\d+)" cy="(\d+)"/>', xml, re.S).groups()[:2], None
    cx, cy = map(int, re.search(r'<p:pic>.*?<a:ext cx="(\d+)" cy="(\d+)"/>', xml, re.S).groups())
    assert cx == cy  # a square stays square
    body_width = 12192000 - 2 * 548640
    assert abs(cx - 0.4 * body_width) < 0.02 * body_width


def test_several_pictures_make_a_row_of_readable_size(tmp_path):
    pictures = " ".join(f"![Picture {n}](assets/square.png)" for n in range(3))
    pptx, _ = deck_of(tmp_path, f"Some words above them.\n\n{pictures}")
    boxes = [tuple(map(int, m)) for m in re.findall(r'<p:pic>.*?<a:off x="(\d+)" y="(\d+)"/><a:ext cx="(\d+)" cy="(\d+)"/>', slide_xml(pptx), re.S)]
    assert len(boxes) == 3
    assert len({y for _, y, _, _ in boxes}) == 1  # one row
    assert all(cx >= 2 * 914400 for _, _, cx, _ in boxes)  # not thumbnails


def test_a_slide_background_is_a_real_background_with_a_panel_behind_the_text(tmp_path):
    body = "Words on a photo."
    segment_root = tmp_path / "bg"
    pptx, _ = deck_of(tmp_path, body, heading="## Dawn {background=assets/dawn.png}", name="bg")
    xml = slide_xml(pptx)
    assert re.search(r'<p:cSld><p:bg><p:bgPr><a:blipFill dpi="0" rotWithShape="1"><a:blip r:embed="rId\d+"/>', xml)
    assert 'name="Text panel"' in xml and "<a:alpha" in xml
    del segment_root


def test_a_background_picture_stays_visible_around_panels_as_large_as_their_text(tmp_path):
    pptx, _ = deck_of(tmp_path, "Words on a photo.\n\n- and a second line", heading="## Dawn {background=assets/dawn.png}", name="bg")
    deck = Presentation(str(pptx))
    slide = deck.slides[3]
    panels = [s for s in slide.shapes if s.name == "Text panel"]
    texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip() and s.name != "Text panel" and s.top >= 0]
    assert len(panels) == 2  # one behind the title, one behind the body: the picture shows between them
    covered = sum(p.width * p.height for p in panels)
    assert covered < 0.35 * deck.slide_width * deck.slide_height
    for text in texts:
        if "Words" in text.text_frame.text or "Dawn" in text.text_frame.text:
            # Left-aligned text starts at its box's left edge: the panel is under it, top to bottom.
            assert any(p.left <= text.left < p.left + p.width and p.top <= text.top and p.top + p.height >= text.top + text.height
                       for p in panels), text.name


@pytest.fixture(autouse=True)
def _dawn(monkeypatch, tmp_path):
    """A background picture every test talk can name."""
    from tests import helpers

    make = helpers.make_talk

    def with_dawn(root, *args, **kwargs):
        made = make(root, *args, **kwargs)
        picture(made / "assets" / "dawn.png", size=(1600, 900), color=(230, 200, 160))
        return made

    monkeypatch.setattr("tests.render.pptx.test_markdown.make_talk", with_dawn)


# --- reveal ---------------------------------------------------------------------------------


def _clicks(xml: str) -> list[list[tuple[str, str | None]]]:
    """What each click reveals: (shape id, 'first-last' paragraphs or None)."""
    clicks = []
    for click in re.findall(r'<p:par><p:cTn id="\d+" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>(.*?)</p:cTn></p:par>(?=<p:par><p:cTn id="\d+" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>|</p:childTnLst></p:cTn><p:prevCondLst>)', xml, re.S):
        targets = re.findall(r'<p:spTgt spid="(\d+)"/?>(?:<p:txEl><p:pRg st="(\d+)" end="(\d+)"/></p:txEl>)?', click)
        clicks.append([(spid, f"{st}-{end}" if st else None) for spid, st, end in targets])
    return clicks


def test_an_incremental_list_appears_item_by_item(tmp_path):
    pptx, _ = deck_of(tmp_path, "::: incremental\n- one\n  - nested\n- two\n- three\n:::")
    xml = slide_xml(pptx)
    # One effect per paragraph: the click reveals the item, its nested item with it.
    assert _clicks(xml) == [[("3", "0-0"), ("3", "1-1")], [("3", "2-2")], [("3", "3-3")]]
    click = xml[xml.index('<p:cond delay="indefinite"/>') :]
    kinds = re.findall(r'nodeType="(clickEffect|withEffect)"', click)[:2]
    assert kinds == ["clickEffect", "withEffect"]
    assert not re.search(r'<p:pRg st="(\d+)" end="(?!\1)\d+"/>', xml)
    assert '<p:bldP spid="3" grpId="0" build="p"/>' in xml
    assert validate_pptx(str(pptx)).is_valid


def test_incremental_on_the_slide_and_nonincremental_inside(tmp_path):
    body = "- a\n- b\n\n::: nonincremental\n- c\n- d\n:::"
    pptx, _ = deck_of(tmp_path, body, heading="## Reveal {.incremental}")
    assert _clicks(slide_xml(pptx)) == [[("3", "0-0")], [("3", "1-1")]]


def test_a_pause_shows_what_follows_on_the_next_click_and_notes_mark_it(tmp_path):
    body = "Before.\n\n. . .\n\nAfter.\n\n![A square](assets/square.png)"
    pptx, _ = deck_of(tmp_path, body, notes="Say this first.\n\n. . .\n\nThen this.")
    xml = slide_xml(pptx)
    clicks = _clicks(xml)
    assert len(clicks) == 1 and ("3", "1-1") in clicks[0] and any(part is None for _, part in clicks[0])
    assert ". . ." not in xml
    notes = notes_xml(pptx)
    assert "▸ 1 click on this slide" in notes and "▸ click" in notes and ". . ." not in notes
    assert notes.index("Say this first.") < notes.index("▸ click</a:t>") < notes.index("Then this.")


@pytest.mark.parametrize("around", ["\n", "  \n"])
def test_a_pause_on_a_line_of_its_own_inside_notes_is_a_click(tmp_path, around):
    """Notes are written line after line: `. . .` there needs no blank lines around it."""
    notes = f"The rule applies.{around}. . .{around}Plenty of hands.{around}. . .\nLast."
    pptx, _ = deck_of(tmp_path, "On the slide.\n. . .\nLater.", notes=notes)
    text = "".join(texts(notes_xml(pptx)))
    assert ". . ." not in text and text.count("▸ click") == 2
    assert text.index("The rule applies.") < text.index("▸ click") < text.index("Plenty of hands.")
    assert "applies. ." not in text
    xml = slide_xml(pptx)
    assert ". . ." not in xml and len(_clicks(xml)) == 1


def test_an_ellipsis_inside_a_line_is_text(tmp_path):
    pptx, _ = deck_of(tmp_path, "We waited . . . and then it came.")
    assert "We waited . . . and then it came." in texts(slide_xml(pptx))


@pytest.mark.parametrize(
    "lang, written, shown",
    [
        ("en", 'She said "yes" -- it\'s ours --- all of it...', "She said “yes” – it’s ours — all of it…"),
        ("de", 'Sie sagte "ja" und \'nein\'', "Sie sagte „ja“ und ‚nein‘"),
        ("fr", 'Elle a dit "oui"', "Elle a dit «\u202foui\u202f»"),
        ("en-GB", 'Straight \\"quotes\\" stay when escaped', 'Straight "quotes" stay when escaped'),
    ],
)
def test_quotes_and_dashes_are_typographic_in_the_talks_language(tmp_path, lang, written, shown):
    toml = DECK_TOML.replace('slug = "small-talk"', f'slug = "small-talk"\nlang = "{lang}"')
    segment = f"---\ntitle: Only\nminutes: 10\n---\n\n## The slide\n\n{written}\n\n`\"code\" -- as typed`\n"
    root = make_talk(tmp_path / "t", {"01-only.md": segment}, toml=toml)
    assert cli("build", root, "--out", tmp_path / "out", "--only", "pptx").exit_code == 0
    text = "".join(texts(slide_xml(tmp_path / "out" / "small-talk.pptx")))
    assert shown in text.replace("&quot;", '"').replace("&apos;", "'")
    assert '"code" -- as typed' in text.replace("&quot;", '"')  # code is never touched


def test_attributes_and_addresses_are_read_as_written_not_made_typographic(tmp_path):
    body = 'See <https://example.org/a--b> and https://example.org/c--d\n\n![A square](assets/square.png){width="40%"}'
    pptx, output = deck_of(tmp_path, body, heading='## The slide {layout="content"}')
    xml = slide_xml(pptx)
    assert "https://example.org/a--b" in xml and "https://example.org/c--d" in xml
    assert not re.search(r"warning: (attributes|unknown|malformed|picture)", output), output
    with zipfile.ZipFile(pptx) as package:
        rels = package.read("ppt/slides/_rels/slide4.xml.rels").decode()
    assert 'Target="https://example.org/a--b"' in rels


def test_reveal_leaves_timing_unchanged(tmp_path):
    plain, _ = deck_of(tmp_path, "- one\n- two", name="plain")
    revealed, _ = deck_of(tmp_path, "- one\n- two", heading="## The slide {.incremental}", name="revealed")
    advance = re.compile(r'advTm="(\d+)"')
    for number in range(1, 5):
        assert advance.findall(slide_xml(plain, number)) == advance.findall(slide_xml(revealed, number))


# --- what is not markdown a slide should show -----------------------------------------------------


def test_comments_never_reach_the_deck_and_html_is_reported(tmp_path):
    body = "Text <!-- inline secret --> here <b>bold</b>.\n\n<!--\nblock secret\n-->\n\n<div>inside a div</div>"
    pptx, output = deck_of(tmp_path, body, notes="Lines <!-- notes secret --> kept.")
    with zipfile.ZipFile(pptx) as package:
        everything = b"".join(package.read(n) for n in package.namelist())
    assert b"secret" not in everything and b"<!--" not in everything and b"&lt;b&gt;" not in everything
    assert "raw HTML '<b>' is left out" in output
    assert "raw HTML (<div>) is left out; its text is kept" in output
    assert "inside a div" in slide_xml(pptx)


def test_unknown_attributes_are_reported_and_never_printed(tmp_path):
    pptx, output = deck_of(tmp_path, "A paragraph {.fancy} and [a span]{.smallcaps} here.")
    xml = slide_xml(pptx)
    assert "{" not in re.sub(r"<[^>]+>", "", xml)
    assert "attributes {.fancy} are not understood here" in output and "{.smallcaps}" in output


def test_a_forgotten_slide_break_still_makes_two_slides(tmp_path):
    segment = "---\ntitle: Only\nminutes: 10\n---\n\n## One\n\nText.\n\n## Two {layout=image time=1m}\n\n![A square](assets/square.png)\n"
    root = make_talk(tmp_path / "t", {"01-only.md": segment})
    out = tmp_path / "out"
    result = cli("build", root, "--out", out, "--only", "pptx")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "small-talk.pptx") as package:
        slides = sorted(n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
        text = "".join(package.read(n).decode() for n in slides)
    assert len(slides) == 5 and "layout=image" not in text and 'advTm="60000"' in text


# --- all of it, in the clients -----------------------------------------------------------------------

EVERYTHING = """\
~~old~~ H~2~O x^2^ https://example.org $a^2$ note[^1] 🌱

- [ ] task
- [x] done

Term
: definition

| line one
| line two

$$\\frac{1}{n}$$

```python
print("hi")
```

. . .

::: incremental
- one
- two
:::

[^1]: The note.
"""


@pytest.mark.slow
def test_a_deck_with_every_construct_passes_the_validator_and_libreoffice(tmp_path, libreoffice):
    pptx, _ = deck_of(tmp_path, EVERYTHING, heading="## Everything {background=assets/dawn.png}")
    assert unresolved_references(pptx.read_bytes()) == []
    assert_clients_accept(pptx, tmp_path / "clients")


NEW_CONSTRUCTS = """\
---
title: Only
minutes: 10
---

## Evidence {.handout}

She said "it helps" -- as @herman1992 [p. 4] found [see @feder2014].

:::: columns
::: {.column width="25%"}
- One
:::
::: {.column width="25%"}
![A circle](assets/circle.svg)
:::
::: {.column width="50%"}
- Three
:::
::::

::: clinician
First.
. . .
Then.
:::

---

## Scores

![Scores before and after](assets/scores.csv){chart=column}

---

## Where

```chart {type=pie alt="Where sessions happened"}
Place,Sessions
Clinic,30
Home,12
```
"""


@pytest.mark.slow
def test_a_deck_with_every_new_construct_passes_the_validator_and_libreoffice(tmp_path, libreoffice):
    toml = DECK_TOML.replace('slug = "small-talk"', 'slug = "small-talk"\nbibliography = "refs.bib"') + '\n[theme]\nlogo = "assets/circle.svg"\n'
    root = make_talk(tmp_path / "t", {"01-only.md": NEW_CONSTRUCTS}, toml=toml)
    write(root / "refs.bib", "@book{herman1992, author={Herman, Judith}, title={Trauma and Recovery}, year=1992}\n"
          "@article{feder2014, author={Feder, Adriana}, title={Ketamine}, journal={JAMA Psychiatry}, year=2014}\n")
    write(root / "assets" / "circle.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#7A3E65"/></svg>')
    write(root / "assets" / "scores.csv", "Week,Before,After\n0,62,61\n12,49,22\n")
    result = cli("build", root, "--out", tmp_path / "out", "--only", "pptx", "--strict")
    assert result.exit_code == 0, result.output
    pptx = tmp_path / "out" / "small-talk.pptx"
    assert unresolved_references(pptx.read_bytes()) == []
    assert_clients_accept(pptx, tmp_path / "clients")


# --- columns --------------------------------------------------------------------------------


def _columns(widths: list[str | None], attribute_form: bool = True) -> str:
    def opening(width):
        if width is None:
            return "::: {.column}" if attribute_form else "::: column"
        return f'::: {{.column width="{width}"}}'

    return "\n".join(f"{opening(w)}\n- Column {i + 1} text\n:::" for i, w in enumerate(widths))


@pytest.mark.parametrize(
    "widths, shares",
    [
        (["30%", "70%"], [30, 70]),
        (["70%", "30%"], [70, 30]),
        (["40%", None], [40, 60]),
        ([None, None, None], [100 / 3] * 3),
        (["25%", "25%", "50%"], [25, 25, 50]),
        (["20%", None, "20%", "30%"], [20, 30, 20, 30]),
        (["60%", "60%"], [50, 50]),  # asking for more than the whole: scaled to fit
    ],
)
def test_pandoc_columns_take_the_widths_they_ask_for(tmp_path, widths, shares):
    from pptx import Presentation

    body = f":::: columns\n{_columns(widths)}\n::::"
    pptx, output = deck_of(tmp_path, body)
    assert "warning" not in output, output
    slide = Presentation(str(pptx)).slides[3]
    boxes = sorted(
        (shape.left, shape.width) for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text.startswith("Column ")
    )
    assert [shape.text_frame.text for shape in sorted(slide.shapes, key=lambda s: s.left) if shape.has_text_frame and shape.text_frame.text.startswith("Column ")] == [
        f"Column {i + 1} text" for i in range(len(widths))
    ]
    total = sum(width for _, width in boxes)
    for (_, width), share in zip(boxes, shares):
        assert abs(width / total * 100 - share) <= 2, (boxes, shares)
    for (left, width), (next_left, _) in zip(boxes, boxes[1:]):
        assert left + width < next_left  # side by side, never overlapping


def test_the_old_column_blocks_still_make_two_even_columns(tmp_path):
    from pptx import Presentation

    pptx, output = deck_of(tmp_path, f":::: columns\n{_columns([None, None], attribute_form=False)}\n::::")
    assert "warning" not in output
    slide = Presentation(str(pptx)).slides[3]
    placeholders = [s for s in slide.placeholders if s.text_frame.text.startswith("Column ")]
    assert len(placeholders) == 2 and placeholders[0].width == placeholders[1].width


@pytest.mark.parametrize(
    "body, message",
    [
        (f":::: columns\n{_columns(['40%'])}\n::::", "holds 1 `::: column` blocks; two to four are expected"),
        (f":::: columns\n{_columns([None] * 5)}\n::::", "holds 5 `::: column` blocks; two to four are expected; the last 2 share the fourth"),
        (f':::: columns\n::: {{.column width="wide"}}\nA\n:::\n{_columns([None])}\n::::', "column width='wide' is not a share like 40%"),
        (f':::: columns\n::: {{.column widht="40%"}}\nA\n:::\n{_columns([None])}\n::::', "unknown column attribute 'widht' is ignored; did you mean 'width'?"),
    ],
)
def test_column_mistakes_are_one_warning_each(tmp_path, body, message):
    _, output = deck_of(tmp_path, body)
    assert output.count("warning") == 1 and message in output, output
