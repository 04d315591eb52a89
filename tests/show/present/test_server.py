"""The live talk's server on 127.0.0.1: its HTTP API, its WebSocket, and what it refuses."""

from __future__ import annotations

import json
import socket
import time
from contextlib import ExitStack

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from segue.show.present import hub as hub_module
from tests.show.present.serving import serving, talk_with_clicks


@pytest.fixture
def talk(tmp_path):
    return talk_with_clicks(tmp_path / "talk")


def receive_state(ws, timeout: float = 5.0) -> dict:
    """The next state message, passing over the clock's ticks; each message read is
    said to be read, as the pages do."""
    deadline = time.monotonic() + timeout
    while True:
        message = json.loads(ws.recv(timeout=max(0.01, deadline - time.monotonic())))
        ws.send(json.dumps({"seen": message["id"]}))
        if message["type"] == "state":
            return message


def test_the_api_moves_the_talk_and_says_where_it_is(talk):
    with serving(talk) as served:
        state = served.json("/api/state")
        assert (state["slide"], state["click"], state["seq"]) == (1, 0, 0)
        assert state["slides"] == len(served.show.live.plan.slides)
        assert served.json("/api/next", "POST")["slide"] == 2
        assert served.json("/api/back", "POST")["slide"] == 1
        moved = served.json("/api/goto/4", "POST")
        assert (moved["slide"], moved["changed"]) == (4, True)
        assert served.json("/api/state")["slide"] == 4
        status, body, _ = served.request("/api/goto/99", "POST")
        assert status == 404 and "there is no slide 99" in json.loads(body)["reason"]
        status, body, _ = served.request("/api/dance", "POST")
        assert status == 404
        assert served.request("/api/next")[0] == 405  # moving the talk is a POST
        assert served.json("/api/state")["clock"]["started"] is True  # the first advance started it


def test_pages_follow_the_talk_over_the_websocket_and_move_it(talk):
    with serving(talk) as served:
        with connect(served.ws_url()) as phone, connect(served.ws_url()) as screen:
            assert receive_state(phone)["slide"] == 1 and receive_state(screen)["slide"] == 1
            phone.send(json.dumps({"do": "next"}))
            assert receive_state(phone)["slide"] == 2 and receive_state(screen)["slide"] == 2
            screen.send(json.dumps({"do": "goto", "slide": 3}))
            assert receive_state(phone)["slide"] == 3 and receive_state(screen)["slide"] == 3
            served.json("/api/back", "POST")  # the API's moves reach the pages too
            assert receive_state(screen)["slide"] == 2
            phone.send("not json")
            phone.send(json.dumps({"do": "next", "padding": "x" * 300}))  # past what a command may be
            phone.send(json.dumps({"do": "next"}))
            assert receive_state(screen)["seq"] == 4  # the two bad messages were ignored
            assert served.json("/api/state")["pages"] == 2


def test_the_clock_ticks_to_every_page_while_it_runs(talk):
    with serving(talk) as served:
        with connect(served.ws_url()) as page:
            receive_state(page)
            served.json("/api/start", "POST")
            receive_state(page)
            tick = json.loads(page.recv(timeout=3))
            assert tick["type"] == "clock" and tick["clock"]["running"] is True


def test_each_presenter_is_given_their_own_lines_and_no_one_else_any(talk):
    with serving(talk) as served:
        client = served.json("/api/talk?as=client")["slides"]
        first = next(slide for slide in client if slide["title"] == "First slide")
        assert [line["mine"] for line in first["lines"]] == [False, True, False]
        everyone = json.dumps(served.json("/api/talk"))
        assert "The clinician opens." not in everyone and "The client answers." not in everyone
        assert served.request("/api/talk?as=nobody")[0] == 404
        status, body, _ = served.request("/p/nobody")
        assert status == 404 and b"/p/clinician" in body and b"/p/client" in body
        status, body, headers = served.request("/p/client")
        assert status == 200 and b'data-me="client"' in body
        assert headers["Cache-Control"] == "no-store" and headers["Referrer-Policy"] == "no-referrer"
        assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_a_public_talk_serves_no_notes_at_all(talk):
    with serving(talk, public=True) as served:
        for who in ("clinician", "client"):
            text = json.dumps(served.json(f"/api/talk?as={who}"))
            assert "clinician opens" not in text and "client answers" not in text and "lines" not in text


def test_follow_mode_has_no_screen(talk):
    with serving(talk, follow=True) as served:
        status, body, _ = served.request("/screen")
        assert status == 404 and b"PowerPoint" in body
        assert served.request("/p/client")[0] == 200
        assert b'data-follow="yes"' in served.request("/")[1]  # the list of pages leaves the screen out


def test_on_the_network_every_request_without_the_token_is_refused(talk):
    with serving(talk, lan=True) as served:
        token = served.token
        assert token and len(token) >= 20
        for path in ("/", "/screen", "/p/client", "/time", "/api/state", "/api/talk?as=client", "/static/present.js", "/slides/1/0/large.jpg"):
            assert served.request(path, token=False)[0] == 403, path
            assert served.request(path)[0] in (200, 404), path  # 404: no pictures without LibreOffice
        assert served.request("/api/next", "POST", token=False)[0] == 403
        assert served.json("/api/state")["slide"] == 1  # nothing moved
        wrong = served.request("/api/state?t=" + "x" * len(token), token=False)
        assert wrong[0] == 403
        bearer = served.request("/api/next", "POST", token=False, headers={"Authorization": f"Bearer {token}"})
        assert bearer[0] == 200 and json.loads(bearer[1])["slide"] == 2
        with pytest.raises(InvalidStatus) as refused:
            connect(served.ws_url(token=False))
        assert refused.value.response.status_code == 403
        with connect(served.ws_url()) as page:
            assert receive_state(page)["slide"] == 2


def test_what_is_refused_on_this_computer_too(talk):
    with serving(talk) as served:
        evil = {"Origin": "http://evil.example"}
        assert served.request("/api/next", "POST", headers=evil)[0] == 403
        with pytest.raises(InvalidStatus):
            connect(served.ws_url(), origin="http://evil.example")
        assert served.request("/api/state", headers={"Host": "evil.example"})[0] == 400  # a rebound name
        assert served.request("/api/next", "POST", body=b"x" * 2048)[0] == 413
        assert served.request("/api/state", headers={"X-Padding": "x" * 20_000})[0] == 431  # headers past 16 KiB
        assert served.json("/api/state")["slide"] == 1
        own = served.base  # the page's own origin is fine
        assert served.request("/api/next", "POST", headers={"Origin": own})[0] == 200


def test_a_websocket_message_past_the_limit_closes_that_page_only(talk):
    with serving(talk) as served:
        with connect(served.ws_url()) as big, connect(served.ws_url()) as other:
            receive_state(big), receive_state(other)
            big.send("x" * 10_000)
            with pytest.raises(ConnectionClosed):
                for _ in range(10):
                    big.recv(timeout=5)
            served.json("/api/next", "POST")
            assert receive_state(other)["slide"] == 2


def test_the_pages_served_are_bounded_and_the_next_one_told_to_come_back(talk, monkeypatch):
    with serving(talk) as served:
        served.show.hub.limit = 3
        with ExitStack() as pages:
            for _ in range(3):
                receive_state(pages.enter_context(connect(served.ws_url())))
            with connect(served.ws_url()) as extra:
                with pytest.raises(ConnectionClosed) as closed:
                    extra.recv(timeout=5)
                assert closed.value.rcvd.code == hub_module.FULL


def test_a_page_that_stops_reading_is_dropped_and_the_others_are_not_held_up(talk):
    with serving(talk) as served:
        stalled = socket.create_connection(("127.0.0.1", int(served.base.rsplit(":", 1)[1])))
        stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        stalled.sendall(
            b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        # It never reads again. Another page keeps up with every change.
        with connect(served.ws_url()) as reader:
            receive_state(reader)
            moves = 0
            while served.show.hub.dropped == 0 and moves < 3 * hub_module.LAG:
                served.json("/api/next" if moves % 2 == 0 else "/api/back", "POST")
                moves += 1
                assert receive_state(reader)["seq"] == moves
            assert served.show.hub.dropped == 1 and moves == hub_module.LAG, f"dropped {served.show.hub.dropped} after {moves} moves"
            assert served.json("/api/state")["pages"] == 1
            served.json("/api/goto/3", "POST")
            assert receive_state(reader)["slide"] == 3
        stalled.close()
