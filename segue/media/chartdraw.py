"""A chart drawn as vector graphics (SVG) by matplotlib, for the printed outputs: the
same data and kind as the deck's native chart, in the handout's print colours.

The drawing is reproducible: no date in its metadata, identifiers from a fixed
salt, text turned into outlines so no font is needed to show it.
"""

from __future__ import annotations

import io
import threading

WIDTH_IN, HEIGHT_IN = 3.6, 2.3  # about a handout column: its labels print at about their size
_LOCK = threading.Lock()  # matplotlib's state is one per process; outputs are set side by side


def chart_svg(
    kind: str,
    categories: tuple[str, ...],
    series: tuple[tuple[str, tuple[float | None, ...]], ...],
    colours: tuple[str, ...],
    text: str,
    font: str | None = None,
) -> bytes:
    """The chart as SVG bytes; `colours` for the series (or the slices of a pie), `text`
    the colour of labels and axes, `font` a font file for its labels."""
    with _LOCK:
        return _draw(kind, categories, series, colours, text, font)


def _draw(kind, categories, series, colours, text, font) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    family = "DejaVu Sans"
    if font is not None:
        font_manager.fontManager.addfont(font)
        family = font_manager.FontProperties(fname=font).get_name()
    style = {
        "svg.hashsalt": "segue", "svg.fonttype": "path", "font.family": family, "font.size": 7.5,
        "text.color": text, "axes.labelcolor": text, "xtick.color": text, "ytick.color": text, "axes.edgecolor": text,
    }
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
        axes = figure.add_subplot()
        positions = list(range(len(categories)))
        count = max(1, len(series))
        if kind == "pie":
            name, values = series[0]
            shown = [(c, v) for c, v in zip(categories, values) if v is not None and v > 0]
            axes.pie([v for _, v in shown], labels=[c for c, _ in shown], colors=[colours[i % len(colours)] for i in range(len(shown))],
                     autopct="%1.0f%%", textprops={"color": text}, wedgeprops={"edgecolor": "white"})
            axes.set_aspect("equal")
        else:
            width = 0.8 / count
            for index, (name, values) in enumerate(series):
                colour = colours[index % len(colours)]
                points = [(p, v) for p, v in zip(positions, values) if v is not None]
                if kind in ("bar", "column"):
                    at = [p - 0.4 + width * (index + 0.5) for p, _ in points]
                    draw = axes.barh if kind == "bar" else axes.bar
                    draw(at, [v for _, v in points], width, label=name, color=colour)
                elif kind == "line":
                    axes.plot([p for p, _ in points], [v for _, v in points], marker="o", label=name, color=colour, linewidth=2)
                else:  # scatter: the categories are the x values
                    xs = [float(categories[p]) for p, _ in points]
                    axes.scatter(xs, [v for _, v in points], label=name, color=colour)
            if kind != "scatter":
                ticks = axes.set_yticks if kind == "bar" else axes.set_xticks
                ticks(positions, list(categories))
                if kind == "bar":
                    axes.invert_yaxis()  # the first category on top, as on the slide
            for side in ("top", "right"):
                axes.spines[side].set_visible(False)
            axes.grid(axis="x" if kind == "bar" else "y", color="#BBBBBB", linewidth=0.5)
            axes.set_axisbelow(True)
            if len(series) > 1:
                axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(len(series), 4))
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    return out.getvalue()
