"""The files `briefing init` writes: a small working project (facts.yaml, one source, stakeholders.yaml)."""
