"""segue: a deck-and-handout build pipeline for co-presented talks."""

__version__ = "0.1.0"
