"""Arbitrary markdown and front matter give a build or diagnostics, never another exception."""

from __future__ import annotations

import itertools
import re
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from segue.commands import main
from tests.helpers import DECK_TOML, picture, write

def mostly(good, bad, one_in: int):
    """`bad` about once in `one_in` draws, so most talks get far enough to render."""
    return st.integers(0, one_in - 1).flatmap(lambda i: bad if i == 0 else good)


words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
good_attrs = st.sampled_from(
    ["", "{.handout}", "{time=45s}", "{time=1m30s}", "{layout=quote}", "{layout=image}", "{layout=two-column}",
     "{layout=blank}", "{layout=title-only}", "{.handout layout=two-column}"]
)
bad_attrs = st.sampled_from(["{time=}", "{layout=nope}", "{oops", "{.a b=c}", '{x="y}', "{time=99m}"])
good_images = st.sampled_from(["![alt](assets/p.png)", "![a](assets/p.png){fit=cover}", "![](assets/p.png)"])
bad_images = st.sampled_from(
    ["![a](assets/missing.png)", "![a](../x.png)", "![a](https://x.org/a.png)", "![a](assets/p.png){fit=zoom}", "![a](/abs.png)", "![a](assets)"]
)
good_names = st.sampled_from(["clinician", "client", "notes", "handout", "write 3"])
bad_names = st.sampled_from(["column", "write x", "guest", "columns"])

good_fragments = st.one_of(
    words,
    st.builds(lambda w, a: f"## {w} {a}", words, good_attrs),
    st.builds(lambda w: f"### {w}", words),
    st.builds(lambda n, w: f"::: {n}\n{w}\n:::", good_names, words),
    st.builds(lambda w: f":::: columns\n::: column\n{w}\n:::\n::: column\n- {w}\n:::\n::::", words),
    st.builds(lambda w: f"- {w}\n  - {w}\n    - {w}\n      - {w}", words),
    st.builds(lambda w: f"1. {w}\n2. **{w}**", words),
    st.builds(lambda w: f"> {w}\n\n— *{w}*", words),
    st.builds(lambda w: f"| a | {w} |\n|---|:-:|\n| `{w}` | [{w}](https://e.org) |", words),
    st.builds(lambda w: f"```\n{w}\n```", words),
    good_images,
    st.just("---"),
    st.sampled_from(['Follow @handle and "quote" -- dash...', "Mail me@example.org", ":::: columns\n::: {.column width=\"30%\"}\nA\n:::\n::: {.column width=\"70%\"}\nB\n:::\n::::"]),
)
bad_fragments = st.one_of(
    st.builds(lambda w, a: f"## {w} {a}", words, bad_attrs),
    st.builds(lambda n, w: f"::: {n}\n{w}\n:::", bad_names, words),
    st.builds(lambda n, w: f"::: {n}\n{w}", good_names, words),  # unclosed
    bad_images,
    st.just("***"),
    st.just("<div>html</div>"),
    st.sampled_from([
        "As [@nokey] showed", "![S](assets/nothing.csv){chart=bar}", "```chart {type=donut}\na,b\n1,x\n```",
        ':::: columns\n::: {.column width="wide"}\nx\n:::\n::::', "![S](assets/p.png){chart=bar}", "[see @a; @b, p. 4]",
    ]),
)
# Mostly well-formed talks, so renderers see varied content; some hostile input.
fragments = mostly(good_fragments, bad_fragments, one_in=12)
good_front = st.builds(
    lambda title, minutes: f"---\ntitle: {json.dumps(title)}\nminutes: {minutes}\nlead: [clinician]\n---\n",
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF, blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20),
    st.sampled_from(["1", "2.5", "3"]),
)
bad_front = st.one_of(
    st.builds(lambda m: f"---\ntitle: Segment\nminutes: {m}\n---\n", st.sampled_from(["0", "-1", "x", "1e9", "[1]", ""])),
    st.builds(lambda w: f"---\n{w}\n---\n", words),
    st.just("---\ntitle: [unclosed\n---\n"),
    st.just("---\n- a\n- b\n---\n"),
    st.just("no front matter\n"),
    st.just("---\ntitle: never closed\n"),
)
front_matters = mostly(good_front, bad_front, one_in=8)
segments = st.builds(
    lambda fm, first, body: fm + "\n## " + first + "\n\n" + "\n\n".join(body) + "\n",
    front_matters,
    words,
    st.lists(fragments, max_size=10),
)

_counter = itertools.count()


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(segments, min_size=1, max_size=3), st.lists(fragments, max_size=5))
def test_any_talk_builds_or_reports(segment_texts, handout_fragments):
    root = Path(tempfile.mkdtemp(prefix=f"segue-prop-{next(_counter)}-"))
    try:
        write(root / "deck" / "deck.toml", DECK_TOML)
        for index, text in enumerate(segment_texts, start=1):
            write(root / "deck" / f"{index:02d}-s.md", text)
        write(root / "handouts" / "01-page.md", "\n\n".join(handout_fragments) + "\n")
        picture(root / "assets" / "p.png", size=(40, 30))
        result = CliRunner().invoke(main, ["build", str(root), "--out", str(root / "dist")], catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code in (0, 1), result.output
        if result.exit_code == 1:
            assert ": error: " in result.output, result.output
        assert "Traceback" not in result.output
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- the markdown presenters write: every construct, never as literal markup -------------------------

# Each construct as a template around a token: `{t}` is a word no output holds by itself
# ("zq" and letters up to p), `{n}` a footnote label of its own. `shows` says whether
# the token is text a reader sees; a comment's is not.
INLINE = {
    "strike": ("~~{t}~~", True),
    "subscript": ("H~2~O {t}", True),
    "superscript": ("x^2^ {t}", True),
    "footnote": ("{t}[^{n}]", True),  # its note follows the paragraph (FOOTNOTE)
    "math": ("${t}^2 + 1$", False),  # set as math: its letters become the formula's
    "html": ("<b>{t}</b> <span>{t}</span>", True),
    "comment": ("<!-- secret {t} -->", False),
    "attributes": ("[{t}]{{.smallcaps}}", True),
    "language": ("[{t}]{{lang=fr}} [*{t}* too]{{lang=de-AT}}", True),
    "emphasis": ("*{t}* **{t}** _{t}_", True),
    "code": ("`{t}`", True),
    "autolink": ("<https://example.org/{t}>", True),
    "citation": ("[@herman1992, p. 4] and @herman1992 [chap. 2] or [-@herman1992] {t}", True),
    "typographic": ('"quoted" -- {t}...', True),
}
BLOCKS = {
    "tasks": ("- [ ] {t}\n- [x] {t}", True),
    "definitions": ("{t}\n: defined {t}", True),
    "line block": ("| {t}\n| {t} again", True),
    "pause": ("{t}\n\n. . .\n\nafter", True),
    "display math": ("$$\\frac{{{t}}}{{2}}$$", False),
    "block comment": ("<!--\nblock secret {t}\n-->", False),
    "html block": ("<div>{t}</div>", True),
    "paragraph attributes": ("{t} {{.fancy}}", True),
    "inner heading": ("### {t} {{.fancy}}", True),
    "picture attributes": ("![{t}](assets/p.png){{width=40%}}", False),
    "quote": ("> {t}", True),
    "fenced code": ("```python\n{t} = 1\n```", True),
    "table": ("| a | {t} |\n|---|---|\n| ~~{t}~~ | $x^2$ |", True),
}
CONTAINERS = {  # in a slide or a handout page; a speaker's notes hold no containers of their own
    "incremental": ("::: incremental\n- {t}\n- two\n:::", True),
    "nonincremental": ("::: nonincremental\n- {t}\n:::", True),
    "columns": (":::: columns\n::: column\n{t}\n:::\n::: column\n- {t}\n:::\n::::", True),
    "column widths": (':::: columns\n::: {{.column width="30%"}}\n{t}\n:::\n::: {{.column width="70%"}}\n- {t}\n:::\n::::', True),
    "chart": ("![Scores {t}](assets/scores.csv){{chart=bar}}", False),
    "chart block": ('```chart {{type=pie alt="Sessions {t}"}}\nPlace,Sessions\nClinic,30\nHome,12\n```', False),
    "svg": ("![A circle {t}](assets/c.svg)", False),
}
FOOTNOTE = "[^{n}]: noted {t}"
TYPED_TILDE = "about ~5 minutes"  # a tilde typed as text: it stays
CONSTRUCTS = {**INLINE, **BLOCKS, **CONTAINERS, "typed tilde": (TYPED_TILDE + " {t}", True)}
# Markup no output holds once the talk's words are letters only: the build's own
# text (cues, clock times, addresses, a note's number as [1] on a notes page) has none.
LITERAL = (
    "~", "^", "[^", "[ ]", "[x]", "](", "]{", "{", "}", "$", "<", ">", "`", "*", "_", "\\", "|", ":::", ". . .", "secret",
    "[@", "@herman", '"quoted"', "-- zq", "chart=", "width=", "Clinic,30", "<svg", "circle cx",
)

tokens = st.text(alphabet="abcdefghijklmnop", min_size=1, max_size=6).map(lambda w: "zq" + w)
inline_part = st.tuples(st.sampled_from([*sorted(INLINE), "typed tilde"]), tokens)
notes_part = st.tuples(st.sampled_from([*sorted(INLINE), "typed tilde", *sorted(BLOCKS)]), tokens)
slide_part = st.tuples(st.sampled_from(sorted(CONSTRUCTS)), tokens)


class Written:
    """Drawn constructs as markdown: their text, their footnotes' text, the tokens
    a reader sees, and whether a tilde was typed as text."""

    def __init__(self, drawn: list[tuple[str, str]], labels: itertools.count) -> None:
        self.parts, self.footnotes, self.shown = [], [], []
        self.cuttable = set()  # tokens of tables and code, which a full slide cuts with a warning naming what it left out
        self.left_out = set()  # tokens a slide leaves out, with a warning at their line
        self.columns = 0
        self.tilde = any(name == "typed tilde" for name, _ in drawn)
        for name, token in drawn:
            template, shows = CONSTRUCTS[name]
            label = f"n{next(labels)}"
            self.parts.append(template.format(t=token, n=label))
            if name == "footnote":
                self.footnotes.append(FOOTNOTE.format(t=token, n=label))
            if shows:
                self.shown.append(token)
            if name in ("table", "fenced code"):
                self.cuttable.add(token)
            if name in ("columns", "column widths"):
                self.columns += 1
                if self.columns > 1:  # a slide shows its first `:::: columns` and says it left the others out
                    self.left_out.add(token)

    def text(self, *more_footnotes: str) -> str:
        return "\n\n".join([*self.parts, *self.footnotes, *more_footnotes])


def _deck_text(path: Path) -> str:
    """What the deck's slides and notes pages say: every run of text and of math."""
    import html
    import re
    import zipfile

    with zipfile.ZipFile(path) as package:
        xml = "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))
    return " ".join(html.unescape(t) for t in re.findall(r"<(?:a|m):t(?:\s[^>]*)?>([^<]*)</(?:a|m):t>", xml))


def _run_of_show_text(out: Path) -> str:
    """The run-of-show as a reader sees it: the CSV's cells, the markdown rendered."""
    import csv
    import html
    import re

    from markdown_it import MarkdownIt

    cells = [c for row in csv.reader((out / "small-talk-run-of-show.csv").open(encoding="utf-8")) for c in row]
    rendered = MarkdownIt("commonmark").enable("table").render((out / "small-talk-run-of-show.md").read_text(encoding="utf-8"))
    return " ".join(cells) + " " + html.unescape(re.sub(r"<[^>]+>", " ", rendered))


def every(names, prefix: str) -> list[tuple[str, str]]:
    """Each construct once, with a token of its own."""
    return [(name, prefix + "".join(c for c in name if c in "abcdefghijklmnop")) for name in sorted(names)]


EVERY_INLINE = every([*INLINE, "typed tilde"], "zq")
EVERY_BLOCK = every(BLOCKS, "zqb")
EVERY_CONTAINER = every(CONTAINERS, "zqc")


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.lists(inline_part, min_size=1, max_size=3),
    body=st.lists(slide_part, min_size=1, max_size=8),
    notes=st.lists(notes_part, max_size=5),
    page=st.lists(slide_part, max_size=4),
)
@example(
    title=EVERY_INLINE,
    body=EVERY_INLINE + EVERY_BLOCK + EVERY_CONTAINER,
    notes=EVERY_INLINE + EVERY_BLOCK,
    page=EVERY_INLINE + EVERY_BLOCK + EVERY_CONTAINER,
)
def test_every_construct_is_rendered_never_printed(title, body, notes, page):
    """Whatever the constructs and wherever they are (a slide's title, its body, a
    speaker's notes, a handout page), no output holds their markup, every token a
    reader should see is there, and a tilde typed as text stays."""
    counter = itertools.count()
    title, body, notes, page = (Written(drawn, counter) for drawn in (title, body, notes, page))
    root = Path(tempfile.mkdtemp(prefix=f"segue-md-{next(_counter)}-"))
    try:
        write(root / "deck" / "deck.toml", DECK_TOML.replace('slug = "small-talk"', 'slug = "small-talk"\nbibliography = "refs.bib"'))
        write(root / "refs.bib", "@book{herman1992, author={Herman, Judith}, title={Trauma and Recovery}, year=1992}\n")
        write(root / "assets" / "scores.csv", "Week,Before,After\nWeek 0,62,61\nWeek 12,49,22\n")
        write(root / "assets" / "c.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle cx="2" cy="2" r="2"/></svg>')
        slide = f"## {' '.join(title.text().split())} {{.handout}}\n\n{body.text(*title.footnotes)}\n"
        if notes.parts:
            slide += f"\n::: clinician\n{notes.text()}\n:::\n"
        write(root / "deck" / "01-one.md", f"---\ntitle: One\nminutes: 10\n---\n\n{slide}")
        write(root / "handouts" / "01-page.md", f"# Page\n\n{page.text()}\n")
        picture(root / "assets" / "p.png", size=(40, 30))
        result = CliRunner().invoke(main, ["build", str(root), "--out", str(root / "dist")], catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code == 0, result.output
        out = root / "dist"
        from tests.render.pdfreader import flat

        texts = {
            "deck": _deck_text(out / "small-talk.pptx"),
            "handout": flat(out / "small-talk-handout.pdf"),
            "clinician script": flat(out / "small-talk-clinician-script.pdf"),
            "client script": flat(out / "small-talk-client-script.pdf"),
            "run-of-show": _run_of_show_text(out),
        }
        for where, text in texts.items():
            leaked = [markup for markup in LITERAL if markup in text.replace(TYPED_TILDE, "")]
            assert not leaked, (where, leaked, text)
        # Where each part shows: the title everywhere, the body on the slide and in
        # the handout (a `.handout` slide), notes in the deck and the speaker's own script.
        shows = {
            "deck": (title, body, notes),
            "handout": (title, body, page),
            "clinician script": (title, notes),
            "client script": (title,),
            "run-of-show": (title,),
        }
        said_cut = re.search(r"warning: the (table|code) .*(is left out|are left out|cut short)", result.output)
        for where, parts in shows.items():
            missing = [token for part in parts for token in part.shown if token not in texts[where]]
            if where == "deck" and said_cut:  # what a slide had no room for, and said so; the handout keeps it
                missing = [token for token in missing if token not in body.cuttable]
            if where == "deck" and "this one is left out" in result.output:
                missing = [token for token in missing if token not in body.left_out]
            assert not missing, (where, missing, texts[where])
            if any(part.tilde for part in parts):
                assert TYPED_TILDE in texts[where], (where, texts[where])
    finally:
        shutil.rmtree(root, ignore_errors=True)
