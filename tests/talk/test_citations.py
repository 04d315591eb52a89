"""Citations and the bibliography: read from a .bib or CSL-JSON file, printed in the
style's form on slides, in notes, in the scripts and in the handout, with a
References slide and a bibliography in the handout; every mistake one message."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from segue.diagnostics import Diagnostics
from segue.talk.model import plain
from segue.talk.plan import plan_talk
from segue.talk.read import read_talk
from tests.helpers import DECK_TOML, cli, make_talk, write
from tests.render.pdfreader import flat

REFS = r"""
@article{mithoefer2018,
  author = {Mithoefer, Michael C. and Mithoefer, Ann T. and Feduccia, Allison A. and Jerome, Lisa},
  title = {3,4-methylenedioxymethamphetamine ({MDMA})-assisted psychotherapy for post-traumatic stress disorder},
  journal = {The Lancet Psychiatry},
  year = {2018}, volume = {5}, number = {6}, pages = {486--497},
  doi = {10.1016/S2215-0366(18)30135-4}
}
@book{herman1992,
  author = {Herman, Judith Lewis},
  title = {Trauma and Recovery},
  publisher = {Basic Books}, address = {New York}, year = {1992}
}
@article{feder2014,
  author = {Feder, Adriana and Parides, Michael K. and Murrough, James W.},
  title = {Efficacy of Intravenous Ketamine for Treatment of Chronic Posttraumatic Stress Disorder},
  journal = {JAMA Psychiatry}, year = {2014}, volume = {71}, number = {6}, pages = {681--688}
}
@book{unused2000,
  author = {M{\"u}ller, J{\'e}r{\^o}me},
  title = {Never Cited},
  year = {2000}
}
"""

SEGMENT = """\
---
title: Evidence
minutes: 6
---

## What helps {.handout}

- Ketamine eases symptoms [@feder2014]
- As @herman1992 [p. 4] wrote, recovery is relational
- Mail <jane@example.org>

::: clinician
Cite [see @mithoefer2018, pp. 486-490] aloud.
:::

---

## After

Nothing cited here.
"""

SECOND = """\
---
title: Close
minutes: 4
---

## Thanks

Questions.
"""


def cited_talk(root: Path, toml_extra: str = "", segment: str = SEGMENT, refs: str = REFS, name: str = "refs.bib") -> Path:
    toml = DECK_TOML.replace('slug = "small-talk"', f'slug = "small-talk"\nbibliography = "{name}"\n{toml_extra}')
    make_talk(root, {"01-evidence.md": segment, "02-close.md": SECOND}, toml=toml)
    write(root / name, refs)
    return root


def deck_texts(pptx: Path) -> dict[int, str]:
    with zipfile.ZipFile(pptx) as package:
        slides = sorted((n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)), key=lambda n: int(re.findall(r"\d+", n)[0]))
        return {int(re.findall(r"\d+", n)[0]): "".join(re.findall(r"<a:t>([^<]*)</a:t>", package.read(n).decode())) for n in slides}


def notes_text(pptx: Path, number: int) -> str:
    with zipfile.ZipFile(pptx) as package:
        rels = package.read(f"ppt/slides/_rels/slide{number}.xml.rels").decode()
        notes = re.search(r'Target="../notesSlides/(notesSlide\d+\.xml)"', rels).group(1)
        return "".join(re.findall(r"<a:t>([^<]*)</a:t>", package.read(f"ppt/notesSlides/{notes}").decode()))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    root = cited_talk(tmp_path_factory.mktemp("cite") / "talk")
    result = cli("build", root, "--out", root / "out", "--strict")
    assert result.exit_code == 0, result.output
    return root / "out", result.output


def test_three_keys_in_the_styles_form_on_slides_notes_scripts_and_handout(built):
    out, _ = built
    slides = deck_texts(out / "small-talk.pptx")
    content = slides[4].replace("\u00a0", " ")
    assert "Ketamine eases symptoms (Feder et al., 2014)" in content
    assert "As Herman (1992, p. 4) wrote" in content
    assert "[@" not in content and "@herman" not in content
    notes = notes_text(out / "small-talk.pptx", 4).replace("\u00a0", " ")
    assert "Cite (see Mithoefer et al., 2018, pp. 486–490) aloud." in notes
    script = flat(out / "small-talk-clinician-script.pdf").replace("\u00a0", " ")
    assert "Cite (see Mithoefer et al., 2018, pp. 486–490) aloud." in script
    handout = flat(out / "small-talk-handout.pdf").replace("\u00a0", " ")
    assert "(Feder et al., 2014)" in handout and "Herman (1992, p. 4)" in handout
    for text in (content, notes, script, handout):
        assert "@feder" not in text and "[see" not in text


def test_a_references_slide_after_the_last_segment_and_a_bibliography_in_the_handout(built):
    out, _ = built
    slides = deck_texts(out / "small-talk.pptx")
    last = slides[max(slides)]
    assert last.startswith("References")
    for author in ("Feder, A.", "Herman, J. L. (1992). Trauma and Recovery", "Mithoefer, M. C."):
        assert author in "".join(slides.values())
    assert "Never Cited" not in "".join(slides.values())  # only the works cited
    handout = flat(out / "small-talk-handout.pdf")
    tail = handout[handout.rindex("References") :]
    assert "Herman, J. L. (1992). Trauma and Recovery. Basic Books." in tail
    assert "(MDMA)" in tail  # a word in braces keeps its case
    assert tail.index("Feder") < tail.index("Herman") < tail.index("Mithoefer")  # APA: by author


def test_the_references_slide_is_paid_from_the_last_segment(tmp_path):
    report = Diagnostics()
    talk = read_talk(cited_talk(tmp_path / "t"), report)
    plan = plan_talk(talk, report)
    assert not report.has_errors, report.as_text()
    last = plan.segments[-1]
    kinds = [p.kind for p in last.slides]
    assert kinds[-1] == "references" and "references" not in [p.kind for p in plan.segments[0].slides]
    assert sum(p.duration for p in last.slides) == last.segment.seconds
    assert last.slides[-1].duration == 20
    assert plan.slides[-1].end == talk.duration * 60


@pytest.mark.parametrize(
    "style, narrative, bracketed, first_entry",
    [
        ("apa", "Herman (1992, p. 4)", "(Feder et al., 2014)", "Feder, A."),
        ("chicago-author-date", "Herman (1992, 4)", "(Feder et al. 2014)", "Feder, A"),
        ("ieee", "Herman [2, p. 4]", "[1]", "[1] A. Feder"),
        ("american-medical-association", "Herman2(p4)", "1", "1. Feder A"),
    ],
)
def test_each_style_prints_its_own_forms_numbered_as_the_audience_meets_them(tmp_path, style, narrative, bracketed, first_entry):
    report = Diagnostics()
    talk = read_talk(cited_talk(tmp_path / "t", f'csl = "{style}"'), report)
    assert not report.has_errors, report.as_text()
    items = talk.segments[0].slides[0].body[0].items
    assert plain(items[1].inline).replace("\u00a0", "").replace(" ", "") .startswith("As" + narrative.replace(" ", ""))
    assert plain(items[0].inline).endswith(bracketed)
    assert plain(talk.references[0]).startswith(first_entry)
    assert len(talk.references) == 3


def test_a_key_the_bibliography_lacks_is_one_error_at_its_line_with_the_nearest_key(tmp_path):
    segment = SEGMENT.replace("[@feder2014]", "[@feder2041]") + "\n::: client\nAgain [@feder2041].\n:::\n"
    result = cli("check", cited_talk(tmp_path / "t", segment=segment))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [
        "deck/01-evidence.md:8: error: @feder2041: no such key in refs.bib; did you mean 'feder2014'? (also at line 23)"
    ], result.output


@pytest.mark.parametrize("line_of_citation", [1, 2, 3])
def test_the_error_names_the_line_the_citation_is_on_inside_a_paragraph(tmp_path, line_of_citation):
    lines = ["First line", "second line", "third line"]
    lines[line_of_citation - 1] += " [@nosuchkey]"
    segment = "---\ntitle: E\nminutes: 6\n---\n\n## S\n\n" + "\n".join(lines) + "\n"
    result = cli("check", cited_talk(tmp_path / "t", segment=segment))
    assert f"deck/01-evidence.md:{7 + line_of_citation}: error: @nosuchkey: no such key in refs.bib" in result.output


def test_an_at_name_that_is_no_key_says_how_to_write_it(tmp_path):
    segment = SEGMENT.replace("Nothing cited here.", "Follow @segue_talks for slides.")
    result = cli("check", cited_talk(tmp_path / "t", segment=segment))
    assert "no such key in refs.bib; an @ that starts no citation is written \\@segue_talks" in result.output
    fixed = SEGMENT.replace("Nothing cited here.", "Follow \\@segue_talks for slides.")
    assert cli("check", cited_talk(tmp_path / "u", segment=fixed), "--strict").exit_code == 0


@pytest.mark.parametrize("written", ["jane@example.org", "a.b@c.de", "x@y", "name@host.co.uk"])
def test_an_email_like_name_is_never_a_citation(tmp_path, written):
    segment = SEGMENT.replace("Nothing cited here.", f"Write to {written} today.")
    report = Diagnostics()
    talk = read_talk(cited_talk(tmp_path / "t", segment=segment), report)
    assert not report.has_errors, report.as_text()
    assert written in plain(talk.segments[0].slides[1].body[0].inline)


def test_without_a_bibliography_at_names_are_words_and_bracketed_citations_an_error(tmp_path):
    root = make_talk(tmp_path / "t", {"01-a.md": "---\ntitle: A\nminutes: 10\n---\n\n## S\n\nFind us @segue_talks.\n"})
    report = Diagnostics()
    talk = read_talk(root, report)
    assert not report.items and "Find us @segue_talks." in plain(talk.segments[0].slides[0].body[0].inline)
    write(root / "deck" / "01-a.md", "---\ntitle: A\nminutes: 10\n---\n\n## S\n\nAs shown [@smith2020].\n\nAnd [@jones2021].\n")
    result = cli("check", root)
    assert result.output.count(": error: ") == 1
    assert "deck/01-a.md:8: error: [@smith2020] cites a work, but deck.toml names no bibliography: add bibliography = \"refs.bib\"" in result.output
    assert "(also at line 10)" in result.output


def test_references_go_where_a_slide_places_them(tmp_path):
    segment = SEGMENT + "\n---\n\n## Further reading {.handout}\n\n::: references\n:::\n"
    report = Diagnostics()
    talk = read_talk(cited_talk(tmp_path / "t", segment=segment), report)
    plan = plan_talk(talk, report)
    assert "references" not in [p.kind for p in plan.slides]
    result = cli("build", tmp_path / "t", "--out", tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.output
    slides = deck_texts(tmp_path / "out" / "small-talk.pptx")
    placed = next(text for text in slides.values() if text.startswith("Further reading"))
    assert "Herman, J. L. (1992)" in placed
    handout = flat(tmp_path / "out" / "small-talk-handout.pdf")
    assert handout.count("Herman, J. L. (1992)") == 1  # where the slide puts it, not again at the end


def test_a_csl_json_bibliography_works_like_bibtex(tmp_path):
    items = [
        {"id": "feder2014", "type": "article-journal", "title": "Efficacy", "author": [{"family": "Feder", "given": "Adriana"}], "issued": {"date-parts": [[2014]]}},
        {"id": "herman1992", "type": "book", "title": "Trauma and Recovery", "author": [{"family": "Herman", "given": "Judith"}], "issued": {"date-parts": [[1992]]}},
        {"id": "mithoefer2018", "type": "article-journal", "title": "MDMA", "author": [{"family": "Mithoefer", "given": "M."}], "issued": {"date-parts": [[2018]]}},
    ]
    report = Diagnostics()
    talk = read_talk(cited_talk(tmp_path / "t", refs=json.dumps(items), name="refs.json"), report)
    assert not report.has_errors, report.as_text()
    assert plain(talk.segments[0].slides[0].body[0].items[0].inline).endswith("(Feder, 2014)")


@pytest.mark.parametrize(
    "refs, message",
    [
        ("@book{a,\n  title = {One},\n  year {2000}\n}\n", "refs.bib:3: error: the bibliography is not BibTeX that can be read: syntax error: '=' expected"),
        ("@book{a, title={x}}\n@book{a, title={y}}\n", "refs.bib:2: error: the bibliography repeated bibliography entry: a: each entry needs a key of its own"),
        ("@book{a,\n title = {Open\n}\n", "refs.bib:4: error: the bibliography is not BibTeX that can be read"),
    ],
)
def test_a_bibliography_that_cannot_be_read_is_one_error_at_its_line(tmp_path, refs, message):
    result = cli("check", cited_talk(tmp_path / "t", refs=refs))
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(message), result.output


def test_style_mistakes_say_what_to_write(tmp_path):
    result = cli("check", cited_talk(tmp_path / "a", 'csl = "apaa"'))
    assert "deck/deck.toml:9: error: no citation style named 'apaa'; did you mean 'apa'" in result.output
    result = cli("check", cited_talk(tmp_path / "b", 'csl = "chicago-notes"'))
    assert "is a style for footnotes; slides cite in the text" in result.output
    root = cited_talk(tmp_path / "c", 'csl = "assets/evil.csl"')
    write(root / "assets" / "evil.csl", '<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<style>&x;</style>\n')
    result = cli("check", root)
    assert "citation style 'assets/evil.csl' declares a DTD or entities, which are never read" in result.output
    assert "root:" not in result.output
