"""The extractors as spaCy components, and displaCy rendering."""
import pytest

from vanban.spacy_components import entity_spans, make_nlp, render_html


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def test_pipeline_components_and_span_groups(nlp):
    assert nlp.pipe_names[0] == "vanban_analyse" and nlp.pipe_names[-1] == "vanban_ents"
    doc = nlp("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n"
              "1. Giao Sở Tư pháp chủ trì, phối hợp với Sở Tài chính hoàn thành trước ngày 15/12/2022.")
    refs = doc.spans["references"]
    assert len(refs) == 1 and refs[0]._.vanban.key == "61/2018/NĐ-CP"
    assert {s.text for s in doc.spans["agencies"]} >= {"Sở Tư pháp", "Sở Tài chính"}
    assert [s._.vanban.value for s in doc.spans["deadlines"]] == ["2022-12-15"]
    labels = {e.label_ for e in doc.ents}
    assert {"REF", "AGENCY", "DEADLINE"} <= labels
    # ents never overlap
    ends = [(e.start, e.end) for e in doc.ents]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))


def test_render_html_marks_every_entity():
    text = "Giao Sở Nội vụ chủ trì, báo cáo trước ngày 30/6/2021."
    rec = {"doc": "x", "text": text, "header": {},
           "agencies": [{"name": "Sở Nội vụ", "span": [5, 14], "mentions": [[5, 14]]}],
           "deadlines": [{"text": "trước ngày 30/6/2021", "span": [32, 52]}],
           "references": [], "assignments": [], "targets": []}
    assert [(e["start"], e["end"], e["label"]) for e in entity_spans(rec)] == [(5, 14, "AGENCY"), (32, 52, "DEADLINE")]
    html = render_html(rec, page=False)
    assert "Sở Nội vụ" in html and "AGENCY" in html and "DEADLINE" in html


def test_a_single_component_works_alone():
    import spacy

    from vanban.spacy_components import register

    register()
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vanban_deadlines")
    doc = nlp("Các sở báo cáo kết quả trong quý III/2020.")
    assert [s._.vanban.value for s in doc.spans["deadlines"]] == ["2020-Q3"]
