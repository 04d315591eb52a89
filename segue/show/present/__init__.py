"""The talk given live: a local web server that keeps a screen, each presenter's
phone and a timekeeper in step.

`live` is the talk's state (slide, click, clock: a `Session` of
`show/session.py`, as a rehearsal times it); `content` and `look` what the
pages are told (the slides' text in the built-in look, each presenter's own
lines); `pictures` the slides drawn from the deck PDF, click by click;
`hub` the connected pages; `guard` what every request must pass;
`server` the Starlette routes; `addresses` where to find them; `run` start
to stop. The pages themselves (HTML, CSS, a little JavaScript) are in
`pages/`, shipped with the package.

May import the ground floor, `media`, `talk`, `render`, `build` and the rest
of `show`; never the commands.
"""
