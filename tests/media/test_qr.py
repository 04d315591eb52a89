"""QR codes of links: `[text](address){qr}` on a slide and in the handout,
`[handout] qr = true` for every link in the handout."""

from __future__ import annotations

import subprocess

import pikepdf
from pptx import Presentation

from segue.media.qr import qr_png
from tests.helpers import DECK_TOML, SEGMENT_ONE, SEGMENT_TWO, cli, make_talk

SLIDE = """

---

## Resources {.handout}

- Our study: [the paper](https://example.org/papers/love){qr}
- Write to [us](mailto:team@example.net) or see [the site](https://example.com)
"""


def talk_with_links(root, toml=DECK_TOML):
    return make_talk(root, {"01-opening.md": SEGMENT_ONE + SLIDE, "02-closing.md": SEGMENT_TWO}, toml=toml)


def test_a_qr_link_gets_a_code_and_its_address_on_the_slide(tmp_path):
    talk = talk_with_links(tmp_path / "talk")
    result = cli("build", talk, "--out", tmp_path / "out", "--only", "pptx")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output
    deck = Presentation(str(tmp_path / "out" / "small-talk.pptx"))
    slide = next(s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text == "Resources")
    codes = [shape for shape in slide.shapes if shape.shape_type == 13]
    assert len(codes) == 1
    assert codes[0].image.blob == qr_png("https://example.org/papers/love", 600)
    assert codes[0]._element.nvPicPr.cNvPr.get("descr") == "QR code: example.org/papers/love"
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert "example.org/papers/love" in texts
    assert not any("{qr}" in t for t in texts)
    # The code sits inside the slide, below the text, clear of the footer.
    code = codes[0]
    assert code.left + code.width <= deck.slide_width and code.top + code.height <= deck.slide_height


def _figures_alt(pdf) -> list[str]:
    with pikepdf.open(pdf) as document:
        found = []

        def walk(node):
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure" and "/Alt" in node:
                    found.append(str(node["/Alt"]))
                for key in ("/K",):
                    if key in node:
                        walk(node[key])
            elif isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child)

        walk(document.Root.StructTreeRoot)
        return found


def test_the_handout_draws_marked_links_or_every_link(tmp_path):
    talk = talk_with_links(tmp_path / "talk")
    assert cli("build", talk, "--out", tmp_path / "marked", "--only", "handout").exit_code == 0
    marked = _figures_alt(tmp_path / "marked" / "small-talk-handout.pdf")
    assert [a for a in marked if a.startswith("QR code")] == ["QR code: example.org/papers/love"]

    every = talk_with_links(tmp_path / "every", DECK_TOML + "\n[handout]\nqr = true\n")
    result = cli("build", every, "--out", tmp_path / "all", "--only", "handout")
    assert result.exit_code == 0, result.output
    codes = [a for a in _figures_alt(tmp_path / "all" / "small-talk-handout.pdf") if a.startswith("QR code")]
    assert codes == ["QR code: example.org", "QR code: example.org/papers/love", "QR code: team@example.net", "QR code: example.com"]
    text = subprocess.run(["pdftotext", str(tmp_path / "all" / "small-talk-handout.pdf"), "-"], capture_output=True, text=True).stdout
    assert "{qr}" not in text and "example.org/papers/love" in text


def test_qr_must_be_true_or_false(tmp_path):
    talk = talk_with_links(tmp_path / "talk", DECK_TOML + '\n[handout]\nqr = "yes"\n')
    result = cli("check", talk)
    assert result.exit_code == 1 and "deck/deck.toml:17: error: 'qr' must be true or false" in result.output, result.output
