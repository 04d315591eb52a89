"""Charts from data: `![Scores](assets/scores.csv){chart=bar}`, or a fenced block
```` ```chart {type=line alt="…"} ```` holding the data itself.

The data is CSV: a header row naming the series (its first cell names the
categories), then one row per category, its first cell the category and the
others the series' numbers. A cell left empty is a missing value. What cannot
be read is a diagnostic at its own line of the CSV (or of the block).
"""

from __future__ import annotations

import csv
import io
import math
import re

from segue.diagnostics import Diagnostics
from segue.talk.model import Chart, Source
from segue.talk.read.markdown import read_attributes
from segue.talk.read.suggest import did_you_mean

CHART_KINDS = ("bar", "column", "line", "pie", "scatter")
MAX_ROWS = 200  # categories: more would not read on a slide
MAX_SERIES = 12
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def chart_kind(value: str, source: Source, report: Diagnostics) -> str | None:
    if value in CHART_KINDS:
        return value
    report.error(
        source.path, source.line, f"chart={value!r} is not a chart: write one of {', '.join(CHART_KINDS)}{did_you_mean(value, CHART_KINDS)}"
    )
    return None


def read_chart(text: str, kind: str, alt: str, where: Source, data_path: str, first_line: int, report: Diagnostics) -> Chart | None:
    """The chart the CSV `text` describes; None after reporting why not. `data_path` and
    `first_line` say where the CSV's first line is, for messages."""
    rows = []
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            rows.append((first_line + reader.line_num - 1, [cell.strip() for cell in row]))
    except csv.Error as exc:
        report.error(data_path, first_line + reader.line_num - 1, f"the chart's data is not CSV that can be read: {exc}")
        return None
    rows = [(line, cells) for line, cells in rows if any(cells)]
    if len(rows) < 2:
        report.error(data_path, rows[0][0] if rows else first_line,
                     "the chart needs a header row naming its series, then a row per category (`Week,Before,After` then `1,50,30`)")
        return None
    (header_line, header), body = rows[0], rows[1:]
    if len(header) < 2:
        report.error(data_path, header_line, "the chart's header row names no series: `Category,First series,Second series`")
        return None
    problems = 0
    categories: list[str] = []
    values: list[list[float | None]] = [[] for _ in header[1:]]
    for line, cells in body[:MAX_ROWS]:
        if len(cells) != len(header):
            report.error(data_path, line, f"this row has {len(cells)} cells and the header {len(header)}: one per series after the category")
            problems += 1
            continue
        categories.append(cells[0])
        for index, cell in enumerate(cells[1:]):
            number = _number(cell)
            if number is False:
                report.error(data_path, line, f"{_shown(cell)} in the column {header[index + 1]!r} is not a number (write 12.5, or leave the cell empty)")
                problems += 1
                number = None
            values[index].append(number)
    if len(body) > MAX_ROWS:
        report.warning(data_path, body[MAX_ROWS][0], f"a chart shows at most {MAX_ROWS} categories; the rows from here on are left out")
    series = list(zip(header[1:], values))
    if len(series) > MAX_SERIES:
        report.warning(data_path, header_line, f"a chart shows at most {MAX_SERIES} series; the others are left out")
        series = series[:MAX_SERIES]
    if kind == "pie" and len(series) > 1:
        report.warning(where.path, where.line, f"a pie shows one series: {', '.join(repr(n) for n, _ in series[1:])} are left out")
        series = series[:1]
    if kind == "scatter":
        for line, cells in body[: len(categories)]:
            if _number(cells[0]) in (False, None):
                report.error(data_path, line, f"a scatter chart's first column holds numbers (the x values), not {_shown(cells[0])}")
                problems += 1
    if problems:
        return None
    return Chart(kind, alt, header[0], tuple(categories), tuple((name, tuple(v)) for name, v in series), where, data_path)


def _number(cell: str) -> float | None | bool:
    """A cell's number, None when empty, False when it is not a number."""
    if not cell:
        return None
    text = cell.replace(",", "") if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", cell) else cell
    if not _NUMBER.match(text):
        return False
    number = float(text)
    return number if math.isfinite(number) else False


def _shown(cell: str) -> str:
    return repr(cell if len(cell) <= 24 else cell[:23] + "…")


def chart_of_block(self, node, raw: str, src: Source) -> Chart | None:
    """```` ```chart {type=line alt="…"} ````: a chart of the CSV written inside the block
    (`self` is the block reader reading it)."""
    values: dict[str, str] = {}
    if raw:
        try:
            values = read_attributes(raw).values
        except ValueError as exc:
            self.report.warning(self.path, src.line, f"malformed chart attributes {raw}: {exc}; they are left out")
    kind = chart_kind(values.pop("type", "column"), src, self.report)
    alt = values.pop("alt", "")
    for key in values:
        self.report.warning(self.path, src.line, f"unknown chart attribute {key!r} is ignored{did_you_mean(key, ('type', 'alt'))}")
    if not alt:
        self.report.warning(self.path, src.line, 'the chart has no alt text: say what it shows, ```chart {type=bar alt="…"}')
    if kind is None:
        return None
    return read_chart(node.content, kind, alt, src, self.path, (src.line or 1) + 1, self.report)

def chart_of_file(self, image, attrs: dict, src: Source) -> Chart | None:
    """`![Scores](assets/scores.csv){chart=bar}`: a chart of the CSV file."""
    kind = attrs.pop("chart", None)
    for key in attrs:
        if key not in ("class", "id"):
            self.report.warning(src.path, src.line, f"unknown chart attribute {key!r} is ignored")
    if kind is None:
        self.report.error(src.path, src.line, f"{image.src!r} is data, not a picture: say how to draw it, {{chart=bar}} ({', '.join(CHART_KINDS)})")
        return None
    kind = chart_kind(str(kind), src, self.report)
    if not image.alt.strip():
        self.report.warning(src.path, src.line, f"chart {image.src!r} has no alt text: say what it shows inside ![…]")
    data = self.read_data(image.src, src) if self.read_data is not None else None
    if kind is None or data is None:
        return None
    path, text = data
    return read_chart(text, kind, image.alt.strip(), src, path, 1, self.report)
