"""Regenerate briefing/verify/data/lexicon_forms.json from lexicon.yaml with lemminflect.

    python scripts/build_lexicon_forms.py

For every word of the shipped lexicon, lemminflect gives its lemmas and every
inflection of them with its Penn tag ("rose" -> rise VBD, "deaths" -> death
NNS). The check reads the table instead of loading lemminflect's dictionaries
(about a second) in every run; words a project adds are inflected by
lemminflect at check time.
"""
from __future__ import annotations

import json

import yaml

from briefing.verify.lexicon import DATA, inflect, lexicon_words


def main() -> None:
    """Write the form table: form -> sorted [lemma, tag] pairs."""
    data = yaml.safe_load((DATA / "lexicon.yaml").read_text(encoding="utf-8"))
    table: dict[str, set[tuple[str, str]]] = {}
    for word in sorted(lexicon_words(data)):
        for form, pairs in inflect(word).items():
            table.setdefault(form, set()).update(pairs)
    out = {form: sorted(map(list, pairs)) for form, pairs in sorted(table.items())}
    path = DATA / "lexicon_forms.json"
    path.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{path}: {len(out)} forms")


if __name__ == "__main__":
    main()
