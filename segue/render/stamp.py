"""The one date every output carries, so equal sources give equal bytes."""

from __future__ import annotations

import datetime as dt

from segue.talk.model import Talk
from segue.sources import environment

FALLBACK = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
# The zip format (a .pptx is one) stores years 1980 to 2107: every output's date lies there.
EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
LATEST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)


class DateProblem(ValueError):
    """SOURCE_DATE_EPOCH that no output can carry; the message is for the person building."""


def epoch_time() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a time, None when unset; DateProblem when it is not whole
    seconds since 1970 within the years an output can carry."""
    epoch = (environment("SOURCE_DATE_EPOCH") or "").strip()
    if not epoch:
        return None
    if not epoch.isdigit() or len(epoch) > 12 or not EARLIEST.timestamp() <= int(epoch) <= LATEST.timestamp():
        raise DateProblem(
            f"SOURCE_DATE_EPOCH={epoch[:30]!r} must be whole seconds since 1970, from {int(EARLIEST.timestamp())} (1980) "
            f"to {int(LATEST.timestamp())} (2107), the dates a .pptx can hold"
        )
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)


def build_time(talk: Talk) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, else the talk's date, else a fixed date (UTC), within
    the years the zip format can hold (SOURCE_DATE_EPOCH is checked when the talk is read)."""
    return dated_by(talk)[0]


def dated_by(talk: Talk) -> tuple[dt.datetime, str | None]:
    """The outputs' date and where it comes from: "SOURCE_DATE_EPOCH", "the talk's date",
    or None for the fixed date used when there is neither (it says nothing about the talk)."""
    try:
        when = epoch_time()
    except DateProblem:
        when = None
    origin = "SOURCE_DATE_EPOCH" if when is not None else None
    if when is None and talk.date is not None:
        when = dt.datetime(talk.date.year, talk.date.month, talk.date.day, tzinfo=dt.timezone.utc)
        origin = "the talk's date"
    return min(max(when or FALLBACK, EARLIEST), LATEST), origin


def zip_date(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip entry's date for `when` (zip dates start in 1980 and carry no time zone)."""
    return max(when.replace(tzinfo=None), EARLIEST.replace(tzinfo=None)).timetuple()[:6]
