"""Helper programs a build runs (LibreOffice for the deck PDF), kept on a leash.

Each helper is started by a small watchdog, a Python process in a session of
its own, and runs in a process group of its own with a limit on its memory
(address space) and on its time. The watchdog holds the read end of a pipe
whose write end only the build holds; when the build ends, however it ends
(SIGKILL, a power cut of the terminal, an exception), the pipe closes and the
watchdog kills the helper's whole group and removes the helper's temporary
folder, which may hold a private deck. It does the same when the time is up.

Temporary folders of helpers are named `segue-helper-<pid>-…` after the build
that made them, so a build finds and removes those of builds that are no
longer running (`remove_leftovers`), as publishing removes stopped builds'
temporary files, should a watchdog itself have been killed.

This file runs as the watchdog too (`python -I processes.py watch …`), so it
imports nothing but the standard library.
"""

from __future__ import annotations

import errno
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MEMORY = 4 * 1024**3  # bytes of address space a helper may map
GRACE = 10.0  # seconds the build waits past the helper's limit for the watchdog to end it
TIMED_OUT = 124  # the watchdog's exit status when the helper ran out of time (as timeout(1))
_FOLDER = re.compile(r"^segue-helper-(\d+)-")


def running(pid: int) -> bool:
    """Whether process `pid` exists (a number no process can have counts as stopped)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


def folder_prefix(name: str) -> str:
    """The prefix of a helper's temporary folder: `segue-helper-<this build's pid>-<name>-`."""
    return f"segue-helper-{os.getpid()}-{name}-"


def remove_leftovers(folder: Path | None = None) -> list[str]:
    """Remove the temporary folders helpers of stopped builds left (in the system's
    temporary folder); what was removed, one line each, for the person building."""
    done = []
    where = Path(folder or tempfile.gettempdir())
    try:
        entries = list(where.iterdir())
    except OSError:
        return done
    for entry in entries:
        match = _FOLDER.match(entry.name)
        if match and not running(int(match.group(1))) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            if not entry.exists():
                done.append(f"{entry}: removed, the temporary folder of a helper of a build that was stopped")
    return done


class Cancelled(Exception):
    """The helper was ended because `cancel` was set (a newer save in `watch`)."""


def run(
    command: list[str],
    *,
    timeout: float,
    folder: Path | None = None,
    memory: int | None = None,
    cancel: threading.Event | None = None,
) -> subprocess.CompletedProcess:
    """Run `command` to its end, its output captured, as `subprocess.run` does; in a
    process group of its own with `memory` bytes of address space, killed with
    everything it started after `timeout` seconds (subprocess.TimeoutExpired), when
    `cancel` is set (Cancelled) or when the build ends. `folder`, the helper's
    temporary folder, is removed when the helper is killed. OSError when the
    program cannot be started."""
    memory = memory or MEMORY
    program = command[0] if os.sep in command[0] else (shutil.which(command[0]) or command[0])
    if not os.path.isfile(program):
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), program)
    if not os.access(program, os.X_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), program)
    started = time.monotonic()
    leash, held = os.pipe()  # the build holds `held`; its end is the watchdog's signal
    try:
        watchdog = subprocess.Popen(
            [sys.executable, "-I", os.path.abspath(__file__), "watch", repr(float(timeout)), str(int(memory)), str(folder or ""), "--", *command],
            stdin=leash,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            # The helper's own temporary files go into its folder, and go with it.
            env={**os.environ, "TMPDIR": str(folder)} if folder else None,
        )
    except BaseException:
        os.close(held)
        raise
    finally:
        os.close(leash)
    try:
        while True:
            try:
                stdout, stderr = watchdog.communicate(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel.is_set():
                    raise Cancelled() from None
                if time.monotonic() - started > timeout + GRACE:
                    raise
    except BaseException:
        os.close(held)  # the watchdog ends the helper's group, then itself
        held = -1
        watchdog.communicate()
        raise
    finally:
        if held >= 0:
            os.close(held)
    if watchdog.returncode == TIMED_OUT and time.monotonic() - started >= timeout:
        raise subprocess.TimeoutExpired(command, timeout, stdout, stderr)
    return subprocess.CompletedProcess(command, watchdog.returncode, stdout, stderr)


# --- the watchdog -----------------------------------------------------------------------


def _limit(memory: int):
    def limit() -> None:
        import resource

        _, most = resource.getrlimit(resource.RLIMIT_AS)  # never more than the build may have
        allowed = memory if most == resource.RLIM_INFINITY else min(memory, most)
        resource.setrlimit(resource.RLIMIT_AS, (allowed, allowed))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return limit


def _exited(pid: int) -> bool:
    """Whether the helper has ended, leaving it unreaped (its group id stays its own)."""
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def watch(timeout: float, memory: int, folder: str, command: list[str]) -> int:
    """Run the helper; end its group when it is done, out of time, or the build is gone."""
    try:
        helper = subprocess.Popen(command, stdin=subprocess.DEVNULL, process_group=0, preexec_fn=_limit(memory))
    except OSError as exc:
        print(f"cannot run {command[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 127
    deadline = time.monotonic() + timeout
    finished = build_gone = False
    while not finished:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([0], [], [], min(remaining, 0.1))
        if ready and not os.read(0, 512):
            build_gone = True
            break
        finished = _exited(helper.pid)
    try:
        os.killpg(helper.pid, signal.SIGKILL)  # what the helper started, too
    except (ProcessLookupError, PermissionError):
        pass
    helper.wait()
    if not finished and folder:
        shutil.rmtree(folder, ignore_errors=True)
    if build_gone:
        return 1
    return helper.returncode if finished else TIMED_OUT


if __name__ == "__main__" and sys.argv[1:2] == ["watch"]:
    sys.exit(watch(float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[6:]))
