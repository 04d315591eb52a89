"""The deck as a PDF, for a laptop without PowerPoint: the built deck converted by
LibreOffice Impress, headless, in a throwaway profile, with a time limit.

LibreOffice stamps the conversion's time and a random identifier into the PDF;
both are replaced (the build's date, an identifier derived from the content) so
the same talk gives the same bytes. Slides only: LibreOffice exports notes
pages only when asked, and a public build's deck has no notes to begin with.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from segue.diagnostics import Diagnostics
from segue.talk.model import Talk
from segue.talk.plan import Plan
from segue.render import RenderOptions, processes
from segue.render.stamp import build_time
from segue.sources import environment

TIMEOUT = 300  # seconds; a large deck converts in well under a minute
INSTALL_HINT = (
    "install LibreOffice Impress (Debian/Ubuntu: apt install libreoffice-impress; Fedora: dnf install "
    "libreoffice-impress; macOS: brew install --cask libreoffice) or set SOFFICE to its soffice program"
)


def find_soffice() -> str | None:
    """LibreOffice's soffice: $SOFFICE when set (empty: none), else on PATH."""
    chosen = environment("SOFFICE")
    if chosen is not None:
        return (shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)) if chosen.strip() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return find_soffice() is not None


# Made from the deck's bytes: the build hands over the deck it made (or, when the
# deck is unchanged, the one it published), so the deck is never made twice.
MADE_FROM = "pptx"


def reads(talk: Talk, plan: Plan, options: RenderOptions) -> tuple:
    """What the deck reads, and the converter: a LibreOffice upgrade changes the PDF."""
    from segue.render import pptx

    soffice = find_soffice()
    identity = (soffice, os.stat(soffice).st_mtime_ns) if soffice and os.path.exists(soffice) else soffice
    return (pptx.reads(talk, plan, options), identity)


def render(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, made_from: bytes | None = None) -> dict[str, bytes]:
    soffice = find_soffice()
    if soffice is None:
        report.error("deck-pdf", None, f"the deck PDF needs LibreOffice, which was not found: {INSTALL_HINT}")
        return {}
    if made_from is None:  # the deck failed, and said why
        return {}
    pdf = convert(soffice, made_from, report)
    if pdf is None:
        return {}
    return {f"{talk.slug}-deck.pdf": fixed_dates(pdf, talk)}


def convert(soffice: str, deck: bytes, report: Diagnostics) -> bytes | None:
    with tempfile.TemporaryDirectory(prefix=processes.folder_prefix("deck-pdf")) as folder:
        work = Path(folder)
        source = work / "deck.pptx"
        source.write_bytes(deck)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:impress_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            finished = processes.run(command, timeout=TIMEOUT, folder=work)
        except subprocess.TimeoutExpired:
            report.error("deck-pdf", None, f"LibreOffice did not convert the deck within {TIMEOUT} seconds")
            return None
        except OSError as exc:
            report.error("deck-pdf", None, f"LibreOffice ({soffice}) cannot be run: {exc.strerror or exc}; {INSTALL_HINT}")
            return None
        result = work / "deck.pdf"
        if finished.returncode != 0 or not result.is_file():
            said = (finished.stderr or finished.stdout).decode("utf-8", "replace").strip().splitlines()
            report.error("deck-pdf", None, f"LibreOffice could not convert the deck: {said[-1] if said else 'no output'}")
            return None
        return result.read_bytes()


def fixed_dates(pdf: bytes, talk: Talk) -> bytes:
    """The PDF with the build's date for LibreOffice's, no XMP copy of them, and an
    identifier derived from the content."""
    import pikepdf

    when = build_time(talk)
    stamp = when.strftime("D:%Y%m%d%H%M%SZ")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        info = document.docinfo
        for key in ("/CreationDate", "/ModDate"):
            info[key] = pikepdf.String(stamp)
        if "/Metadata" in document.Root:
            del document.Root["/Metadata"]
        for key in ("/DocChecksum", "/ID"):  # LibreOffice's checksum and random identifier
            if key in document.trailer:
                del document.trailer[key]
        out = io.BytesIO()
        document.save(out, deterministic_id=True, compress_streams=True, linearize=False)
    return out.getvalue()
