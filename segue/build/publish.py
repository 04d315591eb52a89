"""Publishing a build's outputs as one set, whatever stops the process.

A build never writes an output in place. It writes the new set (every output
it made and the manifest) into `<out>/.segue-publish/`, then writes a journal
listing them: the journal's rename is the moment the new set is decided. It
then renames each file into place and removes the folder.

A process killed at any instant leaves one of two states, and the next build
or `check` of that folder (`recover`) finishes the job before anything else:

- no journal: the new set was never decided; the folder is removed and the
  outputs are the earlier set, untouched;
- a journal: the new set was decided; the files not yet renamed are renamed
  now, and the outputs are the new set.

Temporary files of builds that are no longer running (`.name.pid.tmp`, from
this and earlier versions) are removed too. Files the build did not make are
never touched. Builds into one folder take turns (a lock on the folder).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

from segue.render.processes import running

STAGING = ".segue-publish"
SET_ASIDE = ".segue-publish-set-aside"  # a journal recovery could not carry out, kept to look at
JOURNAL = "journal.json"
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.tmp$")  # `.name.<pid>.tmp`: every temporary file a build writes


@contextmanager
def folder_lock(out: Path):
    """One build at a time in `out`: a watch session and a build never mix their sets.
    The lock is taken on the folder itself, so it leaves no file behind."""
    descriptor = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (a crash of the machine, not only of the process)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _leftover_folders(out: Path) -> list[Path]:
    """Where builds keep temporary files: the output folder, its cache and the cache's folders."""
    cache = out / ".cache"
    return [out, cache, *(p for p in cache.glob("*") if p.is_dir())] if cache.is_dir() else [out]


def _temporaries(out: Path):
    """The temporary files of builds no longer running."""
    for folder in _leftover_folders(out):
        for leftover in folder.iterdir():
            match = _TEMPORARY.match(leftover.name)
            if match and leftover.is_file() and not running(int(match.group(1))):
                yield leftover


def has_leftovers(out: Path) -> bool:
    """Whether a stopped build left anything in `out` for `recover` to finish or remove."""
    return _is_folder(out) and ((out / STAGING).exists() or next(_temporaries(out), None) is not None)


def recover(out: Path) -> list[str]:
    """Finish or undo a build that was stopped while publishing into `out`, and
    remove the temporary files of builds no longer running. Returns what was
    done, one line each, for the person building."""
    done: list[str] = []
    if not out.is_dir():
        return done
    staging = out / STAGING
    if staging.is_dir() and not staging.is_symlink():
        moves = _journal(staging)
        if moves is None:
            done.append(f"{out}: removed an unfinished build's files; the outputs are those of the build before it")
        else:
            try:
                for staged, target in moves.items():
                    source = staging / staged
                    if source.is_file():
                        destination = out / target
                        destination.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(source, destination)
                _sync_folder(out)
                done.append(f"{out}: completed the publishing of a stopped build; the outputs are that build's")
            except (OSError, ValueError) as exc:  # a journal that cannot be carried out: never a dead end
                aside = out / SET_ASIDE
                shutil.rmtree(aside, ignore_errors=True)
                os.replace(staging, aside)
                reason = getattr(exc, "strerror", None) or str(exc)[:80]
                done.append(
                    f"{out}: the journal of a stopped build could not be completed ({reason}); it is set aside in "
                    f"{aside.name}, and the outputs may be a mix of two builds until this build replaces them"
                )
        shutil.rmtree(staging, ignore_errors=True)
    for leftover in list(_temporaries(out)):
        leftover.unlink(missing_ok=True)
        done.append(f"{leftover}: removed, a temporary file of a build that was stopped")
    return done


def unpublishable(out: Path, names) -> list[str]:
    """The names of `names` (paths relative to `out`) this file system cannot hold:
    checked before anything is published, so a bad name stops a build before its
    set is decided, never halfway through it."""
    existing = next((folder for folder in (out, *out.parents) if _is_folder(folder)), Path("/"))
    try:
        longest_name = os.pathconf(existing, "PC_NAME_MAX")
        longest_path = os.pathconf(existing, "PC_PATH_MAX")
    except (OSError, ValueError, AttributeError):
        longest_name, longest_path = 255, 4096
    problems = []
    for name in names:
        parts = Path(name).parts
        if Path(name).is_absolute() or any(part in ("", ".", "..") or "\0" in part for part in parts):
            problems.append(f"{name[:60]!r} is not a file name")
        elif any(len(os.fsencode(part)) > longest_name for part in parts):
            problems.append(f"{name[:40]}… is longer than the {longest_name} bytes a file name may have here")
        elif len(os.fsencode(str(out.absolute() / name))) >= longest_path:
            problems.append(f"{name[:40]}… makes a path longer than the {longest_path} bytes this system allows")
    return problems


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long to look up
        return False


def _journal(staging: Path) -> dict[str, str] | None:
    """The decided moves (staged name -> path in the output folder), or None when
    the build was stopped before deciding."""
    try:
        moves = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))["moves"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(moves, dict):
        return None
    # Only names this module writes: a journal never moves anything out of `out`.
    return {
        str(k): str(v)
        for k, v in moves.items()
        if re.fullmatch(r"\d+", str(k)) and not Path(str(v)).is_absolute() and ".." not in Path(str(v)).parts
    }


def publish(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `files` (path relative to `out` -> bytes) into `out` as one set.
    Raises OSError when `out` cannot be written; the earlier set then stays."""
    staging = out / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    moves: dict[str, str] = {}
    try:
        for number, (target, data) in enumerate(files.items()):
            _write_synced(staging / str(number), data)
            moves[str(number)] = target
        _write_synced(staging / f".{JOURNAL}.{os.getpid()}.tmp", json.dumps({"moves": moves}).encode())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # not decided: the earlier set stays
        raise
    with _interrupts_held():
        os.replace(staging / f".{JOURNAL}.{os.getpid()}.tmp", staging / JOURNAL)  # the new set is decided
        _sync_folder(staging)
        written = []
        for staged, target in moves.items():
            destination = out / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / staged, destination)
            written.append(destination)
        _sync_folder(out)
        shutil.rmtree(staging, ignore_errors=True)
    return written


@contextmanager
def _interrupts_held():
    """Delay Ctrl-C, SIGTERM and SIGHUP until the set is in place: a stop there
    would be finished by the next build anyway, but need not wait for it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signals = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
