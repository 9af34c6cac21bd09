"""Held-out evaluation: 8 documents written for this purpose (tests/heldout/corpus) with gold
annotated by hand before the extractors were run on them (tests/heldout/gold, GUIDELINES format;
built from tests/heldout/goldsrc/*.py by goldsrc/build.py, which also checks every text is verbatim).

None of these documents was used to develop the extractors, so unlike the 5 shared gold files they
measure generalisation; its failure classes have since been fixed with general rules (so it now
guards against regressions: floors raised after that work).  The floors sit a little below what was measured, so
the test fails on regressions, not on the known gaps (see tests/heldout/README.md for the failure
classes).

Measured when added (micro over the 8 documents; tp/gold/pred):
    references          P=0.955 R=0.933 F1=0.944   42/45/44
    anaphora            P=1.000 R=0.952 F1=0.976   20/21/20
    deadlines           P=0.919 R=0.864 F1=0.891   57/66/62
    deadlines_found     P=0.919 R=0.864 F1=0.891   57/66/62
    agencies            P=0.922 R=0.717 F1=0.807   71/99/77
    assignments         P=0.800 R=0.634 F1=0.707   52/82/65
    assignments_clause  P=0.644 R=0.568 F1=0.604   67/118/104
    targets             P=0.870 R=0.746 F1=0.803   47/63/54
    targets_found       P=0.944 R=0.810 F1=0.872   51/63/54
    _header_ok 1.000
"""
from pathlib import Path

import pytest

from vanban.evaluate import evaluate
from vanban.pipeline.batch import discover
from vanban.pipeline.extract import extract_file

ROOT = Path(__file__).resolve().parent

# Per set: F1 floors a little below what is measured, so the tests fail on regressions, not on
# known gaps.  "heldout" has had its failure classes fixed (it now guards regressions);
# "heldout2" and "heldout3" were annotated blind afterwards and measure generalisation (their
# failure classes are listed in each set's README).
SETS = {
    # deadlines 0.92: this set reads the year of the document's own annual plan as `period`; heldout3-5
    # read it as `by`, which the extractor follows (tests/heldout/README.md)
    "heldout": {
        "references": 0.95, "anaphora": 0.95, "deadlines": 0.91, "deadlines_found": 0.95, "agencies": 0.95,
        "assignments": 0.95, "assignments_clause": 0.93, "targets": 0.95, "targets_found": 0.95,
    },
    "heldout2": {
        "references": 0.95, "anaphora": 0.88, "deadlines": 0.83, "deadlines_found": 0.83, "agencies": 0.80,
        "assignments": 0.83, "assignments_clause": 0.74, "targets": 0.69, "targets_found": 0.79,
    },
    "heldout3": {
        "references": 0.95, "anaphora": 0.95, "deadlines": 0.90, "deadlines_found": 0.88, "agencies": 0.93,
        "assignments": 0.90, "assignments_clause": 0.76, "targets": 0.95, "targets_found": 0.95,
    },
    # blind first run: ref 0.966, anaphora 0.941, deadlines 0.852, agencies 0.848, assignments 0.795,
    # targets 0.813 (tests/heldout4/README.md); floors below the figures after its round of fixes
    "heldout4": {
        "references": 0.95, "anaphora": 0.90, "deadlines": 0.94, "deadlines_found": 0.93, "agencies": 0.90,
        "assignments": 0.88, "assignments_clause": 0.79, "targets": 0.87, "targets_found": 0.88,
    },
    # blind first run: ref 0.976, anaphora 0.791, deadlines 0.907, agencies 0.843, assignments
    # 0.774, targets 0.867, header 0.917 (tests/heldout5/README.md)
    "heldout5": {
        "references": 0.95, "anaphora": 0.90, "deadlines": 0.95, "deadlines_found": 0.94, "agencies": 0.91,
        "assignments": 0.85, "assignments_clause": 0.77, "targets": 0.90, "targets_found": 0.93,
    },
    # blind first run (git f00e395): ref 0.956, anaphora 0.720, deadlines 0.912, agencies 0.836,
    # assignments 0.782, targets 0.803, header 1.000 (tests/heldout6/README.md)
    "heldout6": {
        "references": 0.94, "anaphora": 0.83, "deadlines": 0.89, "deadlines_found": 0.92, "agencies": 0.87,
        "assignments": 0.83, "assignments_clause": 0.77, "targets": 0.84, "targets_found": 0.87,
    },
}
HEADER_OK_FLOOR = {"heldout": 0.95, "heldout2": 0.95, "heldout3": 0.95, "heldout4": 0.95, "heldout5": 0.95,
                   "heldout6": 0.95}


@pytest.fixture(scope="module", params=sorted(SETS))
def measured(request):
    folder = ROOT / request.param
    files, _ = discover([folder / "corpus"])
    assert len(files) == 8, files
    preds = {f.stem + ".json": extract_file(f) for f in files}
    rep = evaluate(folder / "gold", preds)
    assert not rep.missing, rep.missing
    return request.param, rep


def test_heldout_f1_floors(measured):
    name, report = measured
    low = {f: round(report.fields[f].f1, 3) for f, floor in SETS[name].items() if report.fields[f].f1 < floor}
    assert not low, f"{name}: below floor {low}\n" + report.table()


def test_heldout_header(measured):
    name, report = measured
    assert report.ratio("_header_ok") >= HEADER_OK_FLOOR[name], report.table()


@pytest.mark.parametrize("name", sorted(SETS))
def test_heldout_gold_texts_are_verbatim(name):
    """Every gold text (references, deadlines, targets, tasks) is a substring of its document."""
    import json
    import unicodedata

    folder = ROOT / name
    for gf in sorted((folder / "gold").glob("*.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        text = unicodedata.normalize("NFC", (folder / "corpus" / g["doc"]).read_text(encoding="utf-8"))
        for field in ("references", "deadlines", "targets"):
            for item in g[field]:
                assert unicodedata.normalize("NFC", item["text"]) in text, (gf.name, field, item["text"])
        for a in g["assignments"]:
            assert unicodedata.normalize("NFC", a["task"]) in text, (gf.name, "task", a["task"])
