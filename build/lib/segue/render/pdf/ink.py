"""Colours for paper: black text, grey rules, and the accent only where it prints dark.

Handouts are photocopied and printed in black and white, so every colour
here must stay legible as a grey. The accent from deck.toml is used only when
it is as dark as text needs to be (4.5:1 against white paper); a light accent
would fade to nothing on a greyscale printer, so black takes its place.
"""

from __future__ import annotations

Rgb = tuple[int, int, int]

TEXT: Rgb = (0, 0, 0)
SECONDARY: Rgb = (64, 64, 64)  # subtitles, meta lines: 10:1 on white
CUE: Rgb = (105, 105, 105)  # greyed cues and footers: still 5.3:1 on white
RULE: Rgb = (150, 150, 150)  # rules and writing lines: visible, never louder than text
WRITE_RULE: Rgb = (165, 165, 165)

MIN_CONTRAST = 4.5


def parse_hex(value: str) -> Rgb | None:
    value = value.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6:
        return None
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return None


def luminance(rgb: Rgb) -> float:
    """WCAG relative luminance."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(rgb: Rgb) -> float:
    return 1.05 / (luminance(rgb) + 0.05)


def print_accent(accent: str) -> Rgb:
    """The talk's accent when it prints legibly, else text black."""
    rgb = parse_hex(accent)
    if rgb is None or contrast_on_white(rgb) < MIN_CONTRAST:
        return TEXT
    return rgb


def hex_of(rgb: Rgb) -> str:
    """`#7a3e65`, as the templates take colours."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)
