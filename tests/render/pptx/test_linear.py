"""The deck build does work in proportion to its slides, counted, not timed.

python-pptx walks every part of the package to name each new part and scans
every relationship of the presentation to add each slide; done per slide,
that is quadratic. The counters below see those walks: the relationships
visited while walking the package, the relationships scanned by type, and
the XPath queries run. For a deck four times as long, the count must grow
about four times, not sixteen.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.opc import package as opc_package
from pptx.oxml import xmlchemy

from segue.diagnostics import Diagnostics
from segue.pipeline import BuildOptions, load, render

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from generate import generate  # noqa: E402


@contextmanager
def counted(monkeypatch):
    work = {"rels visited": 0, "rels scanned": 0, "xpath": 0}
    iter_rels = opc_package.OpcPackage.iter_rels

    def counting_iter_rels(self):
        for rel in iter_rels(self):
            work["rels visited"] += 1
            yield rel

    by_type = opc_package._Relationships._rels_by_reltype

    def counting_by_type(self):
        work["rels scanned"] += len(self._rels)
        return by_type.fget(self)

    xpath = xmlchemy.BaseOxmlElement.xpath

    def counting_xpath(self, *args, **kwargs):
        work["xpath"] += 1
        return xpath(self, *args, **kwargs)

    monkeypatch.setattr(opc_package.OpcPackage, "iter_rels", counting_iter_rels)
    monkeypatch.setattr(opc_package._Relationships, "_rels_by_reltype", property(counting_by_type))
    monkeypatch.setattr(xmlchemy.BaseOxmlElement, "xpath", counting_xpath)
    yield work
    monkeypatch.undo()


def deck_work(root: Path, monkeypatch) -> dict[str, int]:
    loaded = load(root)
    assert not loaded.report.has_errors, loaded.report.as_text()
    with counted(monkeypatch) as work:
        render(loaded.talk, loaded.plan, BuildOptions(only=("pptx",)), Diagnostics())
    return dict(work)


@pytest.mark.slow
def test_deck_work_grows_linearly_with_slides(tmp_path, monkeypatch):
    small = deck_work(generate(tmp_path / "n", 40, 4), monkeypatch)
    large = deck_work(generate(tmp_path / "4n", 160, 16), monkeypatch)
    for counter in small:
        # four times the slides; a little over four for fixed costs and rounding
        assert large[counter] <= 4.5 * small[counter] + 50, (counter, small, large)


def test_the_counters_see_a_quadratic_build(monkeypatch):
    """Control: python-pptx's own way of adding slides and notes is caught."""

    def raw(slides: int) -> dict[str, int]:
        prs = Presentation()
        with counted(monkeypatch) as work:
            for _ in range(slides):
                slide = prs.slides.add_slide(prs.slide_layouts[6])
                slide.notes_slide.notes_text_frame.text = "notes"
        return dict(work)

    small, large = raw(20), raw(80)
    assert large["rels visited"] > 10 * small["rels visited"]
