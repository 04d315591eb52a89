"""Typst, the typesetter of the printed outputs: one compiler per template,
kept for the life of the process.

The templates (`handout.typ`, `script.typ`, `common.typ`) live in this
package. A talk reaches them only as data: a JSON document in
`sys.inputs.data`, read with `json()`, and the pictures' prepared bytes in
`sys.inputs.pictures`. Nothing a presenter writes is ever Typst source, so
`#read("/etc/passwd")` on a slide is printed, not run.

Typst reports problems in our templates as warnings; none are expected, so
each becomes a diagnostic rather than going unseen. The files are PDF/UA-1:
should Typst refuse that for a document (it checks every glyph), the file is
made again tagged but without the claim, with a warning saying why. Lines of
right-to-left text are then put in reading order in the tags (`reading`).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import typst

from segue.diagnostics import Diagnostics
from segue.talk.model import Source
from segue.render.pdf import fonts
from segue.render.pdf.reading import has_right_to_left, right_to_left_in_reading_order

TEMPLATES = Path(str(resources.files("segue.render.pdf")))
PDF_UA = "ua-1"


@lru_cache(maxsize=2)
def font_book(system: bool) -> typst.Fonts:
    """The fonts Typst may use: the packaged chain and the code face from the
    Typst wheel; with `system`, the machine's fonts too."""
    return typst.Fonts(
        include_system_fonts=system,
        include_embedded_fonts=True,
        font_paths=[str(folder) for folder in fonts.packaged_folders()],
    )


_COMPILERS: dict[tuple[str, bool], typst.Compiler] = {}
_LOCK = threading.Lock()


def _compiler(template: str, system: bool) -> typst.Compiler:
    """One compiler per template and font book: Typst remembers what it laid
    out, so setting a script again after a one-word edit redoes little."""
    key = (template, system)
    if key not in _COMPILERS:
        _COMPILERS[key] = typst.Compiler(
            str(TEMPLATES / template), root=str(TEMPLATES), font_paths=font_book(system)
        )
    return _COMPILERS[key]


class TemplateError(Exception):
    """Typst could not set a document: a fault of the build, not of the talk."""


@dataclass
class Typeset:
    pdf: bytes
    ua: bool  # whether the file claims PDF/UA-1


def inputs(data: dict, pictures: dict[str, str]) -> dict[str, str]:
    return {"data": json.dumps(data, ensure_ascii=False, separators=(",", ":")), "pictures": "{" + ",".join(
        f'"{key}":{value}' for key, value in sorted(pictures.items())
    ) + "}"}


def compile_pdf(
    template: str,
    sys_inputs: dict[str, str],
    system_fonts: bool,
    created: dt.datetime,
    report: Diagnostics,
    where: Source,
    output: str,
) -> bytes:
    """The PDF of `template` set from `sys_inputs`, PDF/UA-1 when Typst can vouch for it."""
    with _LOCK:  # one compiler serves one document at a time
        compiler = _compiler(template, system_fonts)
        timestamp = int(created.timestamp())
        try:
            pdf, warnings = compiler.compile_with_warnings(
                format="pdf", sys_inputs=sys_inputs, pdf_standards=[PDF_UA], timestamp=timestamp
            )
        except typst.TypstError as refused:
            if "PDF/UA" not in refused.message:
                raise TemplateError(refused.diagnostic or refused.message) from None
            try:
                pdf, warnings = compiler.compile_with_warnings(format="pdf", sys_inputs=sys_inputs, timestamp=timestamp)
            except typst.TypstError as failed:
                raise TemplateError(failed.diagnostic or failed.message) from None
            report.warning(
                where.path,
                where.line,
                f"the {output} is tagged for screen readers but not PDF/UA-1: {refused.message.removeprefix('PDF/UA-1 error: ')}",
            )
    for warning in warnings:
        report.warning(where.path, where.line, f"Typst, setting the {output}: {warning.message}")
    if has_right_to_left(set(sys_inputs["data"])):
        pdf = right_to_left_in_reading_order(pdf)
    return pdf


def query(template: str, sys_inputs: dict[str, str], system_fonts: bool, label: str) -> list:
    """The values of the `metadata` elements labelled `label`, after layout."""
    with _LOCK:
        compiler = _compiler(template, system_fonts)
        try:
            compiler.compile(format="pdf", sys_inputs=sys_inputs)
            return json.loads(compiler.query(f"<{label}>", field="value"))
        except typst.TypstError as failed:
            raise TemplateError(failed.diagnostic or failed.message) from None
