#!/usr/bin/env python3
"""Writes a synthetic news corpus as JSONL (url, title, date, source, text) for load tests of
`dossier ingest`, e.g. several workers against one PostgreSQL store.

    python3 scripts/synthetic-corpus.py --docs 20000 --out /tmp/synth.jsonl [--shards N]

Made-up names, places and figures recombined by a seeded generator: every article is distinct
and the output is the same for the same arguments. With --shards N it also writes
OUT.0 ... OUT.(N-1), the articles dealt round-robin, one per ingest worker.
"""
import argparse
import json
import random

FIRST = ["Amina", "Tomas", "Leila", "Viktor", "Chen", "Ngozi", "Rafael", "Ingrid", "Omar", "Priya",
         "Dmitri", "Fatima", "Jonas", "Keiko", "Mateo", "Sade", "Anders", "Yusuf", "Elena", "Kofi"]
LAST = ["Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Kowalski", "Mensah", "Ortega",
        "Novak", "Rahimi", "Bauer", "Castillo", "Petrov", "Achebe", "Sorensen", "Varga"]
ROLE = ["Finance Minister", "central bank governor", "opposition leader", "union chief",
        "Foreign Minister", "mayor", "chief executive", "spokesman", "prosecutor", "general"]
ORG = ["Northwind Holdings", "the Harbour Authority", "Meridian Bank", "the Grain Council",
       "Altura Energy", "the National Rail Company", "Cobalt Mining", "the Port Workers Union",
       "the Ministry of Trade", "Sunfield Airlines", "the Electoral Commission", "Vesta Telecom"]
PLACE = ["Lagos", "Valparaiso", "Gdansk", "Mombasa", "Surabaya", "Porto Alegre", "Tbilisi",
         "Halifax", "Da Nang", "Izmir", "Accra", "Cork", "Tromso", "Cebu", "Rosario", "Aqaba"]
VERB = ["announced", "rejected", "approved", "criticised", "postponed", "signed", "suspended",
        "welcomed", "investigated", "proposed"]
THING = ["a wage agreement", "the port expansion", "new export quotas", "a fuel subsidy",
         "the merger", "emergency credit lines", "a rail strike", "the budget", "tariff cuts",
         "a ceasefire proposal", "the mining licence", "an audit of the accounts"]
UNIT = ["million dollars", "percent", "tonnes", "jobs", "billion euros", "barrels a day"]
SAY = ["said", "told reporters", "said in a statement", "added"]
OUTLET = ["Wire Daily", "Harbour Times", "The Ledger", "Coastal Post", "Morning Bulletin"]


def person(r):
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def article(r, i):
    who, org, place, thing = person(r), r.choice(ORG), r.choice(PLACE), r.choice(THING)
    n = r.randint(2, 950)
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    sentences = [
        f"{place.upper()}, {month}/{day} - {org[0].upper()}{org[1:]} {r.choice(VERB)} {thing} on Tuesday, "
        f"according to {r.choice(ROLE)} {who}.",
        f"\"We will not accept {r.choice(THING)} without a vote,\" {person(r)}, the "
        f"{r.choice(ROLE)}, {r.choice(SAY)}.",
        f"The decision affects about {n} {r.choice(UNIT)} in {place} and {r.choice(PLACE)}.",
        f"{who} met {person(r)} of {r.choice(ORG)} in {r.choice(PLACE)} last week, officials said.",
        f"Analysts at {r.choice(ORG)} estimated the cost at {r.randint(1, 90)} {r.choice(UNIT)}, "
        f"while {r.choice(ORG)} put it at {r.randint(1, 90)}.",
        f"{person(r)} {r.choice(SAY)} that talks would resume in {r.choice(PLACE)} next month.",
    ]
    rest = sentences[1:]
    r.shuffle(rest)
    body = " ".join([sentences[0]] + rest[: r.randint(3, 5)]) + f" (Report {i}.)"
    return {
        "url": f"https://news.example/{i}",
        "title": f"{org[0].upper()}{org[1:]} {r.choice(VERB)} {thing}",
        "date": f"2024-{month:02d}-{day:02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00Z",
        "source": r.choice(OUTLET),
        "text": body,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--shards", type=int, default=0)
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args()
    r = random.Random(a.seed)
    docs = [json.dumps(article(r, i)) for i in range(a.docs)]
    with open(a.out, "w") as f:
        f.write("\n".join(docs) + "\n")
    for k in range(a.shards):
        with open(f"{a.out}.{k}", "w") as f:
            f.write("\n".join(docs[k:: a.shards]) + "\n")


if __name__ == "__main__":
    main()
