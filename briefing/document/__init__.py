"""Document: the one format-neutral model of a briefing (proven facts only) and how a Report becomes one."""
