"""The show: the talk given, or rehearsed, against its plan.

`session` is a rehearsal's state: the slide shown, its countdown, how far the
segment and the session are ahead or behind, every visit recorded, saved as
a rehearsal CSV; `terminal` runs a session in a terminal (`rehearse`);
`present/` gives the talk live, a session served to a screen, the
presenters' phones and a timekeeper (`present`); `compare` reads a
rehearsal (our CSV, or a deck rehearsed in PowerPoint) and compares it with
the plan (`timing --against`).

May import the ground floor, `media`, `talk`, `render` and `build`; never the
commands.
"""
