"""Where the project's files are, for the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMAS = ROOT / "schemas"
FIXTURES = ROOT / "tests" / "fixtures"
#: The shared material beside the project; CI always has it, a user's clone may not.
SHARED = ROOT.parent / "shared"
