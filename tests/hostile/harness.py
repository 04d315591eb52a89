"""Running the command line on hostile input, as an attacker would, and checking
what it leaves: its exit status and time, its memory, a traceback, processes
still running, temporary folders, requests to a listening server, and any
planted string in what a public build writes."""

from __future__ import annotations

import http.server
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import REPO

MEMORY = 3 * 1024**3  # bytes of address space the command may map


@dataclass
class Ran:
    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # the largest resident size of the command, sampled as it ran
    group: int  # its process group (it ran in a session of its own)

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _limited(memory: int):
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return limit


def _drain(stream, into: list[bytes], cap: int = 4 * 1024 * 1024) -> None:
    """Read a pipe to its end, keeping at most `cap` bytes (a flood of output is a failure too)."""
    kept = 0
    while chunk := stream.read(65536):
        if kept < cap:
            into.append(chunk[: cap - kept])
        kept += len(chunk)
    if kept > cap:
        into.append(f"\n[{kept - cap} more bytes]".encode())


def start(*args, scratch: Path, env: dict | None = None, memory: int = MEMORY, stdin=subprocess.DEVNULL) -> subprocess.Popen:
    """`python build.py ARGS` in a session of its own (its group id is its pid), its
    temporary files in `scratch/tmp`."""
    (scratch / "tmp").mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(scratch / "tmp"), **(env or {})}
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), *map(str, args)],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        start_new_session=True,
        preexec_fn=_limited(memory),
    )


def _high_water(pid: int) -> int:
    """The largest resident size process `pid` has had, in kB (its own, since its exec:
    a child's rusage would count the test process it was forked from)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found.group(1)) if found else 0


def finish(process: subprocess.Popen, seconds: float) -> Ran:
    """Wait for `process` at most `seconds` (its group is killed, and the test fails, after that)."""
    started = time.monotonic()
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [threading.Thread(target=_drain, args=(stream, into)) for stream, into in ((process.stdout, out), (process.stderr, err))]
    for reader in readers:
        reader.start()
    status = None
    peak = 0
    while time.monotonic() - started < seconds:
        peak = max(peak, _high_water(process.pid))
        pid, code, _ = os.wait4(process.pid, os.WNOHANG)
        if pid:
            status = os.waitstatus_to_exitcode(code)
            break
        time.sleep(0.02)
    if status is None:
        os.killpg(process.pid, signal.SIGKILL)
        os.wait4(process.pid, 0)
    process.returncode = status if status is not None else -9
    for reader in readers:
        reader.join(timeout=30)
    ran = Ran(
        status if status is not None else -9,
        b"".join(out).decode("utf-8", "replace"),
        b"".join(err).decode("utf-8", "replace"),
        time.monotonic() - started,
        peak / 1024,
        process.pid,
    )
    assert status is not None, f"still running after {seconds} s:\n{ran.output[-3000:]}"
    return ran


def cli(*args, scratch: Path, seconds: float = 120, env: dict | None = None, memory: int = MEMORY) -> Ran:
    """The command line run to its end in a process of its own, with a time and a memory limit."""
    return finish(start(*args, scratch=scratch, env=env, memory=memory), seconds)


def processes_of(scratch: Path) -> list[str]:
    """Processes still running that the command started: they all carry its TMPDIR
    (or, for a helper, a folder inside it)."""
    marker = f"TMPDIR={scratch / 'tmp'}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        state = stat.rpartition(")")[2].split()[0]
        if any(entry == marker or entry.startswith(marker + b"/") for entry in environ.split(b"\0")) and state != "Z":
            found.append(f"{entry.name}: {command[:120]}")
    return found


def group_members(group: int) -> bool:
    """Whether any process is left in process group `group`."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def assert_clean(ran: Ran, scratch: Path, status: int | tuple = (0, 1), seconds: float = 60, peak_mb: float = 1500) -> None:
    """What every run on hostile input must show: an expected status, no traceback,
    within its bounds of time and memory, nothing left running, no temporary folder left."""
    statuses = status if isinstance(status, tuple) else (status,)
    assert ran.status in statuses, f"exit status {ran.status}:\n{ran.output[-3000:]}"
    assert "Traceback" not in ran.output, ran.output[-3000:]
    assert ran.seconds < seconds, f"took {ran.seconds:.1f} s"
    assert ran.peak_mb < peak_mb, f"peaked at {ran.peak_mb:.0f} MB"
    assert_nothing_left(scratch, ran.group)


def assert_nothing_left(scratch: Path, group: int | None = None, wait: float = 5.0) -> None:
    """No process the command started still runs, none is left in its group, and its
    temporary folder is empty (a helper's watchdog gets a moment to clean up)."""
    deadline = time.monotonic() + wait
    while True:
        running = processes_of(scratch)
        grouped = group is not None and group_members(group)
        left = sorted(p.name for p in (scratch / "tmp").iterdir()) if (scratch / "tmp").is_dir() else []
        if not running and not grouped and not left:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"left behind: processes {running}, group {group} alive: {grouped}, temporary files {left}")
        time.sleep(0.1)


# --- a server that must never be asked for anything ----------------------------------------


class _Recording(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        self.connections: list[tuple] = []
        self.requests: list[str] = []
        recording = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                recording.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            do_HEAD = do_POST = do_PROPFIND = do_OPTIONS = do_GET

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    def verify_request(self, request, client_address) -> bool:
        self.connections.append(client_address)
        return True


@contextmanager
def listening_server():
    """An HTTP server on 127.0.0.1 that records every connection and request; yields it
    (its address is `server.url`)."""
    server = _Recording()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# --- everything a public output carries ------------------------------------------------------


def inflated(name: str, data: bytes, depth: int = 0) -> list[tuple[str, bytes]]:
    """`data` and everything inside it: zip members (a deck, a bundle), PDF streams
    (inflated) and the PDF's text as poppler extracts it."""
    found = [(name, data)]
    if depth > 3:
        return found
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                found.append((f"{name}:{member}(name)", member.encode()))
                found += inflated(f"{name}:{member}", archive.read(member), depth + 1)
    elif data[:5] == b"%PDF-":
        import pikepdf

        with pikepdf.open(io.BytesIO(data)) as pdf:
            for number, obj in enumerate(pdf.objects):
                if isinstance(obj, pikepdf.Stream):
                    try:
                        found.append((f"{name}:stream{number}", obj.read_bytes()))
                    except pikepdf.PdfError:
                        found.append((f"{name}:stream{number}", obj.read_raw_bytes()))
                else:
                    found.append((f"{name}:object{number}", bytes(repr(obj), "utf-8", "replace")))
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, timeout=120).stdout
        found.append((f"{name}:text", text))
    return found


def planted(folder: Path, strings: list[str]) -> list[str]:
    """Where any of `strings` (or its UTF-16 form) appears in any file under `folder`, inflated."""
    needles = []
    for string in strings:
        needles += [string.encode(), string.encode("utf-16-le"), string.encode("utf-16-be"), string.lower().encode()]
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for name, data in inflated(str(path.relative_to(folder)), path.read_bytes()):
            lowered = data.lower()
            for string, needle in zip([s for s in strings for _ in range(4)], needles):
                if needle in data or needle.lower() in lowered:
                    hits.append(f"{string} in {name}")
    return sorted(set(hits))


def names_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def first_line_matching(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text, re.M)
    return match.group(0) if match else None
