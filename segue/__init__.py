"""segue: a deck-and-handout build pipeline for co-presented talks.

The folders are the stages a build goes through, lowest first; a module
imports from its own stage and the ones before it, never a later one
(`tests/test_layers.py` holds the order):

- `diagnostics`, `sources`: the ground floor every stage stands on;
- `media`: pictures, formulas, code colours, QR codes, knowing nothing of talks;
- `talk`: the model, reading a talk folder into it, the time plan, the phrases;
- `render`: one folder per output (deck, deck PDF, handout, scripts, run-of-show);
- `build`: rendering what changed and publishing it as one set, watching;
- `show`: the talk given: rehearsing, comparing a run with the plan;
- `commands`: the command line, one module per command.
"""

__version__ = "0.1.0"
