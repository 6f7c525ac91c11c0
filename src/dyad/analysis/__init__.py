"""Analysis over stored events: series, timeline, network and cited analyst briefs.

Pure functions over event dicts (the event JSON of DESIGN.md) and cluster records; the
`source` module is the only one that reads the store.
"""
