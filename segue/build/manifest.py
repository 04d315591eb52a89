"""Which outputs are up to date, kept beside the outputs in `<out>/.cache/outputs.json`.

An output is reused only when all of these are as they were when it was made:

- the part of the model its renderer reads, and the build options that change
  its bytes, as the renderer declares them (`reads()` beside its `render()`):
  the handout never sees speaker notes, the scripts never see slide bodies,
  the run-of-show only the plan;
- every file its renderer read while making it (pictures, the template) and
  every environment value it read (SOURCE_DATE_EPOCH), as `segue.sources`
  recorded them: what was actually read, not a list kept here;
- the build's own code and the installed versions of the libraries that write
  bytes;
- the output files themselves, as the last build wrote them.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from functools import lru_cache
from pathlib import Path

from segue.sources import Reads

MANIFEST = "outputs.json"

# The distributions whose code decides the bytes of an output.
BYTE_WRITERS = (
    "python-pptx", "lxml", "pillow", "typst", "markdown-it-py", "mdit-py-plugins", "pygments", "latex2mathml", "pypdfium2", "pikepdf",
    "babel",  # its locale data writes dates, numbers and lists
)

_DIGESTS: dict[tuple, str] = {}  # file identity -> sha256, for the life of the process (watch)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes. Cached by everything that changes when a file
    is written or replaced (inode, size, modification and change times): a file
    swapped in place with its old size and modification time has a new change time."""
    stat = path.stat()
    key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _DIGESTS[key]


@lru_cache(maxsize=1)
def _code() -> str:
    """The build's own code, its templates and catalogs, and the versions of the libraries
    that write bytes (and of the packaged fonts): a change to either makes every output
    out of date."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]  # all of segue, not only this stage
    for file in sorted([*package.rglob("*.py"), *package.rglob("*.typ"), *package.rglob("*.po")]):
        digest.update(file.relative_to(package).as_posix().encode())
        digest.update(file.read_bytes())
    installed = {
        (dist.metadata["Name"] or "").lower(): dist.version for dist in importlib.metadata.distributions()
    }
    for name in sorted(installed):
        if name in BYTE_WRITERS or name.startswith("fontpkg"):
            digest.update(f"{name}=={installed[name]};".encode())
    return digest.hexdigest()


def fingerprint(name: str, reads: tuple) -> str:
    """What output `name` is made from (its renderer's `reads`), with the build's
    code and the libraries' versions, as one digest."""
    text = repr((_code(), name, reads))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


KEPT_INSIDE = "inside"  # the records' default place: `<out>/.cache/`


class Manifest:
    """The fingerprints and file digests of the outputs in one output folder.

    Kept in `<out>/.cache/` and published with the outputs; a public build keeps
    its records out of the folder it shares (`records`: a folder beside it, or
    None for none at all: every public build is then made whole), since they name
    every file each output read."""

    def __init__(self, out: Path, records: Path | None | str = KEPT_INSIDE) -> None:
        self.out = out
        self.records = out / ".cache" if records == KEPT_INSIDE else records
        self.path = self.records / MANIFEST if self.records is not None else None
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8")) if self.path else {}
        except (OSError, ValueError):
            self.entries = {}
        if not isinstance(self.entries, dict):
            self.entries = {}

    def diagnostics(self, name: str) -> list[dict]:
        """What rendering the output reported last time, to report again when it is reused."""
        return self.entries.get(name, {}).get("diagnostics", [])

    def is_current(self, name: str, print_: str) -> bool:
        entry = self.entries.get(name)
        if not entry or entry.get("fingerprint") != print_:
            return False
        for variable, value in entry.get("environment", {}).items():
            if os.environ.get(variable) != value:
                return False
        for file, digest in entry.get("read", {}).items():
            if _digest_or_none(Path(file)) != digest:
                return False
        for file, digest in entry.get("files", {}).items():
            path = self.out / file
            if _digest_or_none(path) != digest:
                return False
        return True

    def record(self, name: str, print_: str, files: dict[str, bytes], diagnostics: list[dict], reads: Reads) -> None:
        self.entries[name] = {
            "fingerprint": print_,
            "files": {file: hashlib.sha256(data).hexdigest() for file, data in files.items()},
            "read": dict(sorted(reads.files.items())),
            "environment": dict(sorted(reads.environment.items())),
            "diagnostics": diagnostics,
        }

    def reads_of(self, name: str) -> Reads:
        """What output `name`'s renderer read when it was last made."""
        entry = self.entries.get(name, {})
        return Reads(dict(entry.get("read", {})), dict(entry.get("environment", {})))

    def files_of(self, name: str) -> list[str]:
        """The files output `name` was last published as."""
        return list(self.entries.get(name, {}).get("files", {}))

    def reload(self) -> None:
        """Read the manifest again (after `publish.recover` completed a stopped build)."""
        self.__init__(self.out, self.records)

    @property
    def published_with_the_outputs(self) -> bool:
        """Whether the manifest is one of the files published into the output folder."""
        return self.path is not None and self.path.is_relative_to(self.out)

    def save_beside(self) -> None:
        """Write the manifest kept outside the output folder (after the outputs are
        published: a manifest that disagrees with them only means a rebuild)."""
        if self.path is None or self.published_with_the_outputs:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.parent / f".{MANIFEST}.{os.getpid()}.tmp"
        temporary.write_bytes(self.serialised())
        temporary.replace(self.path)

    def serialised(self) -> bytes:
        """The manifest's file, published with the outputs it describes (`publish`)."""
        return json.dumps(self.entries, indent=1, sort_keys=True).encode("utf-8")

    @property
    def relative_path(self) -> str:
        return self.path.relative_to(self.out).as_posix()


def _digest_or_none(path: Path) -> str | None:
    try:
        return file_digest(path) if path.is_file() else None
    except OSError:
        return None
