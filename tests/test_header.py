"""header extractor: hand-written headers in the layouts text exports produce."""
from __future__ import annotations

from vanban.pipeline.extract import analyse


def header(text: str):
    doc = analyse(text)
    h = doc.header
    for field, (s, e) in h.spans.items():
        assert 0 <= s < e <= len(text), field
    return h


def test_decision_two_column_header():
    text = """Đang tải nội dung, vui lòng chờ giây lát...

ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 1125/QĐ-UBND

Quảng Trị, ngày 07 tháng 5 năm 2021

QUYẾT ĐỊNH

VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2021

ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
"""
    h = header(text)
    assert h.number == "1125/QĐ-UBND"
    assert h.type == "Quyết định"
    assert h.issuer == "Ủy ban nhân dân tỉnh Quảng Trị"
    assert h.issued_date == "2021-05-07"
    assert h.title == "VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2021"
    s, e = h.spans["number"]
    assert text[s:e] == "1125/QĐ-UBND"


def test_number_with_space_and_no_issuer_block():
    text = """

Số: 14 /CT-UBND

Cần Thơ, ngày 3 tháng 9 năm 2019

CHỈ THỊ

Về việc tăng cường công tác phòng, chống thiên tai

Ủy ban nhân dân thành phố yêu cầu các sở, ngành thực hiện tốt các nội dung sau:
"""
    h = header(text)
    assert h.number == "14/CT-UBND"
    assert h.type == "Chỉ thị"
    assert h.issued_date == "2019-09-03"
    assert h.title == "Về việc tăng cường công tác phòng, chống thiên tai"
    assert h.issuer == "Ủy ban nhân dân thành phố Cần Thơ"


def test_letter_with_vv_and_markdown():
    text = """**SỞ NỘI VỤ
TỈNH AN GIANG**

Số: 318/SNV-CCHC

V/v báo cáo kết quả cải cách hành chính
quý I năm 2022

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc**

An Giang, ngày 15 tháng 3 năm 2022

Kính gửi: Các phòng, ban thuộc Sở.
"""
    h = header(text)
    assert h.number == "318/SNV-CCHC"
    assert h.type == "Công văn"
    assert h.issued_date == "2022-03-15"
    assert h.title == "V/v báo cáo kết quả cải cách hành chính quý I năm 2022"
    assert h.issuer.startswith("Sở Nội vụ")


def test_body_block_below_parent():
    text = """UBND TỈNH LÂM ĐỒNG
SỞ TƯ PHÁP

Số: 45/KH-STP

Lâm Đồng, ngày 10 tháng 01 năm 2023

KẾ HOẠCH
Phổ biến, giáo dục pháp luật năm 2023

I. MỤC ĐÍCH
"""
    h = header(text)
    assert h.issuer == "Sở Tư pháp"
    assert h.type == "Kế hoạch"
    assert h.number == "45/KH-STP"
    assert h.title == "Phổ biến, giáo dục pháp luật năm 2023"


def test_wrapped_title_over_blank_line_and_no_number():
    text = """ CHỈ THỊ
Về việc nâng cao hiệu quả quản lý đầu tư công

trên địa bàn tỉnh năm 2018

Thời gian qua, công tác quản lý đầu tư công trên địa bàn tỉnh Nghệ An đã có chuyển biến.
Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành:
"""
    h = header(text)
    assert h.number is None
    assert h.type == "Chỉ thị"
    assert h.issued_date is None
    assert h.title == "Về việc nâng cao hiệu quả quản lý đầu tư công trên địa bàn tỉnh năm 2018"
    assert h.issuer == "Ủy ban nhân dân tỉnh Nghệ An"
    doc = analyse(text)
    assert text[doc.segments.header[1]:].lstrip().startswith("Thời gian qua")


def test_news_page():
    text = """Tìm kiếm
Đà Nẵng: Đẩy mạnh chuyển đổi số trong cơ quan nhà nước
Ngày cập nhật 12/04/2021

Sáng nay, UBND thành phố tổ chức hội nghị ...
"""
    h = header(text)
    assert h.type == "Tin bài"
    assert h.number is None
    assert h.issued_date == "2021-04-12"
    assert h.title == "Đà Nẵng: Đẩy mạnh chuyển đổi số trong cơ quan nhà nước"
    assert h.issuer is None


def test_ascii_symbol_number_restored():
    text = "UBND HUYỆN ĐÔNG ANH\n\nSố: 77/QD-UBND\n\nĐông Anh, ngày 1 tháng 2 năm 2020\n\nQUYẾT ĐỊNH\nVề việc thành lập tổ công tác\n"
    h = header(text)
    assert h.number == "77/QĐ-UBND"
    assert h.issuer == "Ủy ban nhân dân huyện Đông Anh"


# ---------------------------------------------------------------- heldout3 classes

def test_pdf_header_columns_side_by_side():
    text = """ỦY BAN NHÂN DÂN TỈNH AN PHÚ           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ Y TẾ                                Độc lập - Tự do - Hạnh phúc
Số: 123/KH-SYT                         An Phú, ngày 5 tháng 3 năm 2024
KẾ HOẠCH
Phòng, chống dịch năm 2024
Thực hiện Thông tư số 05/2017/TT-BYT
ngày 25/4/2017 của Bộ Y tế, Sở Y tế xây dựng Kế hoạch này như sau:
1. Tổ chức giám sát dịch bệnh.
"""
    h = header(text)
    assert (h.number, h.issued_date, h.type) == ("123/KH-SYT", "2024-03-05", "Kế hoạch")
    assert h.issuer == "Sở Y tế"


def test_cited_date_line_is_not_the_dateline():
    text = """SỞ Y TẾ
Số: 123/KH-SYT
KẾ HOẠCH
Phòng, chống dịch
Thực hiện Thông tư số 05/2017/TT-BYT
ngày 25/4/2017 của Bộ Y tế, Sở Y tế xây dựng Kế hoạch như sau:
"""
    assert header(text).issued_date is None


def test_web_date_with_weekday():
    text = """Trang chủ > Tin tức
Thứ Năm, 12/01/2023 - 15:42 | Lượt xem: 1.284
Tỉnh tổng kết công tác an toàn giao thông năm 2022
Sáng 12/01, Ban An toàn giao thông tỉnh tổ chức hội nghị.
"""
    h = header(text)
    assert (h.number, h.issued_date) == (None, "2023-01-12")


def test_header_layout_table_kept_as_pipe_rows():
    # a DOCX converted to text elsewhere (pandoc, a web copy) keeps the layout table's cells
    text = ("| ỦY BAN NHÂN DÂN TỈNH HÀ NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
            "| | Độc lập - Tự do - Hạnh phúc |\n| Số: 31/KH-UBND | Hà Nam, ngày 07 tháng 4 năm 2025 |\n\n"
            "KẾ HOẠCH\nRà soát thủ tục hành chính năm 2025\n\nCăn cứ Nghị định số 63/2010/NĐ-CP.\n")
    h = header(text)
    assert (h.number, h.issued_date, h.type, h.issuer) == ("31/KH-UBND", "2025-04-07", "Kế hoạch",
                                                          "Ủy ban nhân dân tỉnh Hà Nam")
    assert text[h.spans["number"][0]:h.spans["number"][1]] == "31/KH-UBND"
