"""Property tests over random and adversarial Vietnamese text: the extraction pipeline never
raises, every span lies inside the text and equals the item's text, and output is deterministic."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanban.pipeline.extract import analyse, to_json

WORDS = ["Sở", "Nội", "vụ", "chủ", "trì", "phối", "hợp", "với", "UBND", "tỉnh", "Ủy", "ban", "nhân", "dân",
         "Nghị", "quyết", "số", "30c/NQ-CP", "36/2013/NĐ-CP", "ngày", "08/11/2011", "của", "Chính", "phủ",
         "trước", "30/11/2013", "quý", "III/2020", "giai", "đoạn", "2016-2020", "định", "kỳ", "hằng", "năm",
         "trên", "80%", "17/20", "đạt", "100%", "Điều", "1.", "a)", "I.", "-", ";", ",", ".", ":", "\n", "\n\n",
         "Căn", "cứ", "Luật", "Chỉ", "thị", "này", "trên", "giao", "tham", "mưu", "Nơi", "nhận:", "Số:", "/", "(", ")",
         "**", "|", "đến", "từ", "tháng", "12/2019", "6", "tháng", "đầu", "Giám", "đốc", "các", "sở,", "ngành"]

vietnamese_like = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)
anything = st.text(max_size=400)


def _check(text: str) -> None:
    doc = analyse(text, doc_id="prop")
    out = to_json(doc)
    for kind in ("references", "deadlines", "targets"):
        for item in out[kind]:
            s, e = item["span"]
            assert 0 <= s < e <= len(text), (kind, item)
            assert text[s:e] == item["text"], (kind, item)
    for a in out["agencies"]:
        for s, e in [a["span"], *a.get("mentions", [])]:
            assert 0 <= s < e <= len(text)
    for a in out["assignments"]:
        s, e = a["span"]
        assert 0 <= s <= e <= len(text)
    again = to_json(analyse(text, doc_id="prop"))
    assert again == out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_like)
def test_vietnamese_like_text(text):
    _check(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_arbitrary_unicode(text):
    _check(text)


def test_pathological_inputs():
    for text in ["", " ", "\n" * 1000, "1." * 500, "Số: /", "ngày 99/99/9999", "quý 0/2020",
                 "a) " * 300, "Điều " * 200, "%" * 100, "Nghị quyết số " * 200, "\x00\x01\x02"]:
        _check(text)
