"""Build real input files for the ingest tests at test time (nothing binary is checked in).

Vietnamese text written here is encoded into each legacy encoding by inverting
the decoders under test only where no independent encoder exists (TCVN3, VNI);
Windows-1258 and UTF-16 use Python's own codecs.
"""
from __future__ import annotations

import io
import os
import shutil
import unicodedata
from pathlib import Path

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Debian fonts-dejavu-core
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
]

HEADER_LINES = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH HÒA BÌNH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 2843/QĐ-UBND",
]
BODY_LINES = [
    "QUYẾT ĐỊNH",
    "Về việc ban hành Kế hoạch cải cách hành chính năm 2016",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính.",
    "1. Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành tổ chức thực hiện.",
    "a) Hoàn thành trước ngày 31 tháng 12 năm 2016;",
    "b) Báo cáo kết quả về Ủy ban nhân dân tỉnh để theo dõi, chỉ đạo.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Nguyễn Văn Quyết, người dân, quốc phòng, giữ gìn, khuyến khích, thường xuyên.",
]
VI_TEXT = "\n".join(HEADER_LINES + [""] + BODY_LINES) + "\n"


def font_path() -> str | None:
    for p in FONT_CANDIDATES:
        if os.path.exists(p):
            return p
    try:  # matplotlib (a test dependency) ships DejaVu Sans too
        import matplotlib

        p = os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf", "DejaVuSans.ttf")
        if os.path.exists(p):
            return p
    except ImportError:
        pass
    return None


# ---------------------------------------------------------------------------
# legacy encodings


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 the way Word wrote it: base letter (+ vowel mark) + combining tone."""
    out = bytearray()
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        tone = "".join(c for c in d if c in tones)
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def encode_tcvn3(text: str) -> bytes:
    """TCVN3 (ABC) bytes; capitals without a TCVN3 code are written lower-case (as .VnTimeH does)."""
    from vanban.pipeline.legacy_encodings import _tcvn3_map

    inv = {u: b for b, u in _tcvn3_map().items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 128:
            out.append(ord(ch))
        elif ch in inv:
            out.append(inv[ch])
        elif ch.lower() in inv:
            out.append(inv[ch.lower()])
        else:
            raise ValueError(f"no TCVN3 code for {ch!r}")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    from vanban.pipeline.legacy_encodings import _vni_pairs

    inv: dict[str, str] = {}
    for seq, uni in _vni_pairs().items():
        if seq in (seq.lower(), seq.upper()):  # canonical form: mark byte in the letter's case
            inv.setdefault(uni, seq)
    s = "".join(inv.get(c, c) for c in unicodedata.normalize("NFC", text))
    return s.encode("cp1252")


# ---------------------------------------------------------------------------
# DOCX


def make_docx(path: Path, *, with_table: bool = True, numbering: bool = True) -> Path:
    import docx

    d = docx.Document()
    for line in HEADER_LINES:
        d.add_paragraph(line)
    d.add_paragraph("QUYẾT ĐỊNH")
    d.add_paragraph("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính.")
    if numbering:
        d.add_paragraph("Sở Nội vụ chủ trì thực hiện.", style="List Number")
        d.add_paragraph("Các sở, ban, ngành phối hợp.", style="List Number")
    if with_table:
        t = d.add_table(rows=4, cols=3)
        t.style = "Table Grid"
        hdr = ["STT", "Nhiệm vụ", "Thời hạn"]
        for i, h in enumerate(hdr):
            t.cell(0, i).text = h
        t.cell(1, 0).text = "1"
        t.cell(1, 1).text = "Rà soát thủ tục\nhành chính"  # cell newline -> space
        t.cell(1, 2).text = "Quý I"
        t.cell(2, 0).text = "2"
        t.cell(2, 1).text = "Kiểm tra"
        t.cell(3, 0).text = "3"
        t.cell(3, 1).text = "Tổng kết năm"
        t.cell(3, 2).text = "Tháng 12"
        # vertical merge: "Quý I" spans rows 1-2 of column 2
        t.cell(1, 2).merge(t.cell(2, 2))
        # horizontal merge: row 3 columns 1-2
        t.cell(3, 1).merge(t.cell(3, 2))
        t.cell(3, 1).text = "Tổng kết năm"
    d.add_paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    d.save(str(path))
    return path


# ---------------------------------------------------------------------------
# PDF


def _pdf(font: str):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", font)
    pdf.set_font("DejaVu", size=11)
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def make_pdf(path: Path, font: str, *, table: bool = True, two_columns: bool = True,
             owner_password: str | None = None, user_password: str | None = None) -> Path:
    pdf = _pdf(font)
    if owner_password is not None:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    # page 1: plain text
    pdf.add_page()
    for line in HEADER_LINES + [""] + BODY_LINES:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    if table:
        pdf.add_page()
        pdf.cell(0, 7, "Phụ lục: Danh mục nhiệm vụ", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        with pdf.table(col_widths=(15, 110, 50), first_row_as_headings=False) as t:
            for row in (("STT", "Nhiệm vụ", "Thời hạn"), ("1", "Rà soát thủ tục hành chính", "Quý I"),
                        ("2", "Kiểm tra công vụ", "Tháng 6")):
                r = t.row()
                for c in row:
                    r.cell(c)
        pdf.ln(3)
        pdf.cell(0, 7, "Điều 3. Tổ chức thực hiện.", new_x="LMARGIN", new_y="NEXT")
    if two_columns:
        pdf.add_page()
        left = ["CỘT TRÁI", "Sở Tư pháp thẩm định", "dự thảo văn bản quy phạm", "pháp luật của tỉnh.",
                "Sở Tài chính bảo đảm", "kinh phí thực hiện", "kế hoạch năm 2016.", "Các huyện báo cáo",
                "định kỳ hằng quý."]
        right = ["CỘT PHẢI", "Sở Thông tin và Truyền thông", "xây dựng chính quyền điện tử", "trên địa bàn tỉnh.",
                 "Văn phòng Ủy ban tổng hợp", "tình hình thực hiện", "báo cáo Chủ tịch tỉnh.", "Thanh tra tỉnh",
                 "kiểm tra công vụ."]
        y0 = 30
        for i, (a, b) in enumerate(zip(left, right)):
            pdf.text(15, y0 + i * 7, a)
            pdf.text(115, y0 + i * 7, b)
    pdf.output(str(path))
    return path


def render_text_image(lines: list[str], font: str, size: int = 34):
    from PIL import Image, ImageDraw, ImageFont

    f = ImageFont.truetype(font, size)
    width = 1700
    height = 120 + len(lines) * int(size * 1.9)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    y = 60
    for line in lines:
        draw.text((80, y), line, font=f, fill=0)
        y += int(size * 1.9)
    return img


def make_scanned_pdf(path: Path, font: str, lines: list[str]) -> Path:
    """A PDF whose only page is an image of text (no text layer)."""
    img = render_text_image(lines, font)
    pdf = _pdf(font)
    pdf.add_page()
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    pdf.image(buf, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


# ---------------------------------------------------------------------------
# HTML

HTML_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Quyết định 2843/QĐ-UBND</title>
<style>.x{color:red}</style><script>var loading = "Đang tải";</script></head>
<body>
<header><div class="logo">Hệ thống pháp luật</div></header>
<nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li>Văn bản mới</li></ul></nav>
<div id="search-box"><input type="text"><button>Tìm kiếm</button></div>
<div class="loading">Đang tải nội dung, vui lòng chờ giây lát...</div>
<div id="content">
<table class="header-table"><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH HÒA BÌNH</td>
<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</td></tr></table>
<p>Số: 2843/QĐ-UBND</p>
<h2>QUYẾT ĐỊNH</h2>
<p><b>Điều 1.</b> Ban hành kèm theo Quyết định này   Kế hoạch
cải cách hành chính.</p>
<p>1. Sở Nội vụ chủ trì;</p><p>a) Hoàn thành trước ngày 31/12/2016;</p>
<table border="1">
<tr><th>STT</th><th>Nhiệm vụ</th><th>Thời hạn</th></tr>
<tr><td>1</td><td>Rà soát</td><td rowspan="2">Quý I</td></tr>
<tr><td>2</td><td>Kiểm tra</td></tr>
<tr><td>3</td><td colspan="2">Tổng kết năm</td></tr>
</table>
<div>Điều 2. Quyết định này có hiệu lực kể từ ngày ký.</div>
<div style="display:none">ẩn đi</div>
</div>
<footer>Bản quyền © Thư viện</footer>
<script>document.write("x")</script>
</body></html>
"""


def which(*names: str) -> str | None:
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    return None
