"""Every output in the talk's own language, and passages in theirs: the words the build
writes come from the language's catalog (German, French, Spanish; English otherwise,
said once), `[texte]{lang=fr}` and a segment's `lang:` mark their runs in the deck and
their text in the PDFs, and right-to-left paragraphs read from the right on slides."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from pptx import Presentation

from tests.helpers import cli, make_talk, picture
from tests.render.pdfreader import _marked_text, catalog_facts, structure

GERMAN_TOML = """\
title = "Liebe als Medizin"
subtitle = "Heilung in Beziehung"
event = "Fachtagung Traumatherapie"
date = 2027-03-18
duration = 10
lang = "de"
slug = "liebe"

[speakers.therapeutin]
name = "Dr. Anna Beispiel"
role = "Therapeutin"

[speakers.klientin]
role = "Klientin"

[theme]
logo = "assets/zeichen.png"
progress_bar = true

[handout]
qr = true
"""

GERMAN_ONE = """\
---
title: "Beginn: Zwei Stimmen"
minutes: 4
lead: [therapeutin, klientin]
---

::: therapeutin
Willkommen zu unserem Vortrag.
:::

## Zwei Stimmen {.handout}

- Eine Therapeutin und eine Klientin
- Gemeinsam auf der Bühne

. . .

- [x] Vorbereitung erledigen
- [ ] Fragen sammeln

Mehr unter [unserer Seite](https://example.org/mehr).

::: therapeutin
Ich beginne mit einer Geschichte.

. . .

Dann übergebe ich.
:::

::: klientin
Ich erzähle meinen Teil. Danach folgt mehr.
:::

::: notes
Beide atmen durch.
:::
"""

GERMAN_TWO = """\
---
title: "Schluss"
minutes: 6
lead: [klientin]
---

## Gedanken zum Mitnehmen {.incremental}

- Beziehung heilt
- Grenzen schützen

::: klientin
Danke für Ihre Aufmerksamkeit.
:::
"""

# The words an English build writes itself, and none of its talk: none may appear in a
# German build. (Words German shares with English, such as "Start" or "Code", are not here.)
ENGLISH_WORDS = (
    "Agenda", "Time", "Segment", "Led by", "minute", "minutes", "slide", "slides", "on this slide", "ends at",
    "All speakers", "click", "clicks", "Opening", "handout", "Presented by", "Page", "of", "script", "Script",
    "Your lines", "Grey cues", "italics", "presenters", "PRESENTERS", "untitled", "audience", "Run of show",
    "planned", "Subtotal", "Total", "total", "speech", "speakers", "duration", "seconds", "content", "section",
    "done", "to do", "logo", "QR code", "March", "and", "start", "end", "kind", "title",
)


def german_talk(root: Path) -> Path:
    talk = make_talk(root, {"01-beginn.md": GERMAN_ONE, "02-schluss.md": GERMAN_TWO}, toml=GERMAN_TOML)
    picture(talk / "assets" / "zeichen.png", size=(200, 100))
    return talk


def pdf_words(path: Path) -> str:
    """What a reader meets in a PDF: its text, its title and the alternate texts of its tags."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    alts = [tag.alt for tag in structure(path) if tag.alt]
    return "\n".join([text, catalog_facts(path)["title"] or "", *alts])


def deck_words(path: Path) -> str:
    """Every text of the deck: slides, notes, alt texts and section names."""
    deck = Presentation(str(path))
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            texts.append(shape.element.xpath("string(.//p:cNvPr/@descr)"))
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    with zipfile.ZipFile(path) as package:
        texts += re.findall(r'<p14:section name="([^"]*)"', package.read("ppt/presentation.xml").decode())
    return "\n".join(texts)


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH_WORDS if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


def test_a_german_talk_has_no_english_generated_word_anywhere(tmp_path):
    talk = german_talk(tmp_path / "talk")
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx,handout,scripts,run-of-show")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output
    outputs = {
        "deck": deck_words(out / "liebe.pptx"),
        "handout": pdf_words(out / "liebe-handout.pdf"),
        "script": pdf_words(out / "liebe-therapeutin-script.pdf"),
        "run-of-show.md": (out / "liebe-run-of-show.md").read_text(encoding="utf-8"),
        "run-of-show.csv": (out / "liebe-run-of-show.csv").read_text(encoding="utf-8"),
    }
    for name, text in outputs.items():
        assert not english_in(text), (name, english_in(text))
    # The German words are there instead (so the check above looked at real text).
    assert "Ablauf" in outputs["deck"] and "Leitung" in outputs["deck"] and "18. März 2027" in outputs["deck"]
    assert "4 Minuten · Leitung: Dr. Anna Beispiel, Therapeutin und Klientin" in outputs["deck"]
    assert "auf dieser Folie · endet um" in outputs["deck"] and "Eröffnung" in outputs["deck"]
    assert "Alle Vortragenden" in outputs["deck"] and "▸ Klick" in outputs["deck"]
    assert "Logo von Liebe als Medizin" in outputs["deck"]
    assert "Präsentiert von" in outputs["handout"] and "Seite 1 von 1" in outputs["handout"]
    assert "☑ erledigt" in outputs["handout"] and "☐ offen" in outputs["handout"]
    assert "QR-Code: example.org/mehr" in outputs["handout"]
    assert "Liebe als Medizin – Unterlagen" in outputs["handout"]
    assert "Skript für Therapeutin" in outputs["script"] and "ALLE VORTRAGENDEN" in outputs["script"]
    assert "10 Minuten, 6 Folien" in outputs["script"] and "Klick" in outputs["script"]
    header = next(csv.reader(io.StringIO(outputs["run-of-show.csv"])))
    assert header == ["Folie", "Beginn", "Dauer", "Ende", "Sekunden", "Abschnitt", "Titel", "Vortragende", "Sprechzeit", "Art"]
    assert "Ablaufplan: Liebe als Medizin" in outputs["run-of-show.md"] and "Gesamt" in outputs["run-of-show.md"]


def test_the_english_words_are_what_an_english_build_writes(tmp_path):
    """The control for the German test: the same talk in English has those words."""
    talk = german_talk(tmp_path / "talk")
    toml = talk / "deck" / "deck.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('lang = "de"', 'lang = "en"'), encoding="utf-8")
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx,handout,scripts,run-of-show").exit_code == 0
    found = set(english_in(deck_words(out / "liebe.pptx")))
    found |= set(english_in(pdf_words(out / "liebe-handout.pdf")))
    found |= set(english_in(pdf_words(out / "liebe-therapeutin-script.pdf")))
    found |= set(english_in((out / "liebe-run-of-show.md").read_text(encoding="utf-8")))
    found |= set(english_in((out / "liebe-run-of-show.csv").read_text(encoding="utf-8")))
    # Not written for this talk: an untitled slide's name, the slide pictures' alt text (with
    # LibreOffice), the singular "minute", the `timing` command's "total".
    missing = set(ENGLISH_WORDS) - found - {"untitled", "audience", "minute", "total"}
    assert not missing, missing


@pytest.mark.parametrize(
    "lang, words",
    [
        ("fr", ("Programme", "18 mars 2027", "Présenté par", "Page 1 sur 1", "Texte pour Therapeutin", "4 minutes · animé par")),
        ("es", ("Programa", "18 de marzo de 2027", "Presentado por", "Página 1 de 1", "Guion para Therapeutin", "4 minutos · dirigido por")),
    ],
)
def test_french_and_spanish_talks_speak_their_language(tmp_path, lang, words):
    talk = german_talk(tmp_path / "talk")
    toml = talk / "deck" / "deck.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('lang = "de"', f'lang = "{lang}"'), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx,handout,scripts")
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    text = deck_words(out / "liebe.pptx") + pdf_words(out / "liebe-handout.pdf") + pdf_words(out / "liebe-therapeutin-script.pdf")
    for word in words:
        assert word in text, (lang, word)


def test_a_language_without_a_catalog_builds_in_english_with_one_warning(tmp_path):
    talk = german_talk(tmp_path / "talk")
    toml = talk / "deck" / "deck.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('lang = "de"', 'lang = "it"'), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx,handout")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    line = GERMAN_TOML.splitlines().index('lang = "de"') + 1
    assert len(warnings) == 1 and warnings[0].startswith(f"deck/deck.toml:{line}: warning: "), warnings
    deck = deck_words(out / "liebe.pptx")
    assert "Agenda" in deck and "18 marzo 2027" in deck  # English words; the date as Italian writes it


# --- passages in their own language ----------------------------------------------------------

PASSAGES = """\
---
title: Only
minutes: 5
---

## Greetings {.handout}

Hello [bonjour]{lang=fr} and [*très* bien]{lang=fr-FR} again.

Plain English here.
"""

OTHER_LANGUAGE = """\
---
title: Ende
minutes: 5
lang: de
---

## Auf Wiedersehen {.handout}

Danke schön.
"""


def passages_talk(root: Path) -> Path:
    from tests.helpers import DECK_TOML

    return make_talk(root, {"01-only.md": PASSAGES, "02-ende.md": OTHER_LANGUAGE}, toml=DECK_TOML)


def run_languages(pptx: Path) -> dict[str, str]:
    """Each run's text -> its `lang`, over every slide."""
    found = {}
    with zipfile.ZipFile(pptx) as package:
        for name in package.namelist():
            if re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                xml = package.read(name).decode()
                for attrs, text in re.findall(r"<a:r><a:rPr([^>]*?)/?>(?:.*?</a:rPr>)?<a:t>([^<]*)</a:t></a:r>", xml):
                    lang = re.search(r'lang="([^"]*)"', attrs)
                    found[text] = lang.group(1) if lang else None
    return found


def pdf_span_languages(path: Path) -> dict[str, str]:
    """Text that names its language -> that language: a marked-content sequence inside a
    paragraph (a passage), or a whole structure element (a paragraph, a heading)."""
    texts = _marked_text(path)
    found = {}
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        for index, page in enumerate(pdf.pages):
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/Lang" in operands[1]:
                    found[texts.get((index, int(operands[1].MCID)), "")] = str(operands[1].Lang)

        def visit(node, page):
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    visit(kid, page)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
                kids = node.get("/K")
                if "/Lang" in node:
                    mcids = [int(k) for k in (kids if isinstance(kids, pikepdf.Array) else [kids]) if isinstance(k, int)]
                    found["".join(texts.get((page, m), "") for m in mcids)] = str(node.Lang)
                visit(kids, page)

        visit(pdf.Root.StructTreeRoot.K, None)
    return found


def test_passages_say_their_language_in_the_deck_and_the_pdfs(tmp_path):
    talk = passages_talk(tmp_path / "talk")
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx,handout")
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    runs = run_languages(out / "small-talk.pptx")
    assert runs["bonjour"] == "fr" and runs["très"] == "fr-FR" and runs[" bien"] == "fr-FR"
    assert runs["Hello "] == "en" and runs[" again."] == "en"
    # A segment's `lang:` is its slides' language, its section slide's title too.
    assert runs["Danke schön."] == "de" and runs["Auf Wiedersehen"] == "de" and runs["Ende"] == "de"
    spans = pdf_span_languages(out / "small-talk-handout.pdf")
    assert spans.get("bonjour") == "fr", spans
    assert spans.get("très") == "fr-FR" and spans.get(" bien") == "fr-FR", spans
    assert any("Danke" in text and lang == "de" for text, lang in spans.items()), spans
    assert not any("Hello" in text or "Plain" in text for text in spans), spans
    assert catalog_facts(out / "small-talk-handout.pdf")["lang"] == "en"


def test_a_passage_language_that_is_no_tag_is_a_warning_and_the_text_is_kept(tmp_path):
    talk = passages_talk(tmp_path / "talk")
    segment = talk / "deck" / "01-only.md"
    segment.write_text(PASSAGES.replace("{lang=fr}", "{lang=french!}"), encoding="utf-8")
    result = cli("check", talk)
    line = PASSAGES.splitlines().index("Hello [bonjour]{lang=fr} and [*très* bien]{lang=fr-FR} again.") + 1
    assert f"deck/01-only.md:{line}: warning: `lang=french!` is not a language tag: write one like lang=fr or lang=pt-BR" in result.output
    assert result.output.count("warning") == 1, result.output


def test_a_front_matter_lang_that_is_no_tag_is_an_error_on_its_line(tmp_path):
    talk = passages_talk(tmp_path / "talk")
    (talk / "deck" / "02-ende.md").write_text(OTHER_LANGUAGE.replace("lang: de", "lang: Deutsch!"), encoding="utf-8")
    result = cli("check", talk)
    assert result.exit_code == 1
    assert "deck/02-ende.md:4: error: `lang` must be a language tag like fr or pt-BR, not 'Deutsch!'" in result.output


# --- right to left on slides --------------------------------------------------------------


def test_right_to_left_paragraphs_are_set_from_the_right_on_slides(tmp_path):
    from tests.helpers import DECK_TOML

    segment = "---\ntitle: Only\nminutes: 10\n---\n\n## שלום\n\nمرحبا بالعالم\n\n- שלום עולם\n- Hello world\n\nEnglish text.\n"
    talk = make_talk(tmp_path / "talk", {"01-only.md": segment}, toml=DECK_TOML)
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    with zipfile.ZipFile(out / "small-talk.pptx") as package:
        xml = package.read("ppt/slides/slide4.xml").decode()
    paragraphs = re.findall(r"<a:p>(<a:pPr[^>]*/?>).*?<a:t>([^<]*)</a:t>", xml)
    by_text = {text: ppr for ppr, text in paragraphs}
    for text in ("שלום", "مرحبا بالعالم", "שלום עולם"):
        assert 'rtl="1"' in by_text[text] and 'algn="r"' in by_text[text], (text, by_text[text])
    for text in ("Hello world", "English text."):
        assert "rtl=" not in by_text[text], (text, by_text[text])
