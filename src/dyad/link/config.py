"""Thresholds and weights of the cross-source linker (exposed as `[link]` keys in dyad.toml).

A pair of events gets a score that is the weighted sum of evidence terms, each in [-1, 1]
(see `dyad.link.scoring`):

| key                    | value | meaning                                                        |
| ---------------------- | ----- | -------------------------------------------------------------- |
| link_threshold         | 1.45  | a new event joins the cluster whose best member scores >= this |
| cross_family_threshold | 2.25  | the same for a member of a neighbouring code family            |
| same_doc_threshold     | 3.2   | two events of one document merge only above this (repeats)     |
| w_support              | 0.1   | tie-break bonus when a second cluster member also agrees       |
| w_date                 | 1.2   | dates: overlap under their precisions +, explicit mismatch -   |
| w_far_date             | 2.5   | weight of a far mismatch (dates of two different events)       |
| w_publication_date     | 0.3   | the same when a date only stands in for the publication date   |
| w_location             | 0.6   | same place +, different city or country -                      |
| w_instrument           | 1.5   | same weapon system / object / agreement +, different one -     |
| w_amount               | 0.6   | an amount of money or a quantity reported by both              |
| w_venue                | 0.5   | same court / conference / talks                                |
| w_trigger              | 0.4   | similarity of the trigger words (rapidfuzz ratio of stems,     |
|                        |       | words of one act in one class: "shelled" = "bombarded")        |
| w_text                 | 1.2   | overlap of the content words of the two sentences              |
| w_code                 | 0.8   | same CAMEO code 1, a general code and a specific one under it  |
|                        |       | ("120" / "1222") 0.8, same root or an intent and the deed it   |
|                        |       | announces ("032" / "057") 0.6, same family 0.2                 |
| w_direction            | 0.3   | same source country +, the other side as source -              |
| w_modality             | 0.6   | a plan (planned/hypothetical) against a done deed -            |
| w_reciprocal           | 1.0   | roles reversed and explicit dates apart: a tit-for-tat reply - |
| w_missing_side         | 1.0   | one side missing, and the sentence names other states than the |
|                        |       | other report's second side -                                   |
| close_days             | 2     | day/week dates this close are a small miss (-0.25); a week     |
|                        |       | date this close is none ("last week" read across its boundary) |
| near_min_days          | 7     | dates apart by at most the longer interval's length (at least  |
|                        |       | this, at most a year) are a near miss (-0.5); further: far     |
| publication_near_days  | 45    | publication stand-ins this close: weak evidence for            |
| publication_far_days   | 400   | publication stand-ins further apart: weak evidence against     |
| amount_tolerance       | 0.05  | two amounts agree when they differ by at most 5%               |
| max_members_scored     | 6     | stored members of one cluster a new event is scored against    |
|                        |       | (the most recently published): keeps linking cost flat as      |
|                        |       | clusters grow                                                  |
| max_clusters_scored    | 30    | stored clusters a new event is scored against (those met first:|
|                        |       | its own key before neighbouring ones, newest first): keeps the |
|                        |       | cost flat in a block that holds many events of one dyad        |
| summary_exact_up_to    | 50    | clusters of up to this many reports get their best estimates   |
|                        |       | and conflicts recomputed at every new report                   |
| summary_growth         | 1.25  | bigger ones when they have grown by this factor since last     |
|                        |       | (each report is then read a bounded number of times: the cost  |
|                        |       | of a growing cluster stays flat; counts and members are exact  |
|                        |       | at every batch)                                                |

Scores are sums of the weighted terms: reports of one event typically score 2 to 6, two
different events of one dyad below 1.2 (see tests/test_link_quality.py, margin).

An explicit date mismatch lowers the score but never forbids a link: two reports of one
refusal dated 2010 and 2011 still meet when the rest agrees, and the mismatch becomes a
conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from dyad.errors import ConfigError


@dataclass(frozen=True, slots=True)
class LinkConfig:
    link_threshold: float = 1.45
    cross_family_threshold: float = 2.25
    same_doc_threshold: float = 3.2
    w_support: float = 0.1
    w_date: float = 1.2
    w_far_date: float = 2.5
    w_publication_date: float = 0.3
    w_location: float = 0.6
    w_instrument: float = 1.5
    w_amount: float = 0.6
    w_venue: float = 0.5
    w_trigger: float = 0.4
    w_text: float = 1.2
    w_code: float = 0.8
    w_direction: float = 0.3
    w_modality: float = 0.6
    w_reciprocal: float = 1.0
    w_missing_side: float = 1.0
    close_days: int = 2
    near_min_days: int = 7
    publication_near_days: int = 45
    publication_far_days: int = 400
    amount_tolerance: float = 0.05
    max_members_scored: int = 6
    max_clusters_scored: int = 30
    summary_exact_up_to: int = 50
    summary_growth: float = 1.25

    def summary_due(self, n_events: int, summarized: int | None) -> bool:
        """Whether a cluster of `n_events` reports, last summarised at `summarized`, is
        summarised again now."""
        return (
            summarized is None
            or n_events <= self.summary_exact_up_to
            or n_events >= summarized * self.summary_growth
        )

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> LinkConfig:
        """Build from a `[link]` table; unknown keys or non-numbers raise ConfigError."""
        known = {f.name: f for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"unknown [link] setting {key!r}")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"[link] {key} must be a number, got {value!r}")
            kwargs[key] = int(value) if isinstance(known[key].default, int) else float(value)
        return cls(**kwargs)
