"""references extractor: small hand-written sentences in the grammar of Vietnamese
administrative writing (numbers, issuers, provinces and types varied on purpose)."""
from __future__ import annotations


import pytest

from vanban.extractors.references import canonical_key, key_fold
from vanban.pipeline.extract import analyse


def refs(text: str, anaphor: bool | None = False):
    doc = analyse(text)
    out = doc.facts["references"]
    for r in out:
        assert doc.text[r.span[0]:r.span[1]] == r.text
    if anaphor is None:
        return out
    return [r for r in out if r.anaphor == anaphor]


def keys(text: str) -> list[str]:
    return [r.key for r in refs(text)]


# ---------------------------------------------------------------- canonical keys

@pytest.mark.parametrize("raw,expected", [
    ("30c/NQ-CP", "30c/NQ-CP"),
    ("30C/NQ-CP", "30c/NQ-CP"),
    ("30c/nq-cp", "30c/NQ-CP"),
    ("30c/NQ- CP", "30c/NQ-CP"),
    ("36/2013/ND-CP", "36/2013/NĐ-CP"),
    ("36/2013/NĐ- CP", "36/2013/NĐ-CP"),
    ("142/QD-UBND", "142/QĐ-UBND"),
    ("06 /CT-UBND", "06/CT-UBND"),
    ("số 5277/UBND-KSTT", "5277/UBND-KSTT"),
    ("12-CTr/TU", "12-CTr/TU"),
    ("12 - CTr/TU", "12-CTr/TU"),
    ("05-ctr/tu", "05-CTr/TU"),
    ("15-KL/TW", "15-KL/TW"),
    ("03/2014/TTLT-BNV-BTC", "03/2014/TTLT-BNV-BTC"),
    ("08/2016/TT-BNV", "08/2016/TT-BNV"),
    ("17/HD-SNV", "17/HD-SNV"),
    ("210/KH-BCD", "210/KH-BCĐ"),
    ("5/CT-TTG", "5/CT-TTg"),
])
def test_canonical_key(raw, expected):
    assert canonical_key(raw) == expected


def test_key_fold_same_for_all_spellings():
    spellings = ["36/2013/NĐ-CP", "36/2013/ND-CP", "36/2013/nđ-cp", "36 /2013/NĐ- CP", "số 36/2013/NĐ-CP"]
    assert len({key_fold(s) for s in spellings}) == 1
    assert key_fold("30C/NQ-CP") == key_fold("30c/nq- cp")
    assert key_fold("Luật Tổ chức chính quyền địa phương") == key_fold("luat to chuc  chinh quyen dia phuong")
    assert key_fold("12/CT-UBND") != key_fold("12/QĐ-UBND")


# ---------------------------------------------------------------- numbered citations

@pytest.mark.parametrize("sentence,key,typ", [
    ("Thực hiện Quyết định số 225/QĐ-TTg ngày 04/02/2016 của Thủ tướng Chính phủ, Sở Nội vụ báo cáo.", "225/QĐ-TTg", "Quyết định"),
    ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;", "61/2018/NĐ-CP", "Nghị định"),
    ("Theo Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ.", "01/2011/TT-BNV", "Thông tư"),
    ("Triển khai Chỉ thị số 15/CT-UBND ngày 3/8/2019 của UBND tỉnh Quảng Ngãi.", "15/CT-UBND", "Chỉ thị"),
    ("Thực hiện Kết luận số 64-KL/TW ngày 28/5/2013 của Ban Chấp hành Trung ương.", "64-KL/TW", "Kết luận"),
    ("Căn cứ Hướng dẫn số 12/HD-SNV ngày 15/3/2021 của Sở Nội vụ;", "12/HD-SNV", "Hướng dẫn"),
    ("Thực hiện Thông tư liên tịch số 03/2014/TTLT-BNV-BTC, các đơn vị rà soát.", "03/2014/TTLT-BNV-BTC", "Thông tư liên tịch"),
    ("Theo Công văn số 1234/UBND-NC ngày 10/10/2018, Sở Tư pháp tổng hợp.", "1234/UBND-NC", "Công văn"),
])
def test_numbered_citation(sentence, key, typ):
    rs = refs(sentence)
    assert [r.key for r in rs] == [key]
    assert rs[0].type == typ


def test_date_issuer_and_text_span():
    r, = refs("Các sở thực hiện Nghị quyết số 19-NQ/TU ngày 12 tháng 3 năm 2019 của Tỉnh ủy về đổi mới.")
    assert r.key == "19-NQ/TU"
    assert r.issued_date == "2019-03-12"
    assert r.issuer == "Tỉnh ủy"
    assert r.text == "Nghị quyết số 19-NQ/TU ngày 12 tháng 3 năm 2019 của Tỉnh ủy"


def test_issuer_abbreviation_expanded_and_place_kept():
    r, = refs("Căn cứ Quyết định số 88/QĐ-UBND ngày 05/01/2020 của UBND tỉnh Bình Định;")
    assert r.issuer == "Ủy ban nhân dân tỉnh Bình Định"
    r, = refs("Thực hiện Kế hoạch số 45/KH-UBND ngày 2/3/2021 của UBND huyện về phòng chống thiên tai.")
    assert r.issuer == "Ủy ban nhân dân huyện"
    assert r.text.endswith("của UBND huyện")


def test_ministry_issuer():
    r, = refs("Theo Thông tư số 07/2019/TT-BTTTT ngày 10/7/2019 của Bộ Thông tin và Truyền thông về quản lý.")
    assert r.issuer == "Bộ Thông tin và Truyền thông"


def test_malformed_spacing_and_case():
    assert keys("Theo Nghị định số 24/2014/NĐ- CP ngày 4/4/2014 của Chính phủ.") == ["24/2014/NĐ-CP"]
    assert keys("Thực hiện Quyết định số 731/QĐ- UBND của UBND tỉnh.") == ["731/QĐ-UBND"]
    assert keys("Căn cứ nghị định số 15/2020/nđ-cp của chính phủ.") == ["15/2020/NĐ-CP"]
    assert keys("Thực hiện Chỉ thị số 09 /CT-UBND ngày 1/6/2022.") == ["09/CT-UBND"]
    assert keys("Theo Nghị định số 92/2017/ND-CP và Quyết định số 45/QD-TTg.") == ["92/2017/NĐ-CP", "45/QĐ-TTg"]


def test_suffixed_numbers():
    r, = refs("Triển khai Nghị quyết số 49a/NQ-CP ngày 10/8/2020 của Chính phủ.")
    assert r.key == "49a/NQ-CP"
    assert r.issuer == "Chính phủ"


def test_type_inferred_from_symbol():
    rs = refs("Các đơn vị thực hiện theo số 118/KH-UBND và văn bản 2345/SNV-TCBC.")
    assert [(r.key, r.type) for r in rs] == [("118/KH-UBND", "Kế hoạch"), ("2345/SNV-TCBC", "Công văn")]
    rs = refs("Xem thêm 21-CTr/TU và 05-CT/TW.")
    assert [(r.key, r.type) for r in rs] == [("21-CTr/TU", "Chương trình"), ("05-CT/TW", "Chỉ thị")]


def test_list_sharing_type_word():
    rs = refs("Thực hiện các Nghị định số 130/2005/NĐ-CP và 43/2006/NĐ-CP của Chính phủ.")
    assert [r.key for r in rs] == ["130/2005/NĐ-CP", "43/2006/NĐ-CP"]
    assert all(r.type == "Nghị định" for r in rs)
    assert rs[1].text == "43/2006/NĐ-CP của Chính phủ"


def test_list_of_citations_shares_trailing_issuer():
    rs = refs("Theo Thông tư số 11/2019/TT-BNV ngày 5/8/2019, Thông tư số 13/2019/TT-BNV ngày 6/11/2019 "
              "của Bộ Nội vụ, các xã tổ chức thực hiện.")
    assert [r.key for r in rs] == ["11/2019/TT-BNV", "13/2019/TT-BNV"]
    assert [r.issuer for r in rs] == ["Bộ Nội vụ", "Bộ Nội vụ"]
    assert rs[0].issued_date == "2019-08-05"


def test_no_issuer_sharing_when_not_adjacent():
    rs = refs("Áp dụng theo Nghị định số 16/2015/NĐ-CP đối với đơn vị sự nghiệp; theo Nghị định số 43/2006/NĐ-CP "
              "của Chính phủ đối với đơn vị khác.")
    assert rs[0].issuer is None and rs[1].issuer == "Chính phủ"


def test_issuer_of_letter_before_it():
    r, = refs("Xét đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 310/TTr-STC ngày 20/9/2022,")
    assert r.key == "310/TTr-STC"
    assert r.issuer == "Sở Tài chính"


def test_not_document_numbers():
    assert keys("Có 17/20 sở, ngành và 9/9 huyện đạt chuẩn; tỷ lệ 3/4 xã đạt 85%.") == []
    assert keys("Năm 2015 - UBND tỉnh đã chỉ đạo quyết liệt.") == []
    assert keys("Dịch vụ công mức độ 3, 4 đạt 50%; giai đoạn 2016-2020.") == []


# ---------------------------------------------------------------- this document

DECISION = """ỦY BAN NHÂN DÂN
TỈNH BÌNH PHƯỚC

Số: 1520/QĐ-UBND

Bình Phước, ngày 14 tháng 6 năm 2019

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2019

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
Căn cứ Nghị quyết số 76/NQ-CP ngày 13/6/2013 của Chính phủ;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền cải cách hành chính năm 2019.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2019
(Ban hành kèm theo Quyết định số 1520/QĐ-UBND ngày 14/6/2019 của UBND tỉnh)

I. MỤC ĐÍCH
1. Các sở, ngành triển khai Kế hoạch này đúng tiến độ.
"""


def test_own_number_excluded_and_this_document():
    rs = refs(DECISION, anaphor=None)
    assert "1520/QĐ-UBND" not in [r.key for r in rs if not r.anaphor]
    ana = [r for r in rs if r.anaphor]
    assert [(r.text, r.key) for r in ana] == [("Quyết định này", "1520/QĐ-UBND")] * 2 + [("Kế hoạch này", "1520/QĐ-UBND")]


def test_relations_and_clause():
    rs = refs(DECISION)
    by = {r.key: r for r in rs}
    assert by["76/NQ-CP"].relation == "can_cu"
    assert by["Luật Tổ chức chính quyền địa phương"].relation == "can_cu"
    assert by["Luật Tổ chức chính quyền địa phương"].issued_date == "2015-06-19"


@pytest.mark.parametrize("sentence,relation", [
    ("Quyết định này thay thế Quyết định số 12/2015/QĐ-UBND ngày 3/4/2015 của UBND tỉnh.", "thay_the"),
    ("Sửa đổi, bổ sung một số điều của Thông tư số 05/2017/TT-BNV.", "sua_doi"),
    ("Bãi bỏ Chỉ thị số 04/CT-UBND ngày 9/2/2016.", "bai_bo"),
    ("Bộ Nội vụ ban hành văn bản hướng dẫn Nghị định số 108/2014/NĐ-CP.", "huong_dan"),
    ("Các huyện triển khai thực hiện Kế hoạch số 66/KH-UBND ngày 1/4/2020.", "trien_khai"),
    ("Nội dung này đã nêu tại Công văn số 880/UBND-TH ngày 4/5/2020.", "mention"),
])
def test_relation_cues(sentence, relation):
    rs = refs(sentence)
    assert rs[-1].relation == relation


def test_clause_path():
    text = "CHỈ THỊ\nVề việc tăng cường kỷ luật\n\nI. NHIỆM VỤ\n1. Sở Nội vụ thực hiện Nghị định số 90/2020/NĐ-CP.\n"
    r, = refs(text)
    assert r.clause == "I.1"


# ---------------------------------------------------------------- anaphora

def test_previous_anaphora():
    rs = refs("Thực hiện Nghị quyết số 17/NQ-CP ngày 7/3/2019 của Chính phủ, Thông tư số 02/2021/TT-BNV; "
              "để đẩy mạnh thực hiện Nghị quyết nói trên, các sở phải báo cáo.", anaphor=True)
    assert [(r.text, r.key) for r in rs] == [("Nghị quyết nói trên", "17/NQ-CP")]


def test_this_without_number_is_self():
    rs = refs("CHỈ THỊ\nVề việc phòng chống dịch\n\nCác đơn vị nghiêm túc thực hiện Chỉ thị này./.\n", anaphor=True)
    assert [(r.text, r.key) for r in rs] == [("Chỉ thị này", "self")]


def test_tren_as_preposition_is_not_anaphor():
    rs = refs("Căn cứ Kế hoạch số 10/KH-UBND, triển khai Kế hoạch trên địa bàn huyện.", anaphor=True)
    assert rs == []


def test_bare_type_after_thi_hanh():
    rs = refs("Triển khai Luật Đất đai năm 2013 và các văn bản hướng dẫn thi hành Luật; rà soát quy hoạch.",
              anaphor=None)
    assert [(r.key, r.anaphor) for r in rs] == [("Luật Đất đai năm 2013", False), ("Luật Đất đai năm 2013", True)]


def test_generic_kinds_are_not_anaphora():
    assert refs("Theo dõi việc thực hiện Chương trình, Kế hoạch của tỉnh.", anaphor=None) == []


# ---------------------------------------------------------------- named documents

@pytest.mark.parametrize("sentence,key,typ,date", [
    ("Căn cứ Luật Cán bộ, công chức ngày 13/11/2008;", "Luật Cán bộ, công chức", "Luật", "2008-11-13"),
    ("Tổ chức thực hiện Luật Thi hành án dân sự, các sở phối hợp.", "Luật Thi hành án dân sự", "Luật", None),
    ("Phù hợp với Hiến pháp năm 2013 và pháp luật.", "Hiến pháp năm 2013", "Hiến pháp", "2013"),
    ("Thực hiện Bộ luật Lao động năm 2019, doanh nghiệp rà soát.", "Bộ luật Lao động năm 2019", "Bộ luật", "2019"),
    ("Tiếp tục thực hiện Nghị quyết Trung ương 4 (Khóa XII) về xây dựng Đảng.", "Nghị quyết Trung ương 4 (Khóa XII)",
     "Nghị quyết", None),
    ("Áp dụng tiêu chuẩn TCVN ISO 9001:2015 tại các sở.", "TCVN ISO 9001:2015", "Tiêu chuẩn", None),
])
def test_named_documents(sentence, key, typ, date):
    r, = refs(sentence)
    assert (r.key, r.type, r.issued_date) == (key, typ, date)


def test_law_name_with_and():
    r, = refs("Căn cứ Luật Tổ chức Quốc hội và Ủy ban Thường vụ Quốc hội ngày 1/7/2020;")
    assert r.key == "Luật Tổ chức Quốc hội và Ủy ban Thường vụ Quốc hội"


def test_law_abbreviation_in_brackets_and_year():
    r, = refs("Thực hiện Luật Ban hành văn bản quy phạm pháp luật (VBQPPL) năm 2015; rà soát.")
    assert r.key == "Luật Ban hành văn bản quy phạm pháp luật năm 2015"
    assert r.text == "Luật Ban hành văn bản quy phạm pháp luật (VBQPPL) năm 2015"


def test_not_laws():
    assert refs("Luật sư tư vấn cho người dân; tuyên truyền pháp luật.") == []


def test_programme_with_period():
    rs = refs("Sở Lao động chủ trì thực hiện Chương trình giảm nghèo bền vững giai đoạn 2021-2025, "
              "Kế hoạch phát triển nhà ở giai đoạn 2021 – 2025 của tỉnh.")
    assert [r.key for r in rs] == ["Chương trình giảm nghèo bền vững giai đoạn 2021-2025",
                                   "Kế hoạch phát triển nhà ở giai đoạn 2021-2025"]


def test_programme_abbreviation_expanded_in_key():
    r, = refs("Tiếp tục thực hiện Chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030.")
    assert r.key == "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030"


def test_short_mention_resolves_to_named_programme():
    text = ("Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2016-2020.\n"
            "Tuy nhiên, kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới còn thấp.")
    rs = refs(text)
    assert len(rs) == 2
    assert rs[1].key == rs[0].key
    assert rs[1].text == "Chương trình mục tiêu quốc gia xây dựng nông thôn mới"


def test_description_of_cited_document_not_counted():
    rs = refs("Căn cứ Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ phê duyệt "
              "Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2016-2020;")
    assert [r.key for r in rs] == ["1600/QĐ-TTg"]


def test_plan_being_made_not_counted():
    assert refs("Các huyện xây dựng Kế hoạch phòng chống thiên tai giai đoạn 2021-2025.") == []


def test_generic_mentions_not_counted():
    assert refs("Rà soát các văn bản quy phạm pháp luật; xây dựng Kế hoạch CCHC hằng năm.") == []


def test_nbsp_and_recipients_block():
    text = ("Thực hiện Chỉ thị số 05/CT-TTg của Thủ tướng Chính phủ.\n\nNơi nhận:\n- Như trên;\n"
            "- Lưu: VT, theo Công văn 12/UBND-VX.\n")
    assert keys(text) == ["05/CT-TTg"]
    assert keys("Triển khai Chương\u00a0trình tổng thể cải cách hành chính giai đoạn 2021-2030.") == [
        "Chương trình tổng thể cải cách hành chính giai đoạn 2021-2030"]


# ---------------------------------------------------------------- generalisation classes (held-out failures)

def test_named_de_an_with_period_horizon_and_short_name():
    text = ("Sở Tư pháp tổ chức triển khai Đề án nâng cao năng lực hòa giải ở cơ sở trên địa bàn tỉnh "
            "giai đoạn 2023 - 2027, tầm nhìn đến năm 2035 (Đề án 12) theo Quyết định số 45/QĐ-UBND ngày "
            "03/3/2023 của UBND tỉnh. Các huyện hoàn thành các chỉ tiêu của Đề án 12 trong năm 2024; "
            "Tổ công tác triển khai Đề án 12 báo cáo hằng quý.")
    rs = refs(text)
    full = "Đề án nâng cao năng lực hòa giải ở cơ sở trên địa bàn tỉnh giai đoạn 2023-2027, tầm nhìn đến năm 2035"
    got = [(r.text, r.key) for r in rs if r.type == "Đề án"]
    assert [k for _, k in got] == [full, full], got  # the body "Tổ công tác triển khai Đề án 12" is no citation
    assert got[0][0].endswith("(Đề án 12)")


def test_generic_de_an_is_not_a_reference():
    assert keys("Các sở chủ động xây dựng Đề án vị trí việc làm và gửi Sở Nội vụ thẩm định.") == []


def test_amending_law_is_one_reference():
    text = ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức "
            "ngày 25 tháng 11 năm 2019;")
    rs = refs(text)
    assert len(rs) == 1, [r.text for r in rs]
    assert rs[0].key == "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức"
    assert rs[0].issued_date == "2019-11-25"


@pytest.mark.parametrize("tw", ["Chỉ thị", "Kế hoạch", "Quyết định"])
def test_anaphor_previous_resolves_to_this_document_when_nothing_else_is_cited(tw):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 07/XX-UBND\n\nAn Giang, ngày 02 tháng 3 năm 2024\n\n{tw.upper()}\n"
            f"Về tăng cường kỷ luật hành chính\n\nCác sở nghiêm túc thực hiện; Sở Nội vụ báo cáo kết quả thực hiện "
            f"{tw} nói trên trước ngày 30/11/2024.")
    ana = refs(text, anaphor=True)
    assert [(a.text, a.key) for a in ana] == [(f"{tw} nói trên", "07/XX-UBND")]


def test_tag_line_of_a_news_page_is_not_body_text():
    text = ("Triển khai Chương trình 135 tại các xã vùng cao.\n\nTừ khóa: Chương trình 135, giảm nghèo\n")
    assert [r.text for r in refs(text)] == ["Chương trình 135"]


def test_type_word_this_is_not_names_the_document_just_cited_in_its_sentence():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n\nSố: 12/2022/QĐ-UBND\n\nHà Tĩnh, ngày 05 tháng 5 năm 2022\n\nQUYẾT ĐỊNH\n"
            "Ban hành Quy định về quản lý chất thải rắn\n\n"
            "Điều 1. Sở Xây dựng hướng dẫn thực hiện Luật Xây dựng năm 2014 và các văn bản quy định chi tiết "
            "Luật này.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    ana = refs(text, anaphor=True)
    assert [(a.text, a.key) for a in ana] == [("Luật này", "Luật Xây dựng năm 2014"),
                                             ("Quyết định này", "12/2022/QĐ-UBND")]


def test_bare_type_word_before_a_copula_is_this_plan():
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN CƯ JÚT\n\nSố: 88/KH-UBND\n\nCư Jút, ngày 10 tháng 2 năm 2024\n\nKẾ HOẠCH\n"
            "Phòng, chống dịch bệnh trên cây trồng năm 2024\n\n"
            "Kinh phí thực hiện Kế hoạch là 1,2 tỷ đồng từ ngân sách huyện.")
    ana = refs(text, anaphor=True)
    assert [(a.text, a.key) for a in ana] == [("Kế hoạch", "88/KH-UBND")]


_NO_TITLE_PLAN = ("ỦY BAN NHÂN DÂN\nPHƯỜNG AN BÌNH\n\nSố: 21/KH-UBND\nAn Bình, ngày 12 tháng 3 năm 2024\n\nKẾ HOẠCH\n\n"
                  "Thực hiện Kế hoạch số 95/KH-UBND ngày 02/02/2024 của Ủy ban nhân dân thành phố, Ủy ban nhân dân "
                  "phường xây dựng Kế hoạch thực hiện như sau:\n")


@pytest.mark.parametrize("body, text", [
    ("1. Công chức Văn hóa - Xã hội tham mưu tổ chức thực hiện Kế hoạch; báo cáo kết quả.", "Kế hoạch"),
    ("2. Các tổ dân phố phổ biến Kế hoạch đến từng hộ gia đình.", "Kế hoạch"),
    ("3. Văn phòng đăng tải Kế hoạch và các tài liệu trên trang thông tin điện tử.", "Kế hoạch"),
])
def test_a_plan_without_a_title_line_is_still_this_plan(body, text):
    ana = refs(_NO_TITLE_PLAN + body, anaphor=True)
    assert [(a.text, a.key) for a in ana] == [("Kế hoạch thực hiện như sau", "21/KH-UBND"), (text, "21/KH-UBND")]


def test_a_named_plan_after_a_cue_is_not_a_bare_anaphor():
    ana = refs(_NO_TITLE_PLAN + "1. Các tổ dân phố phổ biến Kế hoạch phòng chống thiên tai của thành phố.", anaphor=True)
    assert [a.text for a in ana] == ["Kế hoạch thực hiện như sau"]


@pytest.mark.parametrize("body, text, key", [
    ("Thực hiện Nghị quyết số 193/2025/QH15 ngày 19/02/2025 của Quốc hội về thí điểm.",
     "Nghị quyết số 193/2025/QH15 ngày 19/02/2025 của Quốc hội", "193/2025/QH15"),
    ("Căn cứ Nghị quyết số 1211/2016/UBTVQH13 ngày 25/5/2016.", "Nghị quyết số 1211/2016/UBTVQH13 ngày 25/5/2016",
     "1211/2016/UBTVQH13"),
])
def test_national_assembly_symbols_carry_the_legislature(body, text, key):
    assert [(r.text, r.key) for r in refs("KẾ HOẠCH\nThử nghiệm\n\n" + body)] == [(text, key)]


def test_a_citation_hard_wrapped_by_a_pdf_is_read_across_the_break():
    body = ("đề xuất chính sách hỗ trợ doanh nghiệp theo Nghị quyết số\n193/2025/QH15 ngày 19/02/2025 của Quốc hội.\n"
            "Các sở triển khai Kế hoạch\nnày đúng tiến độ.\n")
    rs = refs(_NO_TITLE_PLAN + body, anaphor=None)
    assert [(r.text, r.key) for r in rs if not r.anaphor] == [
        ("Kế hoạch số 95/KH-UBND ngày 02/02/2024 của Ủy ban nhân dân thành phố", "95/KH-UBND"),
        ("Nghị quyết số\n193/2025/QH15 ngày 19/02/2025 của Quốc hội", "193/2025/QH15")]  # texts as written
    assert ("Kế hoạch\nnày", "21/KH-UBND") in [(r.text, r.key) for r in rs if r.anaphor]


@pytest.mark.parametrize("body, issuer", [
    ("Thực hiện Thông tư số 05/2017/TT-BTNMT ngày 25/4/2017 của Bộ Tài nguyên và Môi trường quy định về quy trình.",
     "Bộ Tài nguyên và Môi trường"),
    ("Căn cứ Thông tư số 10/2020/TT-BTC ngày 20/02/2020 của Bộ Tài chính hướng dẫn quyết toán.", "Bộ Tài chính"),
    ("Căn cứ Thông tư số 01/2021/TT-BGDĐT ngày 05/02/2021 của Bộ Giáo dục và Đào tạo.", "Bộ Giáo dục và Đào tạo"),
])
def test_an_issuer_name_ends_before_the_verb_of_the_subject(body, issuer):
    assert [r.issuer for r in refs("KẾ HOẠCH\nThử nghiệm\n\n" + body)] == [issuer]


_AMENDING = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 07/2024/QĐ-UBND\nAn Giang, ngày 02 tháng 4 năm 2024\n\n"
             "QUYẾT ĐỊNH\nSửa đổi một số điều của Quy chế phối hợp quản lý cụm công nghiệp ban hành kèm theo "
             "Quyết định số 45/2021/QĐ-UBND ngày 10 tháng 9 năm 2021 của Ủy ban nhân dân tỉnh\n\n"
             "QUYẾT ĐỊNH:\n\nĐiều 1. Sửa đổi Điều 5 như sau:\n"
             "\"Điều 5. Sở Công Thương hướng dẫn thực hiện Quy chế này.\"\n"
             "2. Bãi bỏ Điều 9 của Quy chế.\n\nĐiều 2. Quyết định này có hiệu lực từ ngày 15 tháng 4 năm 2024.\n")


def test_an_amending_decision_quotes_the_regulation_it_amends():
    ana = [(a.text, a.key) for a in refs(_AMENDING, anaphor=True)]
    assert ana == [("Quy chế này", "45/2021/QĐ-UBND"), ("Quy chế", "45/2021/QĐ-UBND"), ("Quyết định này", "07/2024/QĐ-UBND")]


def test_a_decision_issuing_its_own_regulation_keeps_it():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 08/2024/QĐ-UBND\n\nQUYẾT ĐỊNH\nBan hành Quy chế phối hợp quản lý "
            "cụm công nghiệp\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp quản lý cụm công nghiệp.\n"
            "Điều 2. Sở Công Thương hướng dẫn thực hiện Quy chế này.\n")
    assert [(a.text, a.key) for a in refs(text, anaphor=True)] == [("Quyết định này", "08/2024/QĐ-UBND"),
                                                                   ("Quy chế này", "08/2024/QĐ-UBND")]


def test_a_document_typed_in_capitals_is_read_not_crashed():
    text = ("KẾ HOẠCH\nTHỬ NGHIỆM\n\nTHỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA XÂY DỰNG NÔNG THÔN MỚI VÀ KẾ HOẠCH "
            "SỐ 95/KH-UBND NGÀY 02/02/2024 CỦA UBND TỈNH, CÁC SỞ TRIỂN KHAI.")
    rs = refs(text, anaphor=None)
    assert ("KẾ HOẠCH SỐ 95/KH-UBND NGÀY 02/02/2024", "95/KH-UBND") in [(r.text, r.key) for r in rs]
    assert any(r.type == "Chương trình" for r in rs)


def test_a_line_break_before_a_list_item_is_no_soft_break():
    from vanban.text import soft_breaks_as_spaces
    for t in ("có trách nhiệm\na) Chủ trì", "Điều 1\n2. Các sở", "năm 2025.\nCác sở", "như sau:\n- rà soát"):
        assert soft_breaks_as_spaces(t) == t
    assert soft_breaks_as_spaces("thực\nhiện") == "thực hiện"


# --------------------------------------------------------------------------- why: rule and confidence

def _why_refs(text: str):
    from vanban.pipeline.extract import analyse
    return analyse(text).facts["references"]


def test_every_reference_has_a_rule_and_a_confidence():
    refs = _why_refs("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n"
                     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
                     "Thực hiện Công văn 5277/UBND-KSTT; các văn bản 12/SNV-CCHC.\n")
    assert refs
    for r in refs:
        assert r.rule and 0 <= r.confidence <= 1


def test_full_citation_scores_higher_than_symbol_only():
    refs = {r.rule: r for r in _why_refs(
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n"
        "Theo đề nghị tại 125/SNV-CCHC, các đơn vị thực hiện.\n")}
    full, bare = refs["numbered:type+number"], refs["numbered:symbol-only"]
    assert full.confidence >= 0.98 and bare.confidence == 0.85
    assert full.confidence > bare.confidence


def test_named_rules_and_their_order():
    refs = {r.rule: r for r in _why_refs(
        "Căn cứ Hiến pháp năm 2013;\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Thực hiện Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030.\n")}
    assert {"named:pattern:hien-phap", "named:law", "named:programme:period"} <= set(refs)
    assert refs["named:law"].confidence > refs["named:programme:period"].confidence


def test_anaphor_rules():
    refs = _why_refs("QUYẾT ĐỊNH\nVề việc tăng cường kỷ luật\n\n"
                     "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n\n"
                     "Điều 1. Các sở thực hiện Nghị định nói trên.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n")
    rules = {r.text: (r.rule, r.confidence) for r in refs if r.anaphor}
    assert rules["Nghị định nói trên"][0] == "anaphor:previous-of-type"
    assert rules["Quyết định này"][0] == "anaphor:this-document"
    numbered = next(r for r in refs if not r.anaphor)
    assert numbered.confidence > rules["Quyết định này"][1] > rules["Nghị định nói trên"][1]


# ---------------------------------------------------------------- heldout3 classes

def test_law_with_comma_and_number_is_keyed_by_number():
    out = refs("Thực hiện Luật Khám bệnh, chữa bệnh số 15/2023/QH15 và các văn bản hướng dẫn.")
    assert [(r.key, r.issuer, r.rule) for r in out] == [("15/2023/QH15", "Quốc hội", "named:law:number")]


def test_law_name_stops_at_comma_before_a_verb():
    assert keys("Vận động nhân dân chấp hành Luật Đất đai, ký cam kết không lấn chiếm đất công.") == ["Luật Đất đai"]
    assert keys("Thực hiện Luật Bảo hiểm y tế, Bộ Y tế đề nghị các tỉnh triển khai.") == ["Luật Bảo hiểm y tế"]
    assert keys("Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;") == ["Luật Thi đua, Khen thưởng"]


def test_plan_made_by_a_task_item_is_not_cited():
    assert keys("1. Nhiệm vụ\na) Ban hành Kế hoạch chuyển đổi số tỉnh giai đoạn 2022 - 2025, hoàn thành trong quý III/2022;") == []


@pytest.mark.parametrize("written, key", [
    ("Luật BHXH năm 2014", "Luật Bảo hiểm xã hội năm 2014"),
    ("Luật BHYT", "Luật Bảo hiểm y tế"),
    ("Luật NSNN năm 2015", "Luật Ngân sách nhà nước năm 2015"),
])
def test_abbreviated_law_names_are_expanded(written, key):
    from vanban.extractors.references import canonical_key
    assert canonical_key(written) == key


def test_plan_introducing_itself_as_follows():
    text = ("SỞ TƯ PHÁP\nSố: 15/KH-STP\n\nKẾ HOẠCH\nPhổ biến, giáo dục pháp luật năm 2025\n\n"
            "Thực hiện Kế hoạch số 210/KH-UBND ngày 30/12/2024 của UBND tỉnh, Sở Tư pháp ban hành "
            "Kế hoạch thực hiện như sau:\nI. MỤC ĐÍCH\n")
    rs = refs(text, anaphor=True)
    assert [(r.text, r.key) for r in rs] == [("Kế hoạch thực hiện như sau", "15/KH-STP")]
    # another type of document "như sau" is not this one
    rs = refs("KẾ HOẠCH\nThử nghiệm\n\nQuyết định số 12/QĐ-UBND quy định như sau: các xã báo cáo.\n", anaphor=True)
    assert rs == []
