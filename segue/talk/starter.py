"""`new`: a talk folder to start from, which builds with no warning.

It holds deck/deck.toml (every key there is, the optional ones commented
out), one segment file per agenda segment with a first slide and a line of
notes for each speaker, a handout page, an empty assets/ folder, and
deck/_examples.md: a draft (skipped by the build) showing each construct
the format knows, to copy from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from segue.diagnostics import quoted
from segue.talk.read.config import MAX_SPEAKER_ID, RESERVED_CONTAINERS, SPEAKER_ID
from segue.talk.read.slug import default_slug, slugify


class NewTalkProblem(ValueError):
    """What is wrong with the options for a new talk; the message is for the presenter."""


@dataclass(frozen=True)
class NewSpeaker:
    id: str
    role: str


@dataclass(frozen=True)
class NewSegment:
    title: str
    minutes: int


def parse_speakers(value: str) -> list[NewSpeaker]:
    """`clinician:Clinician,client` -> speakers (a role defaults to the id, capitalised)."""
    speakers = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        speaker_id, _, role = part.partition(":")
        speaker_id = speaker_id.strip().lower()
        if not SPEAKER_ID.fullmatch(speaker_id) or len(speaker_id) > MAX_SPEAKER_ID or speaker_id in RESERVED_CONTAINERS:
            raise NewTalkProblem(
                f"speaker id {quoted(speaker_id)}: use lowercase letters, digits and '-', starting with a letter, "
                f"at most {MAX_SPEAKER_ID} of them, and none of {', '.join(RESERVED_CONTAINERS)}"
            )
        speakers.append(NewSpeaker(speaker_id, role.strip() or speaker_id.replace("-", " ").capitalize()))
    if not speakers:
        raise NewTalkProblem("name at least one speaker, like --speakers clinician:Clinician,client:Client")
    if len({s.id for s in speakers}) != len(speakers):
        raise NewTalkProblem("each speaker id must be different")
    return speakers


def parse_segment(value: str) -> NewSegment:
    """`"Narrative: The Story:20"`: the title, then the minutes after the last colon."""
    title, _, minutes = value.rpartition(":")
    if not title.strip() or not minutes.strip().isdigit() or int(minutes) < 1:
        raise NewTalkProblem(f"--segment {quoted(value)}: write it as \"Title:minutes\", like \"Introduction:5\"")
    return NewSegment(title.strip(), int(minutes))


def even_segments(count: int, minutes: int) -> list[NewSegment]:
    """`count` segments sharing `minutes` in whole minutes (the last takes what is left)."""
    if count < 1 or count > minutes:
        raise NewTalkProblem(f"{count} segments cannot share {minutes} minutes: each needs at least one")
    share = minutes // count
    return [NewSegment(f"Part {n}", share if n < count else minutes - share * (count - 1)) for n in range(1, count + 1)]


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def deck_toml(title: str, minutes: int, speakers: list[NewSpeaker], paper: str) -> str:
    lines = [
        "# The talk: see docs/deck-toml.md in segue's repository for every key.",
        f"title = {_toml_string(title)}",
        f"duration = {minutes}                     # minutes in the slot; the segments add up to it",
        '# subtitle = "What the talk promises"',
        '# event = "Where it is given"',
        "# date = 2027-04-18",
        '# start = "14:30"                # times of day in the agenda, cues and run-of-show',
        "# words_per_minute = 140",
        '# lang = "en"',
        f"# slug = {_toml_string(default_slug(title))}    # the output files' names: {default_slug(title)}.pptx, …",
        "",
    ]
    for speaker in speakers:
        lines += [f"[speakers.{speaker.id}]", f"role = {_toml_string(speaker.role)}", '# name = "Their name"          # leave it out to present by role alone', ""]
    lines += [
        "[theme]",
        '# template = "assets/template.pptx"',
        '# logo = "assets/logo.png"',
        '# accent = "#7A3E65"',
        "# progress_bar = true",
        "",
        "[handout]",
        f'paper = "{paper}"',
        "",
    ]
    return "\n".join(lines)


def segment_file(segment: NewSegment, speakers: list[NewSpeaker], first: bool) -> str:
    lead = ", ".join(s.id for s in speakers)
    notes = "\n".join(f"::: {s.id}\n[{s.role}: what you say on this slide.]\n:::\n" for s in speakers)
    intro = "Welcome, and what this session offers." if first else "What this part is about."
    return (
        f"---\ntitle: {_toml_string(segment.title)}\nminutes: {segment.minutes}\nlead: [{lead}]\n---\n\n"
        f"## {segment.title}: first slide\n\n- {intro}\n- One point per line; at most six on a slide.\n\n{notes}"
    )


HANDOUT = """\
# Notes to take home

A page of the handout: it follows the slides marked `{.handout}`.

What will you try first?

::: write 4
:::
"""


def examples(speakers: list[NewSpeaker]) -> str:
    first = speakers[0].id
    return f"""\
---
title: "Examples (a draft: files starting with _ are not built)"
minutes: 5
---

<!-- Comments like this one are yours alone: they never appear anywhere. -->

## Text and lists {{time=1m}}

- **Bold**, *italic*, ~~struck~~, `code`, H~2~O, x^2^, [a link](https://example.org)
  - a nested point (three levels at most)
- [ ] a task still to do
- [x] a task done

::: {first}
Your lines: only you see them in full, in your script and the notes.
:::

::: notes
Lines for every speaker.
:::

---

## Two columns {{.handout}}

:::: columns
::: column
Left: this slide is in the handout too (`.handout`).
:::
::: column
| Is | Is not |
|:---|-------:|
| calm | rushed |
:::
::::

::: handout
Only in the handout.
:::

---

## Three columns, as wide as they ask

:::: columns
::: {{.column width="25%"}}
A quarter
:::
::: {{.column width="25%"}}
Another
:::
::: {{.column width="50%"}}
Half the width
:::
::::

---

## A chart from data

```chart {{type=column alt="Scores before and after"}}
Week,Before,After
Week 0,62,61
Week 12,49,22
```

<!-- Or keep the data in a CSV file: ![Scores before and after](assets/scores.csv){{chart=line}}
(bar, column, line, pie or scatter). -->

<!-- Citations: name a BibTeX file in deck.toml (bibliography = "refs.bib"), then cite
[@key], [see @key, p. 4] or @key; a References slide follows the last segment. -->

---

## A picture

<!-- Put a picture in assets/, name it, and give the slide {{layout=image}} to fill it:
![what it shows](assets/photo.jpg){{width=60%}} -->

Words beside or above the picture.

---

## A quote {{layout=quote}}

> Words worth reading from the back of the room.

— Who said them

---

## Step by step {{.incremental}}

- appears on the first click
- then this one

. . .

After a pause[^1]: $E = mc^2$, and on its own line:

$$\\frac{{a}}{{b}}$$

[^1]: A footnote, at the foot of the slide.

---

## Links to read out

An address meant to be read out loud, written in angle brackets: <https://example.org/slides>

[The survey](https://example.org/survey){{qr}} gets a QR code at the slide's foot.

---

## Code and definitions

```python
def minutes_left(planned, spoken):
    \"\"\"Coloured by its language.\"\"\"
    return max(0, planned - spoken)

print(minutes_left(20, 12))
```

Term
: What it means.

| A line block keeps
| its lines as written
"""


def write_new_talk(
    folder: Path, title: str, minutes: int, speakers: list[NewSpeaker], segments: list[NewSegment], paper: str
) -> list[Path]:
    """Write the talk; NewTalkProblem when the folder is not empty or the parts disagree."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NewTalkProblem(f"{folder} is not an empty folder: a new talk starts in an empty one")
    if sum(s.minutes for s in segments) != minutes:
        raise NewTalkProblem(
            f"the segments add up to {sum(s.minutes for s in segments)} minutes, not the talk's {minutes}"
        )
    files = {Path("deck/deck.toml"): deck_toml(title, minutes, speakers, paper)}
    for number, segment in enumerate(segments, start=1):
        name = re.sub(r"-+", "-", slugify(segment.title))[:40].strip("-") or "segment"
        files[Path(f"deck/{number:02d}-{name}.md")] = segment_file(segment, speakers, number == 1)
    files[Path("deck/_examples.md")] = examples(speakers)
    files[Path("handouts/01-notes.md")] = HANDOUT
    written = []
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (folder / "assets").mkdir(exist_ok=True)
    return written
