"""Amounts of money and counted quantities in a sentence.

Money: "$800 million", "$4 billion", "US$3bn", "€2.5bn", "Dh2.94 billion" (AED), the
hyphenated "$800-million", and "500 million euros". Quantities: a number that counts a noun
("five ... missile systems", "three warships") and troop strengths ("500,000-strong").
Years, dates, percentages and money are not quantities.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span

from dyad.numbers import CARDINALS

_PREFIX_CURRENCY = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "rub": "RUB",
    "dh": "AED",
    "aed": "AED",
    "rs": "INR",
    "rs.": "INR",
}
_WORD_CURRENCY = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "rouble": "RUB",
    "ruble": "RUB",
    "rial": "IRR",
    "dirham": "AED",
    "yuan": "CNY",
    "rupee": "INR",
}
_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"(?:[\s-]?(?P<scale>trillion|billion|million|thousand|bn|mn|tn|m|k)\b)?"
_MONEY_PREFIX = re.compile(
    r"(?P<cur>US\$|\$|€|£|¥|₽|\bDh|\bAED|\bUSD|\bEUR|\bGBP|\bRUB|\bRs\.?)\s?"
    rf"(?P<num>{_NUM}){_SCALE_RE}",
    re.IGNORECASE,
)
_MONEY_SUFFIX = re.compile(
    rf"(?P<num>{_NUM})\s?(?P<scale>trillion|billion|million|thousand)?\s"
    r"(?:US\s)?(?P<word>dollar|euro|pound|rouble|ruble|rial|dirham|yuan|rupee)s?\b",
    re.IGNORECASE,
)
_STRENGTH = re.compile(rf"(?P<num>{_NUM})-strong\b", re.IGNORECASE)
_NUMBER_WORDS = {**CARDINALS, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
# Nouns a number counts that are not things: "two years", "three times".
_NOT_UNITS = frozenset(
    {
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "time",
        "percent",
        "per",
        "cent",
        "decade",
        "century",
        "point",
        "%",
        "side",
        "country",
        "nation",
        "party",
        "state",
        "leader",
        "official",
        "minister",
    }
)
_NON_QUANTITY_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"})


def _number(text: str) -> float | None:
    t = text.replace(",", "").strip().lower()
    if t in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


def _scaled(num: str, scale: str | None) -> float:
    value = float(num.replace(",", ""))
    return value * _SCALE.get((scale or "").lower(), 1.0)


def money_in(text: str) -> list[tuple[int, int, dict[str, Any]]]:
    """(start, end, amount) for every sum of money in `text`, in text order."""
    found: list[tuple[int, int, dict[str, Any]]] = []
    for m in _MONEY_PREFIX.finditer(text):
        currency = _PREFIX_CURRENCY[m["cur"].lower()]
        value = _scaled(m["num"], m["scale"])
        found.append(
            (m.start(), m.end(), {"text": m[0], "value": value, "currency": currency, "unit": None})
        )
    for m in _MONEY_SUFFIX.finditer(text):
        if any(s <= m.start() < e for s, e, _ in found):
            continue
        currency = _WORD_CURRENCY[m["word"].lower()]
        value = _scaled(m["num"], m["scale"])
        found.append(
            (m.start(), m.end(), {"text": m[0], "value": value, "currency": currency, "unit": None})
        )
    return sorted(found, key=lambda item: item[0])


def quantities_in(sent: Span, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Counted things in a sentence; `taken` are character spans already read as money."""
    found: list[dict[str, Any]] = []
    base = sent.start_char
    strength_spans: list[tuple[int, int]] = []
    for m in _STRENGTH.finditer(sent.text):
        strength_spans.append((base + m.start(), base + m.end()))
        found.append(
            {"text": m[0], "value": _scaled(m["num"], None), "currency": None, "unit": "strength"}
        )
    blocked = [*taken, *strength_spans]
    for tok in sent:
        if not tok.like_num or tok.dep_ != "nummod" or tok.ent_type_ in _NON_QUANTITY_ENTS:
            continue
        if any(s <= tok.idx < e for s, e in blocked):
            continue
        head = tok.head
        if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in _NOT_UNITS:
            continue
        value = _number(tok.text)
        if value is None or (1800 <= value <= 2100 and tok.text.isdigit()):
            continue  # a year, not a count
        unit = head.text.lower()  # the counted noun: "24 fighter jets" and "24 jets" agree
        text = sent.doc[min(tok.i, head.i) : max(tok.i, head.i) + 1].text
        found.append({"text": text, "value": value, "currency": None, "unit": unit})
    return found


def amounts_in(sent: Span) -> list[dict[str, Any]]:
    """Money and quantities in one sentence: dicts with text, value, currency, unit."""
    money = money_in(sent.text)
    taken = [(sent.start_char + s, sent.start_char + e) for s, e, _ in money]
    return [m for _, _, m in money] + quantities_in(sent, taken)
