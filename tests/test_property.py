"""Arbitrary markdown and front matter give a build or diagnostics, never another exception."""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
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

plain_words = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=12).map(lambda w: w.strip() or "w")
constructs = st.one_of(
    st.builds(lambda w: f"~~{w}~~ and H~2~O x^2^", plain_words),
    st.builds(lambda w: f"{w}[^n1] more[^n2]\n\n[^n1]: {w}\n[^n2]: second", plain_words),
    st.builds(lambda w: f"- [ ] {w}\n- [x] {w}", plain_words),
    st.builds(lambda w: f"{w}\n: a definition of {w}", plain_words),
    st.builds(lambda w: f"| {w}\n| second line", plain_words),
    st.builds(lambda w: f"Inline $x^2 + {len(w)}$ here", plain_words),
    st.sampled_from(["$$\\frac{a}{b}$$", "$$\\sqrt{x}$$", "$$\\frac{a}$$", "$$\\nocommand{x}$$", "$$a_i^2$$"]),
    st.builds(lambda lang, w: f"```{lang}\n{w} = 1\n```", st.sampled_from(["python", "", "nosuchlanguage", "js"]), plain_words),
    st.sampled_from(["![A](assets/p.png){width=40%}", "![A](assets/p.png){height=2in}", "![A](assets/p.png){width=nope}"]),
    st.builds(lambda w: f"Text <!-- secret {w} --> more", plain_words),
    st.builds(lambda w: f"<!--\nblock secret {w}\n-->", plain_words),
    st.builds(lambda w: f"<b>{w}</b> and <span>{w}</span>", plain_words),
    st.builds(lambda w: f"::: incremental\n- {w}\n- two\n:::", plain_words),
    st.builds(lambda w: f"::: nonincremental\n- {w}\n:::", plain_words),
    st.just(". . ."),
    st.builds(lambda w: f"A paragraph {{.fancy}} and [{w}]{{.smallcaps}}", plain_words),
    st.builds(lambda w: f"## {w} {{.incremental background=assets/p.png}}", plain_words),
    st.builds(lambda w: f"::: clinician\n{w}\n\n. . .\n\nafter <!-- note secret -->\n:::", plain_words),
    st.builds(lambda w: f"See https://example.org/{w.replace(' ', '')} now", plain_words),
    st.builds(lambda w: f'{w} "quoted" -- and [@herman1992, p. 4] or @herman1992 [chap. 2] and [-@herman1992]', plain_words),
    st.builds(lambda w: f"::: clinician\n{w}\n. . .\nafter the click\n:::", plain_words),
    st.builds(
        lambda w, widths: ":::: columns\n" + "\n".join(f'::: {{.column width="{width}%"}}\n- {w}\n:::' for width in widths) + "\n::::",
        plain_words, st.lists(st.sampled_from([20, 25, 30, 50, 70]), min_size=2, max_size=4),
    ),
    st.sampled_from(["![Scores](assets/scores.csv){chart=bar}", "![Scores](assets/scores.csv){chart=line}", "![A circle](assets/c.svg)"]),
    st.builds(lambda kind: f'```chart {{type={kind} alt="Sessions"}}\nPlace,Sessions\nClinic,30\nHome,12\n```', st.sampled_from(["pie", "column", "bar"])),
)
LITERAL = ("~~", "[^", "$$", "<!--", "{width", "{.", "secret", "[@", "@herman", '"quoted"', "chart=", "Clinic,30", "<svg", "circle cx", ". . .")


def _deck_text(path: Path) -> str:
    import re
    import zipfile

    with zipfile.ZipFile(path) as package:
        xml = "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))
    return "".join(re.findall(r"<(?:a|m):t>([^<]*)</(?:a|m):t>", xml))


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(constructs, min_size=1, max_size=8), st.lists(constructs, max_size=4))
def test_every_construct_is_rendered_never_printed(body, handout):
    from tests.render.pdfreader import flat

    root = Path(tempfile.mkdtemp(prefix=f"segue-md-{next(_counter)}-"))
    try:
        write(root / "deck" / "deck.toml", DECK_TOML.replace('slug = "small-talk"', 'slug = "small-talk"\nbibliography = "refs.bib"'))
        write(root / "refs.bib", "@book{herman1992, author={Herman, Judith}, title={Trauma and Recovery}, year=1992}\n")
        write(root / "assets" / "scores.csv", "Week,Before,After\nWeek 0,62,61\nWeek 12,49,22\n")
        write(root / "assets" / "c.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle cx="2" cy="2" r="2"/></svg>')
        segment = "---\ntitle: One\nminutes: 10\n---\n\n## Start {.handout}\n\n" + "\n\n".join(body) + "\n"
        write(root / "deck" / "01-one.md", segment)
        write(root / "handouts" / "01-page.md", "# Page\n\n" + "\n\n".join(handout) + "\n")
        picture(root / "assets" / "p.png", size=(40, 30))
        result = CliRunner().invoke(main, ["build", str(root), "--out", str(root / "dist")], catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code == 0, result.output
        out = root / "dist"
        texts = {"deck": _deck_text(out / "small-talk.pptx")}
        for name in ("handout", "clinician-script", "client-script"):
            texts[name] = flat(out / f"small-talk-{name}.pdf")
        for where, text in texts.items():
            leaked = [markup for markup in LITERAL if markup in text]
            assert not leaked, (where, leaked, text[:300])
    finally:
        shutil.rmtree(root, ignore_errors=True)
