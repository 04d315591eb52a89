"""The sizes, gaps and colours the arrangement uses, in EMU and points."""

from segue.media.highlight import BACKGROUND as HIGHLIGHT_BACKGROUND
from segue.render.pptx.geometry import inches

GAP = inches(0.3)
COLUMN_GAP = inches(0.5)  # between the two columns when the layout has no two bodies
SLIDE_MARGIN = inches(0.6)  # a blank slide's body keeps this far from the edges
QR_SIZE = inches(1.3)  # scannable from the middle of a room on a projected slide
QR_CAPTION = inches(0.45)
QR_CAPTION_WIDTH = inches(3.2)
QR_CAPTION_PT = 18.0  # the look's smallest size
QR_PIXELS = 600  # the code is drawn at this size; its modules stay sharp when scaled
MAX_QR_CODES = 3
NOTES_PT = 12.0
NOTES_SIZES = (12.0, 11.0, 10.0, 9.0, 8.0)  # the notes shrink so a printed notes page holds them
PROGRESS_TRACK = "E8DCCB"  # warm sand: visible on light and dark backgrounds
PROGRESS_HEIGHT = inches(0.07)
PANEL = "FAF6F0"  # behind title-slide text on a background picture
PANEL_OPACITY = 0.88
PANEL_MARGIN = inches(0.3)
LOGO_HEIGHT = inches(0.6)
LOGO_TOP = inches(0.4)  # when the layout has no title to line up with
LOGO_MARGIN = inches(0.1)  # the logo keeps at least this far from the slide's top edge, where the title allows
TITLE_MIN_WIDTH = inches(2)  # a title never gives way to the logo below this width
QUOTE_INSET = inches(0.6)
QUOTE_RULE_WIDTH = inches(0.08)
PICTURE_OVERSAMPLE = 2  # pictures keep up to twice their placed size in pixels
SCREEN_DPI = 96
AGENDA_PT = 22.0
CODE_PT = 20.0
CODE_BACKGROUND = HIGHLIGHT_BACKGROUND
FOOTNOTE_PT = 18.0  # the look's smallest: footnotes are small, never unreadable
MIN_PICTURE_WIDTH = inches(2.8)  # narrower than this, pictures of a row go onto a second row
CAPTION_PT = (20.0, 20.0, 20.0)
QUOTE_PT = (34.0, 30.0, 26.0)
ATTRIBUTION_PT = (24.0, 22.0, 20.0)
