"""deck/deck.toml: the talk's metadata, speakers, theme and handout settings."""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from segue.diagnostics import Diagnostics, quoted
from segue.talk import catalogs
from segue.talk.model import (
    GENERATED_LAYOUTS,
    LAYOUTS,
    Asset,
    HandoutSettings,
    Source,
    Speaker,
    Theme,
)
from segue.talk.read.assets import AssetResolver
from segue.talk.read.slug import default_slug, slugify, stem_problem
from segue.talk.read.suggest import did_you_mean, misspelling_of
from segue.talk.read.text import CONTROL_CHARACTERS, read_text
from segue.talk.read.tomllines import TomlLines

CONFIG_PATH = "deck/deck.toml"
SPEAKER_ID = re.compile(r"[a-z][a-z0-9-]*")  # matched in full (fullmatch): no trailing newline slips through
MAX_SPEAKER_ID = 40  # characters: script file names are made from it
MAX_TEXT = 300  # characters of a title, subtitle, event, name or role: what a slide's title can show
RESERVED_CONTAINERS = ("notes", "handout", "columns", "column", "write", "references")
PAPERS = ("letter", "a4")
# A BCP 47 language tag as the outputs carry it: a language (2–3 letters), then
# optional script, region and variant subtags ("en", "en-GB", "zh-Hant-TW", "de-CH-1996").
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$")

_TOP_KEYS = {
    "title", "subtitle", "event", "date", "duration", "words_per_minute", "slug", "lang", "start", "speakers", "theme", "handout",
    "bibliography", "csl",
}
BIBLIOGRAPHY_SUFFIXES = (".bib", ".json")
_SPEAKER_KEYS = {"name", "role"}
_THEME_KEYS = {"template", "logo", "accent", "font", "background", "progress_bar", "layouts"}
_HANDOUT_KEYS = {"paper", "qr"}
# The keys that hold tables: a slip in one of their names is read as the right name.
_TABLE_KEYS = {None: {"speakers", "theme", "handout"}, "theme": {"layouts"}}


@dataclass
class Config:
    title: str
    duration: float
    slug: str
    speakers: dict[str, Speaker]
    subtitle: str | None = None
    event: str | None = None
    date: dt.date | None = None
    words_per_minute: float = 140.0
    lang: str = "en"
    start: dt.time | None = None
    theme: Theme = field(default_factory=Theme)
    handout: HandoutSettings = field(default_factory=HandoutSettings)
    duration_line: int = 1
    bibliography: Asset | None = None  # `bibliography = "refs.bib"`: BibTeX or CSL-JSON
    csl: str | Asset | None = None  # `csl =`: a style's name, or a .csl file of the talk
    bibliography_source: Source | None = None  # where deck.toml names them, for messages
    csl_source: Source | None = None


MAX_MINUTES = 24 * 60  # a talk, a segment or a slide longer than a day is a typing slip


def finite_minutes(value: Any) -> float | None:
    """A positive, finite number of minutes no longer than a day, else None (NaN,
    infinity, a number too large for a float, text, a boolean)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    if not math.isfinite(number) or number <= 0 or number > MAX_MINUTES:
        return None
    return number


def read_config(root: Path, report: Diagnostics, assets: AssetResolver) -> Config | None:
    """Read deck.toml; None when it is missing or unusable (errors reported)."""
    path = root / CONFIG_PATH
    if not path.is_file():
        report.error(CONFIG_PATH, None, "missing deck/deck.toml: every talk folder needs one (the `new` command starts a talk)")
        return None
    text = read_text(root, CONFIG_PATH, report)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        report.error(CONFIG_PATH, int(found.group(1)) if found else None, f"invalid TOML: {message}")
        return None
    return ConfigReader(root, data, TomlLines(text), report, assets).read()


class ConfigReader:
    def __init__(self, root: Path, data: dict, lines: TomlLines, report: Diagnostics, assets: AssetResolver) -> None:
        self.assets = assets
        self.root = root
        self.data = data
        self.lines = lines
        self.report = report

    def error(self, message: str, key: str = "", table: str | None = None) -> None:
        self.report.error(CONFIG_PATH, self.lines.of(key, table), message)

    def warning(self, message: str, key: str = "", table: str | None = None) -> None:
        self.report.warning(CONFIG_PATH, self.lines.of(key, table), message)

    def known_keys(self, table: dict, known: set[str], table_name: str | None, required: tuple[str, ...] = ()) -> dict:
        """`table` as meant: a slip in the name of a table (`[speaker.advocate]`) or of a
        missing required key (`Title =`) is one error saying what to write, and its
        contents are read under the right name, so nothing else is reported for it;
        any other unknown key is a warning and is left out."""
        meant = {key: value for key, value in table.items() if key in known}
        for key, value in table.items():
            if key in known:
                continue
            right = misspelling_of(str(key), known)
            if right is not None and isinstance(value, dict) and right in _TABLE_KEYS.get(table_name, ()):
                self.misspelt_table(str(key), right, table_name)
                already = meant.get(right)
                meant[right] = {**already, **value} if isinstance(already, dict) else value
            elif right is not None and right in required and right not in table:
                self.error(f"unknown key {key!r}: write {right!r}", str(key), table_name)
                meant[right] = value
            else:
                where = f"[{table_name}]" if table_name else "deck.toml"
                self.warning(f"unknown key {quoted(key)} in {where} is ignored{did_you_mean(str(key), known)}", str(key), table_name)
        return meant

    def misspelt_table(self, wrong: str, right: str, parent: str | None) -> None:
        """One error at each header of the misspelt table, naming the header to write."""
        written = f"{parent}.{wrong}" if parent else wrong
        meant = f"{parent}.{right}" if parent else right
        headers = self.lines.headers(written)
        for line, header in headers:
            self.report.error(CONFIG_PATH, line, f"unknown table [{header}]: write [{meant}{header[len(written):]}]")
        if not headers:  # written inline or as dotted keys
            self.error(f"unknown key {wrong!r}: write {right!r}", wrong, parent)

    def text(self, table: dict, key: str, table_name: str | None = None, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.report.error(CONFIG_PATH, 1 if table_name is None else self.lines.table(table_name), f"missing required key {key!r}")
            return None
        if not isinstance(value, str):
            shown = value.isoformat() if isinstance(value, (dt.date, dt.time)) else str(value).lower() if isinstance(value, bool) else value
            self.error(f"{key!r} must be text in quotes: write {key} = \"{str(shown)[:40]}\"", key, table_name)
            return None
        if required and not value.strip():
            self.error(f"{key!r} must not be empty", key, table_name)
            return None
        if CONTROL_CHARACTERS.search(value):  # reachable through TOML escapes like \u001b
            self.warning(f"control characters removed from {key!r}", key, table_name)
            value = CONTROL_CHARACTERS.sub("", value)
        if len(value.strip()) > MAX_TEXT:
            self.error(f"{key!r} is {len(value.strip()):,} characters; keep it to {MAX_TEXT}", key, table_name)
            return None
        return value.strip()

    def read(self) -> Config | None:
        data = self.data = self.known_keys(self.data, _TOP_KEYS, None, required=("title", "duration"))
        title = self.text(data, "title", required=True)
        subtitle = self.text(data, "subtitle")
        event = self.text(data, "event")

        duration = data.get("duration")
        if duration is None:
            self.report.error(CONFIG_PATH, 1, "missing required key 'duration' (minutes in the slot)")
        elif finite_minutes(duration) is None:
            self.error(f"'duration' must be a positive number of minutes, up to a day, not {quoted(duration)}{_unquoted('duration', duration)}", "duration")
            duration = None

        wpm = data.get("words_per_minute", 140)
        if finite_minutes(wpm) is None:
            self.error(f"'words_per_minute' must be a positive number, not {quoted(wpm)}{_unquoted('words_per_minute', wpm)}", "words_per_minute")
            wpm = 140

        date = data.get("date")
        if isinstance(date, dt.datetime):
            date = date.date()
        elif isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date)
            except ValueError:
                self.error(f"'date' must be a date like 2027-04-18, not {quoted(date)}", "date")
                date = None
        elif date is not None and not isinstance(date, dt.date):
            self.error(f"'date' must be a date like 2027-04-18, not {quoted(date)}", "date")
            date = None
        if date is not None and not 1980 <= date.year <= 2107:
            self.warning(
                f"'date' {date.isoformat()} is outside 1980–2107, the years a .pptx can hold: the files are dated "
                f"{'1 January 1980' if date.year < 1980 else '31 December 2107'}",
                "date",
            )

        slug = data.get("slug")
        if slug is not None and (problem := stem_problem(slug)):
            self.error(f"'slug' {problem}", "slug")
            slug = None

        lang = data.get("lang", "en")
        if not isinstance(lang, str) or not LANGUAGE_TAG.fullmatch(lang):
            self.error(f"'lang' must be a language tag like \"en\" or \"en-GB\", not {quoted(lang)}", "lang")
            lang = "en"
        elif catalogs.missing_catalog(lang):
            self.warning(
                f"the words the build writes itself (\"Agenda\", \"Page 1 of 2\", …) have no translation into {lang!r}, "
                f"so they are in English (dates and numbers are still written the {lang!r} way); they come in "
                f"{', '.join(catalogs.languages())}: a catalog in segue/talk/locale/ adds a language",
                "lang",
            )

        start = self.start(data.get("start"))
        bibliography, csl = self.citations(data)
        speakers = self.speakers()
        theme = self.theme()
        handout = self.handout()

        if title is None or duration is None or speakers is None:
            return None
        return Config(
            title=title,
            duration=float(duration),
            slug=slug or default_slug(title),
            speakers=speakers,
            subtitle=subtitle,
            event=event,
            date=date,
            words_per_minute=float(wpm),
            lang=lang,
            start=start,
            theme=theme,
            handout=handout,
            duration_line=self.lines.of("duration"),
            bibliography=bibliography,
            csl=csl,
            bibliography_source=Source(CONFIG_PATH, self.lines.of("bibliography")) if "bibliography" in data else None,
            csl_source=Source(CONFIG_PATH, self.lines.of("csl")) if "csl" in data else None,
        )

    def citations(self, data: dict) -> tuple[Asset | None, str | Asset | None]:
        """`bibliography = "refs.bib"` (BibTeX or CSL-JSON) and `csl =`: a style's name
        (`apa`, `ieee`, `chicago-author-date`, …) or a .csl file in the talk folder."""
        bibliography = csl = None
        if "bibliography" in data:
            value = data["bibliography"]
            source = Source(CONFIG_PATH, self.lines.of("bibliography"))
            if isinstance(value, str):
                bibliography = self.assets.file(value, source, "bibliography", BIBLIOGRAPHY_SUFFIXES)
            else:
                self.error("'bibliography' must be a path in quotes, like bibliography = \"refs.bib\"", "bibliography")
        if "csl" in data:
            value = data["csl"]
            if not isinstance(value, str) or not value.strip():
                self.error("'csl' must name a citation style in quotes, like csl = \"apa\", or a .csl file", "csl")
            elif value.strip().lower().endswith(".csl") or "/" in value:
                csl = self.assets.file(value.strip(), Source(CONFIG_PATH, self.lines.of("csl")), "citation style", (".csl",))
            else:
                csl = value.strip()
        return bibliography, csl

    def start(self, value) -> dt.time | None:
        """`start = "14:30"` (or a TOML time, 14:30:00): when the session begins."""
        if value is None:
            return None
        if isinstance(value, dt.time):
            return value.replace(microsecond=0, tzinfo=None)
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d{1,2})[:.h](\d{2})\s*", value)
            if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
                return dt.time(int(match.group(1)), int(match.group(2)))
        self.error(f"'start' must be a time of day like \"14:30\", not {quoted(value)}", "start")
        return None

    def speakers(self) -> dict[str, Speaker] | None:
        table = self.data.get("speakers")
        if not isinstance(table, dict) or not table:
            self.report.error(CONFIG_PATH, 1, "no speakers: add at least one [speakers.<id>] table with a role")
            return None
        speakers: dict[str, Speaker] = {}
        for speaker_id, entry in table.items():
            name = f"speakers.{speaker_id}"
            if len(speaker_id) > MAX_SPEAKER_ID:
                self.report.error(
                    CONFIG_PATH, self.lines.of(speaker_id, "speakers"),
                    f"speaker id {quoted(speaker_id)} is {len(speaker_id)} characters; script file names are made from it: keep it to {MAX_SPEAKER_ID}",
                )
                continue
            if speaker_id in RESERVED_CONTAINERS:
                self.report.error(
                    CONFIG_PATH, self.lines.of(speaker_id, "speakers"),
                    f"speaker id {speaker_id!r} is taken by `::: {speaker_id}`: name the speaker otherwise, like [speakers.{speaker_id}-speaker]",
                )
                continue
            if not SPEAKER_ID.fullmatch(speaker_id):
                # Still read, so its `::: id` blocks and leads are not reported again.
                self.report.error(
                    CONFIG_PATH, self.lines.of(speaker_id, "speakers"),
                    f"speaker id {quoted(speaker_id)} must be lowercase letters, digits and '-', starting with a letter: "
                    f"write [speakers.{_speaker_id(speaker_id)}] (and `::: {_speaker_id(speaker_id)}` for their notes)",
                )
            if not isinstance(entry, dict):
                role = entry.strip() if isinstance(entry, str) and entry.strip() else speaker_id.replace("-", " ").capitalize()
                self.report.error(
                    CONFIG_PATH, self.lines.of(speaker_id, "speakers"),
                    f"each speaker is a table: write [speakers.{speaker_id}] and under it role = \"{role}\"",
                )
                speakers[speaker_id] = Speaker(speaker_id, role)
                continue
            entry = self.known_keys(entry, _SPEAKER_KEYS, name)
            role = self.text(entry, "role", name) or speaker_id.replace("-", " ").capitalize()
            speakers[speaker_id] = Speaker(speaker_id, role, self.text(entry, "name", name))
            if not SPEAKER_ID.fullmatch(speaker_id):  # its notes may already use the id the message proposes
                speakers.setdefault(_speaker_id(speaker_id), speakers[speaker_id])
        return speakers or None

    def theme(self) -> Theme:
        table = self.data.get("theme", {})
        theme = Theme()
        if not isinstance(table, dict):
            self.error("[theme] must be a table", "theme")
            return theme
        table = self.known_keys(table, _THEME_KEYS, "theme")
        accent = table.get("accent")
        if accent is not None:
            if isinstance(accent, str) and re.fullmatch(r"#?[0-9A-Fa-f]{6}", accent):
                theme.accent = "#" + accent.lstrip("#").upper()
            else:
                self.error(f"'accent' must be a colour like \"#7A3E65\", not {quoted(accent)}", "accent", "theme")
        font = self.text(table, "font", "theme")
        if font:
            theme.font = font
        progress = table.get("progress_bar", False)
        if isinstance(progress, bool):
            theme.progress_bar = progress
        else:
            self.error(f"'progress_bar' must be true or false, not {quoted(progress)}: write progress_bar = {_boolean(progress)}", "progress_bar", "theme")
        for key in ("template", "logo", "background"):
            if key in table:
                theme.sources[key] = Source(CONFIG_PATH, self.lines.of(key, "theme"))
        theme.template = self.asset(table, "template", "template", (".pptx", ".potx"))
        theme.logo = self.asset(table, "logo", "logo", None)
        theme.title_background = self.asset(table, "background", "background image", None)
        for key in ("accent", "font"):
            if key in table:
                theme.sources[key] = Source(CONFIG_PATH, self.lines.of(key, "theme"))
        layouts = table.get("layouts", {})
        if not isinstance(layouts, dict):
            self.error("[theme.layouts] must be a table of layout = \"Template layout name\"", "layouts", "theme")
        else:
            for key, value in layouts.items():
                if key not in LAYOUTS + GENERATED_LAYOUTS:
                    self.error(
                        f"unknown layout {key!r} in [theme.layouts]; known layouts: {', '.join(GENERATED_LAYOUTS + LAYOUTS)}",
                        key,
                        "theme.layouts",
                    )
                elif not isinstance(value, str) or not value.strip():
                    self.error(f"[theme.layouts] {key} must name a layout of the template", key, "theme.layouts")
                else:
                    theme.layouts[key] = value.strip()
                    theme.sources[f"layouts.{key}"] = Source(CONFIG_PATH, self.lines.of(key, "theme.layouts"))
        return theme

    def asset(self, table: dict, key: str, what: str, suffixes: tuple[str, ...] | None) -> Asset | None:
        """A file named in [theme]: a template (`suffixes`) or a picture."""
        value = table.get(key)
        if value is None:
            return None
        source = Source(CONFIG_PATH, self.lines.of(key, "theme"))
        if not isinstance(value, str):
            self.report.error(source.path, source.line, f"'{key}' must be a path inside the talk folder")
            return None
        if suffixes:
            return self.assets.file(value, source, what, suffixes)
        return self.assets.picture(value, source, what)

    def handout(self) -> HandoutSettings:
        table = self.data.get("handout", {})
        settings = HandoutSettings()
        if not isinstance(table, dict):
            self.error("[handout] must be a table", "handout")
            return settings
        table = self.known_keys(table, _HANDOUT_KEYS, "handout")
        paper = table.get("paper")
        if paper is not None:
            if isinstance(paper, str) and paper.lower() in PAPERS:
                settings.paper = paper.lower()
            else:
                self.error(f"'paper' must be \"letter\" or \"a4\", not {quoted(paper)}", "paper", "handout")
        qr = table.get("qr", False)
        if isinstance(qr, bool):
            settings.qr = qr
        else:
            self.error(f"'qr' must be true or false, not {quoted(qr)}: write qr = {_boolean(qr)}", "qr", "handout")
        return settings


def _unquoted(key: str, value: Any) -> str:
    """`: write duration = 20, without quotes` for a number written as text."""
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return ""
        if math.isfinite(number) and number > 0:
            return f": write {key} = {value.strip()}, without quotes"
    return ""


def _boolean(value: Any) -> str:
    """The TOML boolean a value such as "yes", 1 or "True" was meant to be."""
    return "false" if str(value).strip().lower() in ("no", "false", "off", "0", "n") else "true"


def _speaker_id(written: str) -> str:
    """A valid speaker id close to `written` (`Peer Supporter` -> `peer-supporter`)."""
    suggested = slugify(written)
    return suggested if suggested[0].isalpha() else "speaker-" + suggested
