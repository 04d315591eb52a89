"""What a renderer reads besides the model: files of the talk, environment values.

Renderers read pictures, the template and the like only through `read_file`
(which reads a file only while its path is still the one the talk's reader
resolved inside the talk folder, links and all),
and the environment only through `environment`. Both record what they return
into the `Reads` of the output being rendered, so the manifest can tell later
whether any of it changed: an output's dependencies are what its renderer
actually read, not a list kept by hand.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import threading
from contextlib import contextmanager
from contextvars import ContextVar, copy_context
from dataclasses import dataclass, field
from pathlib import Path


class SourceProblem(OSError):
    """A talk file that cannot be read while rendering (deleted, replaced by a
    folder, unreadable): the message says what happened, for a diagnostic."""

    def __init__(self, file: Path, reason: str) -> None:
        super().__init__(reason)
        self.file = file
        self.reason = reason


@dataclass
class Reads:
    """Everything one renderer read: file -> SHA-256 of the bytes it got, and
    environment variable -> value (None when unset)."""

    files: dict[str, str] = field(default_factory=dict)
    environment: dict[str, str | None] = field(default_factory=dict)


_LOCK = threading.Lock()  # one renderer reads pictures on several threads
# The Reads of the output being rendered in this context. Outputs are rendered
# side by side, each in a context of its own; work a renderer hands to other
# threads runs in a copy of its context (`in_this_context`).
_RECORDING: ContextVar[Reads | None] = ContextVar("segue_reads", default=None)


@contextmanager
def recording():
    """Record every read made inside the block (in this context) into a fresh Reads."""
    reads = Reads()
    token = _RECORDING.set(reads)
    try:
        yield reads
    finally:
        _RECORDING.reset(token)


def in_this_context(function):
    """`function` made to run in a copy of the caller's context, so the reads it
    makes on another thread are recorded for the caller's output."""
    context = copy_context()
    return lambda *args: context.copy().run(function, *args)


def read_file(file: Path) -> bytes:
    """The bytes of a talk's file, recorded; SourceProblem when it cannot be read."""
    return read_file_and_digest(file)[0]


def read_file_and_digest(file: Path) -> tuple[bytes, str]:
    """The bytes of a talk's file and their SHA-256 (hashed once, for the record and
    for the caller), recorded; SourceProblem when it cannot be read."""
    try:
        data = _read_as_resolved(file)
    except IsADirectoryError:
        raise SourceProblem(file, "is now a folder, not a file") from None
    except FileNotFoundError:
        raise SourceProblem(file, "was removed while the build ran") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceProblem(file, "has become a link since the talk was read; it is not followed") from None
        raise SourceProblem(file, f"cannot be read: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    reads = _RECORDING.get()
    if reads is not None:
        with _LOCK:
            reads.files[str(file)] = digest
    return data, digest


def _read_as_resolved(file: Path) -> bytes:
    """The bytes of `file`, a path the talk's reader resolved (no link in it, inside the
    talk folder), read only while it still is that: its last part is never followed
    (O_NOFOLLOW) and the path must still resolve to itself once it is open, so a
    file swapped for a link to somewhere else since is never read."""
    descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(file))
        if os.path.realpath(file) != os.path.abspath(file):
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(file))
        return handle.read()


def environment(name: str) -> str | None:
    """An environment variable's value, recorded."""
    value = os.environ.get(name)
    reads = _RECORDING.get()
    if reads is not None:
        with _LOCK:
            reads.environment[name] = value
    return value
