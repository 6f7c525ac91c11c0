"""Scoring coded events against gold: precision/recall/F1, CAMEO root and PLOVER type accuracy,
PLOVER macro-F1, quad accuracy, actor agreement, a confusion table, calibration of the
confidence, and the worst errors with their sentences."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dyad.eval.gold import Gold, GoldEvent, actor_key, load_gold
from dyad.events.codes import PLOVER_QUAD, PLOVER_TYPES, code_table
from dyad.model import DocResult, Event

NONE = "NONE"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")
CALIBRATION_BINS: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


@dataclass(slots=True)
class Report:
    kind: str
    n_gold: int
    n_pred: int
    true_positives: int
    precision: float
    recall: float
    f1: float
    root_accuracy: float | None  # where gold has CAMEO codes
    plover_accuracy: float
    plover_macro_f1: float
    per_type_f1: dict[str, float]
    quad_accuracy: float  # PLOVER grouping of the predicted PLOVER type
    quad_accuracy_gdelt: float  # GDELT root grouping of the predicted CAMEO code
    actor_agreement: float
    modality_accuracy: float | None
    confusion: dict[str, dict[str, int]]
    calibration: list[dict[str, float]]
    errors: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    timing: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}

    def render(self, max_errors: int = 15) -> str:
        return render_report(self, max_errors)

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True, slots=True)
class _Match:
    gold: GoldEvent
    pred: Event | None


def _key(actor: dict[str, Any] | None) -> str | None:
    return actor_key(actor)


def _sentence_key(actor: dict[str, Any] | None) -> str | None:
    """PLOVER gold writes every organisation as IGO."""
    if actor is None:
        return None
    if actor.get("type") == "igo":
        return "IGO"
    return actor_key(actor)


def actors_agree(g: GoldEvent, p: Event, sentence_gold: bool) -> bool:
    keyf = _sentence_key if sentence_gold else _key
    ps, pt = keyf(p.source), keyf(p.target)
    gs, gt = set(g.sources), set(g.targets)
    if g.symmetric and not gt:  # reciprocal record: both actors listed as sources
        got = {k for k in (ps, pt) if k}
        return bool(got) and got <= gs
    direct = (ps in gs if gs else ps is None) and (pt in gt if gt else pt is None)
    if direct:
        return True
    if g.symmetric or p.symmetric:
        return (pt in gs if gs else pt is None) and (ps in gt if gt else ps is None)
    return False


def _source_agrees(g: GoldEvent, p: Event, sentence_gold: bool) -> bool:
    keyf = _sentence_key if sentence_gold else _key
    return keyf(p.source) in set(g.sources) or (g.symmetric and keyf(p.target) in set(g.sources))


def _plover_of(e: Event) -> str:
    return e.plover or NONE


def _gold_plover(g: GoldEvent) -> str:
    if g.plover:
        return g.plover
    info = code_table().get(g.cameo or "")
    return (info.plover or NONE) if info else NONE


def _gold_quad(g: GoldEvent) -> int | None:
    if g.quad_class is not None:
        return g.quad_class
    info = code_table().get(g.cameo or "")
    return info.plover_quad if info else None


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def macro_f1(
    pairs: Sequence[tuple[str, str]], labels: Iterable[str]
) -> tuple[float, dict[str, float]]:
    """Macro-F1 over the gold labels that occur (a label never in gold is not averaged)."""
    per: dict[str, float] = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fn == 0:
            continue
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn)
        per[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return (sum(per.values()) / len(per) if per else 0.0), per


def _calibration(scored: list[tuple[float, bool]]) -> list[dict[str, float]]:
    out: list[dict[str, float]] = []
    for lo, hi in itertools.pairwise(CALIBRATION_BINS):
        inside = [(c, ok) for c, ok in scored if lo <= c < hi]
        if not inside:
            continue
        out.append(
            {
                "low": round(lo, 2),
                "high": round(min(hi, 1.0), 2),
                "n": float(len(inside)),
                "mean_confidence": round(sum(c for c, _ in inside) / len(inside), 3),
                "precision": round(sum(1 for _, ok in inside if ok) / len(inside), 3),
            }
        )
    return out


def _expected_calibration_error(bins: list[dict[str, float]]) -> float:
    total = sum(b["n"] for b in bins)
    if not total:
        return 0.0
    return sum(b["n"] * abs(b["mean_confidence"] - b["precision"]) for b in bins) / total


def _sentence_of(result: DocResult, text: str) -> int | None:
    at = result.article.text.find(text)
    if at < 0:
        at = result.article.text.find(text.strip().rstrip("."))
    if at < 0:
        return None
    for index, start, end, _ in result.sentences:
        if start <= at < end:
            return index
    return None


def _fits(g: GoldEvent, e: Event, level: int) -> bool:
    """Alignment passes, strictest first: type and actors, type and source, type, actors, any."""
    same_type = _plover_of(e) == g.plover
    if level == 0:
        return same_type and actors_agree(g, e, True)
    if level == 1:
        return same_type and _source_agrees(g, e, True)
    if level == 2:
        return same_type
    if level == 3:
        return actors_agree(g, e, True)
    return True


def evaluate_sentences(results: Sequence[DocResult], gold: Gold | Path) -> Report:
    """Sentence gold: each gold record is aligned with the best predicted event of its sentence."""
    gold = load_gold(gold) if isinstance(gold, Path) else gold
    by_doc: dict[str, list[Event]] = {r.article.doc_id: list(r.events) for r in results}
    text_of = {r.article.doc_id: r.article.text for r in results}
    # several passes so that a record cannot take the event that fits another record better
    chosen: dict[int, Event] = {}
    used: set[str] = set()
    for level in range(5):
        for n, g in enumerate(gold.events):
            if n in chosen:
                continue
            cands = [
                e for e in by_doc.get(g.doc_id, []) if e.event_id not in used and _fits(g, e, level)
            ]
            best = max(cands, key=lambda e: e.confidence, default=None)
            if best is not None:
                used.add(best.event_id)
                chosen[n] = best
    matches: list[_Match] = [_Match(g, chosen.get(n)) for n, g in enumerate(gold.events)]
    all_pred = [e for evs in by_doc.values() for e in evs]
    return _report(gold, matches, all_pred, True, text_of)


def evaluate_documents(results: Sequence[DocResult], gold: Gold | Path) -> Report:
    """Document gold: match on document, sentence (the one containing the gold text), CAMEO root
    and source/target actors (either order for symmetric events)."""
    gold = load_gold(gold) if isinstance(gold, Path) else gold
    results = [_at_gold_grain(r) for r in results]
    by_doc = {r.article.doc_id: r for r in results}
    notes: list[str] = []
    matches: list[_Match] = []
    used: set[str] = set()
    strict_tp = 0
    loose: list[_Match] = []
    for g in gold.events:
        result = by_doc.get(g.doc_id)
        if result is None:
            matches.append(_Match(g, None))
            loose.append(_Match(g, None))
            continue
        si = _sentence_of(result, g.text)
        if si is None:
            notes.append(f"{g.record_id}: gold text not found in the article")
        same = [e for e in result.events if e.sentence_index == si]
        strict = [
            e
            for e in same
            if e.event_id not in used
            and g.cameo
            and e.cameo_root == g.cameo[:2]
            and actors_agree(g, e, False)
        ]
        best = max(strict, key=lambda e: (e.cameo == g.cameo, e.confidence), default=None)
        if best is not None:
            used.add(best.event_id)
            strict_tp += 1
        matches.append(_Match(g, best))
        root = (g.cameo or "")[:2]
        loose_best = max(
            same,
            key=lambda e: (e.cameo_root == root, actors_agree(g, e, False), e.confidence),
            default=None,
        )
        loose.append(_Match(g, best or loose_best))
    all_pred = [e for r in results for e in r.events if r.article.doc_id in set(gold.doc_ids)]
    text_of = {r.article.doc_id: r.article.text for r in results}
    report = _report(gold, loose, all_pred, False, text_of, strict=matches)
    report.notes.extend(notes)
    return report


def _at_gold_grain(result: DocResult) -> DocResult:
    """Document gold codes one event per sentence, code and (source, target) pair of countries
    or IGOs: two predicted events that differ only below that grain (two Russian suspects as
    targets, a minister and his ministry as sources) are one event at the gold's grain."""
    best: dict[tuple[object, ...], Event] = {}
    for e in result.events:
        src, tgt = _key(e.source), _key(e.target)
        pair = tuple(sorted([str(src), str(tgt)])) if e.symmetric else (src, tgt)
        key = (e.sentence_index, e.cameo, pair)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    if len(best) == len(result.events):
        return result
    kept = {e.event_id for e in best.values()}
    return replace(result, events=[e for e in result.events if e.event_id in kept])


def _report(
    gold: Gold,
    matches: list[_Match],
    all_pred: list[Event],
    sentence_gold: bool,
    text_of: dict[str, str],
    strict: list[_Match] | None = None,
) -> Report:
    # event-level P/R/F1: a predicted event is right when it is matched with the same type (sentence
    # gold) or strictly matched (document gold: root + actors)
    if strict is None:
        correct = [m for m in matches if m.pred is not None and _plover_of(m.pred) == m.gold.plover]
    else:
        correct = [m for m in strict if m.pred is not None]
    tp = len(correct)
    p, r, f = _prf(tp, len(all_pred), len(gold.events))
    right_ids = {m.pred.event_id for m in correct if m.pred is not None}

    pairs = [(_gold_plover(m.gold), _plover_of(m.pred) if m.pred else NONE) for m in matches]
    labels = [t for t in PLOVER_TYPES if any(g == t for g, _ in pairs)]
    macro, per = macro_f1(pairs, labels)
    plover_acc = sum(1 for g, q in pairs if g == q) / len(pairs) if pairs else 0.0

    quads = [
        (_gold_quad(m.gold), PLOVER_QUAD.get(_plover_of(m.pred)) if m.pred else None,
         m.pred.quad_class if m.pred else None)
        for m in matches
    ]  # fmt: skip
    quad_acc = (
        sum(1 for g, q, _ in quads if g is not None and g == q) / len(quads) if quads else 0.0
    )
    quad_gdelt = (
        sum(1 for g, _, q in quads if g is not None and g == q) / len(quads) if quads else 0.0
    )

    root_acc: float | None = None
    with_codes = [m for m in matches if m.gold.cameo]
    if with_codes:
        root_acc = sum(
            1
            for m in with_codes
            if m.pred is not None and m.pred.cameo_root == (m.gold.cameo or "")[:2]
        ) / len(with_codes)
    found = [m for m in matches if m.pred is not None]
    actor_agree = (
        sum(1 for m in found if m.pred is not None and actors_agree(m.gold, m.pred, sentence_gold))
        / len(found)
        if found
        else 0.0
    )
    with_mod = [m for m in found if m.gold.modality and m.pred is not None]
    mod_acc = (
        sum(1 for m in with_mod if m.pred is not None and m.pred.modality == m.gold.modality)
        / len(with_mod)
        if with_mod
        else None
    )

    confusion: dict[str, dict[str, int]] = {}
    for m in matches:
        if sentence_gold:
            gk, pk = _gold_plover(m.gold), _plover_of(m.pred) if m.pred else NONE
        else:
            gk = (m.gold.cameo or "??")[:2]
            pk = m.pred.cameo_root if m.pred else "--"
        row = confusion.setdefault(gk, {})
        row[pk] = row.get(pk, 0) + 1

    calibration = _calibration([(e.confidence, e.event_id in right_ids) for e in all_pred])

    errors: list[dict[str, Any]] = []
    for m in matches:
        pred = m.pred
        ok = pred is not None and pred.event_id in right_ids
        if ok:
            continue
        errors.append(
            {
                "kind": "missed" if pred is None else "wrong",
                "doc_id": m.gold.doc_id,
                "sentence": pred.sentence if pred else _gold_sentence(m.gold, text_of),
                "gold": _gold_label(m.gold),
                "pred": _pred_label(pred) if pred else None,
                "confidence": pred.confidence if pred else None,
            }
        )
    matched_ids = {m.pred.event_id for m in matches if m.pred is not None}
    for e in sorted(all_pred, key=lambda e: -e.confidence):
        if e.event_id not in matched_ids and e.event_id not in right_ids:
            errors.append(
                {
                    "kind": "false positive",
                    "doc_id": e.doc_id,
                    "sentence": e.sentence,
                    "gold": None,
                    "pred": _pred_label(e),
                    "confidence": e.confidence,
                }
            )
    errors.sort(key=lambda x: (x["kind"] != "false positive", -(x["confidence"] or 0.0)))
    report = Report(
        kind=gold.kind,
        n_gold=len(gold.events),
        n_pred=len(all_pred),
        true_positives=tp,
        precision=round(p, 4),
        recall=round(r, 4),
        f1=round(f, 4),
        root_accuracy=round(root_acc, 4) if root_acc is not None else None,
        plover_accuracy=round(plover_acc, 4),
        plover_macro_f1=round(macro, 4),
        per_type_f1={k: round(v, 3) for k, v in per.items()},
        quad_accuracy=round(quad_acc, 4),
        quad_accuracy_gdelt=round(quad_gdelt, 4),
        actor_agreement=round(actor_agree, 4),
        modality_accuracy=round(mod_acc, 4) if mod_acc is not None else None,
        confusion=confusion,
        calibration=calibration,
        errors=errors,
    )
    report.notes.append(
        f"expected calibration error {_expected_calibration_error(calibration):.3f}"
    )
    return report


def _gold_sentence(g: GoldEvent, text_of: dict[str, str]) -> str:
    """The gold sentence (sentence gold) or the sentence of the article holding the gold text."""
    text = text_of.get(g.doc_id, "")
    at = text.find(g.text)
    if at < 0:
        return g.text
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    end = _SENTENCE_END.search(text, at + len(g.text))
    return text[(starts[-1] if starts else 0) : (end.start() + 1 if end else len(text))].strip()


def _gold_label(g: GoldEvent) -> str:
    what = g.cameo or g.plover or "?"
    src = "+".join(g.sources) or "-"
    tgt = "+".join(g.targets) or "-"
    return f"{what} {src}->{tgt}{' (sym)' if g.symmetric else ''}"


def _pred_label(e: Event) -> str:
    src = _key(e.source) or "-"
    tgt = _key(e.target) or "-"
    return f"{e.cameo}/{e.plover} {src}->{tgt} [{e.trigger}] {e.modality}"


def render_report(rep: Report, max_errors: int = 15) -> str:
    lines = [
        f"gold: {rep.kind} ({rep.n_gold} gold events, {rep.n_pred} predicted)",
        f"precision {rep.precision:.3f}  recall {rep.recall:.3f}  F1 {rep.f1:.3f}"
        f"  (true positives {rep.true_positives})",
    ]
    if rep.root_accuracy is not None:
        lines.append(f"CAMEO root accuracy {rep.root_accuracy:.3f}")
    lines.append(
        f"PLOVER type accuracy {rep.plover_accuracy:.3f}  macro-F1 {rep.plover_macro_f1:.3f}"
    )
    lines.append(
        f"quad accuracy {rep.quad_accuracy:.3f} (PLOVER grouping), "
        f"{rep.quad_accuracy_gdelt:.3f} (GDELT root grouping)"
    )
    lines.append(f"actor agreement {rep.actor_agreement:.3f}")
    if rep.modality_accuracy is not None:
        lines.append(f"modality accuracy {rep.modality_accuracy:.3f}")
    lines.append("per type F1: " + ", ".join(f"{k} {v:.2f}" for k, v in rep.per_type_f1.items()))
    lines.append("confusion (gold -> predicted: count):")
    for gk in sorted(rep.confusion):
        row = rep.confusion[gk]
        cells = ", ".join(f"{pk}:{n}" for pk, n in Counter(row).most_common())
        lines.append(f"  {gk:<10} {cells}")
    lines.append("calibration (confidence bin: n, mean confidence, precision):")
    for b in rep.calibration:
        lines.append(
            f"  [{b['low']:.1f}, {b['high']:.1f}): n={int(b['n'])} "
            f"mean={b['mean_confidence']:.2f} precision={b['precision']:.2f}"
        )
    for k, v in rep.timing.items():
        lines.append(f"{k}: {v:.1f}")
    for note in rep.notes[:10]:
        lines.append(f"note: {note}")
    lines.append(f"worst errors (first {max_errors}):")
    for err in rep.errors[:max_errors]:
        conf = f" conf={err['confidence']:.2f}" if err["confidence"] is not None else ""
        lines.append(f"  - {err['kind']}: gold={err['gold']} pred={err['pred']}{conf}")
        lines.append(f"    {err['doc_id']}: {str(err['sentence'])[:200]}")
    return "\n".join(lines)
