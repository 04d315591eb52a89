"""The one date every output carries, so equal sources give equal bytes."""

from __future__ import annotations

import datetime as dt
import os

from segue.model import Talk

FALLBACK = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def build_time(talk: Talk) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, else the talk's date, else a fixed date (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    if talk.date is not None:
        return dt.datetime(talk.date.year, talk.date.month, talk.date.day, tzinfo=dt.timezone.utc)
    return FALLBACK
