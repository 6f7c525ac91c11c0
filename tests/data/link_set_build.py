"""Builds tests/data/link_set.jsonl: groups of short news items written for dyad's linker.

Run `python tests/data/link_set_build.py` after editing. Every text here is written for this
project. Each group lists its articles, the events a reader finds in them (doc id + a trigger
substring, with the values an ideal coder would give: used by the oracle measurement), which
events report one real-world event (`same_event`), which are different events
(`different_event`, hard negatives: same dyad and code family), and the planted disagreements
between sources (`conflicts`, one entry per pair of documents).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

IGOS = {"EUR", "NAT", "UNO"}


# A second sentence of context for articles written as one sentence.
EXTRA: dict[str, str] = {
    "g02c": "Iranian officials have raised the issue in parliament several times since.",
    "g03b": "Russian officials have not commented on the case.",
    "g04b": "The minister's trip was the first of its kind in fifteen years.",
    "g05a": "He is expected to stay for two days.",
    "g05b": "The two men discussed regional security, Iranian media said.",
    "g05c": "Dehghan is expected to hold meetings with senior Russian officials during the trip.",
    "g06a": "Four Iranian vessels and two Russian ships took part.",
    "g06b": "The Russian defence ministry gave no further details.",
    "g07b": "The spokesman said deliveries would follow the schedule in the contract.",
    "g07c": "More flights are expected in the coming days.",
    "g08a": "The contract makes China the first foreign buyer of the jet.",
    "g08b": "Neither government has published the price.",
    "g09a": "Washington has warned that the purchase could trigger American sanctions.",
    "g09b": "The deal was announced after a summit between the two leaders.",
    "g09c": "The factory is expected to produce more than 600,000 rifles.",
    "g10a": "Diplomats said a deadline set for Monday would probably be extended.",
    "g10b": "A deadline for a comprehensive deal expires on Monday.",
    "g11a": "Gazprom has said Ukraine owes it billions for past supplies.",
    "g11b": "Naftogaz did not comment on the filing.",
    "g12a": "Islamabad blamed the conditions set by New Delhi for the collapse.",
    "g12b": "New Delhi said the talks could not go ahead under those terms.",
    "g13a": "The package includes drones and ammunition for artillery.",
    "g13b": "The money will pay for weapons that will take months or years to arrive.",
    "g13c": "It would be the first Patriot system given to Kyiv.",
    "g14a": "The last soldiers left the base at Gao for Niger.",
    "g14b": "French troops had been in the country since 2013.",
    "g14c": "The army said the handover of the base at Gao went smoothly.",
    "g15a": "Prime Minister Theresa May told parliament they had a week to leave.",
    "g15b": "Moscow has promised to respond.",
    "g15c": "The British embassy was also told that the consulate in St Petersburg must close.",
    "g16a": "There was no immediate word on casualties.",
    "g16b": "Israel rarely comments on such operations.",
    "g16c": "No casualties were reported.",
    "g17a": "The two leaders last spoke in Buenos Aires in December.",
    "g17b": "Both sides described the meeting as constructive.",
    "g17c": "It was their first face-to-face encounter in a year.",
    "g18a": "South Korea returned fire and scrambled fighter jets.",
    "g18b": "Seoul put its forces on the highest alert.",
    "g19a": "The measures will be reviewed after a year.",
    "g19b": "Russian officials promised a proportionate response.",
    "g19c": "The new measures also restrict loans to Russian defence firms.",
    "g20a": "Bout had served more than ten years of a sentence in the United States.",
    "g20b": "The exchange followed months of negotiations.",
    "g21a": "A foreign ministry spokesman urged Washington to cancel the sale.",
    "g21b": "The State Department approved the package on Monday.",
    "g21c": "The sale still needs approval from Congress.",
    "g22a": "The speech came a day after Barack Obama won the US presidential election.",
    "g22b": "The missile shield is planned for Poland and the Czech Republic.",
    "g23a": "Russia built the first reactor at the site, which went online in 2011.",
    "g23b": "Construction is expected to take about ten years.",
    "g24a": "Taiwan said it was monitoring the situation closely.",
    "g24b": "The drills are scheduled to run until Sunday.",
    "g24c": "Beijing said the exercises were a warning to separatist forces.",
    "g25a": "Ankara also won a promise to revive its membership bid with the bloc.",
    "g25b": "Turkey hosts more than two million Syrian refugees.",
    "g26a": "It would be the first known meeting between the two leaders.",
    "g26b": "He said only Saudi officials were present.",
    "g27a": "Armenia said at least 49 of its soldiers had been killed.",
    "g27b": "Baku said its troops had responded to provocations.",
    "g28b": "The loan covers most of the cost of the systems.",
    "g29a": "Other donors, including the United States, pledged help as well.",
    "g29b": "A medical team left Tokyo for Tacloban the same day.",
    "g29c": "The troops would help distribute food and water.",
    "g30a": "The measures target ships that transfer oil to North Korean tankers at sea.",
    "g30b": "North Korea called the move an act of war.",
    "g31a": "The two countries cut ties in 2016.",
    "g31b": "Iraq and Oman had hosted earlier rounds of talks.",
    "g31c": "Saudi Arabia is expected to reopen its own embassy in Tehran soon.",
    "g32a": "He said talks would only bring more pressure.",
    "g32b": "His remarks followed the reimposition of US sanctions.",
    "g32c": "He said Iran would not seek war either.",
    "g33a": "The projects form part of a planned economic corridor.",
    "g33b": "Most of the money is earmarked for energy projects.",
}


def art(doc: str, source: str, published: str, text: str) -> dict[str, str]:
    if doc in EXTRA:
        text = f"{text} {EXTRA[doc]}"
    return {"id": doc, "source": source, "published": published, "text": text}


def city(name: str, country: str) -> dict[str, Any]:
    return {"name": name, "country": country, "feature": "city"}


def area(name: str, country: str, feature: str = "admin") -> dict[str, Any]:
    return {"name": name, "country": country, "feature": feature}


def ev(
    doc: str,
    trigger: str,
    src: str | None,
    tgt: str | None,
    cameo: str,
    date: str | None = None,
    precision: str | None = None,
    loc: dict[str, Any] | None = None,
    modality: str = "asserted",
    sym: bool = False,
    end: str | None = None,
) -> dict[str, Any]:
    return {
        "doc": doc,
        "trigger": trigger,
        "src": src,
        "tgt": tgt,
        "cameo": cameo,
        "date": date,
        "precision": precision if date else "publication",
        "date_end": end,
        "location": loc,
        "modality": modality,
        "symmetric": sym,
    }


def m(doc: str, trigger: str) -> list[str]:
    return [doc, trigger]


GROUPS: list[dict[str, Any]] = []


def group(
    name: str,
    articles: list[dict[str, str]],
    events: list[dict[str, Any]],
    same: list[list[list[str]]],
    different: list[list[list[str]]] | None = None,
    conflicts: list[dict[str, Any]] | None = None,
) -> None:
    texts = {a["id"]: a["text"] for a in articles}
    for e in events:
        text = texts[e["doc"]]
        assert text.count(e["trigger"]) >= 1, (name, e["trigger"])
        assert text.count(e["trigger"]) == 1, (name, "ambiguous", e["trigger"])
    annotated = {(e["doc"], e["trigger"]) for e in events}
    for chain in same + (different or []):
        for doc, trig in chain:
            assert (doc, trig) in annotated, (name, doc, trig)
    GROUPS.append(
        {
            "group": name,
            "articles": articles,
            "events": events,
            "same_event": same,
            "different_event": different or [],
            "conflicts": conflicts or [],
        }
    )


def build() -> None:
    tehran = city("Tehran", "IRN")
    group(
        "g01",
        [
            art(
                "g01a",
                "Caspian Herald",
                "2015-01-21",
                "Russia and Iran signed a defence cooperation agreement in Tehran on Tuesday, "
                "January 20. Defence Minister Sergei Shoigu and his Iranian counterpart Hossein "
                "Dehghan put their names to the document after two hours of talks.",
            ),
            art(
                "g01b",
                "Northern Dispatch",
                "2015-01-29",
                "Last week Moscow and Tehran concluded a military cooperation agreement that "
                "covers officer training and joint exercises. The two defence ministers put the "
                "accord into force in the Iranian capital.",
            ),
            art(
                "g01c",
                "Gulf Ledger",
                "2015-01-22",
                "Iran and Russia signed a military pact on January 20, according to the Iranian "
                "defence ministry. Officials said the pact widens naval port calls.",
            ),
        ],
        [
            ev("g01a", "signed", "RUS", "IRN", "057", "2015-01-20", "day", tehran, sym=True),
            ev("g01b", "concluded", "RUS", "IRN", "057", "2015-01-19", "week", tehran, sym=True),
            ev("g01c", "signed", "IRN", "RUS", "057", "2015-01-20", "day", sym=True),
        ],
        same=[[m("g01a", "signed"), m("g01b", "concluded"), m("g01c", "signed")]],
    )
    group(
        "g02",
        [
            art(
                "g02a",
                "Eurasia Monitor",
                "2015-02-03",
                "Moscow halted the delivery of S-300 air defence batteries to Tehran in 2010, "
                "citing United Nations sanctions. Iran had paid for five batteries under a 2007 "
                "contract worth $800 million.",
            ),
            art(
                "g02b",
                "Persian Gulf Review",
                "2013-08-02",
                "In 2011 President Dmitry Medvedev refused to ship the S-300 system to Iran even "
                "though the sale had been agreed. Relations between the two capitals cooled "
                "for two years afterwards.",
            ),
            art(
                "g02c",
                "Caspian Herald",
                "2015-01-27",
                "Russia cancelled the S-300 sale to Iran in 2010, an Iranian lawmaker recalled "
                "on Monday, and he said the dispute still weighs on ties.",
            ),
        ],
        [
            ev("g02a", "halted", "RUS", "IRN", "1622", "2010", "year"),
            ev("g02b", "refused", "RUS", "IRN", "121", "2011", "year"),
            ev("g02c", "cancelled", "RUS", "IRN", "1622", "2010", "year"),
        ],
        same=[[m("g02a", "halted"), m("g02b", "refused"), m("g02c", "cancelled")]],
        conflicts=[
            {"field": "date", "docs": ["g02a", "g02b"]},
            {"field": "date", "docs": ["g02b", "g02c"]},
        ],
    )
    group(
        "g03",
        [
            art(
                "g03a",
                "Eurasia Monitor",
                "2015-02-04",
                "After the missile sale collapsed, Iran took Russia to the OSCE Court of "
                "Conciliation and Arbitration, which sits in Geneva. Tehran is claiming $4 "
                "billion in compensation.",
            ),
            art(
                "g03b",
                "Gulf Ledger",
                "2015-01-30",
                "Iran filed a claim against Russia at the Paris-based International Court of "
                "Arbitration, seeking $4 billion in damages over the cancelled missile order.",
            ),
        ],
        [
            ev("g03a", "took", "IRN", "RUS", "115"),
            ev("g03b", "filed", "IRN", "RUS", "115"),
        ],
        same=[[m("g03a", "took"), m("g03b", "filed")]],
        conflicts=[{"field": "venue", "docs": ["g03a", "g03b"]}],
    )
    group(
        "g04",
        [
            art(
                "g04a",
                "Caspian Herald",
                "2013-01-20",
                "Russian Interior Minister Vladimir Kolokoltsev and Iranian officials agreed a "
                "security pact in Tehran on Saturday. The pact covers the exchange of "
                "intelligence on organised crime and drug trafficking.",
            ),
            art(
                "g04b",
                "Northern Dispatch",
                "2015-01-21",
                "Moscow and Tehran signed a military cooperation agreement on Tuesday during a "
                "visit by the Russian defence minister.",
            ),
        ],
        [
            ev("g04a", "agreed", "RUS", "IRN", "057", "2013-01-19", "day", tehran, sym=True),
            ev("g04b", "signed", "RUS", "IRN", "057", "2015-01-20", "day", sym=True),
        ],
        same=[[m("g04a", "agreed")], [m("g04b", "signed")]],
        different=[[m("g04a", "agreed"), m("g04b", "signed")]],
    )
    group(
        "g05",
        [
            art(
                "g05a",
                "Northern Dispatch",
                "2015-01-19",
                "Russian Defence Minister Sergei Shoigu arrived in Tehran on Monday for talks "
                "with Iranian leaders, the first such trip by a Russian defence chief in fifteen "
                "years.",
            ),
            art(
                "g05b",
                "Caspian Herald",
                "2015-01-20",
                "Sergei Shoigu landed in Tehran on Monday and went straight into a meeting with "
                "Hossein Dehghan at the defence ministry.",
            ),
            art(
                "g05c",
                "Gulf Ledger",
                "2016-02-17",
                "Iranian Defence Minister Hossein Dehghan travelled to Moscow on Tuesday to "
                "discuss arms purchases with his Russian counterpart.",
            ),
        ],
        [
            ev("g05a", "arrived", "RUS", "IRN", "042", "2015-01-19", "day", tehran),
            ev("g05b", "landed", "RUS", "IRN", "042", "2015-01-19", "day", tehran),
            ev(
                "g05c", "travelled", "IRN", "RUS", "042", "2016-02-16", "day", city("Moscow", "RUS")
            ),
        ],
        same=[[m("g05a", "arrived"), m("g05b", "landed")], [m("g05c", "travelled")]],
        different=[
            [m("g05a", "arrived"), m("g05c", "travelled")],
            [m("g05b", "landed"), m("g05c", "travelled")],
        ],
    )
    group(
        "g06",
        [
            art(
                "g06a",
                "Caspian Herald",
                "2013-07-13",
                "The navies of Iran and Russia held joint exercises off the port of Bandar "
                "Anzali from July 8 to 12, an Iranian naval commander said.",
            ),
            art(
                "g06b",
                "Volga Wire",
                "2013-07-14",
                "Russian and Iranian warships staged a joint drill near Astrakhan last week, a "
                "spokesman for the Caspian Flotilla said.",
            ),
        ],
        [
            ev(
                "g06a",
                "held",
                "IRN",
                "RUS",
                "062",
                "2013-07-08",
                "range",
                city("Bandar Anzali", "IRN"),
                sym=True,
                end="2013-07-12",
            ),
            ev(
                "g06b",
                "staged",
                "RUS",
                "IRN",
                "062",
                "2013-07-08",
                "week",
                city("Astrakhan", "RUS"),
                sym=True,
            ),
        ],
        same=[[m("g06a", "held"), m("g06b", "staged")]],
        conflicts=[{"field": "location", "docs": ["g06a", "g06b"]}],
    )
    ankara = city("Ankara", "TUR")
    group(
        "g07",
        [
            art(
                "g07a",
                "Anatolian Courier",
                "2019-07-12",
                "Russia delivered the first S-400 components to Turkey on Friday, the defence "
                "ministry in Ankara said. A cargo plane landed at the Murted air base outside "
                "Ankara.",
            ),
            art(
                "g07b",
                "Moscow Evening",
                "2019-07-12",
                "Moscow has not delivered any S-400 parts to Turkey, a Kremlin spokesman "
                "insisted on Friday, dismissing claims from Ankara.",
            ),
            art(
                "g07c",
                "Bosphorus Post",
                "2019-07-13",
                "Russia flew the first S-400 parts to an air base near Ankara on Friday, "
                "Turkish officials said.",
            ),
        ],
        [
            ev("g07a", "delivered", "RUS", "TUR", "062", "2019-07-12", "day", ankara),
            ev("g07b", "delivered", "RUS", "TUR", "062", modality="negated"),
            ev("g07c", "flew", "RUS", "TUR", "062", "2019-07-12", "day", ankara),
        ],
        same=[[m("g07a", "delivered"), m("g07b", "delivered"), m("g07c", "flew")]],
        conflicts=[
            {"field": "modality", "docs": ["g07a", "g07b"]},
            {"field": "modality", "docs": ["g07b", "g07c"]},
        ],
    )
    group(
        "g08",
        [
            art(
                "g08a",
                "Pacific Standard Wire",
                "2015-11-20",
                "Russia has agreed to sell 24 Su-35 fighter jets to China in a deal worth $2 "
                "billion, officials in Moscow confirmed on Thursday.",
            ),
            art(
                "g08b",
                "Asia Defence Daily",
                "2015-11-21",
                "The order for 24 Sukhoi-35 jets that Moscow signed with Beijing this week is "
                "valued at $2.5 billion, according to industry sources.",
            ),
        ],
        [
            ev("g08a", "agreed", "RUS", "CHN", "057"),
            ev("g08b", "signed", "RUS", "CHN", "057", "2015-11-16", "week"),
        ],
        same=[[m("g08a", "agreed"), m("g08b", "signed")]],
        conflicts=[{"field": "amount", "docs": ["g08a", "g08b"]}],
    )
    delhi = city("New Delhi", "IND")
    group(
        "g09",
        [
            art(
                "g09a",
                "Delhi Courier",
                "2018-10-06",
                "India and Russia signed a $5.4 billion deal for five S-400 air defence systems "
                "in New Delhi on Friday.",
            ),
            art(
                "g09b",
                "Moscow Evening",
                "2018-10-05",
                "Vladimir Putin and Narendra Modi sealed the S-400 purchase in New Delhi on "
                "Friday, a contract valued at 5.43 billion dollars.",
            ),
            art(
                "g09c",
                "Delhi Courier",
                "2019-03-04",
                "India and Russia signed an agreement on Sunday to produce AK-203 assault rifles "
                "at a factory in Amethi.",
            ),
        ],
        [
            ev("g09a", "signed", "IND", "RUS", "057", "2018-10-05", "day", delhi, sym=True),
            ev("g09b", "sealed", "RUS", "IND", "057", "2018-10-05", "day", delhi, sym=True),
            ev(
                "g09c",
                "signed",
                "IND",
                "RUS",
                "057",
                "2019-03-03",
                "day",
                city("Amethi", "IND"),
                sym=True,
            ),
        ],
        same=[[m("g09a", "signed"), m("g09b", "sealed")], [m("g09c", "signed")]],
        different=[
            [m("g09a", "signed"), m("g09c", "signed")],
            [m("g09b", "sealed"), m("g09c", "signed")],
        ],
    )
    group(
        "g10",
        [
            art(
                "g10a",
                "Atlantic Bulletin",
                "2014-11-24",
                "American and Iranian negotiators held another round of nuclear talks in Vienna "
                "on Sunday without a breakthrough.",
            ),
            art(
                "g10b",
                "Gulf Ledger",
                "2014-11-24",
                "Negotiators from the United States and Iran met again in Geneva on Sunday, and "
                "both sides reported little progress on the nuclear file.",
            ),
        ],
        [
            ev(
                "g10a",
                "held",
                "USA",
                "IRN",
                "046",
                "2014-11-23",
                "day",
                city("Vienna", "AUT"),
                sym=True,
            ),
            ev(
                "g10b",
                "met",
                "USA",
                "IRN",
                "046",
                "2014-11-23",
                "day",
                city("Geneva", "CHE"),
                sym=True,
            ),
        ],
        same=[[m("g10a", "held"), m("g10b", "met")]],
        conflicts=[{"field": "location", "docs": ["g10a", "g10b"]}],
    )
    group(
        "g11",
        [
            art(
                "g11a",
                "Kyiv Ledger",
                "2014-06-17",
                "Ukraine's state energy company Naftogaz filed a lawsuit against Russia's "
                "Gazprom at an arbitration tribunal in Stockholm on Monday, seeking $6 billion.",
            ),
            art(
                "g11b",
                "Moscow Evening",
                "2014-06-17",
                "Naftogaz took its gas dispute with Gazprom to the London Court of International "
                "Arbitration on Monday, claiming $6 billion, the Russian company said.",
            ),
        ],
        [
            ev("g11a", "filed", "UKR", "RUS", "115", "2014-06-16", "day"),
            ev("g11b", "took", "UKR", "RUS", "115", "2014-06-16", "day"),
        ],
        same=[[m("g11a", "filed"), m("g11b", "took")]],
        conflicts=[{"field": "venue", "docs": ["g11a", "g11b"]}],
    )
    group(
        "g12",
        [
            art(
                "g12a",
                "Lahore Tribune",
                "2015-08-23",
                "Pakistan called off talks between the national security advisers of the two "
                "countries on Saturday night, hours before they were due to open in New Delhi.",
            ),
            art(
                "g12b",
                "Delhi Courier",
                "2015-08-23",
                "India cancelled the security advisers' talks with Pakistan late on Saturday "
                "after Islamabad insisted on meeting Kashmiri separatist leaders.",
            ),
        ],
        [
            ev("g12a", "called off", "PAK", "IND", "125", "2015-08-22", "day"),
            ev("g12b", "cancelled", "IND", "PAK", "125", "2015-08-22", "day"),
        ],
        same=[[m("g12a", "called off"), m("g12b", "cancelled")]],
        conflicts=[{"field": "actor", "docs": ["g12a", "g12b"]}],
    )
    group(
        "g13",
        [
            art(
                "g13a",
                "Atlantic Bulletin",
                "2022-08-25",
                "The United States announced $3 billion in military aid for Ukraine on "
                "Wednesday, its largest single package of the war so far.",
            ),
            art(
                "g13b",
                "Kyiv Ledger",
                "2022-08-24",
                "Washington pledged another $2.98 billion in weapons aid to Kyiv on Wednesday, "
                "President Joe Biden said.",
            ),
            art(
                "g13c",
                "Atlantic Bulletin",
                "2022-12-21",
                "The Pentagon said on Wednesday it would send a Patriot missile battery to "
                "Ukraine as part of a $1.85 billion aid package.",
            ),
        ],
        [
            ev("g13a", "announced", "USA", "UKR", "072", "2022-08-24", "day"),
            ev("g13b", "pledged", "USA", "UKR", "072", "2022-08-24", "day"),
            ev("g13c", "send", "USA", "UKR", "072", modality="planned"),
        ],
        same=[[m("g13a", "announced"), m("g13b", "pledged")], [m("g13c", "send")]],
        different=[
            [m("g13a", "announced"), m("g13c", "send")],
            [m("g13b", "pledged"), m("g13c", "send")],
        ],
    )
    group(
        "g14",
        [
            art(
                "g14a",
                "Sahel Observer",
                "2022-08-16",
                "France withdrew its last troops from Mali on Monday, August 15, ending a "
                "nine-year deployment against jihadist groups.",
            ),
            art(
                "g14b",
                "Paris Matin",
                "2022-09-02",
                "The final French soldiers pulled out of Mali in August, the army staff said, as "
                "the mission moved its base to Niger.",
            ),
            art(
                "g14c",
                "Bamako Voice",
                "2022-08-16",
                "French forces completed their pull-out from Mali on Monday when the last convoy "
                "crossed into Niger.",
            ),
        ],
        [
            ev("g14a", "withdrew", "FRA", "MLI", "0874", "2022-08-15", "day"),
            ev("g14b", "pulled out", "FRA", "MLI", "0874", "2022-08", "month"),
            ev("g14c", "completed", "FRA", "MLI", "0874", "2022-08-15", "day"),
        ],
        same=[[m("g14a", "withdrew"), m("g14b", "pulled out"), m("g14c", "completed")]],
    )
    group(
        "g15",
        [
            art(
                "g15a",
                "London Gazette Online",
                "2018-03-15",
                "Britain expelled 23 Russian diplomats on Wednesday over the nerve agent attack "
                "in Salisbury.",
            ),
            art(
                "g15b",
                "Moscow Evening",
                "2018-03-14",
                "London ordered 23 Russian diplomats out of the country on Wednesday, a step the "
                "Russian foreign ministry called hostile.",
            ),
            art(
                "g15c",
                "Moscow Evening",
                "2018-03-17",
                "Russia expelled 23 British diplomats on Saturday in retaliation for the British "
                "decision.",
            ),
        ],
        [
            ev("g15a", "expelled", "GBR", "RUS", "161", "2018-03-14", "day"),
            ev("g15b", "ordered", "GBR", "RUS", "161", "2018-03-14", "day"),
            ev("g15c", "expelled", "RUS", "GBR", "161", "2018-03-17", "day"),
        ],
        same=[[m("g15a", "expelled"), m("g15b", "ordered")], [m("g15c", "expelled")]],
        different=[
            [m("g15a", "expelled"), m("g15c", "expelled")],
            [m("g15b", "ordered"), m("g15c", "expelled")],
        ],
    )
    damascus = city("Damascus", "SYR")
    group(
        "g16",
        [
            art(
                "g16a",
                "Levant Report",
                "2019-01-21",
                "Israeli warplanes struck Syrian army positions near Damascus early on Monday, "
                "witnesses said.",
            ),
            art(
                "g16b",
                "Jerusalem Wire",
                "2019-01-21",
                "The Israeli air force hit Syrian air defence batteries around Damascus "
                "overnight, the military said on Monday.",
            ),
            art(
                "g16c",
                "Levant Report",
                "2019-02-11",
                "Israeli jets bombed a Syrian position in Quneitra province on Monday, Syrian "
                "state media said.",
            ),
        ],
        [
            ev("g16a", "struck", "ISR", "SYR", "195", "2019-01-21", "day", damascus),
            ev("g16b", "hit", "ISR", "SYR", "195", "2019-01-21", "day", damascus),
            ev("g16c", "bombed", "ISR", "SYR", "195", "2019-02-11", "day", area("Quneitra", "SYR")),
        ],
        same=[[m("g16a", "struck"), m("g16b", "hit")], [m("g16c", "bombed")]],
        different=[
            [m("g16a", "struck"), m("g16c", "bombed")],
            [m("g16b", "hit"), m("g16c", "bombed")],
        ],
    )
    osaka = city("Osaka", "JPN")
    group(
        "g17",
        [
            art(
                "g17a",
                "Pacific Standard Wire",
                "2019-06-29",
                "Donald Trump and Xi Jinping met on the sidelines of the G20 summit in Osaka on "
                "Saturday and agreed to restart trade negotiations.",
            ),
            art(
                "g17b",
                "Beijing Morning",
                "2019-06-30",
                "President Xi held talks with President Trump in Osaka on Saturday, Chinese "
                "state media reported.",
            ),
            art(
                "g17c",
                "Pacific Standard Wire",
                "2023-11-16",
                "Joe Biden and Xi Jinping met at an estate near San Francisco on Wednesday, on "
                "the margins of the APEC summit.",
            ),
        ],
        [
            ev("g17a", "met", "USA", "CHN", "040", "2019-06-29", "day", osaka, sym=True),
            ev("g17b", "held talks", "CHN", "USA", "040", "2019-06-29", "day", osaka),
            ev(
                "g17c",
                "met",
                "USA",
                "CHN",
                "040",
                "2023-11-15",
                "day",
                city("San Francisco", "USA"),
                sym=True,
            ),
        ],
        same=[[m("g17a", "met"), m("g17b", "held talks")], [m("g17c", "met")]],
        different=[
            [m("g17a", "met"), m("g17c", "met")],
            [m("g17b", "held talks"), m("g17c", "met")],
        ],
    )
    yeonpyeong = city("Yeonpyeong", "KOR")
    group(
        "g18",
        [
            art(
                "g18a",
                "Seoul Herald",
                "2010-11-24",
                "North Korea shelled the South Korean island of Yeonpyeong on Tuesday, killing "
                "two marines and setting homes ablaze.",
            ),
            art(
                "g18b",
                "Tokyo Shimbun Digital",
                "2010-11-24",
                "North Korean guns bombarded Yeonpyeong island on Monday afternoon, and dozens "
                "of houses caught fire.",
            ),
        ],
        [
            ev("g18a", "shelled", "PRK", "KOR", "194", "2010-11-23", "day", yeonpyeong),
            ev("g18b", "bombarded", "PRK", "KOR", "194", "2010-11-22", "day", yeonpyeong),
        ],
        same=[[m("g18a", "shelled"), m("g18b", "bombarded")]],
        conflicts=[{"field": "date", "docs": ["g18a", "g18b"]}],
    )
    group(
        "g19",
        [
            art(
                "g19a",
                "Brussels Brief",
                "2014-07-30",
                "The European Union imposed sweeping economic sanctions on Russia on Tuesday, "
                "targeting its state banks, arms trade and oil technology.",
            ),
            art(
                "g19b",
                "Moscow Evening",
                "2014-07-30",
                "Brussels slapped sanctions on Russian state banks and arms exports on Tuesday, "
                "a move the Kremlin called counterproductive.",
            ),
            art(
                "g19c",
                "Brussels Brief",
                "2014-09-12",
                "The EU tightened its sanctions against Russia on Friday, adding the oil "
                "companies Rosneft and Transneft to its list.",
            ),
        ],
        [
            ev("g19a", "imposed", "EUR", "RUS", "163", "2014-07-29", "day"),
            ev("g19b", "slapped", "EUR", "RUS", "163", "2014-07-29", "day"),
            ev("g19c", "tightened", "EUR", "RUS", "163", "2014-09-12", "day"),
        ],
        same=[[m("g19a", "imposed"), m("g19b", "slapped")], [m("g19c", "tightened")]],
        different=[
            [m("g19a", "imposed"), m("g19c", "tightened")],
            [m("g19b", "slapped"), m("g19c", "tightened")],
        ],
    )
    group(
        "g20",
        [
            art(
                "g20a",
                "Atlantic Bulletin",
                "2022-12-09",
                "Russia freed the American basketball player Brittney Griner on Thursday in "
                "exchange for the arms dealer Viktor Bout, in a swap carried out in Abu Dhabi.",
            ),
            art(
                "g20b",
                "Moscow Evening",
                "2022-12-08",
                "Moscow released Brittney Griner to the United States at an airport in Dubai on "
                "Thursday and received Viktor Bout in return.",
            ),
        ],
        [
            ev(
                "g20a", "freed", "RUS", "USA", "0841", "2022-12-08", "day", city("Abu Dhabi", "ARE")
            ),
            ev("g20b", "released", "RUS", "USA", "0841", "2022-12-08", "day", city("Dubai", "ARE")),
        ],
        same=[[m("g20a", "freed"), m("g20b", "released")]],
        conflicts=[{"field": "location", "docs": ["g20a", "g20b"]}],
    )
    group(
        "g21",
        [
            art(
                "g21a",
                "Beijing Morning",
                "2019-07-09",
                "China condemned on Tuesday a proposed $2.2 billion American arms sale to "
                "Taiwan that includes Abrams tanks.",
            ),
            art(
                "g21b",
                "Pacific Standard Wire",
                "2019-07-09",
                "Beijing on Tuesday denounced the Trump administration's plan to sell $2.2 "
                "billion worth of tanks and missiles to Taiwan.",
            ),
            art(
                "g21c",
                "Beijing Morning",
                "2019-08-17",
                "China criticised the United States on Saturday over a planned $8 billion sale "
                "of F-16 fighter jets to Taiwan.",
            ),
        ],
        [
            ev("g21a", "condemned", "CHN", "USA", "111", "2019-07-09", "day"),
            ev("g21b", "denounced", "CHN", "USA", "111", "2019-07-09", "day"),
            ev("g21c", "criticised", "CHN", "USA", "111", "2019-08-17", "day"),
        ],
        same=[[m("g21a", "condemned"), m("g21b", "denounced")], [m("g21c", "criticised")]],
        different=[
            [m("g21a", "condemned"), m("g21c", "criticised")],
            [m("g21b", "denounced"), m("g21c", "criticised")],
        ],
    )
    kaliningrad = area("Kaliningrad", "RUS")
    group(
        "g22",
        [
            art(
                "g22a",
                "Baltic Times Online",
                "2008-11-06",
                "President Dmitry Medvedev threatened on Wednesday to deploy Iskander missiles "
                "in Kaliningrad in response to American missile defence plans in Europe.",
            ),
            art(
                "g22b",
                "Atlantic Bulletin",
                "2008-11-05",
                "Russia will put short-range Iskander missiles in Kaliningrad to counter a US "
                "missile shield, Medvedev warned in his first address to the nation.",
            ),
        ],
        [
            ev("g22a", "threatened", "RUS", "USA", "138", "2008-11-05", "day", kaliningrad),
            ev("g22b", "warned", "RUS", "USA", "138", loc=kaliningrad),
        ],
        same=[[m("g22a", "threatened"), m("g22b", "warned")]],
    )
    group(
        "g23",
        [
            art(
                "g23a",
                "Caspian Herald",
                "2014-11-12",
                "Russia and Iran signed a deal in Moscow on Tuesday for Russia to build two more "
                "reactors at the Bushehr nuclear power plant.",
            ),
            art(
                "g23b",
                "Northern Dispatch",
                "2016-03-01",
                "Rosatom agreed with Tehran in 2015 to construct two new units at the Bushehr "
                "plant, the Russian company said in its annual report.",
            ),
        ],
        [
            ev(
                "g23a",
                "signed",
                "RUS",
                "IRN",
                "057",
                "2014-11-11",
                "day",
                city("Moscow", "RUS"),
                sym=True,
            ),
            ev("g23b", "agreed", "RUS", "IRN", "057", "2015", "year"),
        ],
        same=[[m("g23a", "signed"), m("g23b", "agreed")]],
        conflicts=[{"field": "date", "docs": ["g23a", "g23b"]}],
    )
    group(
        "g24",
        [
            art(
                "g24a",
                "Taipei Times Online",
                "2022-08-05",
                "China began live-fire military drills in six zones around Taiwan on Thursday, a "
                "day after Nancy Pelosi left the island.",
            ),
            art(
                "g24b",
                "Beijing Morning",
                "2022-08-04",
                "The People's Liberation Army launched exercises around Taiwan on Thursday and "
                "fired missiles into waters east of the island.",
            ),
            art(
                "g24c",
                "Taipei Times Online",
                "2023-04-09",
                "China started three days of combat drills around Taiwan on Saturday after "
                "President Tsai Ing-wen met the speaker of the US House.",
            ),
        ],
        [
            ev("g24a", "began", "CHN", "TWN", "150", "2022-08-04", "day"),
            ev("g24b", "launched", "CHN", "TWN", "150", "2022-08-04", "day"),
            ev("g24c", "started", "CHN", "TWN", "150", "2023-04-08", "day"),
        ],
        same=[[m("g24a", "began"), m("g24b", "launched")], [m("g24c", "started")]],
        different=[
            [m("g24a", "began"), m("g24c", "started")],
            [m("g24b", "launched"), m("g24c", "started")],
        ],
    )
    group(
        "g25",
        [
            art(
                "g25a",
                "Brussels Brief",
                "2015-11-30",
                "The European Union agreed on Sunday to give Turkey €3 billion to help it care "
                "for Syrian refugees.",
            ),
            art(
                "g25b",
                "Anatolian Courier",
                "2015-11-30",
                "European leaders pledged $3.2 billion to Ankara at a summit in Brussels on "
                "Sunday in return for help in stemming the flow of migrants.",
            ),
        ],
        [
            ev("g25a", "agreed", "EUR", "TUR", "033", "2015-11-29", "day"),
            ev(
                "g25b", "pledged", "EUR", "TUR", "033", "2015-11-29", "day", city("Brussels", "BEL")
            ),
        ],
        same=[[m("g25a", "agreed"), m("g25b", "pledged")]],
    )
    neom = city("Neom", "SAU")
    group(
        "g26",
        [
            art(
                "g26a",
                "Jerusalem Wire",
                "2020-11-23",
                "Prime Minister Benjamin Netanyahu flew to Saudi Arabia on Sunday and met Crown "
                "Prince Mohammed bin Salman in Neom, Israeli media reported.",
            ),
            art(
                "g26b",
                "Gulf Ledger",
                "2020-11-23",
                "Saudi Foreign Minister Prince Faisal bin Farhan denied on Monday that the crown "
                "prince had met Israeli officials in Neom.",
            ),
        ],
        [
            ev("g26a", "met", "ISR", "SAU", "040", "2020-11-22", "day", neom, "reported", True),
            ev("g26b", "met", "SAU", "ISR", "040", loc=neom, modality="negated", sym=True),
        ],
        same=[[m("g26a", "met"), m("g26b", "met")]],
        conflicts=[{"field": "modality", "docs": ["g26a", "g26b"]}],
    )
    group(
        "g27",
        [
            art(
                "g27a",
                "Yerevan Report",
                "2022-09-13",
                "Azerbaijani forces shelled the Armenian towns of Jermuk and Goris overnight, "
                "the defence ministry in Yerevan said on Tuesday.",
            ),
            art(
                "g27b",
                "Baku Daily",
                "2022-09-13",
                "Armenian units shelled Azerbaijani army positions near Kalbajar overnight, the "
                "Azerbaijani defence ministry said on Tuesday.",
            ),
        ],
        [
            ev("g27a", "shelled", "AZE", "ARM", "194", "2022-09-13", "day", city("Jermuk", "ARM")),
            ev(
                "g27b", "shelled", "ARM", "AZE", "194", "2022-09-13", "day", city("Kalbajar", "AZE")
            ),
        ],
        same=[[m("g27a", "shelled"), m("g27b", "shelled")]],
        conflicts=[
            {"field": "actor", "docs": ["g27a", "g27b"]},
            {"field": "location", "docs": ["g27a", "g27b"]},
        ],
    )
    group(
        "g28",
        [
            art(
                "g28a",
                "Anatolian Courier",
                "2017-12-30",
                "Turkey and Russia signed a loan agreement for the S-400 missile systems in "
                "Ankara on Friday. Defence Minister Nurettin Canikli said the two countries had "
                "agreed in September on the purchase of the systems. The signing on Friday "
                "settles the financing of the S-400 order, Turkish officials said.",
            ),
            art(
                "g28b",
                "Moscow Evening",
                "2017-12-29",
                "Russia and Turkey finalised the financing of the Turkish S-400 purchase on "
                "Friday, the head of Rostec said.",
            ),
        ],
        [
            ev("g28a", "signed", "TUR", "RUS", "057", "2017-12-29", "day", ankara, sym=True),
            ev("g28a", "agreed in September", "TUR", "RUS", "057", "2017-09", "month", sym=True),
            ev("g28a", "signing", "TUR", "RUS", "057", "2017-12-29", "day", sym=True),
            ev("g28b", "finalised", "RUS", "TUR", "057", "2017-12-29", "day", sym=True),
        ],
        same=[
            [m("g28a", "signed"), m("g28a", "signing"), m("g28b", "finalised")],
            [m("g28a", "agreed in September")],
        ],
        different=[
            [m("g28a", "agreed in September"), m("g28a", "signed")],
            [m("g28a", "agreed in September"), m("g28b", "finalised")],
        ],
    )
    group(
        "g29",
        [
            art(
                "g29a",
                "Manila Daily",
                "2013-11-13",
                "Japan sent a team of medics and $10 million in emergency aid to the Philippines "
                "on Tuesday to help survivors of Typhoon Haiyan.",
            ),
            art(
                "g29b",
                "Tokyo Shimbun Digital",
                "2013-11-12",
                "The Japanese government provided 10 million dollars of emergency relief to the "
                "Philippines on Tuesday after the typhoon.",
            ),
            art(
                "g29c",
                "Tokyo Shimbun Digital",
                "2013-11-15",
                "Japan raised its aid to the typhoon-hit Philippines to $30 million on Friday "
                "and offered to dispatch 1,000 troops.",
            ),
        ],
        [
            ev("g29a", "sent", "JPN", "PHL", "073", "2013-11-12", "day"),
            ev("g29b", "provided", "JPN", "PHL", "073", "2013-11-12", "day"),
            ev("g29c", "raised", "JPN", "PHL", "073", "2013-11-15", "day"),
        ],
        same=[[m("g29a", "sent"), m("g29b", "provided")], [m("g29c", "raised")]],
        different=[
            [m("g29a", "sent"), m("g29c", "raised")],
            [m("g29b", "provided"), m("g29c", "raised")],
        ],
    )
    group(
        "g30",
        [
            art(
                "g30a",
                "Atlantic Bulletin",
                "2018-02-24",
                "The US Treasury blacklisted 56 ships and shipping firms linked to North Korea on "
                "Friday, its largest such action yet.",
            ),
            art(
                "g30b",
                "Seoul Herald",
                "2018-02-24",
                "Washington imposed sanctions on 50 ships and trading companies tied to "
                "Pyongyang on Friday, taking aim at oil smuggling at sea.",
            ),
        ],
        [
            ev("g30a", "blacklisted", "USA", "PRK", "163", "2018-02-23", "day"),
            ev("g30b", "imposed", "USA", "PRK", "163", "2018-02-23", "day"),
        ],
        same=[[m("g30a", "blacklisted"), m("g30b", "imposed")]],
        conflicts=[{"field": "amount", "docs": ["g30a", "g30b"]}],
    )
    group(
        "g31",
        [
            art(
                "g31a",
                "Gulf Ledger",
                "2023-03-11",
                "Saudi Arabia and Iran agreed on Friday to restore diplomatic relations after "
                "talks in Beijing brokered by China.",
            ),
            art(
                "g31b",
                "Caspian Herald",
                "2023-03-11",
                "Tehran and Riyadh reached a deal in Baghdad on Friday to reopen their embassies "
                "within two months.",
            ),
            art(
                "g31c",
                "Gulf Ledger",
                "2023-06-07",
                "Iran reopened its embassy in Riyadh on Tuesday, seven years after the two "
                "countries cut relations.",
            ),
        ],
        [
            ev(
                "g31a",
                "agreed",
                "SAU",
                "IRN",
                "057",
                "2023-03-10",
                "day",
                city("Beijing", "CHN"),
                sym=True,
            ),
            ev(
                "g31b",
                "reached",
                "IRN",
                "SAU",
                "057",
                "2023-03-10",
                "day",
                city("Baghdad", "IRQ"),
                sym=True,
            ),
            ev("g31c", "reopened", "IRN", "SAU", "050", "2023-06-06", "day", city("Riyadh", "SAU")),
        ],
        same=[[m("g31a", "agreed"), m("g31b", "reached")], [m("g31c", "reopened")]],
        different=[
            [m("g31a", "agreed"), m("g31c", "reopened")],
            [m("g31b", "reached"), m("g31c", "reopened")],
        ],
        conflicts=[{"field": "location", "docs": ["g31a", "g31b"]}],
    )
    group(
        "g32",
        [
            art(
                "g32a",
                "Caspian Herald",
                "2018-08-14",
                "Iran's supreme leader rejected on Monday any negotiations with the United "
                "States, saying Washington could not be trusted.",
            ),
            art(
                "g32b",
                "Atlantic Bulletin",
                "2018-08-14",
                "Ayatollah Ali Khamenei ruled out talks with Washington in a speech on Monday.",
            ),
            art(
                "g32c",
                "Atlantic Bulletin",
                "2019-05-15",
                "Khamenei again dismissed the idea of negotiating with the United States on "
                "Tuesday, as tensions in the Gulf rose.",
            ),
        ],
        [
            ev("g32a", "rejected", "IRN", "USA", "125", "2018-08-13", "day"),
            ev("g32b", "ruled out", "IRN", "USA", "125", "2018-08-13", "day"),
            ev("g32c", "dismissed", "IRN", "USA", "125", "2019-05-14", "day"),
        ],
        same=[[m("g32a", "rejected"), m("g32b", "ruled out")], [m("g32c", "dismissed")]],
        different=[
            [m("g32a", "rejected"), m("g32c", "dismissed")],
            [m("g32b", "ruled out"), m("g32c", "dismissed")],
        ],
    )
    islamabad = city("Islamabad", "PAK")
    group(
        "g33",
        [
            art(
                "g33a",
                "Lahore Tribune",
                "2015-04-21",
                "China and Pakistan signed 51 agreements worth $46 billion during Xi Jinping's "
                "visit to Islamabad.",
            ),
            art(
                "g33b",
                "Beijing Morning",
                "2015-04-21",
                "Xi Jinping and Nawaz Sharif oversaw the signing of 51 deals valued at 46 billion "
                "dollars in Islamabad.",
            ),
        ],
        [
            ev("g33a", "signed", "CHN", "PAK", "057", loc=islamabad, sym=True),
            ev("g33b", "oversaw", "CHN", "PAK", "057", loc=islamabad, sym=True),
        ],
        same=[[m("g33a", "signed"), m("g33b", "oversaw")]],
    )


def build_holdout() -> None:
    """Groups written after the weights were tuned on `build()`: never used for tuning."""
    GROUPS.clear()
    group(
        "h01",
        [
            art(
                "h01a",
                "Tokyo Shimbun Digital",
                "2019-07-04",
                "Japan tightened controls on exports of three chemicals to South Korea on "
                "Thursday. The materials are used to make smartphone screens and chips.",
            ),
            art(
                "h01b",
                "Seoul Herald",
                "2019-07-05",
                "Tokyo restricted shipments of chipmaking materials to Seoul on Thursday, a step "
                "South Korean officials called economic retaliation. Seoul said it would "
                "complain to the World Trade Organization.",
            ),
            art(
                "h01c",
                "Seoul Herald",
                "2019-08-03",
                "Japan removed South Korea from its list of trusted trading partners on Friday. "
                "The decision takes effect later this month.",
            ),
        ],
        [
            ev("h01a", "tightened", "JPN", "KOR", "163", "2019-07-04", "day"),
            ev("h01b", "restricted", "JPN", "KOR", "163", "2019-07-04", "day"),
            ev("h01c", "removed", "JPN", "KOR", "163", "2019-08-02", "day"),
        ],
        same=[[m("h01a", "tightened"), m("h01b", "restricted")], [m("h01c", "removed")]],
        different=[
            [m("h01a", "tightened"), m("h01c", "removed")],
            [m("h01b", "restricted"), m("h01c", "removed")],
        ],
    )
    group(
        "h02",
        [
            art(
                "h02a",
                "Nile Courier",
                "2020-01-16",
                "Egyptian and Ethiopian ministers held talks in Washington on Wednesday about "
                "the giant dam on the Blue Nile. No agreement was reached.",
            ),
            art(
                "h02b",
                "Addis Standard Online",
                "2020-01-16",
                "Ethiopia and Egypt negotiated in Khartoum on Wednesday over the filling of the "
                "dam's reservoir. The meeting ended without a deal.",
            ),
        ],
        [
            ev(
                "h02a",
                "held talks",
                "EGY",
                "ETH",
                "046",
                "2020-01-15",
                "day",
                city("Washington", "USA"),
                sym=True,
            ),
            ev(
                "h02b",
                "negotiated",
                "ETH",
                "EGY",
                "046",
                "2020-01-15",
                "day",
                city("Khartoum", "SDN"),
                sym=True,
            ),
        ],
        same=[[m("h02a", "held talks"), m("h02b", "negotiated")]],
        conflicts=[{"field": "location", "docs": ["h02a", "h02b"]}],
    )
    riyadh = city("Riyadh", "SAU")
    group(
        "h03",
        [
            art(
                "h03a",
                "Gulf Ledger",
                "2017-05-21",
                "Saudi Arabia signed arms deals worth $110 billion with the United States in "
                "Riyadh on Saturday. The package covers tanks, ships and missile defence.",
            ),
            art(
                "h03b",
                "Atlantic Bulletin",
                "2017-05-21",
                "Washington and Riyadh concluded a $100 billion weapons package on Saturday "
                "during the president's first trip abroad. Critics in Congress questioned the "
                "sale.",
            ),
        ],
        [
            ev("h03a", "signed", "SAU", "USA", "057", "2017-05-20", "day", riyadh, sym=True),
            ev("h03b", "concluded", "USA", "SAU", "057", "2017-05-20", "day", sym=True),
        ],
        same=[[m("h03a", "signed"), m("h03b", "concluded")]],
        conflicts=[{"field": "amount", "docs": ["h03a", "h03b"]}],
    )
    group(
        "h04",
        [
            art(
                "h04a",
                "Levant Report",
                "2022-04-18",
                "Turkish troops crossed into northern Iraq on Sunday to attack Kurdish militants, "
                "Iraqi officials said. Helicopters carried commandos into the mountains.",
            ),
            art(
                "h04b",
                "Anatolian Courier",
                "2022-04-18",
                "Turkey's defence ministry denied that its soldiers crossed into Iraq on Sunday. "
                "It said only air strikes had taken place.",
            ),
        ],
        [
            ev("h04a", "crossed", "TUR", "IRQ", "190", "2022-04-17", "day"),
            ev("h04b", "crossed", "TUR", "IRQ", "190", "2022-04-17", "day", modality="negated"),
        ],
        same=[[m("h04a", "crossed"), m("h04b", "crossed")]],
        conflicts=[{"field": "modality", "docs": ["h04a", "h04b"]}],
    )
    group(
        "h05",
        [
            art(
                "h05a",
                "Manila Daily",
                "2023-08-06",
                "A Chinese coast guard ship fired a water cannon at a Philippine supply boat near "
                "Second Thomas Shoal on Saturday. Manila summoned the Chinese ambassador.",
            ),
            art(
                "h05b",
                "Pacific Standard Wire",
                "2023-08-06",
                "Chinese vessels blasted a Philippine boat with water near a disputed shoal on "
                "Saturday, the Philippine coast guard said. Beijing said it acted lawfully.",
            ),
            art(
                "h05c",
                "Manila Daily",
                "2023-12-11",
                "China's coast guard again aimed water cannon at Philippine vessels on Sunday, "
                "this time near Second Thomas Shoal and Scarborough. Manila protested.",
            ),
        ],
        [
            ev("h05a", "fired", "CHN", "PHL", "180", "2023-08-05", "day"),
            ev("h05b", "blasted", "CHN", "PHL", "180", "2023-08-05", "day"),
            ev("h05c", "aimed", "CHN", "PHL", "180", "2023-12-10", "day"),
        ],
        same=[[m("h05a", "fired"), m("h05b", "blasted")], [m("h05c", "aimed")]],
        different=[
            [m("h05a", "fired"), m("h05c", "aimed")],
            [m("h05b", "blasted"), m("h05c", "aimed")],
        ],
    )
    group(
        "h06",
        [
            art(
                "h06a",
                "Delhi Courier",
                "2016-09-24",
                "India and France signed a deal for 36 Rafale fighter jets in New Delhi on "
                "September 23. The contract is worth about €7.87 billion.",
            ),
            art(
                "h06b",
                "Paris Matin",
                "2016-09-24",
                "France and India sealed the sale of 36 Rafale jets on September 22, in a "
                "contract valued at €7.8 billion. Dassault will build the aircraft.",
            ),
        ],
        [
            ev(
                "h06a",
                "signed",
                "IND",
                "FRA",
                "057",
                "2016-09-23",
                "day",
                city("New Delhi", "IND"),
                sym=True,
            ),
            ev("h06b", "sealed", "FRA", "IND", "057", "2016-09-22", "day", sym=True),
        ],
        same=[[m("h06a", "signed"), m("h06b", "sealed")]],
        conflicts=[{"field": "date", "docs": ["h06a", "h06b"]}],
    )
    moscow = city("Moscow", "RUS")
    group(
        "h07",
        [
            art(
                "h07a",
                "Moscow Evening",
                "2023-03-20",
                "Chinese President Xi Jinping arrived in Moscow on Monday for a three-day state "
                "visit. He was greeted at the airport by a deputy prime minister.",
            ),
            art(
                "h07b",
                "Beijing Morning",
                "2023-03-21",
                "Xi Jinping landed in the Russian capital on Monday and held informal talks with "
                "Vladimir Putin over dinner.",
            ),
            art(
                "h07c",
                "Beijing Morning",
                "2024-05-16",
                "Vladimir Putin travelled to Beijing on Thursday for talks with Xi Jinping. It "
                "was his first foreign trip since his inauguration.",
            ),
        ],
        [
            ev("h07a", "arrived", "CHN", "RUS", "042", "2023-03-20", "day", moscow),
            ev("h07b", "landed", "CHN", "RUS", "042", "2023-03-20", "day", moscow),
            ev(
                "h07c",
                "travelled",
                "RUS",
                "CHN",
                "042",
                "2024-05-16",
                "day",
                city("Beijing", "CHN"),
            ),
        ],
        same=[[m("h07a", "arrived"), m("h07b", "landed")], [m("h07c", "travelled")]],
        different=[
            [m("h07a", "arrived"), m("h07c", "travelled")],
            [m("h07b", "landed"), m("h07c", "travelled")],
        ],
    )
    enerhodar = city("Enerhodar", "UKR")
    group(
        "h08",
        [
            art(
                "h08a",
                "Kyiv Ledger",
                "2022-08-06",
                "Russian forces shelled the Zaporizhzhia nuclear plant on Friday, the Ukrainian "
                "operator said. One reactor was shut down as a precaution.",
            ),
            art(
                "h08b",
                "Moscow Evening",
                "2022-08-06",
                "Ukrainian artillery shelled the Zaporizhzhia nuclear plant on Friday, Russian "
                "officials said. They called it an act of nuclear terrorism.",
            ),
        ],
        [
            ev("h08a", "shelled", "RUS", "UKR", "194", "2022-08-05", "day", enerhodar),
            ev("h08b", "shelled", "UKR", "RUS", "194", "2022-08-05", "day", enerhodar),
        ],
        same=[[m("h08a", "shelled"), m("h08b", "shelled")]],
        conflicts=[{"field": "actor", "docs": ["h08a", "h08b"]}],
    )
    group(
        "h09",
        [
            art(
                "h09a",
                "Sahel Observer",
                "2023-08-23",
                "The African Union suspended Niger from all its activities after the military "
                "coup. The bloc urged the soldiers to return to their barracks.",
            ),
            art(
                "h09b",
                "Atlantic Bulletin",
                "2023-08-22",
                "The AU has expelled Niger from its meetings until constitutional order is "
                "restored, its peace and security council said.",
            ),
        ],
        [
            ev("h09a", "suspended", "AFR", "NER", "161"),
            ev("h09b", "expelled", "AFR", "NER", "161"),
        ],
        same=[[m("h09a", "suspended"), m("h09b", "expelled")]],
    )
    hokkaido = area("Hokkaido", "JPN")
    group(
        "h10",
        [
            art(
                "h10a",
                "Tokyo Shimbun Digital",
                "2017-08-29",
                "North Korea fired a ballistic missile over Hokkaido early on Tuesday, and it "
                "fell into the Pacific. Sirens sounded in towns across the north of Japan.",
            ),
            art(
                "h10b",
                "Seoul Herald",
                "2017-08-29",
                "Pyongyang launched a missile that flew over northern Japan on Tuesday morning "
                "before breaking up at sea.",
            ),
            art(
                "h10c",
                "Tokyo Shimbun Digital",
                "2017-09-15",
                "North Korea sent another missile over Hokkaido on Friday, the second such "
                "flight in less than three weeks.",
            ),
        ],
        [
            ev("h10a", "fired", "PRK", "JPN", "150", "2017-08-29", "day", hokkaido),
            ev("h10b", "launched", "PRK", "JPN", "150", "2017-08-29", "day", hokkaido),
            ev("h10c", "sent", "PRK", "JPN", "150", "2017-09-15", "day", hokkaido),
        ],
        same=[[m("h10a", "fired"), m("h10b", "launched")], [m("h10c", "sent")]],
        different=[
            [m("h10a", "fired"), m("h10c", "sent")],
            [m("h10b", "launched"), m("h10c", "sent")],
        ],
    )


def build_holdout_endtoend() -> None:
    """Groups written with the end-to-end fixes of issue 7 (after them, never tuned on): the
    acts told in other words, codes and clauses that the real coder meets."""
    ras_al_ain, tal_abyad = city("Ras al-Ain", "SYR"), city("Tal Abyad", "SYR")
    group(
        "h11",
        [
            art(
                "h11a",
                "Anatolia Wire",
                "2019-10-10",
                "Turkey shelled the Syrian border town of Ras al-Ain on Wednesday, Kurdish "
                "officials said. Thousands of residents fled south.",
            ),
            art(
                "h11b",
                "Levant Report",
                "2019-10-10",
                "Turkish guns bombarded Tal Abyad in northern Syria on Wednesday, a war monitor "
                "said. The monitor reported several civilian deaths.",
            ),
            art(
                "h11c",
                "Levant Report",
                "2019-10-19",
                "Turkey shelled the town of Ras al-Ain again on Friday despite the ceasefire. "
                "Kurdish fighters said they were still inside.",
            ),
        ],
        [
            ev("h11a", "shelled", "TUR", "SYR", "194", "2019-10-09", "day", ras_al_ain),
            ev("h11b", "bombarded", "TUR", "SYR", "194", "2019-10-09", "day", tal_abyad),
            ev("h11c", "shelled", "TUR", "SYR", "194", "2019-10-18", "day", ras_al_ain),
        ],
        same=[[m("h11a", "shelled"), m("h11b", "bombarded")], [m("h11c", "shelled")]],
        conflicts=[{"field": "location", "docs": ["h11a", "h11b"]}],
    )
    group(
        "h12",
        [
            art(
                "h12a",
                "Danube Post",
                "2021-04-18",
                "The Czech Republic expelled 18 Russian diplomats on Saturday over a 2014 blast "
                "at an ammunition depot. Moscow called the step unprecedented.",
            ),
            art(
                "h12b",
                "Baltic Times Online",
                "2021-04-18",
                "Prague ordered 18 Russian embassy staff to leave the country on Saturday, "
                "blaming Russian spies for the depot explosion.",
            ),
            art(
                "h12c",
                "Danube Post",
                "2021-04-19",
                "Russia expelled 20 Czech diplomats on Sunday in response. The Czech embassy in "
                "Moscow will be left with a handful of staff.",
            ),
        ],
        [
            ev("h12a", "expelled", "CZE", "RUS", "161", "2021-04-17", "day"),
            ev("h12b", "ordered", "CZE", "RUS", "161", "2021-04-17", "day"),
            ev("h12c", "expelled", "RUS", "CZE", "161", "2021-04-18", "day"),
        ],
        same=[[m("h12a", "expelled"), m("h12b", "ordered")], [m("h12c", "expelled")]],
    )
    al_ula = city("Al-Ula", "SAU")
    group(
        "h13",
        [
            art(
                "h13a",
                "Gulf Ledger",
                "2021-01-06",
                "Saudi Arabia and Qatar agreed on Tuesday to restore full diplomatic relations "
                "at a Gulf summit in Al-Ula. The rift had lasted more than three years.",
            ),
            art(
                "h13b",
                "Doha Tribune",
                "2021-01-06",
                "Riyadh and Doha signed a declaration ending their rift on Monday at the summit "
                "in Al-Ula, officials said.",
            ),
            art(
                "h13c",
                "Doha Tribune",
                "2021-06-10",
                "Qatar and Saudi Arabia signed an agreement on Wednesday to set up a joint "
                "coordination council. The council will meet twice a year.",
            ),
        ],
        [
            ev("h13a", "agreed", "SAU", "QAT", "057", "2021-01-05", "day", al_ula, sym=True),
            ev("h13b", "signed", "SAU", "QAT", "057", "2021-01-04", "day", al_ula, sym=True),
            ev("h13c", "signed", "QAT", "SAU", "057", "2021-06-09", "day", sym=True),
        ],
        same=[[m("h13a", "agreed"), m("h13b", "signed")], [m("h13c", "signed")]],
        conflicts=[{"field": "date", "docs": ["h13a", "h13b"]}],
    )
    group(
        "h14",
        [
            art(
                "h14a",
                "Eurasia Monitor",
                "2021-03-21",
                "Russian and Chinese warships held joint naval exercises near Vladivostok from "
                "March 15 to 19, the Russian Pacific Fleet said.",
            ),
            art(
                "h14b",
                "Pacific Ledger",
                "2021-03-21",
                "China and Russia staged a joint drill near Vladivostok last week, the Chinese "
                "defence ministry said. Six ships took part.",
            ),
        ],
        [
            ev(
                "h14a",
                "held",
                "RUS",
                "CHN",
                "062",
                "2021-03-15",
                "range",
                city("Vladivostok", "RUS"),
                sym=True,
                end="2021-03-19",
            ),
            ev(
                "h14b",
                "staged",
                "CHN",
                "RUS",
                "062",
                "2021-03-15",
                "week",
                city("Vladivostok", "RUS"),
                sym=True,
            ),
        ],
        same=[[m("h14a", "held"), m("h14b", "staged")]],
    )
    group(
        "h15",
        [
            art(
                "h15a",
                "Maghreb Monitor",
                "2019-06-12",
                "Moscow froze the sale of Su-34 bombers to Algeria in 2017. This led to a claim "
                "at an arbitration court in Stockholm in which Algiers demanded $1.5 billion "
                "from Moscow.",
            ),
            art(
                "h15b",
                "Atlas Wire",
                "2019-06-20",
                "In 2017 Russia cancelled a contract to deliver Su-34 bombers to Algeria, "
                "prompting Algiers to seek $1.5 billion in damages at the London Court of "
                "International Arbitration.",
            ),
        ],
        [
            ev("h15a", "froze", "RUS", "DZA", "1622", "2017", "year"),
            ev("h15b", "cancelled", "RUS", "DZA", "1622", "2017", "year"),
            ev("h15a", "demanded", "DZA", "RUS", "115"),
            ev("h15b", "seek", "DZA", "RUS", "115"),
        ],
        same=[
            [m("h15a", "froze"), m("h15b", "cancelled")],
            [m("h15a", "demanded"), m("h15b", "seek")],
        ],
        conflicts=[{"field": "venue", "docs": ["h15a", "h15b"]}],
    )
    group(
        "h16",
        [
            art(
                "h16a",
                "Anatolia Wire",
                "2010-05-13",
                "Turkey and Russia signed a deal in Ankara on Wednesday to build the Akkuyu "
                "nuclear power plant. The plant will have four reactors.",
            ),
            art(
                "h16b",
                "Moscow Evening",
                "2011-03-01",
                "Rosatom agreed with Ankara in May 2010 to build four reactors at the Akkuyu "
                "site, the company said in its annual report.",
            ),
            art(
                "h16c",
                "Anatolia Wire",
                "2016-10-11",
                "Russia and Turkey signed a deal on Monday to build the TurkStream gas "
                "pipeline under the Black Sea.",
            ),
        ],
        [
            ev(
                "h16a",
                "signed",
                "TUR",
                "RUS",
                "057",
                "2010-05-12",
                "day",
                city("Ankara", "TUR"),
                sym=True,
            ),
            ev("h16b", "agreed", "RUS", "TUR", "057", "2010-05", "month", sym=True),
            ev("h16c", "signed", "RUS", "TUR", "057", "2016-10-10", "day", sym=True),
        ],
        same=[[m("h16a", "signed"), m("h16b", "agreed")], [m("h16c", "signed")]],
    )


def _write(name: str) -> None:
    out = Path(__file__).with_name(name)
    with out.open("w", encoding="utf-8") as fh:
        for g in GROUPS:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    print(f"wrote {len(GROUPS)} groups to {out}")


def main() -> None:
    build()
    _write("link_set.jsonl")
    build_holdout()
    build_holdout_endtoend()
    _write("link_holdout.jsonl")


if __name__ == "__main__":
    main()
