"""`bundle`: one zip for the organizer, made from a public build only.

The zip holds the public deck, the deck PDF when LibreOffice made one, the
handout, the run-of-show and a README.txt (what the talk is, who presents it,
every file with its SHA-256 sum, how to present). Its bytes depend only on the
talk: entries in a fixed order, with the build's date, fixed permissions and
a fixed compression level.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import replace
from pathlib import Path

from segue.talk import labels
from segue.talk.model import Talk
from segue.talk.plan import Plan
from segue.render.stamp import build_time, dated_by, zip_date

# What an organizer receives, by allow-list: a file the public build made that is
# not one of these never goes in.
SHARED = ("{slug}.pptx", "{slug}-deck.pdf", "{slug}-handout.pdf", "{slug}-run-of-show.csv", "{slug}-run-of-show.md")
FILE_MODE = 0o644


def bundle_name(talk: Talk) -> str:
    return f"{talk.slug}-bundle.zip"


def shared_files(talk: Talk, public: Path) -> dict[str, bytes]:
    """The files of the public build in `public` that go to the organizer, in order."""
    found = {}
    for pattern in SHARED:
        name = pattern.format(slug=talk.slug)
        if (public / name).is_file():
            found[name] = (public / name).read_bytes()
    return found


def date_line(talk: Talk) -> list[str]:
    """What the files' date is, said as what it is: the talk's date or SOURCE_DATE_EPOCH,
    never when the zip was made (a build's bytes do not depend on when it runs)."""
    when, origin = dated_by(talk)
    english = replace(talk, lang="en")
    if origin == "the talk's date":
        return [f"Dated {labels.long_date(english, when.date())} (the talk's date): the date every file here carries."]
    if origin is not None:
        clock = f", {when:%H:%M} UTC" if (when.hour, when.minute) != (0, 0) else ""
        return [f"Dated {labels.long_date(english, when.date())}{clock} ({origin}): the date every file here carries."]
    return []


def readme(talk: Talk, plan: Plan, files: dict[str, bytes]) -> str:
    """The zip's README.txt, in English whatever the talk's language: it is the
    organizer's, and speaks of the files as this README does."""
    talk = replace(talk, lang="en")
    lines = [talk.title]
    if talk.subtitle:
        lines.append(talk.subtitle)
    if labels.event_and_date(talk):
        lines.append(labels.event_and_date(talk))
    lines += ["", f"Duration: {labels.minutes(talk, talk.duration)}" + (f", from {labels.at(talk, 0)}" if talk.start is not None else ""), ""]
    credited = labels.credits(talk)
    if credited:
        lines.append("Presented by:")
        lines += [f"  {credit}" for credit in credited]
        lines.append("")
    lines.append("Segments:")
    for segment in plan.segments:
        led = labels.lead(talk, segment.segment)
        clock = labels.clock_range(talk, segment.start, segment.end)
        lines.append(f"  {clock}  {segment.segment.title} ({labels.minutes(talk, segment.segment.minutes)})" + (f", led by {led}" if led else ""))
    lines += ["", "Files (SHA-256):"]
    for name, data in files.items():
        lines.append(f"  {hashlib.sha256(data).hexdigest()}  {name}  ({len(data):,} bytes)")
    lines += [
        "",
        *date_line(talk),
        "Made from the talk's sources as a public copy: the deck has no speaker notes,",
        "and no presenter's script is included.",
        "",
        "How to present:",
        f"  - Open {talk.slug}.pptx in PowerPoint, Keynote or LibreOffice Impress."
        + (f"\n    Without any of them, show {talk.slug}-deck.pdf full screen." if f"{talk.slug}-deck.pdf" in files else ""),
        "  - Presenter view shows no notes: this copy has none; the presenters bring their own.",
        "  - Slide timings: each slide carries its planned time for reference. Leave",
        "    'Use Timings' (PowerPoint: Slide Show tab) and automatic advance off, so",
        "    the presenters advance the slides themselves.",
        "  - The run-of-show (.csv for spreadsheets, .md to read) is for the timekeeper:",
        "    each slide's start, duration and end.",
        "  - The handout is for printing, one copy per attendee.",
        "",
    ]
    return "\n".join(lines)


def make_zip(talk: Talk, plan: Plan, files: dict[str, bytes]) -> bytes:
    """The zip: every file under a folder named after the talk, README.txt first."""
    stamp = zip_date(build_time(talk))
    entries = {"README.txt": readme(talk, plan, files).encode("utf-8"), **files}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(f"{talk.slug}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the machine: the permissions below are read the same way
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
