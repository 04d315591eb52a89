"""`bundle`: the organizer's zip, from a public build only, with the same bytes every time."""

from __future__ import annotations

import hashlib
import re
import zipfile

import pytest

from tests.helpers import cli
from tests.render.pdfreader import catalog_facts
from tests.build.test_outputs import CANARY_NOTE, CANARY_SHARED, everything_in, talk_with_canaries  # noqa: F401 (a fixture)


def test_the_bundle_lists_verified_files_without_notes(talk_with_canaries, tmp_path):
    out = tmp_path / "out"
    result = cli("bundle", talk_with_canaries, "--out", out)
    assert result.exit_code == 0, result.output
    bundle = out / "small-talk-bundle.zip"
    with zipfile.ZipFile(bundle) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == [
            "small-talk/README.txt",
            "small-talk/small-talk.pptx",
            "small-talk/small-talk-handout.pdf",
            "small-talk/small-talk-run-of-show.csv",
            "small-talk/small-talk-run-of-show.md",
        ]
        readme = archive.read("small-talk/README.txt").decode()
        listed = dict((name, digest) for digest, name in re.findall(r"^  ([0-9a-f]{64})  (\S+)  \(", readme, re.M))
        assert set(listed) == {n.split("/", 1)[1] for n in names[1:]}
        for name, digest in listed.items():
            assert hashlib.sha256(archive.read(f"small-talk/{name}")).hexdigest() == digest
        for name in names:
            data = archive.read(name)
            (tmp_path / "check").write_bytes(data)
            content = everything_in(tmp_path / "check")
            for canary in (CANARY_NOTE, CANARY_SHARED):
                assert canary.encode() not in content, (name, canary)
            assert b"notesSlide" not in content
    assert "A Small Talk" in readme and "Dr. Ada Example, Clinician" in readme and "Client" in readme
    assert "10 minutes" in readme and "Opening (4 minutes)" in readme
    assert "Use Timings" in readme
    assert not list((out / "public").glob("*-script.pdf"))


def test_the_bundle_is_byte_identical_across_runs(talk, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert cli("bundle", talk, "--out", first).exit_code == 0
    assert cli("bundle", talk, "--out", second).exit_code == 0
    assert (first / "small-talk-bundle.zip").read_bytes() == (second / "small-talk-bundle.zip").read_bytes()
    with zipfile.ZipFile(first / "small-talk-bundle.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2027, 4, 18, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o644}


@pytest.mark.slow
def test_the_bundle_holds_the_deck_pdf_where_libreoffice_is(talk, tmp_path, monkeypatch, libreoffice):
    monkeypatch.setenv("SOFFICE", libreoffice)
    assert cli("bundle", talk, "--out", tmp_path).exit_code == 0
    with zipfile.ZipFile(tmp_path / "small-talk-bundle.zip") as archive:
        assert "small-talk/small-talk-deck.pdf" in archive.namelist()
        assert "small-talk-deck.pdf full screen" in archive.read("small-talk/README.txt").decode()
        (tmp_path / "bundled.pdf").write_bytes(archive.read("small-talk/small-talk-deck.pdf"))
    # The organizer gets the tagged, PDF/UA-identified deck PDF.
    facts = catalog_facts(tmp_path / "bundled.pdf")
    assert facts == {"lang": "en", "title": "A Small Talk", "marked": True, "display_title": True, "pdfua_part": "1"}


def test_a_bundle_of_a_broken_talk_is_refused(talk, tmp_path):
    (talk / "deck" / "deck.toml").write_text("title = \n")
    result = cli("bundle", talk, "--out", tmp_path)
    assert result.exit_code == 1 and "deck/deck.toml:1: error" in result.output
    assert not (tmp_path / "small-talk-bundle.zip").exists()


@pytest.mark.parametrize(
    "epoch, has_date, said",
    [
        (None, True, "Dated 18 April 2027 (the talk's date): the date every file here carries."),
        ("1773324180", True, "Dated 12 March 2026, 14:03 UTC (SOURCE_DATE_EPOCH): the date every file here carries."),
        ("1773273600", False, "Dated 12 March 2026 (SOURCE_DATE_EPOCH): the date every file here carries."),
        (None, False, None),
    ],
)
def test_the_readme_says_what_its_date_is_and_never_that_it_was_built_then(talk, tmp_path, monkeypatch, epoch, has_date, said):
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    if not has_date:
        toml = talk / "deck" / "deck.toml"
        toml.write_text(toml.read_text().replace("date = 2027-04-18\n", ""))
    assert cli("bundle", talk, "--out", tmp_path / "out").exit_code == 0
    with zipfile.ZipFile(tmp_path / "out" / "small-talk-bundle.zip") as archive:
        readme = archive.read("small-talk/README.txt").decode()
    assert "Built" not in readme
    dated = [line for line in readme.splitlines() if line.startswith("Dated")]
    assert dated == ([said] if said else []), readme
