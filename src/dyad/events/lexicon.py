"""The event lexicon (data/events/lexicon.yaml) as typed, read-only lookup tables."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from dyad.errors import LexiconError
from dyad.events.codes import code_table

FRAMES: frozenset[str] = frozenset(
    {"START", "STOP", "INTENT", "REFUSE", "DEMAND", "APPEAL", "THREATEN", "PERMIT", "SAY", "CLAIM",
     "PLAN", "PASS", "ACCUSE"}
)  # fmt: skip
COMPOSING_FRAMES: frozenset[str] = frozenset(
    {"INTENT", "REFUSE", "DEMAND", "APPEAL", "THREATEN", "PERMIT"}
)


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """A verb predicate; `words` beyond the first must appear among the verb's dependents."""

    key: str
    words: tuple[str, ...]
    code: str | None = None
    objects: Mapping[str, str] = field(default_factory=dict)
    frame: str | None = None
    symmetric: bool = False
    target: tuple[str, ...] = ()
    control_object: bool = False
    actor_object: str | None = None
    crowd_subject: str | None = None
    transitive: str | None = None
    strength: float = 0.85
    decision: bool = False  # "agreed to suspend": a hostile complement is decided, not threatened
    negated_frame: str | None = None  # "did not accept" read through this frame (REFUSE)
    instrument: bool = False  # an event-noun subject names the act ("shelling killed ...")
    leave_code: str | None = None  # "ordered the diplomats to leave": an expulsion
    subject_classes: Mapping[str, str] = field(default_factory=dict)  # "troops arrived" = 154
    # "concluded a weapons package", "signed a declaration with Y": with a partner (a with-actor
    # or a coordinated subject), a document signed is an agreement, whatever it is called
    partner_code: str | None = None


@dataclass(frozen=True, slots=True)
class NounEntry:
    """An event noun (with `code`) or a class noun (only `cls`)."""

    key: str
    words: tuple[str, ...]
    code: str | None = None
    stop: str | None = None
    of_role: str = "target"
    symmetric: bool = False
    mods: Mapping[str, str] = field(default_factory=dict)
    cls: str | None = None
    strength: float = 0.8
    frame: str | None = None  # speech-act nouns: "demand that ...", "threat to ..."
    from_role: str = "source"  # "aid from X" (source) vs "withdrawal from X" (target)


@dataclass(frozen=True, slots=True)
class ModalityCues:
    hypothetical_marks: frozenset[str]
    hypothetical_modals: frozenset[str]
    planned_modals: frozenset[str]
    planned_adjectives: frozenset[str]
    reported_adverbs: frozenset[str]
    reported_adjectives: frozenset[str]
    reported_nouns: frozenset[str]
    media_nouns: frozenset[str]
    negative_determiners: frozenset[str]
    negative_adverbs: frozenset[str]
    denial_verbs: frozenset[str]  # "denied that its troops crossed": the complement is negated
    denied_nouns: frozenset[str]  # "dismissed claims that its troops crossed": so is the claim's


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: Mapping[str, tuple[VerbEntry, ...]]  # first word -> entries, longest first
    adjectives: Mapping[str, VerbEntry]
    nouns: Mapping[str, tuple[NounEntry, ...]]  # first word -> entries, longest first
    classes: Mapping[str, tuple[str, ...]]  # word or phrase -> class names, most likely first
    frames: Mapping[str, Mapping[str, str]]
    complement_lemmas: Mapping[str, str]
    class_codes: Mapping[str, str]
    crowd_nouns: frozenset[str]
    modality: ModalityCues
    contexts: Mapping[str, tuple[str, ...]]  # context -> words/phrases
    refine: Mapping[str, Mapping[str, str]]
    accuse_topics: Mapping[str, tuple[str, ...]]

    def codes(self) -> set[str]:
        """Every CAMEO code the lexicon can emit."""
        out: set[str] = set()
        for entries in self.verbs.values():
            for v in entries:
                out.update(
                    c
                    for c in (
                        v.code,
                        v.actor_object,
                        v.crowd_subject,
                        v.transitive,
                        v.leave_code,
                        v.partner_code,
                    )
                    if c
                )
                out.update(v.objects.values())
                out.update(v.subject_classes.values())
        for v in self.adjectives.values():
            if v.code:
                out.add(v.code)
        for nouns in self.nouns.values():
            for n in nouns:
                out.update(c for c in (n.code, n.stop) if c)
                out.update(n.mods.values())
        for table in self.frames.values():
            out.update(table.values())
        out.update(self.complement_lemmas.values())
        out.update(self.class_codes.values())
        for table in self.refine.values():
            out.update(table.values())
        out.update(self.accuse_topics)
        return out

    def frame_code(self, frame: str, code: str) -> str | None:
        """Map a complement's code through a composition table by longest prefix."""
        table = self.frames.get(frame, {})
        for n in range(len(code), 0, -1):
            hit = table.get(code[:n])
            if hit:
                return hit
        return None


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys (a silent overwrite hides lexicon bugs)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise LexiconError(
                f"lexicon.yaml: duplicate key {key!r} (line {key_node.start_mark.line + 1})"
            )
        seen.add(key)
    return dict(loader.construct_pairs(node))


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# YAML 1.1 reads on/off/yes/no as booleans; in a lexicon they are prepositions and words
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_UniqueKeyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _words(key: str) -> tuple[str, ...]:
    return tuple(key.lower().split())


def _str_map(raw: Any, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: expected a mapping")
    return {str(k).lower() if k.islower() else str(k): str(v) for k, v in raw.items()}


def _verb(key: str, raw: Any) -> VerbEntry:
    if not isinstance(raw, dict):
        raise LexiconError(f"verb {key!r}: expected a mapping")
    frame = raw.get("frame")
    if frame is not None and frame not in FRAMES:
        raise LexiconError(f"verb {key!r}: unknown frame {frame!r}")
    target = raw.get("target", [])
    return VerbEntry(
        key=key,
        words=_words(key),
        code=str(raw["code"]) if "code" in raw else None,
        objects=_str_map(raw.get("objects"), f"verb {key!r} objects"),
        frame=frame,
        symmetric=bool(raw.get("symmetric", False)),
        target=tuple(str(t) for t in target),
        control_object=raw.get("control") == "object",
        actor_object=str(raw["actor_object"]) if "actor_object" in raw else None,
        crowd_subject=str(raw["crowd_subject"]) if "crowd_subject" in raw else None,
        transitive=str(raw["transitive"]) if "transitive" in raw else None,
        strength=float(raw.get("strength", 0.85)),
        decision=bool(raw.get("decision", False)),
        negated_frame=str(raw["negated"]) if "negated" in raw else None,
        instrument=bool(raw.get("instrument", False)),
        leave_code=str(raw["leave"]) if "leave" in raw else None,
        subject_classes=_str_map(raw.get("subjects"), f"verb {key!r} subjects"),
        partner_code=str(raw["partner"]) if "partner" in raw else None,
    )


def _noun(key: str, raw: Any) -> NounEntry:
    if not isinstance(raw, dict):
        raise LexiconError(f"noun {key!r}: expected a mapping")
    of_role = str(raw.get("of", "target"))
    if of_role not in ("source", "target") or raw.get("from", "source") not in ("source", "target"):
        raise LexiconError(f"noun {key!r}: of/from must be source or target")
    if raw.get("frame") is not None and raw["frame"] not in COMPOSING_FRAMES:
        raise LexiconError(f"noun {key!r}: unknown frame {raw['frame']!r}")
    return NounEntry(
        key=key,
        words=_words(key),
        code=str(raw["code"]) if "code" in raw else None,
        stop=str(raw["stop"]) if "stop" in raw else None,
        of_role=of_role,
        symmetric=bool(raw.get("symmetric", False)),
        mods=_str_map(raw.get("mods"), f"noun {key!r} mods"),
        cls=str(raw["class"]) if "class" in raw else None,
        strength=float(raw.get("strength", 0.8)),
        frame=str(raw["frame"]) if "frame" in raw else None,
        from_role=str(raw.get("from", "source")),
    )


def _words_set(raw: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in (raw or []))


def parse_lexicon(data: Mapping[str, Any]) -> Lexicon:
    """Build a Lexicon from the parsed YAML and check it against the code table."""
    verbs: dict[str, list[VerbEntry]] = {}
    for key, raw in (data.get("verbs") or {}).items():
        entry = _verb(str(key), raw)
        verbs.setdefault(entry.words[0], []).append(entry)
    nouns: dict[str, list[NounEntry]] = {}
    for key, raw in (data.get("nouns") or {}).items():
        n = _noun(str(key), raw)
        nouns.setdefault(n.words[0], []).append(n)
    classes: dict[str, tuple[str, ...]] = {}
    for cls, words in (data.get("classes") or {}).items():
        for w in words:
            key = str(w).lower()
            if str(cls) not in classes.get(key, ()):
                classes[key] = (*classes.get(key, ()), str(cls))
    for entries in nouns.values():
        for n in entries:
            if n.cls and n.cls not in classes.get(n.key.lower(), ()):
                classes[n.key.lower()] = (*classes.get(n.key.lower(), ()), n.cls)
    m = data.get("modality") or {}
    cues = ModalityCues(**{name: _words_set(m.get(name)) for name in ModalityCues.__slots__})
    lex = Lexicon(
        verbs={k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in verbs.items()},
        adjectives={str(k): _verb(str(k), v) for k, v in (data.get("adjectives") or {}).items()},
        nouns={k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in nouns.items()},
        classes=classes,
        frames={str(f): _str_map(t, f"frame {f}") for f, t in (data.get("frames") or {}).items()},
        complement_lemmas=_str_map(data.get("complement_lemmas"), "complement_lemmas"),
        class_codes=_str_map(data.get("class_codes"), "class_codes"),
        crowd_nouns=_words_set(data.get("crowd_nouns")),
        modality=cues,
        contexts={
            str(c): tuple(str(w).lower() for w in ws)
            for c, ws in (data.get("contexts") or {}).items()
        },
        refine={str(c): _str_map(t, f"refine {c}") for c, t in (data.get("refine") or {}).items()},
        accuse_topics={
            str(c): tuple(str(w).lower() for w in ws)
            for c, ws in (data.get("accuse_topics") or {}).items()
        },
    )
    unknown = sorted(c for c in lex.codes() if c not in code_table())
    if unknown:
        raise LexiconError(f"lexicon uses codes missing from cameo_codes.csv: {unknown}")
    for f in lex.frames:
        if f not in COMPOSING_FRAMES:
            raise LexiconError(f"frames: {f!r} is not a composing frame")
    return lex


def lexicon_from_yaml(text: str) -> Lexicon:
    """Parse lexicon YAML text (duplicate keys and unknown codes are errors)."""
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise LexiconError(f"lexicon.yaml: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError("lexicon.yaml: top level must be a mapping")
    return parse_lexicon(data)


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon (read once; the returned object is immutable in use)."""
    path = resources.files("dyad") / "data" / "events" / "lexicon.yaml"
    return lexicon_from_yaml(path.read_text(encoding="utf-8"))
