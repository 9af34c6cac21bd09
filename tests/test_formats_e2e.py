"""Whole pipeline on DOCX and HTML built at test time: the header block laid out as a borderless
table, a task table, and body paragraphs with no blank lines between them."""
import docx

from vanban.pipeline.extract import extract_file
from vanban.pipeline.ingest import layout_header_lines


def _plan_docx(path, province="Bắc Giang", number="123/KH-UBND"):
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = f"Số: {number}"
    t.cell(1, 1).text = f"{province}, ngày 05 tháng 3 năm 2021"
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Triển khai công tác chuyển đổi số năm 2021")
    d.add_paragraph("Căn cứ Nghị quyết số 52/NQ-CP ngày 10/6/2020 của Chính phủ;")
    d.add_paragraph("1. Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Nội vụ xây dựng cổng dịch vụ công, "
                    "hoàn thành trước ngày 30/6/2021.")
    tb = d.add_table(rows=3, cols=4)
    for row, cells in enumerate([["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành"],
                                 ["1", "Số hóa hồ sơ", "Sở Tư pháp", "Quý III/2021"],
                                 ["2", "Kết nối dữ liệu", "Sở Y tế", "Tháng 12/2021"]]):
        for i, c in enumerate(cells):
            tb.cell(row, i).text = c
    d.save(path)


def test_docx_header_table_and_task_table(tmp_path):
    p = tmp_path / "kh.docx"
    _plan_docx(p)
    r = extract_file(p)
    h = r["header"]
    assert (h["number"], h["type"], h["issuer"], h["issued_date"]) == (
        "123/KH-UBND", "Kế hoạch", "Ủy ban nhân dân tỉnh Bắc Giang", "2021-03-05")
    assert [x["key"] for x in r["references"]] == ["52/NQ-CP"]  # its own number is not a citation
    got = {(a["agency"], a["role"], a["deadline"]) for a in r["assignments"]}
    assert {("Sở Thông tin và Truyền thông", "lead", "2021-06-30"), ("Sở Nội vụ", "support", "2021-06-30"),
            ("Sở Tư pháp", "lead", "2021-Q3"), ("Sở Y tế", "lead", "2021-12")} <= got
    for a in r["assignments"]:
        s, e = a["span"]
        assert r["text"][s:e] == a["task"]


def test_html_header_table(tmp_path):
    html = """<html><head><meta charset="utf-8"><title>x</title></head><body>
    <nav><a href="/">Trang chủ</a> <a href="/tk">Tìm kiếm</a></nav>
    <table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH LẠNG SƠN</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</td></tr>
    <tr><td>Số: 45/CT-UBND</td><td>Lạng Sơn, ngày 12 tháng 8 năm 2022</td></tr></table>
    <p>CHỈ THỊ</p><p>Về việc tăng cường phòng cháy, chữa cháy rừng</p>
    <p>1. Sở Nông nghiệp và Phát triển nông thôn chủ trì kiểm tra các khu rừng trước ngày 30/9/2022.</p>
    <footer>Bản quyền thuộc Cổng thông tin</footer></body></html>"""
    p = tmp_path / "ct.html"
    p.write_text(html, encoding="utf-8")
    r = extract_file(p)
    assert r["header"]["number"] == "45/CT-UBND" and r["header"]["issued_date"] == "2022-08-12"
    assert "Trang chủ" not in r["text"] and "Bản quyền" not in r["text"]
    assert any(a["agency"] == "Sở Nông nghiệp và Phát triển nông thôn" and a["deadline"] == "2022-09-30"
               for a in r["assignments"])


def test_layout_detection_leaves_data_tables_alone():
    data = [[["STT"], ["Nội dung"], ["Cơ quan chủ trì"]], [["1"], ["Rà soát"], ["Sở Tư pháp"]]]
    assert layout_header_lines(data) is None
    header = [[["ỦY BAN NHÂN DÂN", "HUYỆN A"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]],
              [["Số: 7/UBND-VP"], ["A, ngày 1 tháng 2 năm 2023"]]]
    assert layout_header_lines(header) == ["ỦY BAN NHÂN DÂN", "HUYỆN A", "Số: 7/UBND-VP",
                                           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                           "A, ngày 1 tháng 2 năm 2023"]
