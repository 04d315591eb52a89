"""The reader builds one typed model of a talk, every piece knowing its file and line."""

from __future__ import annotations

import datetime as dt

from segue.diagnostics import Diagnostics
from segue.talk.model import CodeBlock, Columns, ListBlock, Paragraph, Picture, Quote, Table
from segue.talk.read import read_talk
from tests.helpers import REPO, write


def read(root):
    report = Diagnostics()
    talk = read_talk(root, report)
    return talk, report


def test_talk_metadata_and_speakers(talk):
    model, report = read(talk)
    assert not report.items, report.as_text()
    assert model.title == "A Small Talk"
    assert model.subtitle == "Testing the build"
    assert model.event == "Test Conference"
    assert model.date == dt.date(2027, 4, 18)
    assert model.duration == 10
    assert model.slug == "small-talk"
    assert list(model.speakers) == ["clinician", "client"]
    assert model.speakers["clinician"].label == "Clinician (Dr. Ada Example)"
    assert model.speakers["client"].label == "Client"  # no name: the role alone
    assert model.speakers["client"].credit == "Client"


def test_segments_and_slides_in_file_order(talk):
    model, _ = read(talk)
    assert [s.title for s in model.segments] == ["Opening", "Closing: Together"]
    assert [s.minutes for s in model.segments] == [4, 6]
    assert model.segments[1].lead == ["clinician", "client"]
    titles = [slide.title_text for _, slide in model.slides]
    assert titles == ["First slide", "Second slide", "A quote", "Columns"]


def test_every_slide_and_block_knows_its_file_and_line(talk):
    model, _ = read(talk)
    first, second = model.segments[0].slides
    assert (first.source.path, first.source.line) == ("deck/01-opening.md", 7)
    assert (second.source.path, second.source.line) == ("deck/01-opening.md", 28)
    assert first.body[0].source.line == 9  # the list
    assert [n.source.line for n in first.notes] == [14, 18, 22]
    picture = second.body[0]
    assert isinstance(picture, Picture) and picture.source.line == 30


def test_heading_attributes(talk):
    model, _ = read(talk)
    first, second = model.segments[0].slides
    assert first.handout is True and first.layout == "content"
    assert second.layout == "image" and second.handout is False
    assert model.segments[1].slides[0].layout == "quote"


def test_lists_keep_three_levels_and_inline_styles(talk):
    model, _ = read(talk)
    lst = model.segments[0].slides[0].body[0]
    assert isinstance(lst, ListBlock) and not lst.ordered
    levels = [(level, "".join(s.text for s in item.inline)) for level, _, item, _ in lst.flatten()]
    assert levels[:3] == [(0, "Point one"), (1, "nested point"), (2, "third level")]
    spans = lst.items[1].inline
    styles = {s.text.strip(",. "): (s.bold, s.italic, s.code, s.href) for s in spans if s.text.strip(",. ")}
    assert styles["Bold"] == (True, False, False, None)
    assert styles["italic"] == (False, True, False, None)
    assert styles["code"] == (False, False, True, None)
    assert styles["a link"] == (False, False, False, "https://example.org")


def test_speaker_containers_keep_source_order(talk):
    model, _ = read(talk)
    notes = model.segments[0].slides[0].notes
    assert [n.speaker for n in notes] == ["clinician", "client", "clinician"]
    assert notes[1].text == "The client answers."
    assert model.segments[0].slides[1].notes[0].speaker is None  # ::: notes: everyone


def test_images_quotes_columns_tables_and_handout_blocks(talk):
    model, _ = read(talk)
    picture = model.segments[0].slides[1].body[0]
    assert picture.alt == "A calm square picture" and picture.asset.path == "assets/square.png"
    assert picture.fit == "contain"
    quote_slide, columns_slide = model.segments[1].slides
    assert isinstance(quote_slide.body[0], Quote)
    assert isinstance(quote_slide.body[1], Paragraph)
    columns = columns_slide.body[0]
    assert isinstance(columns, Columns) and len(columns.columns) == 2
    table = columns.columns[1][0]
    assert isinstance(table, Table)
    assert ["".join(s.text for s in c) for c in table.header] == ["Is", "Is not"]
    assert table.align == ["left", "right"]
    assert columns_slide.handout_blocks and columns_slide.handout_blocks[0].inline[0].text == "Handout-only text."
    assert not columns_slide.notes  # handout blocks are not notes


def test_drafts_are_skipped_and_code_blocks_are_kept(talk):
    write(talk / "deck" / "_03-draft.md", "---\ntitle: Draft\nminutes: 99\n---\n\n## Not built\n")
    write(
        talk / "deck" / "02-closing.md",
        "---\ntitle: Closing\nminutes: 6\n---\n\n## Code\n\n```\nprint('hi')\n```\n",
    )
    model, report = read(talk)
    assert not report.errors, report.as_text()
    assert [s.title for s in model.segments] == ["Opening", "Closing"]
    assert isinstance(model.segments[1].slides[0].body[0], CodeBlock)


def test_a_line_of_three_dashes_under_text_separates_slides(talk):
    write(
        talk / "deck" / "02-closing.md",
        "---\ntitle: Closing\nminutes: 6\n---\n\n## One\n\nsome text\n---\n## Two\n",
    )
    model, _ = read(talk)
    assert [s.title_text for s in model.segments[1].slides] == ["One", "Two"]


def test_handout_pages_with_write_lines(talk):
    write(talk / "handouts" / "01-reflect.md", "# Reflect\n\nA question?\n\n::: write 5\n:::\n")
    model, report = read(talk)
    assert not report.items, report.as_text()
    page = model.handout_pages[0]
    assert page.title[0].text == "Reflect"
    assert page.blocks[-1].count == 5


def test_the_default_talk_reads_cleanly():
    model, report = read(REPO)
    assert not report.items, report.as_text()
    assert [s.minutes for s in model.segments] == [5, 20, 10, 10, 15]
    assert 25 <= sum(len(s.slides) for s in model.segments) <= 40
    assert all(not s.name for s in model.speakers.values())  # roles only: no invented names


def test_lang_defaults_to_english_and_takes_language_tags(talk):
    model, _ = read(talk)
    assert model.lang == "en"
    toml = talk / "deck" / "deck.toml"
    original = toml.read_text(encoding="utf-8")
    for tag in ("fr", "en-GB", "de-CH-1996", "es-419", "FR-ca"):
        toml.write_text(f'lang = "{tag}"\n' + original, encoding="utf-8")
        model, report = read(talk)
        assert not report.items, (tag, report.as_text())
        assert model.lang == tag


def test_a_language_without_a_catalog_is_one_warning_and_english_words(talk):
    """The generated words fall back to English, said once, at the `lang` line."""
    toml = talk / "deck" / "deck.toml"
    original = toml.read_text(encoding="utf-8")
    for tag in ("zh-Hant-TW", "it", "pt-BR"):
        toml.write_text(f'lang = "{tag}"\n' + original, encoding="utf-8")
        model, report = read(talk)
        assert model.lang == tag
        assert [(d.path, d.line, d.severity.value) for d in report.items] == [("deck/deck.toml", 1, "warning")], tag
        message = report.items[0].message
        assert f"no translation into {tag!r}" in message and "in English" in message and "de, es, fr" in message


def test_a_bad_lang_is_an_error_on_its_line(talk):
    toml = talk / "deck" / "deck.toml"
    original = toml.read_text(encoding="utf-8")
    for value in ('"english"', '"e"', '"en_US"', '"en-"', "42", '""'):
        toml.write_text(original.replace('slug = "small-talk"\n', f'slug = "small-talk"\nlang = {value}\n'), encoding="utf-8")
        _, report = read(talk)
        line = original.splitlines().index('slug = "small-talk"') + 2
        assert [str(d) for d in report.errors] == [
            f"deck/deck.toml:{line}: error: 'lang' must be a language tag like \"en\" or \"en-GB\", not {value.strip(chr(34)) if value != '42' else 42!r}"
        ], value
