"""Outputs: the manifest of what a render wrote, from which input digests."""
