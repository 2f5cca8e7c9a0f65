"""Allow ``python -m briefing``."""
from .cli import main

main()
