"""Places: the gazetteer, the geoparser and event location."""

from __future__ import annotations

from dyad.places.gazetteer import GazEntry, Gazetteer, load_gazetteer, name_key
from dyad.places.geoparse import find_places, place_json
from dyad.places.locate import location_for_event

__all__ = [
    "GazEntry",
    "Gazetteer",
    "find_places",
    "load_gazetteer",
    "location_for_event",
    "name_key",
    "place_json",
]
