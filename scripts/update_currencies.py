"""Write briefing/text/currencies.json from the installed Babel's CLDR data.

Run ``python scripts/update_currencies.py`` after upgrading Babel; the test
suite fails while the shipped file and Babel disagree.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.text.currencies import babel_tables  # noqa: E402

if __name__ == "__main__":
    out = ROOT / "briefing" / "text" / "currencies.json"
    out.write_text(json.dumps(babel_tables(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
