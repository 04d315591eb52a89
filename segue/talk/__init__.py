"""The talk: its typed model, how a talk folder is read into it, and its plan.

`model` is the one typed model (Talk, Segment, Slide, blocks, Note, Asset)
that every later stage reads; `read` turns deck.toml, segment files and
handout pages into it, with every problem a diagnostic at its line; `checks`
looks at the model for what will not read well; `plan` gives every deck
slide its start and allotment; `labels` composes every phrase the outputs
share (titles, credits, cues, clock times); `cues` picks another presenter's
first sentence; `inventory` lists the files a talk uses; `starter` writes
a new talk to start from.

May import the ground floor and `media`; never the renderers, the build,
the show or the commands.
"""
