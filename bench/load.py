"""Many pages on one live talk: `present` started as a process on 127.0.0.1, pages
connected over WebSockets as the browsers' pages connect (each says what it has
read), and the talk advanced from one of them, as a phone advances it.

Used by the load test (tests/show/present/test_load.py), which checks what
happened, and by bench/present.py, which prints how fast. Each advance waits
until every page has been sent it (a talk is advanced by people, one tap at a
time), so its time is what a tap costs with that many pages following.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from websockets.asyncio.client import connect

REPO = Path(__file__).resolve().parent.parent
LIMIT = 600  # seconds: the whole run stops by itself past this


@dataclass
class Page:
    """What one page was sent: each state's seq in the order it came, and where the last one was."""

    seqs: list[int] = field(default_factory=list)
    last: tuple[int, int] = (0, 0)  # slide, click
    clicks: int = 0  # on that slide


@dataclass
class Load:
    pages: list[Page]
    server: tuple[int, int]  # where the server says the talk ended
    seq: int  # the server's last seq
    advances: int
    seconds: float  # the advances, from the first sent to the last received everywhere
    latencies: list[float]  # each advance: from sent to received by the last page
    memory: list[tuple[int, int]]  # (advances done, the server's resident memory in bytes)


def start(talk: Path, out: Path) -> tuple[subprocess.Popen, str]:
    """`present` for `talk` on a free port; the process and its address."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "present", str(talk), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "SOFFICE": ""},
    )
    line = process.stdout.readline().split()
    if len(line) != 2:
        process.kill()
        raise RuntimeError("present printed no address")
    return process, line[1].rsplit("/", 1)[0]


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


async def _drive(base: str, pid: int, pages: int, advances: int, samples: int) -> Load:
    url = base.replace("http://", "ws://") + "/ws"
    slides = json.loads(await asyncio.to_thread(_get, base + "/api/state"))["slides"]
    followed = [Page() for _ in range(pages)]
    arrived: dict[int, int] = {}  # seq -> pages that have it
    everywhere: dict[int, asyncio.Event] = {}
    received_at: dict[int, float] = {}

    def event(seq: int) -> asyncio.Event:
        return everywhere.setdefault(seq, asyncio.Event())

    async def follow(websocket, page: Page) -> None:
        async for text in websocket:
            message = json.loads(text)
            await websocket.send(json.dumps({"seen": message["id"]}))
            if message["type"] != "state":
                continue
            page.seqs.append(message["seq"])
            page.last, page.clicks = (message["slide"], message["click"]), message["clicks"]
            arrived[message["seq"]] = arrived.get(message["seq"], 0) + 1
            if arrived[message["seq"]] == pages:
                received_at[message["seq"]] = time.perf_counter()
                event(message["seq"]).set()

    sockets = [await connect(url, max_queue=None) for _ in range(pages)]
    tasks = [asyncio.ensure_future(follow(ws, page)) for ws, page in zip(sockets, followed)]
    await asyncio.wait_for(event(0).wait(), 30)  # every page has the talk as it starts
    memory = [(0, psutil.Process(pid).memory_info().rss)]
    latencies = []
    forward = True
    began = time.perf_counter()
    for number in range(1, advances + 1):
        phone = followed[0]
        if phone.last == (slides, phone.clicks):
            forward = False
        elif phone.last == (1, 0):
            forward = True
        sent = time.perf_counter()
        await sockets[0].send(json.dumps({"do": "next" if forward else "back"}))  # one phone moves the talk
        await asyncio.wait_for(event(number).wait(), 30)
        latencies.append(received_at[number] - sent)
        if number % max(1, advances // samples) == 0:
            memory.append((number, psutil.Process(pid).memory_info().rss))
    seconds = time.perf_counter() - began
    state = json.loads(await asyncio.to_thread(_get, base + "/api/state"))
    for ws in sockets:
        await ws.close()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return Load(followed, (state["slide"], state["click"]), state["seq"], advances, seconds, latencies, memory)


def _get(address: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(address, timeout=10) as response:
        return response.read()


def run(talk: Path, out: Path, pages: int = 50, advances: int = 1000, samples: int = 10) -> Load:
    """`pages` pages on `present` for `talk`, `advances` moves of the talk; the server stopped after."""
    process, base = start(talk, out)
    try:
        return asyncio.run(asyncio.wait_for(_drive(base, process.pid, pages, advances, samples), LIMIT))
    finally:
        stop(process)
