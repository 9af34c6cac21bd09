"""`vanban eval` must agree with the reference scorer (../shared/gold/score.py) — checked on
perturbed predictions built from gold, so disagreements in any rule show up."""
import copy
import importlib.util
import json
import random

import pytest

from vanban.evaluate import evaluate, keys_match, norm, texts_overlap


def _load_reference(gold_dir):
    spec = importlib.util.spec_from_file_location("reference_score", gold_dir / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _reference_totals(ref, gold_dir, preds):
    tot = {}
    for gf in sorted(gold_dir.glob("*.json")):
        g = json.loads(gf.read_text())
        s = ref.score_doc(g, preds.get(gf.name, {}))
        for k, v in s.items():
            t = tot.setdefault(k, [0] * len(v))
            for i, x in enumerate(v):
                t[i] += x
    return tot


def _perturb(gold: dict, rng: random.Random) -> dict:
    p = copy.deepcopy(gold)
    for kind in ("references", "deadlines", "agencies", "assignments", "targets"):
        items = p.get(kind, [])
        rng.shuffle(items)
        items[:] = [x for x in items if rng.random() > 0.2]
        for x in items:
            r = rng.random()
            if kind == "references" and r < 0.2:
                x["key"] = x["key"].upper().replace("Đ", "D")
            elif kind == "references" and r < 0.3:
                x["key"] = x["key"] + "9"
            elif kind == "deadlines" and r < 0.2:
                x["kind"] = "by" if x["kind"] != "by" else "within"
            elif kind == "agencies" and r < 0.2:
                x["name"] = x["name"].replace("Ủy ban nhân dân", "UBND")
            elif kind == "assignments" and r < 0.2:
                x["clause"] = "9." + str(x.get("clause"))
            elif kind == "assignments" and r < 0.3:
                x["role"] = "support" if x["role"] == "lead" else "lead"
            elif kind == "targets" and r < 0.2:
                x["comparator"] = ">="
            elif kind == "targets" and r < 0.3:
                x["text"] = "hoàn toàn khác"
    if rng.random() < 0.5:
        p["header"]["issued_date"] = "1999-01-01"
    return p


@pytest.mark.parametrize("seed", range(6))
def test_agrees_with_reference_scorer(shared_gold, seed):
    ref = _load_reference(shared_gold)
    rng = random.Random(seed)
    preds = {}
    for gf in sorted(shared_gold.glob("*.json")):
        if rng.random() < 0.1:
            continue  # a missing output
        preds[gf.name] = _perturb(json.loads(gf.read_text()), rng)
    mine = evaluate(shared_gold, preds)
    theirs = _reference_totals(ref, shared_gold, preds)
    for field, tally in mine.fields.items():
        assert (tally.tp, tally.gold, tally.pred) == tuple(theirs[field]), field
    for name, (ok, n) in mine.ratios.items():
        assert (ok, n) == tuple(theirs[name]), name


def test_norm_expands_abbreviations():
    assert norm("UBND tỉnh") == norm("Ủy ban nhân dân tỉnh")
    assert norm("Sở TT&TT") == norm("Sở Thông tin và Truyền thông")


def test_keys_match_rules():
    assert keys_match("30c/NQ-CP", "30C/nq-cp")
    assert keys_match("36/2013/NĐ-CP", "36/2013/ND-CP")
    assert not keys_match("36/2013/NĐ-CP", "36/2014/NĐ-CP")
    assert keys_match("Luật Tổ chức chính quyền địa phương", "Luật Tổ chức chính quyền địa phương năm 2015")
    assert not keys_match("Luật Đất đai", "Luật Tổ chức chính quyền địa phương")


def test_texts_overlap():
    assert texts_overlap("trước 30/11/2013", "trước ngày 30/11/2013")
    assert not texts_overlap("hàng năm", "giai đoạn 2016-2020")


def test_errors_list_misses_and_spurious_items(tmp_path):
    gold = {"doc": "a.txt", "header": {}, "references": [], "agencies": [], "assignments": [], "targets": [],
            "deadlines": [{"text": "trước ngày 30/11/2020", "kind": "by", "value": "2020-11-30"},
                          {"text": "trong quý III/2020", "kind": "within", "value": "2020-Q3"}]}
    (tmp_path / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    pred = {"deadlines": [{"text": "trước ngày 30/11/2020", "kind": "by", "value": "2020-11-30", "span": [0, 21]},
                          {"text": "năm 2020", "kind": "period", "value": "2020", "span": [30, 38], "rule": "x"}]}
    rep = evaluate(tmp_path, {"a.json": pred})
    assert [e["missed"]["value"] for e in rep.errors] == ["2020-Q3"]
    # the unmatched prediction, without its span and rule
    assert rep.spurious == [{"doc": "a.txt", "field": "deadlines",
                             "spurious": {"text": "năm 2020", "kind": "period", "value": "2020"}}]
