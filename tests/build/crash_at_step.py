"""Run one command of the build, again and again, each time killed just before its
k-th change to a folder.

    python -m tests.build.crash_at_step FOLDER STEPS -- build TALK …

For each number k read from standard input (one a line) a process forked from
this one runs the command and kills itself with SIGKILL, which nothing in it can
catch, just before its k-th change inside FOLDER; the exit status (negative: the
signal that ended it) is written back, one a line. With k = 0 the command runs to
its end and the changes it made, in order, are written to the file STEPS.

A change is anything that alters a file or folder inside FOLDER: a file opened
for writing, a rename, a removal, a folder made, a tree removed. Python's audit
hooks see each before it happens, whatever code makes it, so the build needs no
seam. Only the main thread's changes count (publishing happens there), so the
count is the same from one run to the next. The build's modules are imported
once, here, before the forks.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _path(path, dir_fd=None) -> str | None:
    if isinstance(path, int):
        return None  # an open descriptor: opening it was the change
    path = os.fsdecode(path)
    if dir_fd is not None and not os.path.isabs(path):
        return os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
    return os.path.abspath(path)


def changed_paths(event: str, args: tuple) -> list[str | None]:
    """The paths an audited event is about to change (none for a read)."""
    if event == "open":
        path, mode, flags = args
        writing = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & WRITING)
        return [_path(path)] if writing else []
    if event == "os.rename":  # os.rename and os.replace
        source, target, source_fd, target_fd = args
        return [_path(source, source_fd), _path(target, target_fd)]
    if event in ("os.remove", "os.rmdir", "shutil.rmtree"):
        return [_path(args[0], args[1])]
    if event == "os.mkdir":
        return [_path(args[0], args[2])]
    if event == "os.truncate":
        return [_path(args[0])]
    if event in ("os.link", "os.symlink"):
        return [_path(args[0]), _path(args[1])]
    return []


def run_killed(folder: str, k: int, steps_file: str, command: list[str]) -> None:
    """In the forked process: the command, killed before change `k`. Never returns."""
    from segue.commands import main as segue

    steps: list[str] = []
    busy = threading.local()

    def inside(path: str | None) -> bool:
        return path is not None and (path == folder or path.startswith(folder + os.sep))

    def hook(event: str, args: tuple) -> None:
        if getattr(busy, "on", False) or threading.current_thread() is not threading.main_thread():
            return
        busy.on = True
        try:
            paths = [p for p in changed_paths(event, args) if inside(p)]
            if paths:
                steps.append(f"{event} " + " -> ".join(os.path.relpath(p, folder) for p in paths))
                if len(steps) == k:
                    os.kill(os.getpid(), signal.SIGKILL)
        finally:
            busy.on = False

    sys.addaudithook(hook)
    try:
        segue.main(args=command, prog_name="segue")
        code = 0
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else 1
    if k == 0:
        busy.on = True  # the list is written outside the folder, and is no step
        with open(steps_file, "w", encoding="utf-8") as out:
            out.write("".join(step + "\n" for step in steps))
    os._exit(code)


def main() -> None:
    folder, steps_file = os.path.realpath(sys.argv[1]), sys.argv[2]
    command = sys.argv[sys.argv.index("--") + 1:]
    import segue.commands  # noqa: F401  the build's modules, imported once for every fork
    import segue.render.handout.document  # noqa: F401
    import segue.render.pptx.deck  # noqa: F401
    import segue.render.scripts.document  # noqa: F401

    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            run_killed(folder, int(line), steps_file, command)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


if __name__ == "__main__":
    main()
