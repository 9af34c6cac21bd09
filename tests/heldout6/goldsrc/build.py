#!/usr/bin/env python3
"""Rebuild tests/heldout6/gold/*.json from goldsrc/h6_*.py, then run ../check_gold.py."""
import importlib, subprocess, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
for p in sorted(HERE.glob("h6_*.py")):
    importlib.import_module(p.stem)
sys.exit(subprocess.call([sys.executable, str(HERE.parent / "check_gold.py")] + sys.argv[1:]))
