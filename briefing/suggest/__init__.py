"""From a source to proven candidate facts: the finders and the prover behind `briefing suggest`.

``sentences`` lays a source out in paragraphs, sentences and clauses;
``figures``, ``dated``, ``quotes`` and ``people`` find what a fact could
state (with the verifier's own readers); ``passages`` offers the quotes and
draft texts that might prove it; ``prove`` keeps only what the real checker
proves; ``known`` marks what the fact base already has; ``naming`` gives it
an id and a topic; ``emit`` writes it (and appends it to facts.yaml);
``quality`` measures it against a curated fact base.
"""
