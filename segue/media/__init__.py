"""Media: what a talk's pictures, formulas, code and links become, knowing nothing of talks.

`pictures` probes, orients, converts, scales and caches pictures (Pillow),
`picturefile` rebuilds JPEG and PNG files from an allow-list of their
structure, `formulas` reads TeX into a formula tree (latex2mathml), and
`highlight` colours code by its tokens (Pygments) with one palette for the
deck and the PDFs; `qr` draws QR codes of links (segno).

May import only the ground floor (`segue.diagnostics`, `segue.sources`): the
talk model and everything above it build on media, never the other way.
"""
