"""Synthetic news corpora for the benchmarks, and the machine description every report prints.

Articles are made by recombining the sentences of dyad's own sample articles
(`samples/news.jsonl`, written by this project; a few sentences written here stand in when the
samples are absent): each synthetic article keeps most sentences of one sample, in order, mixes
in sentences of others, and swaps the states it names (name, demonym and capital together) for
other states, so the corpus has many dyads, every content hash differs and the result is the
same for the same seed. Publication dates are spread over several years.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "news.jsonl"

# Written for this file: used only when samples/news.jsonl is missing.
FALLBACK_ARTICLES = [
    "Russia and Iran signed a defence cooperation agreement in Tehran on Tuesday. "
    "The Russian defence minister met his Iranian counterpart for two hours. "
    "Officials in Moscow said the accord covered training and naval visits.",
    "China accused the Philippines of provoking a standoff near a disputed shoal. "
    "The Chinese foreign ministry summoned the Philippine ambassador in Beijing. "
    "Manila said it would take the dispute to an international tribunal.",
    "France suspended the delivery of a warship to Russia on Wednesday. "
    "The French president said conditions for the transfer were not met. "
    "Moscow warned that Paris would have to repay the money already received.",
    "India and Pakistan exchanged fire along the border in Kashmir overnight. "
    "Pakistan said Indian troops had shelled several villages. "
    "New Delhi rejected the claim and accused Islamabad of starting the clash.",
]

# (name, demonym, capital) of states the generator swaps among themselves.
STATES = [
    ("Russia", "Russian", "Moscow"), ("Iran", "Iranian", "Tehran"),
    ("China", "Chinese", "Beijing"), ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"), ("Japan", "Japanese", "Tokyo"),
    ("India", "Indian", "New Delhi"), ("Pakistan", "Pakistani", "Islamabad"),
    ("Turkey", "Turkish", "Ankara"), ("Egypt", "Egyptian", "Cairo"),
    ("Brazil", "Brazilian", "Brasilia"), ("Mexico", "Mexican", "Mexico City"),
    ("Kenya", "Kenyan", "Nairobi"), ("Nigeria", "Nigerian", "Abuja"),
    ("Poland", "Polish", "Warsaw"), ("Italy", "Italian", "Rome"),
    ("Spain", "Spanish", "Madrid"), ("Canada", "Canadian", "Ottawa"),
    ("Australia", "Australian", "Canberra"), ("Indonesia", "Indonesian", "Jakarta"),
    ("Vietnam", "Vietnamese", "Hanoi"), ("Ukraine", "Ukrainian", "Kiev"),
    ("Israel", "Israeli", "Jerusalem"), ("Syria", "Syrian", "Damascus"),
    ("Venezuela", "Venezuelan", "Caracas"), ("Colombia", "Colombian", "Bogota"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"), ("Sweden", "Swedish", "Stockholm"),
    ("Greece", "Greek", "Athens"), ("Argentina", "Argentine", "Buenos Aires"),
]  # fmt: skip
OUTLETS = [
    "Wire Desk", "Harbour Gazette", "Continental Post", "Evening Ledger", "Plains Courier",
    "Riverside Tribune", "Coastal Monitor", "Summit Review", "Northern Dispatch", "Meridian Times",
]  # fmt: skip

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    paragraphs: list[list[str]]  # sentences by paragraph


def _split(text: str) -> list[list[str]]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [[s.strip() for s in _SENTENCE_END.split(p) if s.strip()] for p in paragraphs]


def load_sources() -> list[Source]:
    if SAMPLES.is_file():
        out = []
        for line in SAMPLES.read_text("utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out.append(Source(str(rec.get("title") or ""), _split(str(rec["text"]))))
        if out:
            return out
    return [Source(t.split(".")[0], _split(t)) for t in FALLBACK_ARTICLES]


def _swap_pattern() -> re.Pattern[str]:
    words = sorted({w for state in STATES for w in state}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b")


def _swapper(rng: random.Random) -> dict[str, str]:
    """A random permutation of the states, applied to names, demonyms and capitals alike."""
    order = list(range(len(STATES)))
    rng.shuffle(order)
    mapping: dict[str, str] = {}
    for i, j in enumerate(order):
        for k in range(3):
            mapping[STATES[i][k]] = STATES[j][k]
    return mapping


def generate(n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """`n` JSONL records (id, title, source, published, text), all with different texts."""
    import datetime as dt

    rng = random.Random(seed)
    sources = load_sources()
    every = [s for src in sources for p in src.paragraphs for s in p]
    pattern = _swap_pattern()
    seen: set[bytes] = set()  # digests, not texts: the generator stays small
    i = 0
    while i < n:
        base = rng.choice(sources)
        paragraphs: list[str] = []
        for para in base.paragraphs:
            sentences = [s for s in para if rng.random() < 0.85]
            if rng.random() < 0.4:
                sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(every))
            if sentences:
                paragraphs.append(" ".join(sentences))
        if not paragraphs:
            continue
        mapping = _swapper(rng) if rng.random() < 0.9 else {}
        text = "\n\n".join(paragraphs)
        title = base.title
        if mapping:
            text = pattern.sub(lambda m, table=mapping: table[m.group(0)], text)
            title = pattern.sub(lambda m, table=mapping: table[m.group(0)], title)
        digest = hashlib.sha1(text.encode("utf-8")).digest()
        if digest in seen:
            continue  # a repeat would be skipped by dyad as unchanged, not coded again
        seen.add(digest)
        published = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(365 * 5))
        yield {
            "id": f"bench-{seed}-{i:07d}",
            "title": title,
            "source": rng.choice(OUTLETS),
            "published": published.isoformat(),
            "text": text,
        }
        i += 1


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for rec in generate(n, seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def machine_description() -> str:
    """nproc, memory, CPU model, Python and spaCy versions: printed at the top of each report."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        import spacy

        spacy_version = spacy.__version__
    except ImportError:
        spacy_version = "absent"
    return (
        f"machine: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {mem} RAM, "
        f"{cpu}\n"
        f"software: Python {platform.python_version()} ({sys.implementation.name}), "
        f"spaCy {spacy_version}, {platform.system()} {platform.release()}"
    )


def rss_mib(field: str = "VmRSS", pid: str = "self") -> float:
    """A process's resident set (VmRSS) or its peak (VmHWM), in MiB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/{pid}/status has no {field}")


def child_pids(pid: str = "self") -> list[str]:
    """Every descendant of a process (worker processes and their helpers), from /proc."""
    out: list[str] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue  # the thread ended meanwhile
        for kid in kids:
            out += [kid, *child_pids(kid)]
    return out


def tree_rss_mib() -> float:
    """Resident memory of this process and all its descendants, in MiB (shared pages counted
    once per process, so an upper bound)."""
    total = rss_mib()
    for pid in child_pids():
        try:
            total += rss_mib(pid=pid)
        except (OSError, RuntimeError):
            continue  # the child ended meanwhile
    return total


if __name__ == "__main__":
    # python bench/corpus.py [N [SEED]] > corpus.jsonl
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for record in generate(count, int(sys.argv[2]) if len(sys.argv) > 2 else 7):
        print(json.dumps(record, ensure_ascii=False))
