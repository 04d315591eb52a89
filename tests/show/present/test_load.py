"""Fifty pages on one live talk and a thousand advances: every page is sent every state,
in order, and ends where the talk is; the server's memory stays flat. (How fast is
bench/present.py's to say.)"""

from __future__ import annotations

import sys

import pytest

from tests.helpers import REPO
from tests.show.present.serving import talk_with_clicks

sys.path.insert(0, str(REPO / "bench"))
from load import run  # noqa: E402

PAGES, ADVANCES = 50, 1000
GROWTH = 4 * 2**20  # bytes the server may grow by after the first hundred advances


@pytest.mark.slow
def test_fifty_pages_follow_a_thousand_advances_without_losing_one(tmp_path):
    load = run(talk_with_clicks(tmp_path / "talk"), tmp_path / "out", PAGES, ADVANCES)
    assert load.seq == ADVANCES
    assert len(load.pages) == PAGES
    for page in load.pages:
        assert page.seqs == list(range(ADVANCES + 1))  # every state, once, in order: none lost
        assert page.last == load.server  # and each ends where the talk is
    warmed = next(rss for done, rss in load.memory if done >= 100)
    assert load.memory[-1][0] == ADVANCES
    assert load.memory[-1][1] - warmed < GROWTH, [(done, rss // 2**20) for done, rss in load.memory]
