"""Run one command of the build and kill it just before its k-th change to a folder.

    python -m tests.build.crash_at_step FOLDER K STEPS -- build TALK …

A change is anything the process does to a file or folder inside FOLDER: open a
file for writing, rename, remove, make a folder, remove a tree. Python's audit
hooks see each of them before it happens, whatever code makes it, so no seam in
the build is needed. Only the main thread's changes are counted (publishing
happens there), which keeps the count the same from one run to the next.

With K = 0 the command runs to its end, and the changes it made, in order, are
written to the file STEPS (one a line); with K > 0 the process kills itself with
SIGKILL, which nothing in it can catch, just before change K.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _path(path, dir_fd=None) -> str | None:
    if isinstance(path, int):
        return None  # an open descriptor: its opening was the change
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
    if event in ("os.truncate", "os.link", "os.symlink"):
        return [_path(args[0]), *([_path(args[1])] if event != "os.truncate" else [])]
    return []


def main() -> None:
    folder, k, steps_file = os.path.realpath(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    command = sys.argv[sys.argv.index("--") + 1:]
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

    from segue.commands import main as segue

    sys.addaudithook(hook)
    try:
        segue.main(args=command, prog_name="segue")
        code = 0
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    if k == 0:
        busy.on = True  # the list is written outside the folder, and is no step
        with open(steps_file, "w", encoding="utf-8") as out:
            out.write("".join(step + "\n" for step in steps))
    os._exit(code)


if __name__ == "__main__":
    main()
