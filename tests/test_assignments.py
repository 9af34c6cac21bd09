"""Assignments: who must do what, per clause and role — on documents written for the tests."""
from __future__ import annotations

import pytest

from vanban.extractors import assignments
from vanban.pipeline.document import Document
from vanban.pipeline.segment import segment
from vanban.schema import Deadline


def run(body: str, deadlines: list[tuple[str, str, str]] | None = None) -> list:
    text = "CHỈ THỊ\nVề việc thử nghiệm\n\n" + body
    d = Document(doc_id="t", text=text)
    d.segments = segment(text)
    d.facts["references"] = []
    d.facts["deadlines"] = []
    for t, kind, value in deadlines or []:
        i = text.index(t)
        d.facts["deadlines"].append(Deadline(text=t, kind=kind, value=value, span=(i, i + len(t))))
    out = assignments.extract(d)
    for a in out:
        assert d.text[a.span[0]:a.span[1]] == a.task
    return out


def triples(out) -> set[tuple[str, str, str]]:
    return {(a.clause, a.agency, a.role) for a in out}


def test_giao_and_phoi_hop_voi():
    out = run("1. Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thẩm định dự toán kinh phí.\n")
    assert triples(out) == {("1", "Sở Tài chính", "lead"), ("1", "Sở Nội vụ", "support")}


def test_subject_with_predicate_and_coordinating_partners():
    out = run("2. Sở Y tế có trách nhiệm hướng dẫn chuyên môn; chủ động phối hợp với "
              "các cơ quan, đơn vị có liên quan kiểm tra an toàn thực phẩm.\n")
    assert triples(out) == {("2", "Sở Y tế", "lead"), ("2", "các cơ quan, đơn vị có liên quan", "support")}


@pytest.mark.parametrize("body, agency", [
    ("3. Trung tâm Công nghệ thông tin đăng tải tài liệu trên Cổng thông tin điện tử.\n",
     "Trung tâm Công nghệ thông tin"),  # "đăng" is no "đang"
    ("4. Hội Liên hiệp Phụ nữ xã vận động các gia đình quản lý con em.\n", "Hội Liên hiệp Phụ nữ xã"),
    ("5. Phòng Lao động - Thương binh và Xã hội chi trả tiền hỗ trợ cho người lao động.\n",
     "Phòng Lao động - Thương binh và Xã hội"),
])
def test_verbs_read_as_written(body, agency):
    assert triples(run(body)) == {(body.split(".")[0], agency, "lead")}


def test_a_sentence_ending_in_a_date_ends_there():
    out = run("5. Cục Báo chí chỉ đạo các cơ quan báo chí tăng thời lượng tuyên truyền trong tháng 4/2026. "
              "Trung tâm Công nghệ thông tin đăng tải tài liệu trên Cổng Thông tin điện tử của Bộ.\n")
    assert ("5", "Trung tâm Công nghệ thông tin", "lead") in triples(out)


def test_a_numbered_heading_is_no_sentence_end():
    out = run("2.2. Sở Kế hoạch và Đầu tư:\n\na) Chủ trì, phối hợp với Sở Tài chính rà soát nguồn vốn.\n")
    assert triples(out) == {("2.2.a", "Sở Kế hoạch và Đầu tư", "lead"), ("2.2.a", "Sở Tài chính", "support")}


@pytest.mark.parametrize("body, agency", [
    ("2. Phòng Việc làm - An toàn lao động thuộc Sở làm đầu mối hướng dẫn nghiệp vụ.\n",
     "Phòng Việc làm - An toàn lao động"),
    ("2. Phòng Tổ chức cán bộ thuộc Sở chủ trì tổng hợp kết quả.\n", "Phòng Tổ chức cán bộ"),
])
def test_a_body_named_with_its_owner_still_acts(body, agency):
    assert triples(run(body)) == {("2", agency, "lead")}


def _analysed(text: str):
    from vanban.pipeline.extract import analyse
    return {(a.agency, a.role) for a in analyse(text).facts["assignments"]}


def test_another_body_issuing_a_decision_is_a_task_the_issuer_issuing_this_one_is_not():
    text = ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nTỈNH NGHỆ AN\n\nSố: 88/HD-SLĐTBXH\n\nHƯỚNG DẪN\nHỗ trợ người lao động\n\n"
            "Sở Lao động - Thương binh và Xã hội ban hành hướng dẫn như sau:\n"
            "Chủ tịch Ủy ban nhân dân cấp huyện ban hành quyết định phê duyệt trong thời hạn 03 ngày làm việc.\n")
    assert _analysed(text) == {("Chủ tịch Ủy ban nhân dân cấp huyện", "lead")}


def test_a_state_word_still_describes():
    assert run("3. Sở Y tế đang triển khai tiêm chủng cho trẻ em.\n") == []
    assert run("3. So Y te dang trien khai tiem chung cho tre em.\n") == []  # typed without diacritics


@pytest.mark.parametrize("body", [
    "1. Sở Nông nghiệp và Môi trường là cơ quan thường trực, chủ trì triển khai Đề án.\n",
    "1. Sở Nông nghiệp và Môi trường là cơ quan đầu mối theo dõi, tổng hợp kết quả thực hiện.\n",
])
def test_a_body_named_to_a_role_leads(body):
    assert ("1", "Sở Nông nghiệp và Môi trường", "lead") in triples(run(body))


def test_a_description_after_la_assigns_nothing():
    assert run("1. Sở Tư pháp là cơ quan có thẩm quyền cấp phiếu lý lịch tư pháp.\n") == []


def test_subject_that_only_coordinates():
    out = run("5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp chặt chẽ với Sở Nội vụ "
              "giám sát việc thực hiện.\n")
    assert triples(out) == {("5", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "support")}


def test_both_roles_when_parts_differ():
    out = run("3. Báo Lào Cai tích cực phối hợp, hỗ trợ tuyên truyền; mở chuyên mục về chuyển đổi số.\n")
    assert triples(out) == {("3", "Báo Lào Cai", "support"), ("3", "Báo Lào Cai", "lead")}


def test_heading_clause_hands_its_body_to_sub_clauses():
    out = run("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Thông tin và Truyền thông\n"
              "a) Chủ trì xây dựng nền tảng dữ liệu dùng chung.\n"
              "b) Phối hợp với Sở Tài chính bố trí kinh phí.\n"
              "c) Chủ trì thẩm định hoặc phối hợp thẩm định các dự án công nghệ thông tin.\n")
    t = triples(out)
    assert ("IV.1.a", "Sở Thông tin và Truyền thông", "lead") in t
    assert ("IV.1.b", "Sở Tài chính", "support") in t
    assert ("IV.1.c", "Sở Thông tin và Truyền thông", "lead") in t
    assert ("IV.1.c", "Sở Thông tin và Truyền thông", "support") in t
    assert not any(c == "IV.1" for c, _, _ in t)


def test_subject_list_with_colon_frames_its_sub_clauses():
    out = run("II. NHIỆM VỤ\n1. Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện có trách nhiệm:\n"
              "a) Xây dựng kế hoạch hằng năm.\nb) Báo cáo kết quả về Sở Nội vụ.\n")
    t = triples(out)
    for c in ("II.1.a", "II.1.b"):
        assert (c, "Thủ trưởng các sở, ban, ngành", "lead") in t
        assert (c, "Chủ tịch Ủy ban nhân dân các huyện", "lead") in t
    assert not any(c == "II.1" for c, _, _ in t)


def test_opening_addressees_go_to_clauses_without_a_subject():
    out = run("Để nâng cao hiệu quả công tác, Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, "
              "Chủ tịch UBND các huyện:\n1. Tăng cường kỷ luật hành chính.\n"
              "2. Sở Nội vụ kiểm tra đột xuất việc chấp hành giờ làm việc.\n")
    t = triples(out)
    assert ("1", "Giám đốc các sở", "lead") in t and ("1", "Chủ tịch Ủy ban nhân dân các huyện", "lead") in t
    assert ("2", "Sở Nội vụ", "lead") in t
    assert ("2", "Giám đốc các sở", "lead") not in t
    assert not any(c == "" for c, _, _ in t)
    assert not any(a == "Chủ tịch Ủy ban nhân dân tỉnh" for _, a, _ in t)


def test_recipients_of_reports_and_drafts_get_no_role():
    out = run("1. Sở Tư pháp tham mưu UBND tỉnh ban hành quy định; trình Chủ tịch UBND tỉnh phê duyệt; "
              "báo cáo Bộ Tư pháp kết quả.\n")
    assert triples(out) == {("1", "Sở Tư pháp", "lead")}


def test_sent_to_a_body_for_processing_makes_it_lead():
    out = run("3. Các cơ quan, đơn vị rà soát thủ tục, gửi Sở Tư pháp để tổng hợp, thẩm định.\n")
    assert triples(out) == {("3", "các cơ quan, đơn vị", "lead"), ("3", "Sở Tư pháp", "lead")}


def test_descriptive_sentences_assign_nothing():
    out = run("I. KẾT QUẢ\n1. Năm 2023, các sở, ngành đã hoàn thành việc rà soát và gửi Bộ Nội vụ thẩm định.\n"
              "2. Các cơ quan chuyên môn cấp huyện đều được kiện toàn.\n")
    assert out == []


def test_closing_paragraph_is_outside_the_last_clause():
    out = run("1. Sở Xây dựng kiểm tra chất lượng công trình.\n"
              "2. Sở Công Thương quản lý thị trường.\n"
              "Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thành phố chịu trách nhiệm "
              "thi hành Chỉ thị này./.\n")
    t = triples(out)
    assert ("", "Thủ trưởng các sở, ban, ngành", "lead") in t
    assert ("2", "Sở Công Thương", "lead") in t
    assert ("2", "Thủ trưởng các sở, ban, ngành", "lead") not in t


def test_deadline_in_the_same_sentence():
    out = run("4. Giao Sở Tài chính tổng hợp, báo cáo trước ngày 15/12/2024.\n",
              deadlines=[("trước ngày 15/12/2024", "by", "2024-12-15")])
    assert [a.deadline for a in out] == ["2024-12-15"]


def test_no_deadline_from_another_clause():
    out = run("1. Sở Y tế triển khai tiêm chủng trong quý III/2024.\n2. Sở Nội vụ tổ chức tập huấn.\n",
              deadlines=[("trong quý III/2024", "within", "2024-Q3")])
    by = {a.agency: a.deadline for a in out}
    assert by == {"Sở Y tế": "2024-Q3", "Sở Nội vụ": None}


def test_one_item_per_clause_agency_role():
    out = run("1. Sở Nội vụ rà soát biên chế. Sở Nội vụ tổng hợp kết quả.\n")
    assert len(out) == 1


def test_table_rows_with_merged_cells():
    body = ("III. NHIỆM VỤ CỤ THỂ\n"
            "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
            "| 1 | Xây dựng cơ sở dữ liệu đất đai | Sở Tài nguyên và Môi trường | Sở Tài chính | Quý IV/2024 |\n"
            "| 2 | Số hóa hồ sơ địa chính |  | UBND các huyện |  |\n"
            "| 3 | Đào tạo cán bộ | Sở Nội vụ |  | Năm 2025 |\n")
    out = run(body, deadlines=[("Quý IV/2024", "within", "2024-Q4"), ("Năm 2025", "by", "2025")])
    t = triples(out)
    # a numbered row (STT column) inside a numbered section is its sub-clause
    assert ("III.1", "Sở Tài nguyên và Môi trường", "lead") in t
    assert ("III.1", "Sở Tài chính", "support") in t
    assert ("III.2", "Sở Tài nguyên và Môi trường", "lead") in t  # merged cell carried down
    assert ("III.2", "Ủy ban nhân dân các huyện", "support") in t
    assert ("III.3", "Sở Nội vụ", "lead") in t
    tasks = {(a.clause, a.agency, a.role): a for a in out}
    assert tasks[("III.3", "Sở Nội vụ", "lead")].task == "Đào tạo cán bộ"
    assert tasks[("III.3", "Sở Nội vụ", "lead")].deadline == "2025"
    assert tasks[("III.2", "Ủy ban nhân dân các huyện", "support")].deadline == "2024-Q4"


def test_table_group_heading_rows_are_skipped():
    body = ("| STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp |\n"
            "| I | CẢI CÁCH THỂ CHẾ |  |  |\n"
            "| 1 | Rà soát văn bản | Sở Tư pháp | Các sở, ngành |\n")
    out = run(body)
    assert {(a.agency, a.role) for a in out} == {("Sở Tư pháp", "lead"), ("các sở, ngành", "support")}


# ---- generalisation classes (sentences written for the tests)

def test_qualifier_between_subject_and_verb():
    out = run("3. Sở Công Thương, Sở Tài chính theo chức năng, nhiệm vụ được giao kiểm tra giá mặt hàng thiết yếu.\n")
    assert triples(out) == {("3", "Sở Công Thương", "lead"), ("3", "Sở Tài chính", "lead")}


def test_subjects_joined_by_semicolons():
    out = run("Giao Sở Giáo dục và Đào tạo chủ trì rà soát trường lớp; Sở Y tế chỉ đạo các trung tâm y tế "
              "kiểm tra sức khỏe học sinh; UBND các huyện báo cáo kết quả trước ngày 30/9.\n")
    t = {(a.agency, a.role) for a in out}
    assert ("Sở Giáo dục và Đào tạo", "lead") in t
    assert ("Sở Y tế", "lead") in t
    assert ("Ủy ban nhân dân các huyện", "lead") in t


def test_directed_body_leads_too():
    out = run("4. UBND các huyện chỉ đạo Phòng Tư pháp chủ trì, phối hợp với các phòng, ban chuyên môn rà soát văn bản.\n")
    t = triples(out)
    assert ("4", "Ủy ban nhân dân các huyện", "lead") in t
    assert ("4", "Phòng Tư pháp", "lead") in t
    assert ("4", "các phòng, ban chuyên môn", "support") in t


def test_phoi_hop_thuc_hien_after_a_request_is_support():
    out = run("5. Đề nghị Báo Nghệ An, Đài Phát thanh và Truyền hình Nghệ An quan tâm phối hợp thực hiện.\n")
    assert {a.role for a in out} == {"support"}


def test_budget_allocation_is_no_assignment():
    out = run("IV. KINH PHÍ\nKinh phí thực hiện được bố trí từ nguồn ngân sách giao cho Sở Tư pháp năm 2025.\n")
    assert not out


def test_past_event_is_no_assignment():
    text = "Ngày 12/3/2022, Sở Nội vụ tổ chức hội nghị triển khai nhiệm vụ.\n"
    assert not run(text)


def test_recipient_leads_only_what_it_receives_for():
    out = run("2. Các sở, ngành gửi báo cáo về Sở Kế hoạch và Đầu tư trước ngày 15/12.\n"
              "3. Các sở, ngành gửi báo cáo về Sở Tài chính để tổng hợp, tham mưu.\n")
    t = triples(out)
    assert ("2", "Sở Kế hoạch và Đầu tư", "lead") not in t
    assert ("3", "Sở Tài chính", "lead") in t


def test_title_line_of_a_clause_is_no_task():
    out = run("Ủy ban nhân dân huyện Mỏ Cày Nam báo cáo như sau:\n1. Công tác chỉ đạo, điều hành\n"
              "Đã ban hành 12 văn bản chỉ đạo.\n2. Phòng Nội vụ chủ trì kiểm tra công vụ.\n")
    assert triples(out) == {("2", "Phòng Nội vụ", "lead")}


def test_past_coordination_is_no_assignment():
    assert not run("Năm qua, Sở đã phối hợp với Huyện đoàn tổ chức 12 lớp tập huấn.\n")


def test_directed_body_leads_under_an_inherited_subject():
    out = run("1. Chủ tịch Ủy ban nhân dân các huyện:\n- Chỉ đạo Ủy ban nhân dân cấp xã, các chủ rừng rà soát phương án.\n"
              "- Bố trí kinh phí cho lực lượng trực.\n")
    t = triples(out)
    assert ("1", "Ủy ban nhân dân cấp xã", "lead") in t and ("1", "các chủ rừng", "lead") in t
    assert ("1", "Chủ tịch Ủy ban nhân dân các huyện", "lead") in t


def test_relay_in_parenthesis_is_no_actor():
    out = run("3. Ủy ban nhân dân các xã báo cáo kết quả về UBND huyện (qua Phòng Kinh tế) trước ngày 20 hằng tháng.\n"
              "4. Các phòng gửi báo cáo về UBND huyện (qua Văn phòng HĐND và UBND huyện tổng hợp).\n")
    t = triples(out)
    assert not any(a == "Phòng Kinh tế" for _, a, _ in t)
    assert ("4", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "lead") in t


def test_field_list_after_a_holder_gives_one_lead_per_department():
    out = run("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các sở: Tư pháp, Xây dựng; Chủ tịch Ủy ban "
              "nhân dân các huyện chịu trách nhiệm thi hành Quyết định này./.\n")
    t = {(a, r) for _, a, r in triples(out)}
    assert {("Chánh Văn phòng Ủy ban nhân dân tỉnh", "lead"), ("Sở Tư pháp", "lead"), ("Sở Xây dựng", "lead")} <= t


def test_agent_of_a_decision_leads():
    out = run("2. Chi hoạt động\nMức khoán cụ thể do Thủ trưởng đơn vị quyết định trong quy chế chi tiêu nội bộ.\n")
    assert ("Thủ trưởng đơn vị", "lead") in {(a, r) for _, a, r in triples(out)}


def test_directed_body_leads_its_coordination():
    out = run("2. Chỉ đạo Sở Xây dựng phối hợp với Sở Công Thương kiểm tra vật liệu xây dựng.\n")
    t = triples(out)
    assert ("2", "Sở Xây dựng", "lead") in t and ("2", "Sở Xây dựng", "support") not in t


def test_closing_execution_list_of_holders():
    out = run("Điều 3. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, Giám đốc Trung tâm Y tế huyện, "
              "Chủ tịch UBND các xã chịu trách nhiệm thi hành Quyết định này./.\n")
    t = {(a, r) for _, a, r in triples(out)}
    assert {("Trưởng phòng Nội vụ", "lead"), ("Trung tâm Y tế huyện", "lead"),
            ("Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "lead")} <= t


def test_request_to_coordinate_across_a_pdf_line_break_is_support_only():
    out = run("5. Đề nghị Viettel Hà Nam phối hợp bảo đảm đường truyền, hỗ trợ\nkỹ thuật cho các trường.\n")
    assert {(a, r) for _, a, r in triples(out)} == {("Viettel Hà Nam", "support")}


def test_plan_author_frame_is_not_handed_to_the_sections():
    out = run("Căn cứ Quyết định số 12/QĐ-UBND, Sở Nội vụ xây dựng Kế hoạch thực hiện như sau:\n"
              "I. CHỈ TIÊU\n1. Hoàn thành 100% hồ sơ điện tử.\nII. NHIỆM VỤ\n1. Phòng Tổ chức rà soát hồ sơ.\n")
    t = triples(out)
    assert not any(a == "Sở Nội vụ" for _, a, _ in t)


def test_contact_details_after_a_channel_are_no_task():
    out = run("Trong quá trình thực hiện, đề nghị phản ánh về Sở Y tế (qua Phòng Nghiệp vụ, điện thoại: 0123) "
              "để được hướng dẫn.\n")
    assert not any(a == "Phòng Nghiệp vụ" for _, a, _ in triples(out))


def test_leading_body_hands_the_items_to_itself_and_the_led_body():
    out = run("2. Ban Thường vụ Huyện ủy lãnh đạo Ủy ban nhân dân huyện:\na) Rà soát các văn bản quy phạm pháp luật;\n"
              "b) Bố trí kinh phí cho công tác phổ biến pháp luật.\n")
    t = triples(out)
    assert ("2.a", "Ủy ban nhân dân huyện", "lead") in t and ("2.b", "Ban Thường vụ Huyện ủy", "lead") in t


# --------------------------------------------------------------------------- why: rule and confidence

def by_agency(out) -> dict[tuple[str, str], object]:
    return {(a.agency, a.role): a for a in out}


def test_rule_names_of_explicit_cues():
    out = by_agency(run("1. Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thẩm định dự toán kinh phí.\n"
                        "2. Yêu cầu Công an tỉnh tăng cường kiểm tra.\n"
                        "3. Sở Y tế có trách nhiệm hướng dẫn chuyên môn.\n"
                        "4. Sở Xây dựng tham mưu ban hành quy chế.\n"))
    assert out[("Sở Tài chính", "lead")].rule == "lead:chu-tri"
    assert out[("Sở Nội vụ", "support")].rule == "support:phoi-hop-voi"
    assert out[("Công an tỉnh", "lead")].rule == "lead:yeu-cau"
    assert out[("Sở Y tế", "lead")].rule == "lead:co-trach-nhiem"
    assert out[("Sở Xây dựng", "lead")].rule == "lead:tham-muu"


def test_rule_names_of_subjects_headings_and_openings():
    out = by_agency(run("1. Sở Nội vụ kiểm tra việc thực hiện.\n"
                        "2. Sở Tư pháp:\na) Rà soát văn bản quy phạm pháp luật.\n"
                        "3. Sở Công Thương có trách nhiệm:\na) Kiểm tra thị trường.\n"))
    assert out[("Sở Nội vụ", "lead")].rule == "lead:subject-verb"
    assert out[("Sở Tư pháp", "lead")].rule == "lead:clause-head"
    assert out[("Sở Công Thương", "lead")].rule == "lead:co-trach-nhiem"
    opening = by_agency(run("Ủy ban nhân dân tỉnh yêu cầu Sở Tài chính, Sở Y tế:\n"
                            "1. Rà soát các khoản chi.\n2. Báo cáo kết quả.\n"))
    assert opening[("Sở Tài chính", "lead")].rule == "lead:opening-addressee"
    assert opening[("Sở Y tế", "lead")].rule == "lead:opening-addressee"


def test_deadline_link_named_and_later_sentence_scores_lower():
    same = run("1. Sở Nội vụ chủ trì tổng hợp, báo cáo trước ngày 15/12/2024.\n",
               deadlines=[("trước ngày 15/12/2024", "by", "2024-12-15")])
    assert same[0].rule == "lead:chu-tri+deadline:same-sentence"
    later = run("1. Sở Nội vụ chủ trì tổng hợp kết quả. Hoàn thành trước ngày 15/12/2024.\n",
                deadlines=[("trước ngày 15/12/2024", "by", "2024-12-15")])
    assert later[0].deadline == "2024-12-15"
    assert later[0].rule == "lead:chu-tri+deadline:later-sentence"
    assert later[0].confidence < same[0].confidence


def test_table_rows_have_a_rule():
    body = ("| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp |\n"
            "|---|---|---|---|\n"
            "| 1 | Xây dựng kế hoạch | Sở Nội vụ | Sở Tài chính |\n")
    out = by_agency(run(body))
    assert out[("Sở Nội vụ", "lead")].rule == "lead:table-row"
    assert out[("Sở Tài chính", "support")].rule == "support:table-col"


def test_every_assignment_has_a_rule_and_confidence_and_chu_tri_beats_inherited_addressee():
    out = run("Ủy ban nhân dân tỉnh yêu cầu Sở Tài chính:\n1. Rà soát các khoản chi.\n"
              "2. Sở Y tế chủ trì, phối hợp với Sở Nội vụ kiểm tra an toàn thực phẩm.\n"
              "3. Sở Xây dựng kiểm tra công trình.\n")
    assert out
    for a in out:
        assert a.rule and a.rule.split("+")[0].split(":")[0] in ("lead", "support")
        assert 0.0 <= a.confidence <= 1.0
    by = by_agency(out)
    explicit, inherited = by[("Sở Y tế", "lead")], by[("Sở Tài chính", "lead")]
    assert (explicit.rule, inherited.rule) == ("lead:chu-tri", "lead:opening-addressee")
    assert explicit.confidence > by[("Sở Xây dựng", "lead")].confidence > inherited.confidence


def test_confidence_scale_of_assignment_rules():
    from vanban.extractors.agencies import confidence
    c = lambda r: confidence("assignment", r)  # noqa: E731
    assert c("lead:chu-tri") == c("lead:giao") == c("support:phoi-hop-voi") == 0.95
    assert c("lead:chu-tri") > c("lead:table-row") > c("lead:subject-verb") > c("lead:opening-addressee")
    assert c("lead:chu-tri+deadline:later-sentence") < c("lead:chu-tri+deadline:same-sentence")


def test_semicolon_list_opening_the_execution_clause():
    out = run("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Tài chính; Giám đốc Công an tỉnh; "
              "Chủ tịch Ủy ban nhân dân các huyện, thị xã Ba Đồn, Quảng Trạch; Thủ trưởng các cơ quan, đơn vị "
              "có liên quan chịu trách nhiệm thi hành Quyết định này./.\n")
    agencies = {a.agency for a in out if a.role == "lead"}
    assert {"Chánh Văn phòng Ủy ban nhân dân tỉnh", "Sở Tài chính", "Công an tỉnh",
            "Thủ trưởng các cơ quan, đơn vị có liên quan"} <= agencies, agencies


def test_semicolons_between_clauses_do_not_join_bodies():
    # the first body only receives the report: a ";" list inside a sentence is not a subject list
    out = run("4. Các xã báo cáo kết quả về Ủy ban nhân dân huyện; Phòng Nội vụ tổng hợp trình Chủ tịch.\n")
    assert ("4", "Ủy ban nhân dân huyện", "lead") not in triples(out)


def test_article_headed_by_a_bodys_duties():
    out = run("Điều 5. Trách nhiệm của Công an tỉnh\n"
              "1. Chỉ đạo Công an cấp xã xóa đăng ký thường trú đúng thời hạn.\n"
              "2. Phối hợp với Sở Tư pháp kết nối, chia sẻ dữ liệu hộ tịch.\n"
              "Điều 6. Nhiệm vụ, quyền hạn của Sở Y tế\n"
              "1. Hướng dẫn các cơ sở khám bệnh, chữa bệnh cấp giấy báo tử.\n")
    got = triples(out)
    # an item that only coordinates ("Phối hợp với ...") keeps the heading body as a partner
    assert {("Điều 5.1", "Công an tỉnh", "lead"), ("Điều 5.2", "Công an tỉnh", "support"),
            ("Điều 5.2", "Sở Tư pháp", "support"), ("Điều 6.1", "Sở Y tế", "lead")} <= got, got


def test_duties_of_a_body_inside_a_sentence_are_no_heading():
    # "trách nhiệm của Sở Tài chính" in running text owns the noun: Sở Tài chính is not the actor
    out = run("3. Việc thẩm định dự toán thuộc trách nhiệm của Sở Tài chính theo quy định.\n")
    assert all(a.agency != "Sở Tài chính" for a in out)


def test_item_head_with_colon_then_its_predicate():
    out = run("III. TỔ CHỨC THỰC HIỆN\n3) Phòng Tài nguyên và Môi trường: chủ trì, phối hợp với Trung tâm "
              "Phát triển quỹ đất huyện tổ chức đấu giá quyền sử dụng đất.\n"
              "4) Phòng Kinh tế và Hạ tầng: cung cấp danh sách công trình được cấp phép.\n")
    got = triples(out)
    assert ("III.3", "Phòng Tài nguyên và Môi trường", "lead") in got, got
    assert ("III.3", "Trung tâm Phát triển quỹ đất huyện", "support") in got, got
    assert ("III.4", "Phòng Kinh tế và Hạ tầng", "lead") in got, got


def test_office_and_committee_joined_by_va_are_two_bodies():
    out = run("2. Giao Phòng Tài chính - Kế hoạch và Ủy ban nhân dân các xã rà soát nguồn thu.\n"
              "3. Giao Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện tổng hợp.\n")
    got = triples(out)
    assert {("2", "Phòng Tài chính - Kế hoạch", "lead"), ("2", "Ủy ban nhân dân các xã", "lead"),
            ("3", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "lead")} <= got, got


def test_numbered_assignee_that_requires_others_leads_too():
    out = run("4. Phòng Kinh tế và Hạ tầng yêu cầu các nhà thầu thi công gia cố công trình, hạ cần cẩu tháp.\n")
    got = triples(out)
    assert {("4", "Phòng Kinh tế và Hạ tầng", "lead"), ("4", "các nhà thầu thi công", "lead")} <= got, got


def test_issuer_requiring_in_running_text_is_no_assignee():
    out = run("Ủy ban nhân dân huyện yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc thực hiện.\n")
    assert ("", "Ủy ban nhân dân huyện", "lead") not in triples(out)
    assert any(a.agency == "Thủ trưởng các cơ quan, đơn vị" for a in out)
