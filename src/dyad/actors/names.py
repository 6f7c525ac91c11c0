"""Resolving a bare name without a document, for `dyad actor NAME`: alias, title, spelling
variant, or the closest alias, with the reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from dyad.model import Actor

from .builders import ActorBuilder
from .kb import KnowledgeBase, role_tokens
from .matching import AliasMatcher
from .normalize import fold_words, fuzzy_form
from .people import PersonIndex

_STATE_KINDS = frozenset({"state", "adj", "plural", "capital", "iso"})


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a name resolves: the actor, the method, a score and the reasons."""

    actor: Actor
    method: str
    score: float
    matched: str
    evidence: tuple[str, ...] = ()


class NameResolver:
    def __init__(
        self, kb: KnowledgeBase, matcher: AliasMatcher, people: PersonIndex, build: ActorBuilder
    ) -> None:
        self.kb = kb
        self._matcher = matcher
        self._people = people
        self._build = build

    def resolve(self, text: str, on: dt.date | None = None) -> Resolution | None:
        """How a bare name resolves (no document context): alias, title, variant, fuzzy."""
        return self._resolve_text(text, on, [])

    def explain(self, text: str, on: dt.date | None = None) -> list[str]:
        """Human-readable steps of `resolve_name`, for `dyad actor NAME`."""
        notes: list[str] = []
        result = self._resolve_text(text, on, notes)
        if result is None:
            notes.append(f"'{text}' does not resolve to any actor")
            return notes
        a = result.actor
        notes.append(
            f"=> {a.name}: code {a.code}, type {a.type}, country {a.country}, sector {a.sector}"
            + (f", person {a.person}" if a.person else "")
            + f" (method {result.method}, score {result.score:.2f})"
        )
        return notes

    def _resolve_text(self, text: str, on: dt.date | None, notes: list[str]) -> Resolution | None:
        kb = self.kb
        text = " ".join(text.split())
        if not text:
            return None
        found = self._matcher.lookup(text)
        if found is not None:
            key, entries = found
            entry = entries[0]
            notes.append(f"alias '{entry.surface}' ({entry.kind}, from {entry.source})")
            if entry.kind in {"person", "surname"}:
                person = self._build.choose_person(tuple(entries), on, None)
                if person is not None:
                    actor, why = kb.person_actor(person, on)
                    notes.append(f"{person.name}: {why}")
                    method = (
                        "exact" if fold_words(entry.surface) == fold_words(person.name) else "alias"
                    )
                    return Resolution(actor, method, 1.0, entry.surface, tuple(notes))
            if entry.kind != "blocker":
                entity = self._build.entity_of(entry)
                actor, _, _ = self._build.actor_for(entry, entity, None, on)
                if entry.kind == "capital":
                    notes.append("a capital stands for its government")
                return Resolution(
                    actor, self._build.method(entry), 1.0, entry.surface, tuple(notes)
                )
        titled = self._resolve_title(text, on, notes)
        if titled is not None:
            return titled
        # No exact alias: the closest person spelling and the closest other alias compete.
        form = fuzzy_form(text)
        person_best: tuple[float, Resolution] | None = None
        for guess in self._people.candidates(text):
            actor, why = kb.person_actor(guess.person, on)
            names = (guess.person.name, *guess.person.aliases)
            closeness = max(fuzz.ratio(form, fuzzy_form(n)) for n in names)
            if len(text.split()) == 1:
                closeness = max(
                    closeness, *(fuzz.ratio(form, fuzzy_form(n.split()[-1])) for n in names)
                )
            res = Resolution(
                actor,
                guess.method,
                guess.score * 0.9,
                guess.person.name,
                (*notes, guess.evidence, f"{guess.person.name}: {why} (not confirmed by context)"),
            )
            if person_best is None or closeness > person_best[0]:
                person_best = (closeness, res)
        alias_best: tuple[float, Resolution] | None = None
        best = process.extractOne(
            fold_words(text),
            [k for k, v in kb.aliases.items() if v[0].kind not in {"blocker", "person", "surname"}],
            scorer=fuzz.ratio,
            score_cutoff=85,
        )
        if best is not None:
            key, score, _ = best
            entry = kb.aliases[key][0]
            sub = self._resolve_text(entry.surface, on, [])
            if sub is not None:
                alias_best = (
                    float(score),
                    Resolution(
                        sub.actor,
                        "fuzzy",
                        score / 100,
                        entry.surface,
                        (
                            *notes,
                            f"closest alias '{entry.surface}' (score {score:.0f})",
                            *sub.evidence,
                        ),
                    ),
                )
        choices = [c for c in (person_best, alias_best) if c is not None]
        if not choices:
            return None
        chosen = max(choices, key=lambda c: c[0])[1]
        notes[:] = list(chosen.evidence)
        return chosen

    def _resolve_title(self, text: str, on: dt.date | None, notes: list[str]) -> Resolution | None:
        """'Russian president', "Iran's foreign minister", 'Russian Defence Minister X'."""
        words = text.replace("’s", " 's").replace("'s", " 's").split()
        for cut in range(len(words) - 1, 0, -1):
            head = " ".join(words[:cut])
            found = self._matcher.lookup(head)
            if found is None:
                continue
            entry = found[1][0]
            if entry.kind not in _STATE_KINDS and entry.kind != "entity":
                continue
            rest = [w for w in words[cut:] if w not in {"'s", "’s"}]
            for rcut in range(len(rest), 0, -1):
                role_key = role_tokens(" ".join(rest[:rcut]))
                role = self.kb.role(role_key)
                if role is None:
                    continue
                name = " ".join(rest[rcut:])
                notes.append(f"'{head}' -> {entry.target}; role '{role.phrase}' -> {role.sector}")
                if name:
                    sub = self._resolve_text(name, on, notes)
                    if sub is not None and sub.actor.type == "person":
                        return replace(sub, method=sub.method, evidence=tuple(notes))
                entity = self._build.entity_of(entry)
                actor, method, why = self._build.actor_for(entry, entity, role, on)
                if name and actor.type == "person" and actor.person is None:
                    actor = replace(actor, name=name, person=name)
                if why:
                    notes.append(why)
                return Resolution(actor, method or "title", 0.9, text, tuple(notes))
        return None
