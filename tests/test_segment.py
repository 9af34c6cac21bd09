"""Clause tree and blocks, on small documents written the way such documents are laid out."""
from vanban.pipeline.segment import segment, sentences

PLAN = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 12/KH-UBND

KẾ HOẠCH
Triển khai công tác chuyển đổi số năm 2022

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao hiệu quả.
2. Yêu cầu
a) Bám sát nội dung.
b) Phân công cụ thể.
II. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông
a) Chủ trì hướng dẫn.
b) Tổng hợp báo cáo.
2. Sở Tài chính: bố trí kinh phí.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def paths(text):
    return [c.path for c in segment(text).clauses]


def test_plan_tree_paths():
    assert paths(PLAN) == ["I", "I.1", "I.2", "I.2.a", "I.2.b", "II", "II.1", "II.1.a", "II.1.b", "II.2"]


def test_clause_at_finds_deepest():
    seg = segment(PLAN)
    pos = PLAN.index("Tổng hợp báo cáo")
    assert seg.clause_path(pos) == "II.1.b"
    assert seg.clause_path(PLAN.index("bố trí kinh phí")) == "II.2"


def test_recipients_block_is_excluded_and_ends_clause():
    seg = segment(PLAN)
    pos = PLAN.index("Như trên")
    assert seg.is_excluded(pos)
    assert seg.clause_path(pos) == ""


def test_header_block_holds_title():
    seg = segment(PLAN)
    assert PLAN[seg.header[0]:seg.header[1]].rstrip().endswith("năm 2022")


def test_articles_then_attached_plan_restarts_tree():
    text = ("QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
            "Điều 3. Giám đốc các Sở chịu trách nhiệm thi hành.\n\n"
            "KẾ HOẠCH\nCải cách hành chính\n\nI. MỤC TIÊU\n1. Mục tiêu chung\nII. NHIỆM VỤ\n1. Cải cách thể chế\n")
    assert paths(text) == ["Điều 1", "Điều 2", "Điều 3", "I", "I.1", "II", "II.1"]


def test_letters_with_dot_and_markdown_markers():
    text = "CHỈ THỊ\nVề việc tăng cường\n\n**1.** Các sở phải thực hiện:\na. Rà soát thủ tục.\nb. Công khai kết quả.\n2. Giao Sở Nội vụ theo dõi.\n"
    assert paths(text) == ["1", "1.a", "1.b", "2"]


def test_numbers_in_sentences_are_not_clauses():
    text = "CHỈ THỊ\nVề việc\n\n1. Năm 2015 đạt 70,8%.\n2.500 hồ sơ được giải quyết.\n3. Sở Y tế báo cáo.\n"
    assert paths(text) == ["1", "3"]


def test_dotted_numbers():
    text = "KẾ HOẠCH\nVề việc\n\n1. Nhiệm vụ chung\n1.1. Rà soát văn bản\n1.2. Kiểm tra\n2. Nhiệm vụ cụ thể\n"
    assert paths(text) == ["1", "1.1", "1.2", "2"]


def test_sentences_spans_are_exact():
    text = "Sở Nội vụ chủ trì. Sở Tài chính phối hợp; báo cáo trước 30/11/2013.\n- Ý một\n- Ý hai"
    spans = sentences(text)
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)
    assert text[spans[0][0]:spans[0][1]] == "Sở Nội vụ chủ trì."
    assert len(spans) >= 3


def test_clause_may_open_with_a_figure():
    text = "KẾ HOẠCH\nVề việc\n\n1. 90% hồ sơ được giải quyết đúng hạn.\n2. Phấn đấu 100% cơ quan áp dụng ISO.\n"
    assert paths(text) == ["1", "2"]


def test_dotted_clause_with_letters_below():
    text = "THÔNG BÁO\nKết luận\n\n1. Tình hình\n2. Nhiệm vụ\n2.1. Sở Xây dựng thẩm định.\n2.2. Sở Tài chính:\na) Bố trí vốn.\nb) Báo cáo.\n2.3. Kho bạc thanh toán.\n"
    assert paths(text) == ["1", "2", "2.1", "2.2", "2.2.a", "2.2.b", "2.3"]


def test_roman_dotted_headings():
    text = "BÁO CÁO\nKết quả\n\nI. KẾT QUẢ\nI.1 Công tác chỉ đạo\nI.2 Công tác tuyên truyền\nII. NHIỆM VỤ\n"
    assert paths(text) == ["I", "I.1", "I.2", "II"]


def test_dotted_under_roman():
    text = "KẾ HOẠCH\nVề việc\n\nIII. NHIỆM VỤ\n1. Chung\n1.1. Rà soát\n1.2. Kiểm tra\n"
    assert paths(text) == ["III", "III.1", "III.1.1", "III.1.2"]


def test_lost_numbering_bullets_become_clauses():
    text = ("CHỈ THỊ\nVề việc\n\nChủ tịch UBND tỉnh chỉ thị:\n\n- Các sở rà soát quy trình.\n\n"
            "- Tiến hành chuẩn hóa.\n\n3. Người đứng đầu chịu trách nhiệm.\n\n4. Các sở báo cáo.\n")
    assert paths(text) == ["1", "2", "3", "4"]


def test_bullets_are_not_clauses_when_counts_disagree():
    text = "CHỈ THỊ\nVề việc\n\nYêu cầu:\n- Một.\n- Hai.\n- Ba.\n\n2. Sở Y tế báo cáo.\n"
    assert paths(text) == ["2"]


def test_articles_inside_chapters_are_cited_without_the_chapter():
    text = ("QUY CHẾ\nPhối hợp quản lý\n\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n"
            "Điều 2. Nguyên tắc\n1. Bảo đảm thống nhất.\na) Đúng thẩm quyền.\nChương II\nNỘI DUNG\n"
            "Điều 3. Phối hợp lập phương án\n1. Sở Công Thương chủ trì.\n")
    assert paths(text) == ["Chương I", "Điều 1", "Điều 2", "Điều 2.1", "Điều 2.1.a", "Chương II", "Điều 3", "Điều 3.1"]


def test_pdf_page_furniture_is_excluded():
    text = ("KẾ HOẠCH\nChuyển đổi số\n\n1. Sở Y tế triển khai hồ sơ sức khỏe điện tử cho\n"
            "Sở Y tế tỉnh X – KH chuyển đổi số 2023                         Trang 1/3\n"
            "- 2 -\n100% trạm y tế.\n2. Sở Tài chính bố trí kinh phí.\n")
    seg = segment(text)
    assert seg.is_excluded(text.index("Trang 1/3")) and seg.is_excluded(text.index("- 2 -"))
    assert not seg.is_excluded(text.index("100% trạm"))
    assert [c.path for c in seg.clauses] == ["1", "2"]


def test_appendix_numbers_its_items_afresh():
    text = ("QUYẾT ĐỊNH\nVề việc giao chỉ tiêu\n\nĐiều 1. Giao chỉ tiêu giảm nghèo.\nĐiều 2. Tổ chức thực hiện.\n"
            "1. Phòng Lao động báo cáo.\n\nPHỤ LỤC\nCHỈ TIÊU GIAO CHO CÁC XÃ\n\n1. Xã A: giảm 45 hộ nghèo;\n2. Xã B: giảm 30 hộ nghèo.\n")
    assert paths(text) == ["Điều 1", "Điều 2", "Điều 2.1", "1", "2"]


def test_procedure_steps_are_clauses():
    text = ("HƯỚNG DẪN\nHỗ trợ vay vốn\n\nII. QUY TRÌNH THỰC HIỆN\nBước 1. Nộp hồ sơ\nNgười lao động nộp hồ sơ.\n"
            "Bước 2: Xác nhận tại cấp xã\na) Ủy ban nhân dân cấp xã xác nhận.\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1. Quy trình tại huyện:\nBước 1 - Lập danh sách.\nBước 2 - Trình phê duyệt.\n2. Sở Tài chính bố trí kinh phí.\n")
    assert paths(text) == ["II", "II.1", "II.2", "II.2.a", "III", "III.1", "III.1.1", "III.1.2", "III.2"]


def test_a_step_word_inside_a_sentence_is_no_marker():
    text = "KẾ HOẠCH\nThử\n\n1. Các xã thực hiện bước 1 của quy trình.\nTừng bước 2: ổn định sản xuất.\n"
    assert paths(text) == ["1"]
