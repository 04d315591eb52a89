"""`present` as a presenter runs it: a process that prints its addresses, serves until
Ctrl-C, then saves the timings where `timing --against` reads them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.helpers import REPO, cli, make_talk, write


def start(talk: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "present", str(talk), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "SOFFICE": ""},
    )


def addresses(process: subprocess.Popen, count: int) -> dict[str, str]:
    """The first `count` lines of standard output: `label  address`."""
    found = {}
    for _ in range(count):
        line = process.stdout.readline()
        assert line, process.stderr.read()
        label, address = line.split()
        found[label] = address
    return found


def post(address: str) -> dict:
    with urllib.request.urlopen(urllib.request.Request(address, method="POST"), timeout=10) as response:
        return json.loads(response.read())


def stop(process: subprocess.Popen) -> tuple[str, str]:
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    return out, err


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_present_prints_its_addresses_serves_until_ctrl_c_and_saves_what_timing_reads(tmp_path):
    talk = make_talk(tmp_path / "talk")
    port = free_port()
    process = start(talk, "--port", str(port), "--out", str(tmp_path / "out"))
    try:
        found = addresses(process, 4)
        base = f"http://127.0.0.1:{port}"
        assert found == {
            "screen": f"{base}/screen",
            "clinician": f"{base}/p/clinician",
            "client": f"{base}/p/client",
            "time": f"{base}/time",
        }
        for _ in range(3):
            post(f"{base}/api/next")
            time.sleep(0.3)
    finally:
        out, err = stop(process)
    assert f"talk: {talk.resolve()}" in err and "on this computer only" in err
    saved = [line for line in out.splitlines() if line.startswith("stopped: wrote ")]
    assert len(saved) == 1, out
    csv_file = Path(saved[0].removeprefix("stopped: wrote "))
    assert csv_file.parent == tmp_path / "out" and csv_file.name.startswith("small-talk-rehearsal-")
    assert f"timing {talk} --against {csv_file}" in out
    compared = cli("timing", talk, "--against", csv_file)
    assert compared.exit_code == 0, compared.output
    rows = {line.split()[0]: line for line in compared.output.splitlines() if line.split() and line.split()[0].isdigit()}
    assert "—" in rows["1"]  # passed before the clock started: not timed
    assert all("—" not in rows[n] for n in ("2", "3", "4"))  # timed, the last one up to Ctrl-C
    assert "—" in rows["5"]


def test_stopping_before_the_clock_started_saves_nothing_and_says_so(tmp_path):
    talk = make_talk(tmp_path / "talk")
    process = start(talk, "--out", str(tmp_path / "out"))
    try:
        found = addresses(process, 4)
        assert found["screen"].startswith("http://127.0.0.1:")  # a free port when none is asked for
    finally:
        out, _ = stop(process)
    assert "the clock never started, so nothing was timed or saved" in out
    assert not (tmp_path / "out").exists()


def test_follow_mode_gives_no_screen_address_and_lan_gives_tokens(tmp_path):
    talk = make_talk(tmp_path / "talk")
    process = start(talk, "--follow", "--lan")
    try:
        found = addresses(process, 3)
        assert list(found) == ["clinician", "client", "time"]
        tokens = {address.split("?t=")[1] for address in found.values()}
        assert len(tokens) == 1 and len(tokens.pop()) >= 20
    finally:
        stop(process)


def test_a_port_in_use_and_a_talk_with_errors_are_said_plainly(tmp_path):
    talk = make_talk(tmp_path / "talk")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = cli("present", talk, "--port", port)
    assert result.exit_code == 1
    assert f"port {port} is in use: choose another with --port, or leave --port out for a free one" in result.output
    write(talk / "deck" / "01-opening.md", "---\ntitle: Opening\nminutes: 4\n---\n\n::: nobody\nHello.\n:::\n")
    result = cli("present", talk)
    assert result.exit_code == 1 and "deck/01-opening.md:" in result.output and "Traceback" not in result.output


def test_ctrl_c_the_moment_the_first_address_is_printed_always_stops_it(tmp_path):
    # The server is still starting then (its event loop being set up): a stop must not be lost there.
    talk = make_talk(tmp_path / "talk")
    for _ in range(5):
        process = start(talk)
        assert process.stdout.readline().startswith("screen "), process.stderr.read()
        out, _ = stop(process)
        assert "the clock never started, so nothing was timed or saved" in out
