"""Generate a synthetic briefing project: N facts over M sources of about 5 KB each.

    python benchmarks/generate.py OUT_DIR --facts 10000 --sources 1000

Every fact is provable: its quote is a sentence of its source, and its value,
period, date, speaker or participants are the ones that sentence states. The
output is deterministic for a given seed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FILLER = ("Officials from both governments met again to review progress on the agenda, and analysts said the "
          "talks had been constructive though several questions remained open for the next round. ")


def _letters(number: int) -> str:
    """A number spelled in letters (0 -> "a", 27 -> "bb"), so that ids carry no figures."""
    word = ""
    while True:
        word = chr(ord("a") + number % 26) + word
        number //= 26
        if number == 0:
            return word


def _sentence(rng: random.Random, kind: str, index: int, source: int) -> tuple[str, dict]:
    """One source sentence and the fact fields it proves."""
    year = 2000 + rng.randrange(25)
    tag = f"item {_letters(source)}-{_letters(index)}"
    if kind == "amount":
        whole, tenth = rng.randrange(1, 900), rng.randrange(10)
        text = f"Trade in {tag} reached ${whole}.{tenth} billion in {year}, officials said."
        return text, {"value": f"{whole}.{tenth} billion", "unit": "USD", "period": year,
                      "text": f"Trade in {tag} reached ${whole}.{tenth} billion in {year}."}
    if kind == "percent":
        value = rng.randrange(1, 99)
        text = f"The tariff on {tag} was set at {value}% by the ministry."
        return text, {"value": value, "text": f"The tariff on {tag} was {value}%."}
    if kind == "count":
        value = rng.randrange(2, 500)
        text = f"The programme for {tag} has funded {value} projects so far."
        return text, {"value": value, "unit": "projects", "text": f"The programme for {tag} funded {value} projects."}
    if kind == "date":
        day = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
        text = f"Minister Alpha Beta met Envoy Gamma Delta in Geneva on {MONTHS[day.month - 1]} {day.day}, {day.year} about {tag}."
        return text, {"date": day.isoformat(), "participants": ["alpha-beta", "gamma-delta"], "location": "Geneva",
                      "text": f"Alpha Beta and Gamma Delta met in Geneva on {MONTHS[day.month - 1]} {day.day}, {day.year}."}
    if kind == "statement":
        text = f"Minister Alpha Beta said the partnership on {tag} would deepen."
        return text, {"speaker": "alpha-beta", "said": f"the partnership on {tag} would deepen",
                      "text": f"Alpha Beta said the partnership on {tag} would deepen."}
    text = f"Both sides agreed to expand cooperation on {tag} and related matters."
    return text, {"text": f"Both sides agreed to expand cooperation on {tag}."}


def _yaml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def make_project(out: Path, facts: int, sources: int, seed: int = 7) -> Path:
    """Write facts.yaml and sources/ under ``out``; return the facts.yaml path."""
    rng = random.Random(seed)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    kinds = ["amount", "percent", "count", "date", "statement", "claim"]
    per_source = [facts // sources + (1 if i < facts % sources else 0) for i in range(sources)]
    lines = ["briefing:", '  title: "Synthetic benchmark briefing"', "  as_of: 2025-08-04",
             '  marking: "UNCLASSIFIED"', "", "sources:"]
    fact_lines = ["", "facts:"]
    count = 0
    for source in range(sources):
        sentences = ["Minister Alpha Beta opened the session. Envoy Gamma Delta replied. "]
        for index in range(per_source[source]):
            kind = kinds[count % len(kinds)]
            sentence, fields = _sentence(rng, kind, index, source)
            sentences.append(sentence + " ")
            fact_lines += [f"  f{count:06d}:", f"    kind: {kind}", "    topic: trade"]
            fact_lines += [f"    {key}: {_yaml_value(value)}" for key, value in fields.items()]
            fact_lines += [f"    source: s{source:05d}", f"    quote: {_yaml_value(sentence)}"]
            count += 1
        body = "".join(sentences)
        while len(body) < 5000:
            body += FILLER
        (out / "sources" / f"s{source:05d}.txt").write_text(body + "\n", encoding="utf-8")
        lines += [f"  s{source:05d}:", f"    path: sources/s{source:05d}.txt", f'    title: "Synthetic source {source}"',
                  "    published: 2025-08-01"]
    people = ["", "people:",
              "  alpha-beta:", "    name: Alpha Beta", "    role: Minister", "    source: s00000",
              '    quote: "Minister Alpha Beta opened the session."',
              "  gamma-delta:", "    name: Gamma Delta", "    role: Envoy", "    source: s00000",
              '    quote: "Envoy Gamma Delta replied."']
    path = out / "facts.yaml"
    path.write_text("\n".join(lines + people + fact_lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    """Command line: generate a project."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--facts", type=int, default=10000)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(make_project(args.out, args.facts, args.sources, args.seed))


if __name__ == "__main__":
    main()
