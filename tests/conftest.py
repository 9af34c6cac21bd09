import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_gold() -> Path:
    gold = SHARED / "gold"
    if not (gold / "score.py").is_file():
        if os.environ.get("CI"):
            pytest.fail("../shared/gold is missing in CI")
        pytest.skip("../shared/gold not present")
    return gold
