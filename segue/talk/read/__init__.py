"""Read a talk folder into the model: deck.toml, segment files, handout pages."""

from __future__ import annotations

from pathlib import Path

from segue.diagnostics import Diagnostics
from segue.talk.model import Source, Talk
from segue.talk.read.assets import AssetResolver
from segue.talk.read.bibliography import resolve_citations
from segue.talk.read.config import CONFIG_PATH, read_config
from segue.talk.read.handouts import HandoutReader
from segue.talk.read.names import SpeakerNames
from segue.talk.read.segments import TitleNotesReader, read_segment

TITLE_NOTES = "deck/_title.md"  # the notes of the title and agenda slides (not a draft, despite the `_`)


def talk_files(root: Path, folder: str) -> list[str]:
    """Markdown files of a talk folder in build order; names starting with `_` are drafts."""
    directory = root / folder
    if not directory.is_dir():
        return []
    return [
        f"{folder}/{file.name}"
        for file in sorted(directory.iterdir(), key=lambda f: f.name)
        if file.suffix == ".md" and not file.name.startswith("_") and file.is_file()
    ]


def misnamed_segments(root: Path) -> list[str]:
    """Files in deck/ named like a segment (`01-…`) but not ending in .md (`.txt`, `.markdown`,
    `.MD`): the build does not read them, and the presenter most likely meant it to."""
    directory = root / "deck"
    if not directory.is_dir():
        return []
    return [
        f"deck/{file.name}"
        for file in sorted(directory.iterdir(), key=lambda f: f.name)
        if file.is_file() and file.name[:1].isdigit() and file.suffix != ".md"
        and file.suffix.lower() in (".md", ".markdown", ".mdown", ".mkd", ".txt")
    ]


def read_talk(root: Path, report: Diagnostics) -> Talk | None:
    """The talk in `root`, or None without a usable deck.toml (errors reported)."""
    if not root.is_dir():
        report.error(str(root), None, "talk folder not found")
        return None
    assets = AssetResolver(root, report)
    config = read_config(root, report, assets)
    # Without a usable deck.toml nobody knows who speaks: speaker containers and
    # leads are then taken as written, so that only the cause is reported.
    names = SpeakerNames(config.speakers if config else None)
    lang = config.lang if config else "en"

    segments, unread = [], []
    for path in talk_files(root, "deck"):
        segment = read_segment(root, path, names, report, assets, lang)
        if segment is not None:
            segments.append(segment)
        else:
            unread.append(path)
    for path in misnamed_segments(root):
        report.warning(path, None, f"is not read: a segment file's name ends in .md (rename it {path.rsplit('.', 1)[0]}.md)")
        unread.append(path)
    if not talk_files(root, "deck") and (root / CONFIG_PATH).is_file():
        report.error("deck", None, "no segments: add segment files like deck/01-introduction.md")

    title_notes, agenda_notes = [], []
    if (root / TITLE_NOTES).is_file():
        title_notes, agenda_notes = TitleNotesReader(root, TITLE_NOTES, names, report, assets, lang).read()

    pages = []
    for path in talk_files(root, "handouts"):
        page = HandoutReader(root, path, names, report, assets, lang).read()
        if page is not None:
            pages.append(page)

    names.report(report)

    # Whatever could be read is returned even with errors, so that planning
    # can report its own problems in the same run; nothing renders on errors.
    if config is None:
        return None
    talk = Talk(
        root=root,
        title=config.title,
        duration=config.duration,
        slug=config.slug,
        speakers=config.speakers,
        segments=segments,
        subtitle=config.subtitle,
        event=config.event,
        date=config.date,
        words_per_minute=config.words_per_minute,
        lang=config.lang,
        start=config.start,
        theme=config.theme,
        handout=config.handout,
        handout_pages=pages,
        title_notes=title_notes,
        agenda_notes=agenda_notes,
        duration_source=Source(CONFIG_PATH, config.duration_line),
        asset_uses=assets.uses,
        unread_segments=unread,
    )
    resolve_citations(talk, config, report)
    return talk
