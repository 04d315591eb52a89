"""`present`, start to stop: the talk laid out as the deck is, the server started
on its socket, the addresses given out, the slides drawn beside it, and on
Ctrl-C the timings saved as a rehearsal CSV."""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from segue.diagnostics import Diagnostics
from segue.talk.model import Talk
from segue.talk.plan import Plan
from segue.show.present.addresses import LOCAL, Address, addresses, as_codes, as_text, listen, network_address
from segue.show.present.content import click_steps, talk_data
from segue.show.present.guard import new_token
from segue.show.present.hub import MAX_PAGES
from segue.show.present.live import LiveTalk
from segue.show.present.pictures import SlidePictures, draw
from segue.show.present.server import Show, app
from segue.show.session import now_local, save

WS_MAX_MESSAGE = 4096  # bytes: a page's commands are a few dozen
MAX_REQUEST_HEAD = 16 * 1024  # bytes of a request head still arriving (guard.py refuses a longer one that came whole)
PING = 15.0  # seconds between pings; a page that does not answer within as long is dropped


@dataclass
class Options:
    port: int = 0  # 0: a free port
    lan: bool = False  # listen on every network, with a token
    public: bool = False  # no speaker notes served
    follow: bool = False  # the slides are shown from PowerPoint: no /screen
    pictures: bool = True  # draw the slides with LibreOffice when it is installed


def prepare(talk: Talk, plan: Plan, options: Options) -> tuple[Show, object]:
    """The show for a talk: its deck laid out (for the clicks and the pictures), the live
    state, what each page is told. Returns the show and the arranged deck's (opened, deck)."""
    from segue.render.pptx.deck import arrange_talk

    arranged = arrange_talk(talk, plan, Diagnostics(), public=False)
    steps = click_steps(arranged[1], arranged[0].stage) if arranged is not None else [[] for _ in plan.slides]
    live = LiveTalk(talk, plan, [len(s) for s in steps])
    pictures: dict[Path, int] = {}
    data = {None: talk_data(talk, plan, steps, pictures, None, options.public)}
    for speaker in talk.speakers:
        data[speaker] = talk_data(talk, plan, steps, pictures, speaker, options.public)
    files = sorted(pictures, key=pictures.get)
    token = new_token() if options.lan else None
    return Show(live, data, files, token=token, follow=options.follow), arranged


def serve(root: Path, out: Path, talk: Talk, plan: Plan, options: Options, stdout: TextIO, stderr: TextIO) -> Path | None:
    """Run the live talk until Ctrl-C; the rehearsal CSV saved, or None when nothing was timed."""
    show, arranged = prepare(talk, plan, options)
    sock = listen("0.0.0.0" if options.lan else LOCAL, options.port)
    port = sock.getsockname()[1]
    network = network_address() if options.lan else None
    host = network or LOCAL
    if options.lan and network is None:
        stderr.write("no address on a local network was found: only this computer can open the pages\n")
    given = addresses(host, port, list(talk.speakers), show.token, screen=not options.follow)
    allowed = allowed_hosts(options.lan)
    cancel = threading.Event()
    drawing = threading.Thread(target=draw_in_background, args=(show, root, root / "dist", talk, arranged, options, cancel, stderr), daemon=True)
    server = web_server(show, allowed)  # made (uvicorn imported) before anyone can be told to stop it
    started = now_local()
    with _stopping(server):  # Ctrl-C may come at any moment from here on, even before the server has started
        try:
            _announce(given, options, stdout, stderr)
            drawing.start()
            server.run(sockets=[sock])
        except KeyboardInterrupt:  # a second Ctrl-C while the server was closing
            pass
        finally:
            cancel.set()
            show.running.set()  # a server that never started: the drawing thread need not wait for it
            sock.close()
    if drawing.ident is not None:  # started
        drawing.join(timeout=5)
    session = show.live.session
    session.go_to(session.index)  # bank the time on the slide shown last
    if not session.actual:
        return None
    return save(session, out, started)


@contextmanager
def _stopping(server):
    """Ctrl-C, SIGTERM and SIGHUP ask the server to stop, from the moment the addresses are
    given out: a flag the server reads, not an exception that could land in the middle of
    starting it (an import, the event loop's set-up) and leave it running. uvicorn puts
    its own handlers in while it serves, which do the same, and gives ours back after."""

    def stop(signum, frame):
        if server.should_exit and signum == signal.SIGINT:
            server.force_exit = True  # a second Ctrl-C: the open connections are not waited for
        server.should_exit = True

    names = [name for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return
    previous = {name: signal.signal(getattr(signal, name), stop) for name in names}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


def web_server(show: Show, allowed_hosts: list[str]):
    """uvicorn serving the show: WebSockets by websockets, messages and request heads
    bounded, pages that stop answering pings dropped, the connections bounded."""
    import uvicorn

    config = uvicorn.Config(
        app(show, allowed_hosts),
        log_level="warning",
        access_log=False,
        lifespan="on",
        ws="websockets-sansio",
        ws_max_size=WS_MAX_MESSAGE,
        ws_ping_interval=PING,
        ws_ping_timeout=PING,
        ws_per_message_deflate=False,
        limit_concurrency=MAX_PAGES * 2 + 32,
        h11_max_incomplete_event_size=MAX_REQUEST_HEAD,
        timeout_graceful_shutdown=2,
    )
    return uvicorn.Server(config)


def allowed_hosts(lan: bool) -> list[str]:
    """Any host name on the network (the token guards it); on this computer only its own
    names, so a web page cannot reach the server through a name of its own (DNS rebinding)."""
    return ["*"] if lan else [LOCAL, "localhost"]


def _announce(given: list[Address], options: Options, stdout: TextIO, stderr: TextIO) -> None:
    """The addresses one a line on standard output as the server starts; in a terminal, with
    `--lan`, QR codes of them for the phones (a phone cannot open 127.0.0.1); what each
    is for on standard error."""
    stdout.write(as_text(given) + "\n")
    if stdout.isatty() and options.lan:
        import shutil

        stdout.write("\n" + as_codes(given, shutil.get_terminal_size().columns) + "\n")
    stdout.flush()
    mode = "on this network, with a token" if options.lan else "on this computer only (phones need --lan, which gives their addresses as QR codes)"
    notes = "no speaker notes (--public)" if options.public else "each presenter's own lines on their page"
    where = "follow mode: advance the phones as PowerPoint advances" if options.follow else "the screen: F for full screen"
    stderr.write(f"serving {mode}; {notes}; {where}. Ctrl-C stops and saves the timings.\n")
    stderr.flush()


def draw_in_background(show: Show, root: Path, out: Path, talk: Talk, arranged, options: Options, cancel: threading.Event, stderr: TextIO) -> None:
    """The slides' pictures drawn (a thread's work: LibreOffice takes seconds), then handed
    to the server, which tells the pages; a line on standard error says which they show."""
    if arranged is None or not options.pictures:
        pictures = SlidePictures(note="the slides' text")
    else:
        try:
            pictures = draw(root, out, talk, arranged[1], arranged[0].stage, cancel)
        except Exception as exc:  # LibreOffice cancelled or failed: the pages keep the slides' text
            pictures = SlidePictures(note=f"the slides' text ({type(exc).__name__}: {exc})" if not cancel.is_set() else "")
    if cancel.is_set():
        return
    stderr.write(f"slides: {pictures.note}\n")
    stderr.flush()
    show.from_thread(show.pictures_ready, pictures)


def main(root: Path, out: Path, talk: Talk, plan: Plan, options: Options) -> Path | None:
    return serve(root, out, talk, plan, options, sys.stdout, sys.stderr)
