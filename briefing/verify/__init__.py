"""Verify: facts and people against their sources -> findings and a verdict for each."""
