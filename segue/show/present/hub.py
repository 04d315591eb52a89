"""The pages connected to a live talk, and what is sent to them.

Each page (a WebSocket) has a queue of messages of its own and a task that
sends them in order, so one slow phone never holds up the others. Every
message carries an `id`, and a page says which it has read (`{"seen": id}`).
A page that stops reading (a phone asleep with its connection still open, a
frozen tab, a stalled network) stops saying so; once `LAG` messages are
waiting on it, it is dropped and its connection closed, whatever the
operating system would still have buffered for it. A page that comes back
connects again and is sent the talk as it is now. The number of pages is
bounded too.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import deque
from contextlib import suppress

from starlette.websockets import WebSocket

MAX_PAGES = 64  # a talk's presenters, screen and timekeeper, with room to spare (50 are served)
LAG = 100  # messages a page may leave unread: a minute and a half of clock ticks, or a burst of advances
SEND_TIMEOUT = 10.0  # seconds one message may take to go out before its page is dropped
FULL = 1013  # "try again later": the server has all the pages it serves
DROPPED = 1008  # policy: the page stopped reading


class Page:
    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.queue: asyncio.Queue[str] = asyncio.Queue()  # bounded by `unread`
        self.unread: deque[int] = deque()  # ids sent and not yet said to be read
        self.dropped = asyncio.Event()

    def seen(self, id: int) -> None:
        while self.unread and self.unread[0] <= id:
            self.unread.popleft()


class Hub:
    def __init__(self, limit: int = MAX_PAGES) -> None:
        self.limit = limit
        self.pages: set[Page] = set()
        self.dropped = 0  # pages dropped for not reading, since the start
        self.ids = itertools.count(1)

    def join(self, websocket: WebSocket) -> Page | None:
        """A new page, or None when the hub is full."""
        if len(self.pages) >= self.limit:
            return None
        page = Page(websocket)
        self.pages.add(page)
        return page

    def leave(self, page: Page) -> None:
        self.pages.discard(page)

    def send(self, page: Page, message: dict) -> None:
        """Queue a message for one page."""
        id = next(self.ids)
        self._queue(page, id, json.dumps({**message, "id": id}, separators=(",", ":")))

    def broadcast(self, message: dict) -> None:
        """Queue a message for every page, encoded once."""
        id = next(self.ids)
        text = json.dumps({**message, "id": id}, separators=(",", ":"))
        for page in list(self.pages):
            self._queue(page, id, text)

    def _queue(self, page: Page, id: int, text: str) -> None:
        """A page with `LAG` messages unread is dropped instead."""
        if len(page.unread) >= LAG:
            self.drop(page)
            return
        page.unread.append(id)
        page.queue.put_nowait(text)

    def drop(self, page: Page) -> None:
        if page in self.pages:
            self.dropped += 1
        self.pages.discard(page)
        page.dropped.set()

    def drop_all(self) -> None:
        """Close every page's connection (they reconnect by themselves)."""
        for page in list(self.pages):
            self.drop(page)

    async def pump(self, page: Page) -> None:
        """Send a page its messages in order until it is dropped or goes away."""
        while True:
            text = await page.queue.get()
            try:
                await asyncio.wait_for(page.websocket.send_text(text), SEND_TIMEOUT)
            except asyncio.TimeoutError:
                self.drop(page)
                return

    async def serve(self, page: Page, receive) -> None:
        """Run a page's connection: its messages sent, what it says passed to `receive`,
        until it closes or is dropped."""
        tasks = [
            asyncio.ensure_future(self.pump(page)),
            asyncio.ensure_future(receive()),
            asyncio.ensure_future(page.dropped.wait()),
        ]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with suppress(BaseException):
                    await task
            self.leave(page)
        if page.dropped.is_set():
            with suppress(Exception):
                await asyncio.wait_for(page.websocket.close(DROPPED), 1.0)
