"""Charts as PowerPoint's own (python-pptx's chart API): editable by a designer, their
data in an embedded workbook, coloured from the theme's accents so a template
recolours them, their data table as the alt text a screen reader gives.
"""

from __future__ import annotations

from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Pt

from segue.render.pptx.arranged import ChartBox
from segue.render.pptx.write import internals
from segue.render.pptx.write.oxml import qn

KINDS = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
    "scatter": XL_CHART_TYPE.XY_SCATTER,
}
ACCENTS = (
    MSO_THEME_COLOR.ACCENT_1, MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.ACCENT_3,
    MSO_THEME_COLOR.ACCENT_4, MSO_THEME_COLOR.ACCENT_5, MSO_THEME_COLOR.ACCENT_6,
)


def _number(value: float | None):
    """A whole number as an int, so the chart's data says 62, not 62.0."""
    return int(value) if value is not None and value.is_integer() and abs(value) < 2**53 else value


def add_chart(slide, item: ChartBox, when):
    """The chart on `slide`; returns its graphic frame."""
    data = internals.dated_chart_data(item.kind == "scatter", when)
    if item.kind == "scatter":
        xs = [_number(float(x)) for x in item.categories]
        for name, values in item.series:
            series = data.add_series(name)
            for x, y in zip(xs, values):
                if y is not None:
                    series.add_data_point(x, _number(y))
    else:
        data.categories = list(item.categories)
        for name, values in item.series:
            data.add_series(name, [_number(v) for v in values])
    box = item.box
    frame = slide.shapes.add_chart(KINDS[item.kind], box.left, box.top, box.width, box.height, data)
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(item.size)
    chart.has_legend = item.kind == "pie" or len(item.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    _positive_axis_ids(internals.chart_space(chart))
    plot = chart.plots[0]
    if item.kind == "pie":
        plot.has_data_labels = True
        # Outside the slices, on the slide's own background: readable whatever the theme's colours.
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        for index, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.theme_color = ACCENTS[index % len(ACCENTS)]
        return frame
    for index, series in enumerate(plot.series):
        colour = ACCENTS[index % len(ACCENTS)]
        if item.kind in ("line", "scatter"):
            series.format.line.color.theme_color = colour
            series.format.line.width = Pt(2.5)
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.theme_color = colour
            series.marker.format.line.color.theme_color = colour
            if item.kind == "scatter":
                series.format.line.fill.background()  # points, not a line through them
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.theme_color = colour
    return frame


def _positive_axis_ids(chart_space) -> None:
    """python-pptx's chart templates number their axes with negative ids; the schema's
    `c:axId` is unsigned, so the axes are numbered 1, 2, … (references follow)."""
    ids: dict[str, str] = {}
    for element in chart_space.iter(qn("c:axId"), qn("c:crossAx")):
        value = element.get("val")
        ids.setdefault(value, str(len(ids) + 1))
        element.set("val", ids[value])
