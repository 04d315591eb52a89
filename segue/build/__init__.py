"""The build: read, plan, render what changed, and publish it as one set.

`pipeline` runs the stages for `build` and `check` (read -> plan -> render ->
publish), rendering the outputs side by side; `manifest` remembers what each
output was made from, so an unchanged one is left alone; `publish` puts a
build's files in place through a journal that survives a kill; `watch`
rebuilds on every save; `progress` is the progress bar; `bundle` makes the
organizer's zip from a public build.

May import the ground floor, `media`, `talk` and `render`; never the show or
the commands.
"""
