"""Designers' templates as a new user has them: the templates LibreOffice ships,
saved as .pptx by LibreOffice, and pandoc's reference.pptx; and what their
designers show on them, read from the files directly (not through the build)."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from tests.helpers import REPO, soffice

LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
PANDOC = "pandoc-reference"
PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


def template_names() -> list[str]:
    """LibreOffice's templates found on this machine, and pandoc's reference deck."""
    return sorted(path.stem for path in LIBREOFFICE_TEMPLATES.glob("*.otp")) + [PANDOC]


def convert_templates(folder: Path, processes: int = 2) -> dict[str, Path]:
    """Every template as .pptx in `folder`: LibreOffice's converted by LibreOffice (by
    default two processes, one per core), pandoc's written by pandoc."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(LIBREOFFICE_TEMPLATES.glob("*.otp"))
    halves = [sources[index::processes] for index in range(processes)] + [[]] * (2 - processes)

    def convert(index: int) -> None:
        if not halves[index]:
            return
        subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{folder}/.profile-{index}", "--headless", "--convert-to", "pptx",
             "--outdir", str(folder), *map(str, halves[index])],
            check=True, capture_output=True, timeout=600,
        )

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(convert, range(2)))
    from pypandoc import get_pandoc_path

    subprocess.run(
        [get_pandoc_path(), "-o", str(folder / f"{PANDOC}.pptx"), "--print-default-data-file", "reference.pptx"],
        check=True, capture_output=True, timeout=60,
    )
    return {name: folder / f"{name}.pptx" for name in template_names() if (folder / f"{name}.pptx").is_file()}


def default_talk_with(template: Path, root: Path) -> Path:
    """A copy of the default talk (this repository's deck, pictures and handout pages) using `template`."""
    for part in ("deck", "assets", "handouts"):
        shutil.copytree(REPO / part, root / part)
    shutil.copyfile(template, root / "assets" / "template.pptx")
    toml = root / "deck" / "deck.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[theme]\n", '[theme]\ntemplate = "assets/template.pptx"\n', 1), encoding="utf-8")
    return root


# --- what the designer shows --------------------------------------------------------------


def is_content_layout(layout) -> bool:
    """A title and a body (not a subtitle): what the designer's content pages are made on."""
    kinds = [p.element.find(PH).get("type", "obj") for p in layout.placeholders]
    return layout.element.get("type") not in ("title", "secHead") and "title" in kinds and bool({"obj", "body"} & set(kinds))


def sample_content_masters(template: Path) -> tuple[set[int], int | None]:
    """The masters (0-based) of the template's sample content slides (its first slide, the
    title page, left out), and the master of that first slide."""
    prs = Presentation(str(template))
    masters = [m.element for m in prs.slide_masters]
    slides = list(prs.slides)
    first = masters.index(slides[0].slide_layout.slide_master.element) if slides else None
    found = {masters.index(s.slide_layout.slide_master.element) for s in slides[1:] if is_content_layout(s.slide_layout)}
    return found, first


def _scheme(master) -> tuple[dict[str, str], dict[str, str]]:
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    scheme = {}
    for slot in theme.find(f".//{qn('a:clrScheme')}"):
        colour = slot[0]
        scheme[etree.QName(slot).localname] = (colour.get("lastClr") or colour.get("val") or "").upper()
    mapping = dict(master.element.find(qn("p:clrMap")).attrib)
    return scheme, mapping


def _colour(fill, master) -> str | None:
    if fill is None or not len(fill):
        return None
    colour = fill[0]
    if colour.tag == qn("a:srgbClr"):
        return colour.get("val").upper()
    if colour.tag == qn("a:schemeClr"):
        scheme, mapping = _scheme(master)
        name = colour.get("val")
        return scheme.get(mapping.get(name, name))
    return None


def shown_colours(template: Path, master_index: int) -> tuple[str, str]:
    """The colours (RRGGBB) the master's title and body placeholders show their sample
    text in: the sample run's own colour, else the master's text styles'."""
    prs = Presentation(str(template))
    master = list(prs.slide_masters)[master_index]
    found = {}
    for style, kinds in (("titleStyle", ("title", "ctrTitle")), ("bodyStyle", ("body", "obj"))):
        placeholder = next(
            (sp for sp in master.shapes.element.iterchildren(qn("p:sp")) if sp.find(PH) is not None and sp.find(PH).get("type", "obj") in kinds),
            None,
        )
        run = placeholder.find(f".//{qn('a:r')}/{qn('a:rPr')}") if placeholder is not None else None
        colour = _colour(run.find(qn("a:solidFill")), master) if run is not None else None
        if colour is None:
            level = master.element.find(f"{qn('p:txStyles')}/{qn(f'p:{style}')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
            colour = _colour(level.find(qn("a:solidFill")), master) if level is not None else None
        found[style] = colour or "000000"
    return found["titleStyle"], found["bodyStyle"]


class Converting:
    """The templates converted in the background while the rest of the suite runs: one
    LibreOffice, on the core the (single-process) suite leaves idle, started as soon as
    the tests are collected and joined by the test that needs them."""

    def __init__(self) -> None:
        import tempfile
        from concurrent.futures import ThreadPoolExecutor

        self.folder = Path(tempfile.mkdtemp(prefix="segue-designer-templates-"))
        self._pool = ThreadPoolExecutor(1)
        self._future = self._pool.submit(convert_templates, self.folder, 1)

    def result(self) -> dict[str, Path]:
        return self._future.result()

    def close(self) -> None:
        self._future.cancel()
        self._pool.shutdown(wait=True)
        shutil.rmtree(self.folder, ignore_errors=True)
