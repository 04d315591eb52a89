"""Running LibreOffice: the one place a build starts it.

Each conversion runs headless in a throwaway profile of its own (so two
builds never share one, and nothing a person set in their LibreOffice
changes the output), with the packaged fonts linked into that profile, a
time limit, and a way to be cancelled (a watch session cancels a conversion
when the next save arrives); run through `segue.render.processes`, in a
process group of its own with a memory limit, ended with the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from segue.render import processes
from segue.render.deckpdf import fonts
from segue.sources import environment

TIMEOUT = 300  # seconds; a large deck converts in well under a minute
INSTALL_HINT = (
    "install LibreOffice Impress (Debian/Ubuntu: apt install libreoffice-impress; Fedora: dnf install "
    "libreoffice-impress; macOS: brew install --cask libreoffice) or set SOFFICE to its soffice program"
)


class Cancelled(Exception):
    """The conversion was cancelled (a newer save in `watch`)."""


class ConversionFailed(Exception):
    """LibreOffice could not convert; the message says why, for a diagnostic."""


def find_soffice() -> str | None:
    """LibreOffice's soffice: $SOFFICE when set (empty: none), else on PATH."""
    chosen = environment("SOFFICE")
    if chosen is not None:
        return (shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)) if chosen.strip() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def identity(soffice: str | None):
    """What names the converter for `reads()`: an upgrade of LibreOffice changes its output."""
    return (soffice, os.stat(soffice).st_mtime_ns) if soffice and os.path.exists(soffice) else soffice


def convert(soffice: str, source: bytes, suffix: str, target: str, cancel: threading.Event | None = None) -> bytes:
    """`source` (a file ending in `suffix`) converted by LibreOffice to `target`
    (`--convert-to` syntax, `pdf:impress_pdf_Export:{…}`); its bytes.

    Raises ConversionFailed (with the reason) or Cancelled.
    """
    return convert_all(soffice, [source], suffix, target, cancel)[0]


def convert_all(soffice: str, sources: list[bytes], suffix: str, target: str, cancel: threading.Event | None = None) -> list[bytes]:
    """Each of `sources` converted as `convert` does, by one LibreOffice (which starts once)."""
    with tempfile.TemporaryDirectory(prefix=processes.folder_prefix("libreoffice")) as folder:
        work = Path(folder)
        given = [work / f"deck{index}{suffix}" for index in range(len(sources))]
        for path, source in zip(given, sources):
            path.write_bytes(source)
        profile = work / "profile"
        font_folder = profile / "user" / "fonts"
        font_folder.mkdir(parents=True)
        for index, file in enumerate(fonts.profile_files()):
            (font_folder / f"{index:02d}-{file.name}").symlink_to(file)
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            *(str(path) for path in given),
        ]
        allowed = TIMEOUT * len(sources)
        try:
            finished = processes.run(command, timeout=allowed, folder=work, cancel=cancel)
        except OSError as exc:
            raise ConversionFailed(f"LibreOffice ({soffice}) cannot be run: {exc.strerror or exc}; {INSTALL_HINT}") from None
        except subprocess.TimeoutExpired:
            raise ConversionFailed(f"LibreOffice did not convert the deck within {allowed} seconds") from None
        except processes.Cancelled:
            raise Cancelled() from None
        made = []
        for path in given:
            found = sorted((work / "out").glob(f"{path.stem}.*")) if (work / "out").is_dir() else []
            if finished.returncode != 0 or not found:
                said = (finished.stderr or finished.stdout).decode("utf-8", "replace").strip().splitlines()
                raise ConversionFailed(f"LibreOffice could not convert the deck: {said[-1] if said else 'no output'}")
            made.append(found[0].read_bytes())
        return made
