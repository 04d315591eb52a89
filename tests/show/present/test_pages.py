"""The live talk's pages in headless Chromium, against the real server on 127.0.0.1."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from tests.show.present.serving import serving, talk_with_clicks

pytestmark = pytest.mark.slow

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 720}}

# Each page notes when it shows each state (its body's data-seq), on the browser's one clock.
SHOWN_AT = """
window.__shown = {};
new MutationObserver(() => {
  const seq = document.body && document.body.dataset.seq;
  if (seq !== undefined && !(seq in window.__shown)) window.__shown[seq] = performance.timeOrigin + performance.now();
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-seq"] });
document.addEventListener("click", () => { window.__clicked = performance.timeOrigin + performance.now(); }, true);
"""


@pytest.fixture
def talk(tmp_path):
    return talk_with_clicks(tmp_path / "talk")


@pytest.fixture
def errors():
    """What the pages said went wrong (scripts, the Content-Security-Policy): nothing."""
    found: list[str] = []
    yield found
    assert found == []


def open_page(browser, url: str, size: dict, errors: list, sockets: list | None = None):
    context = browser.new_context(**size)
    context.add_init_script(SHOWN_AT)
    page = context.new_page()
    if sockets is not None:
        page.on("websocket", lambda socket: sockets.append(socket))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    return page


def on_slide(page, number: int, timeout: float = 5000) -> None:
    """Wait until the page shows slide `number` (waits run in Playwright's own world: the
    pages' Content-Security-Policy allows no script of the test's)."""
    page.locator(f"body[data-slide='{number}']").wait_for(timeout=timeout)


def on_click(page, click: int) -> None:
    page.locator(f"body[data-click='{click}']").wait_for(timeout=5000)


def title_of(served, number: int) -> str:
    plan = served.show.live.plan
    return plan.title(plan.slides[number - 1])


def test_the_screen_and_both_phones_show_a_next_from_either_phone_within_200_ms(browser, errors, talk):
    with serving(talk) as served:
        screen = open_page(browser, served.url("/screen"), LAPTOP, errors)
        clinician = open_page(browser, served.url("/p/clinician"), PHONE, errors)
        client = open_page(browser, served.url("/p/client"), PHONE, errors)
        pages = (screen, clinician, client)
        for page in pages:
            on_slide(page, 1)
        for phone, expected in ((clinician, 2), (client, 3), (clinician, 4)):
            phone.click("#forward")
            for page in pages:
                on_slide(page, expected)
            seq = str(served.show.live.seq)
            clicked = phone.evaluate("window.__clicked")
            lags = [page.evaluate(f"window.__shown['{seq}']") - clicked for page in pages]
            assert max(lags) < 200, f"slide {expected} shown {lags} ms after the tap"
            assert screen.locator("#slide .slide").locator("h1, h2").first.inner_text() == title_of(served, expected)
            for page in (clinician, client):
                assert page.inner_text("#current-title") == title_of(served, expected)
                assert page.inner_text("#next-title") == "Next: " + title_of(served, expected + 1)


def test_each_presenter_sees_their_own_lines_in_full_and_the_others_only_as_cues(browser, errors, talk):
    with serving(talk) as served:
        clinician = open_page(browser, served.url("/p/clinician"), PHONE, errors)
        client = open_page(browser, served.url("/p/client"), PHONE, errors)
        pause = served.number("After a pause")
        served.json(f"/api/goto/{pause}", "POST")
        for page in (clinician, client):
            on_slide(page, pause)
        own = clinician.inner_text("#lines .mine")
        assert "The clinician closes on a click of their own." in own and "This second sentence is the clinician’s alone." in own  # typographic apostrophe
        assert client.locator("#lines .mine").count() == 0
        cue = client.inner_text("#lines .cue")
        assert "The clinician closes on a click of their own." in cue
        assert "second sentence" not in client.inner_text("body")
        three = pause - 1
        served.json(f"/api/goto/{three}", "POST")
        on_slide(client, three)
        assert "Each step takes one click." in client.inner_text("#lines .mine")
        on_slide(clinician, three)
        assert "Each step takes one click." not in clinician.inner_text("body")
        assert " ".join(clinician.inner_text("#lines .cue").split()) == "CLIENT The client walks through the three steps. …"
        # Who speaks next, and the clicks still to come.
        assert clinician.inner_text("#coming") == "Next: click 1 of 3 on this slide"
        for _ in range(3):
            served.json("/api/next", "POST")
        on_click(clinician, 3)
        assert clinician.inner_text("#coming") == "You open the next slide."
        on_click(client, 3)
        assert client.inner_text("#coming") == "Clinician (Dr. Ada Example) opens the next slide."
        first = served.number("First slide")
        served.json(f"/api/goto/{first - 1}", "POST")
        on_slide(client, first - 1)
        assert client.inner_text("#coming") == "Clinician (Dr. Ada Example) opens the next slide, then you."


def test_a_page_reconnects_by_itself_and_shows_where_the_talk_is_now(browser, errors, talk):
    with serving(talk) as served:
        sockets: list = []
        phone = open_page(browser, served.url("/p/client"), PHONE, errors, sockets)
        on_slide(phone, 1)
        assert len(sockets) == 1, [socket.url for socket in sockets]
        served.show.from_thread(served.show.hub.drop_all)
        deadline = time.monotonic() + 5
        while served.json("/api/state")["pages"] != 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        served.json("/api/goto/5", "POST")  # the talk moves on while the phone is away
        on_slide(phone, 5)
        assert len(sockets) == 2 and served.json("/api/state")["pages"] == 1
        assert phone.evaluate("document.body.dataset.connected") == "yes"
        phone.click("#forward")  # and it moves the talk again
        on_slide(phone, 6)
        assert served.json("/api/state")["slide"] == 6


def test_the_screen_takes_keys_and_a_clicker_and_reveals_clicks_as_the_deck_does(browser, errors, talk):
    with serving(talk) as served:
        screen = open_page(browser, served.url("/screen"), LAPTOP, errors)
        on_slide(screen, 1)
        for key, expected in (("ArrowRight", 2), ("PageDown", 3), (" ", 4), ("ArrowLeft", 3), ("PageUp", 2), ("End", len(served.show.live.plan.slides))):
            screen.keyboard.press(key)
            on_slide(screen, expected)
        screen.keyboard.press("Home")
        on_slide(screen, 1)
        three = served.number("Three steps")
        served.json(f"/api/goto/{three}", "POST")
        on_slide(screen, three)

        def shown() -> list[str]:
            return [item.inner_text() for item in screen.locator("#slide li").all() if item.is_visible()]

        assert shown() == []
        screen.keyboard.press("ArrowRight")
        on_click(screen, 1)
        assert shown() == ["Alpha step"]
        screen.keyboard.press("ArrowRight")
        screen.keyboard.press("ArrowRight")
        on_click(screen, 3)
        assert shown() == ["Alpha step", "Beta step", "Gamma step"]
        screen.keyboard.press("ArrowRight")
        on_slide(screen, three + 1)
        assert screen.locator("text=Shown on the click.").is_visible() is False
        assert screen.locator("text=Shown with the slide.").is_visible()


def test_the_timekeeper_sees_the_current_row_the_clock_and_each_segments_time_left(browser, errors, talk):
    with serving(talk) as served:
        keeper = open_page(browser, served.url("/time"), PHONE, errors)
        on_slide(keeper, 1)
        assert keeper.inner_text("#clock-button") == "Start the clock"
        keeper.click("#clock-button")
        expect(keeper.locator("#clock-button")).to_have_text("Pause the clock")
        served.json("/api/goto/4", "POST")
        on_slide(keeper, 4)
        current = keeper.locator("tr.current td")
        assert current.nth(0).inner_text() == "4" and current.nth(3).inner_text() == title_of(served, 4)
        segments = [cell.inner_text() for cell in keeper.locator("tr.segment .left").all()]
        assert len(segments) == 3 and all(text.endswith(" left") for text in segments)
        assert segments[1:] == ["6:00 left", "2:00 left"]  # the later segments have not begun
        expect(keeper.locator("#elapsed")).not_to_have_text("0:00", timeout=5000)
        keeper.click("#clock-button")
        expect(keeper.locator("#clock-button")).to_have_text("Resume the clock")
        assert json.loads(served.request("/api/state")[1])["clock"]["running"] is False


def test_the_slides_are_pictures_click_by_click_once_libreoffice_has_drawn_them(browser, errors, with_libreoffice, talk):
    with serving(talk, draw=True) as served:
        deadline = time.monotonic() + 240
        while not served.show.pictures.ready and time.monotonic() < deadline:
            time.sleep(0.2)
        assert served.show.pictures.ready, served.show.pictures.note
        three = served.number("Three steps")
        clicks = [served.request(f"/slides/{three}/{click}/large.jpg")[1] for click in range(4)]
        assert len(set(clicks)) == 4  # a picture for each click, each different
        screen = open_page(browser, served.url("/screen"), LAPTOP, errors)
        served.json(f"/api/goto/{three}", "POST")
        on_slide(screen, three)
        screen.keyboard.press("ArrowRight")
        on_click(screen, 1)
        picture = screen.locator("#slide img")
        picture.wait_for()
        assert picture.get_attribute("src").startswith(f"/slides/{three}/1/large.jpg")
        expect(picture).to_have_js_property("naturalWidth", 1920)


def test_a_phone_is_kept_awake_by_a_wake_lock_or_else_a_muted_video(browser, errors, talk):
    with serving(talk) as served:
        phone = open_page(browser, served.url("/p/client"), PHONE, errors)
        on_slide(phone, 1)
        phone.locator("body[data-awake]").wait_for(timeout=5000)
        first = phone.evaluate("document.body.dataset.awake")
        assert first in ("yes", "video"), first  # headless Chromium may refuse the lock: then the video plays
        context = browser.new_context(**PHONE)
        context.add_init_script("delete Navigator.prototype.wakeLock;")  # as over plain HTTP on a network
        without = context.new_page()
        without.goto(served.url("/p/client"))
        on_slide(without, 1)
        without.click("#forward")  # a tap, as a presenter's first
        without.locator("body[data-awake='video']").wait_for(timeout=5000)
        assert without.evaluate("document.querySelector('video.awake').paused") is False
