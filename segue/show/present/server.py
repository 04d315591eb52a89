"""The live talk's web server: Starlette routes served by uvicorn.

Pages (plain HTML, CSS and a little JavaScript from `pages/`, nothing from
the internet): `/screen`, `/p/<speaker>`, `/time`, and `/` listing them.
The pages follow the talk through one WebSocket each (`/ws`): every change
is sent to every page as the talk's state, with a sequence number; while the
clock runs its figures are sent once a second. A page moves the talk by
sending `{"do": "next"}` (or `back`, `goto` with `slide`), as the HTTP API
does for a clicker script or an organizer's system. Every message to a page
has an `id`, and the page answers `{"seen": id}` as it reads it: a page that
stops reading is dropped (`hub`).

    GET  /api/state           {"slide": 1-based, "click", "clicks", "slides", "seq", "clock": {…}}
    GET  /api/talk[?as=ID]    the slides, segments and, for a presenter, their lines
    POST /api/next | /api/back | /api/goto/<n> | /api/start | /api/pause | /api/resume
"""

from __future__ import annotations

import asyncio
import json
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html import escape
from importlib.resources import files
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from segue.show.present.guard import Guard
from segue.show.present.hub import FULL, Hub
from segue.show.present.live import ACTIONS, GOTO, LiveTalk
from segue.show.present.pictures import SlidePictures

PAGES = files("segue.show.present") / "pages"
TICK = 1.0  # seconds between the clock's figures while it runs
MAX_COMMAND = 256  # characters of one message from a page


@dataclass
class Show:
    """Everything the server serves: the talk as it stands, what the pages are told about
    it, and the pictures."""

    live: LiveTalk
    data: dict[str | None, dict]  # the talk as JSON for each presenter id, and None for everyone else
    talk_pictures: list[Path]  # pictures the slides' text look shows, by number
    pictures: SlidePictures = field(default_factory=SlidePictures)
    token: str | None = None
    follow: bool = False  # the slides are shown from PowerPoint: no /screen
    hub: Hub = field(default_factory=Hub)
    prepared: dict[int, tuple[bytes, str]] = field(default_factory=dict)
    loop: asyncio.AbstractEventLoop | None = None  # the server's, once it runs
    running: threading.Event = field(default_factory=threading.Event)

    def state(self) -> dict:
        return {**self.live.state(), "pictures": self.pictures.ready, "pages": len(self.hub.pages)}

    def act(self, action: str, number: int | None = None) -> dict:
        change = self.live.act(action, number)
        if change.changed:
            self.hub.broadcast(self.state())
        return {**self.state(), "changed": change.changed, **({"reason": change.reason} if change.reason else {})}

    def pictures_ready(self, pictures: SlidePictures) -> None:
        self.pictures = pictures
        self.hub.broadcast({"type": "pictures", "ready": pictures.ready, "seq": self.live.seq})

    def from_thread(self, function, *args) -> None:
        """Run `function` on the server's loop (from the thread that draws the pictures)."""
        self.running.wait()
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(function, *args)


def app(show: Show, allowed_hosts: list[str]) -> Starlette:
    def page(name: str, **values: str):
        async def serve(request: Request) -> Response:
            if name == "screen" and show.follow:
                return _missing("follow mode: the slides are shown from PowerPoint, so this talk has no /screen")
            me = request.path_params.get("speaker", "")
            if name == "presenter" and me not in show.data:
                known = ", ".join(f"/p/{s}" for s in show.data if s is not None)
                return _missing(f"no presenter {me!r} in this talk: {known}")
            html = (PAGES / f"{name}.html").read_text(encoding="utf-8")
            fields = {
                "title": show.data[None]["title"],
                "lang": show.data[None]["lang"],
                "me": me,
                "token": show.token or "",
                "follow": "yes" if show.follow else "",
                **values,
            }
            for key, value in fields.items():
                html = html.replace("{{" + key + "}}", escape(value, quote=True))
            return HTMLResponse(html)

        return serve

    async def state(request: Request) -> Response:
        return JSONResponse(show.state())

    async def talk(request: Request) -> Response:
        who = request.query_params.get("as")
        if who is not None and who not in show.data:
            return JSONResponse({"error": f"no presenter {who!r}"}, status_code=404)
        return JSONResponse(show.data[who])

    async def action(request: Request) -> Response:
        name = request.path_params["action"]
        if name not in ACTIONS or name == GOTO:
            return JSONResponse({"error": f"no action {name!r}"}, status_code=404)
        return JSONResponse(show.act(name))

    async def goto(request: Request) -> Response:
        number = request.path_params["number"]
        answer = show.act(GOTO, number)
        return JSONResponse(answer, status_code=200 if answer["changed"] or number == answer["slide"] else 404)

    async def slide_picture(request: Request) -> Response:
        slide, click = request.path_params["slide"], request.path_params["click"]
        data = show.pictures.get(slide, click, request.path_params["size"] == "small")
        if data is None:
            return Response(status_code=404)
        return Response(data, media_type="image/jpeg")

    async def talk_picture(request: Request) -> Response:
        number = request.path_params["number"]
        if not 0 <= number < len(show.talk_pictures):
            return Response(status_code=404)
        if number not in show.prepared:
            show.prepared[number] = await asyncio.to_thread(_prepared, show.talk_pictures[number])
        data, kind = show.prepared[number]
        return Response(data, media_type=kind) if data else Response(status_code=404)

    async def socket(websocket: WebSocket) -> None:
        page = show.hub.join(websocket)
        await websocket.accept()
        if page is None:
            await websocket.close(FULL)
            return
        show.hub.send(page, show.state())

        async def receive() -> None:
            while True:
                message = _message(await websocket.receive_text())
                if isinstance(message.get("seen"), int):
                    page.seen(message["seen"])
                if message.get("do") in ACTIONS:
                    number = message.get("slide")
                    show.act(message["do"], number if isinstance(number, int) and not isinstance(number, bool) else None)

        try:
            await show.hub.serve(page, receive)
        except WebSocketDisconnect:
            pass

    @asynccontextmanager
    async def lifespan(_):
        show.loop = asyncio.get_running_loop()
        show.running.set()
        ticking = asyncio.ensure_future(_tick(show))
        try:
            yield
        finally:
            ticking.cancel()
            show.hub.drop_all()

    routes = [
        Route("/", page("index")),
        Route("/screen", page("screen")),
        Route("/p/{speaker}", page("presenter")),
        Route("/time", page("time")),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/api/state", state),
        Route("/api/talk", talk),
        Route("/api/goto/{number:int}", goto, methods=["POST"]),
        Route("/api/{action}", action, methods=["POST"]),
        Route("/slides/{slide:int}/{click:int}/{size}.jpg", slide_picture),
        Route("/pictures/{number:int}", talk_picture),
        WebSocketRoute("/ws", socket),
        Mount("/static", StaticFiles(directory=str(PAGES / "static")), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts), Middleware(Guard, token=show.token)]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


async def _tick(show: Show) -> None:
    """The clock's figures once a second while it runs (the countdown, ahead or behind)."""
    while True:
        await asyncio.sleep(TICK)
        if show.live.session.paused or not show.hub.pages:
            continue
        show.hub.broadcast({"type": "clock", "seq": show.live.seq, "clock": show.live.clock()})


def _message(text: str) -> dict:
    """What a page says: `{"do": "next"}`, `{"do": "goto", "slide": 4}`, `{"seen": id}`;
    anything else is ignored."""
    if len(text) > MAX_COMMAND:
        return {}
    try:
        message = json.loads(text)
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}


def _prepared(file: Path) -> tuple[bytes, str]:
    """A picture of the talk as the deck has it: upright, without its metadata."""
    from segue.media.pictures import ImageProblem, prepare_bytes
    from segue.sources import SourceProblem, read_file

    try:
        prepared = prepare_bytes(read_file(file), (1920, 1920))
    except (ImageProblem, SourceProblem):
        return b"", ""
    return prepared.data, "image/png" if prepared.extension == "png" else "image/jpeg"


def _missing(message: str) -> Response:
    return HTMLResponse(f"<!doctype html><title>Not here</title><p>{escape(message)}</p>", status_code=404)
