"""ingest.load on real files built at test time (see fixtures_build.py)."""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest

import fixtures_build as fb
from vanban.pipeline import ingest
from vanban.pipeline.ingest import SUPPORTED_SUFFIXES, IngestError, Ingested, load, load_bytes
from vanban.pipeline.normalise import normalise

IN_CI = bool(os.environ.get("CI"))
EXPECTED = normalise(fb.VI_TEXT)
# TCVN3 has no code for a toned capital: a title-case "Ủy" inside a sentence comes back "ủy"
TCVN3_EXPECTED = EXPECTED.replace("về Ủy ban", "về ủy ban")


def need(tool: str | None, what: str) -> None:
    """Skip when a system tool is missing -- except in CI, where it must be there."""
    if tool is None:
        if IN_CI:
            pytest.fail(f"{what} missing in CI")
        pytest.skip(f"{what} not installed")


@pytest.fixture(scope="module")
def font() -> str:
    f = fb.font_path()
    need(f, "DejaVu font (fonts-dejavu-core)")
    return f


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


def reason(excinfo) -> str:  # noqa: ANN001
    return excinfo.value.reason


# --- API -------------------------------------------------------------------


def test_api_shape(tmp_path):
    p = write(tmp_path, "a.txt", fb.VI_TEXT)
    r = load(p)
    assert isinstance(r, Ingested)
    assert r.format == "txt" and r.encoding == "utf-8" and r.ocr is False and r.ocr_quality is None
    assert r.text == EXPECTED
    assert r.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
    assert r.path == str(p)
    assert SUPPORTED_SUFFIXES == frozenset({".txt", ".docx", ".pdf", ".html", ".htm", ".doc"})
    r2 = load_bytes(p.read_bytes(), "a.txt")
    assert r2.text == r.text and r2.sha256 == r.sha256


def test_corpus_files_load_and_drop_junk():
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    files = sorted(corpus.glob("*.txt")) if corpus.exists() else []
    if not files:
        pytest.skip("shared corpus not present")
    for f in files:
        r = load(f)
        assert r.encoding == "utf-8" and not r.warnings
        assert "Đang tải nội dung" not in r.text
        assert not r.text.startswith(("Hệ thống pháp luật", "Tìm kiếm"))
        assert r.text == normalise(r.text)


# --- plain text: encodings -------------------------------------------------


@pytest.mark.parametrize(
    "data,encoding",
    [
        (fb.VI_TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + fb.VI_TEXT.encode("utf-8"), "utf-8"),
        (fb.VI_TEXT.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + fb.VI_TEXT.encode("utf-16-be"), "utf-16"),
        (fb.VI_TEXT.encode("utf-16-le"), "utf-16"),
        (fb.VI_TEXT.encode("utf-16-be"), "utf-16"),
        (fb.encode_cp1258(fb.VI_TEXT), "cp1258"),
        (fb.encode_vni(fb.VI_TEXT), "vni"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom", "cp1258", "vni"],
)
def test_txt_encodings(tmp_path, data, encoding):
    r = load(write(tmp_path, "doc.txt", data))
    assert r.encoding == encoding
    assert r.text == EXPECTED


def test_cp1258_is_detected_not_assumed(tmp_path):
    data = fb.encode_cp1258(fb.VI_TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\xcc" in data or b"\xec" in data  # combining tone bytes really are there
    r = load(write(tmp_path, "doc.txt", data))
    assert r.encoding == "cp1258" and "Quyết định" in r.text


def test_tcvn3_raw_bytes(tmp_path):
    r = load(write(tmp_path, "doc.txt", fb.encode_tcvn3(fb.VI_TEXT)))
    assert r.encoding == "tcvn3"
    assert r.text == TCVN3_EXPECTED  # capitals of the all-caps header lines restored


def test_tcvn3_mojibake_in_utf8_is_repaired(tmp_path):
    moj = fb.encode_tcvn3(fb.VI_TEXT).decode("latin-1")
    assert "Céng hoµ" not in EXPECTED and "hßa" in moj.lower() or "µ" in moj
    r = load(write(tmp_path, "doc.txt", moj))
    assert r.encoding == "tcvn3" and "repaired TCVN3 mojibake" in r.warnings
    assert r.text == TCVN3_EXPECTED


def test_vni_mojibake_in_utf8_is_repaired(tmp_path):
    moj = fb.encode_vni(fb.VI_TEXT).decode("cp1252")
    r = load(write(tmp_path, "doc.txt", moj))
    assert r.encoding == "vni" and "repaired VNI mojibake" in r.warnings
    assert r.text == EXPECTED


def test_double_encoded_utf8_is_repaired(tmp_path):
    text = "Ủy ban nhân dân tỉnh Hòa Bình quyết định giao nhiệm vụ cho các sở, ban, ngành thực hiện.\n"
    moj = text.encode("utf-8").decode("cp1252", errors="strict") if False else "".join(
        ingest.le._CP1252_TABLE[b] for b in text.encode("utf-8"))
    r = load(write(tmp_path, "doc.txt", moj))
    assert "repaired double-encoded UTF-8 mojibake" in r.warnings
    assert r.text == normalise(text)


def test_unreadable_mojibake_is_not_returned_silently(tmp_path):
    # Latin-1 letters in Vietnamese-looking positions that no known encoding repairs
    junk = " ".join(["Çøå ßæþ ðñö Ýýÿ ÆØÅ"] * 30) + "\n"
    with pytest.raises(IngestError) as e:
        load(write(tmp_path, "doc.txt", junk))
    assert "mojibake" in reason(e)


# --- plain text: hostile inputs --------------------------------------------


def test_empty_file(tmp_path):
    with pytest.raises(IngestError) as e:
        load(write(tmp_path, "empty.txt", b""))
    assert reason(e) == "empty file"


def test_whitespace_only_file(tmp_path):
    with pytest.raises(IngestError) as e:
        load(write(tmp_path, "blank.txt", b"  \n\r\n\t\n"))
    assert "no text" in reason(e)


def test_binary_junk(tmp_path):
    data = bytes((i * 7919) % 256 for i in range(5000))
    with pytest.raises(IngestError) as e:
        load(write(tmp_path, "junk.txt", data))
    assert reason(e).startswith("not a text document (binary")


def test_png_named_txt(tmp_path):
    data = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    with pytest.raises(IngestError) as e:
        load(write(tmp_path, "pic.txt", data))
    assert reason(e) == "not a text document (binary: PNG image)"


def test_unsupported_suffix(tmp_path):
    with pytest.raises(IngestError) as e:
        load(write(tmp_path, "a.xlsx", b"x"))
    assert "unsupported file type" in reason(e)


def test_missing_file(tmp_path):
    with pytest.raises(IngestError) as e:
        load(tmp_path / "nope.txt")
    assert "cannot read file" in reason(e)


def test_max_bytes_guard(tmp_path):
    p = write(tmp_path, "big.txt", fb.VI_TEXT * 2000)
    with pytest.raises(IngestError) as e:
        load(p, max_bytes=100_000)
    assert reason(e).startswith("file too large:") and "MB > limit" in reason(e)
    assert load(p, max_bytes=10_000_000).text


def test_invalid_utf8_after_sample_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "_SAMPLE", 4096)
    monkeypatch.setattr(ingest, "_CHUNK", 4096)
    data = fb.VI_TEXT.encode() * 20 + b"\xff\xfe broken \n" + fb.VI_TEXT.encode()
    r = load(write(tmp_path, "doc.txt", data))
    assert any("replaced with U+FFFD" in w for w in r.warnings)
    assert r.text.count("Điều 1.") == 21


def test_streaming_matches_whole_file_normalise(tmp_path, monkeypatch):
    # small chunks force multi-byte characters and CRLF pairs across chunk borders
    monkeypatch.setattr(ingest, "_SAMPLE", 1000)
    monkeypatch.setattr(ingest, "_CHUNK", 777)
    text = ("Hệ thống pháp luật\r\n" + fb.VI_TEXT.replace("\n", "\r\n") + "\r\n\r\n\r\n\r\nhoà\u00a0\r") * 30
    for enc, data in (("utf-8", text.encode("utf-8")), ("utf-16", text.encode("utf-16")),
                      ("cp1258", fb.encode_cp1258(text))):
        r = load(write(tmp_path, f"s-{enc}.txt", data))
        assert r.encoding == enc
        assert r.text == normalise(text)


def test_large_file_is_read_whole(tmp_path):
    # ~20 MB of realistic text: streamed, nothing truncated (its speed is measured in bench/)
    block = (fb.VI_TEXT + "Đang tải nội dung, vui lòng chờ giây lát...\n\n\n\n"
             + "Các sở, ban, ngành tổ chức thực hiện; hoà nhập, khoẻ mạnh.\u00a0\n") * 40
    data = block.encode("utf-8")
    reps = max(1, 20_000_000 // len(data))
    p = tmp_path / "big.txt"
    with open(p, "wb") as f:
        for _ in range(reps):
            f.write(data)
    size = p.stat().st_size
    r = load(p)
    assert r.text.count("Điều 1.") == 40 * reps
    assert "Đang tải" not in r.text
    assert r.text.endswith(normalise(block).rstrip("\n")) or r.text.rstrip().endswith("mạnh.")


# --- DOCX ------------------------------------------------------------------


def test_docx_paragraphs_tables_numbering(tmp_path):
    p = fb.make_docx(tmp_path / "qd.docx")
    r = load(p)
    assert r.format == "docx" and r.encoding is None
    lines = r.text.split("\n")
    assert lines[:6] == fb.HEADER_LINES + ["QUYẾT ĐỊNH"]
    assert "1. Sở Nội vụ chủ trì thực hiện." in lines
    assert "2. Các sở, ban, ngành phối hợp." in lines
    i = lines.index("| STT | Nhiệm vụ | Thời hạn |")
    assert lines[i - 1] == "" and lines[i - 2] == "2. Các sở, ban, ngành phối hợp."
    assert lines[i + 1] == "| 1 | Rà soát thủ tục hành chính | Quý I |"  # cell newline -> space
    assert lines[i + 2] == "| 2 | Kiểm tra |  |"  # vertical-merge continuation left empty
    assert lines[i + 3] == "| 3 | Tổng kết năm |"  # horizontal merge appears once
    assert lines[i + 4] == "" and lines[i + 5] == "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."


def test_docx_reading_order_table_between_paragraphs(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Trước bảng")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "A"
    t.cell(0, 1).text = "B"
    d.add_paragraph("Sau bảng")
    d.save(str(tmp_path / "o.docx"))
    assert load(tmp_path / "o.docx").text == "Trước bảng\n\n| A | B |\n\nSau bảng\n"


def test_docx_that_is_not_a_docx(tmp_path):
    with pytest.raises(IngestError) as e:
        load(write(tmp_path, "x.docx", "Đây là văn bản thuần"))
    assert reason(e) == "not a DOCX (zip signature missing)"
    import zipfile

    with zipfile.ZipFile(tmp_path / "z.docx", "w") as z:
        z.writestr("hello.txt", "x")
    with pytest.raises(IngestError) as e:
        load(tmp_path / "z.docx")
    assert reason(e).startswith("not a DOCX (no word/document.xml")


def test_docx_truncated(tmp_path):
    p = fb.make_docx(tmp_path / "qd.docx")
    data = p.read_bytes()
    with pytest.raises(IngestError) as e:
        load_bytes(data[: len(data) // 2], "cut.docx")
    assert "corrupt DOCX" in reason(e)


# --- PDF -------------------------------------------------------------------


def test_pdf_text_table_two_columns(tmp_path, font):
    r = load(fb.make_pdf(tmp_path / "qd.pdf", font))
    assert r.format == "pdf" and r.pages == 3 and not r.ocr
    assert r.page_methods == ["pdfium", "pdfplumber", "pdfplumber"]
    assert "pdf page 2: pdfplumber used (table)" in r.warnings
    assert "pdf page 3: pdfplumber used (two columns)" in r.warnings
    lines = r.text.split("\n")
    for expected in fb.HEADER_LINES + fb.BODY_LINES:
        assert expected in lines
    i = lines.index("| STT | Nhiệm vụ | Thời hạn |")
    assert lines[i + 1] == "| 1 | Rà soát thủ tục hành chính | Quý I |"
    assert lines[i - 1] == "" and lines[i + 3] == ""
    # two columns come out one after the other, not interleaved
    left, right = lines.index("CỘT TRÁI"), lines.index("CỘT PHẢI")
    assert lines[left + 1: left + 4] == ["Sở Tư pháp thẩm định", "dự thảo văn bản quy phạm", "pháp luật của tỉnh."]
    assert right > left + 8


def test_pdf_plain_fast_path(tmp_path, font):
    r = load(fb.make_pdf(tmp_path / "p.pdf", font, table=False, two_columns=False))
    assert r.page_methods == ["pdfium"] and r.warnings == []
    assert r.text.split("\n")[:5] == fb.HEADER_LINES


def test_pdf_encrypted(tmp_path, font):
    p = fb.make_pdf(tmp_path / "enc.pdf", font, owner_password="chu", user_password="mat-khau")
    with pytest.raises(IngestError) as e:
        load(p)
    assert reason(e) == "encrypted PDF"


def test_pdf_encrypted_with_empty_user_password_opens(tmp_path, font):
    p = fb.make_pdf(tmp_path / "own.pdf", font, owner_password="chu", user_password="")
    assert b"/Encrypt" in p.read_bytes()
    r = load(p)
    assert "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính." in r.text
    assert "| 1 | Rà soát thủ tục hành chính | Quý I |" in r.text


def test_pdf_truncated(tmp_path, font):
    data = fb.make_pdf(tmp_path / "qd.pdf", font).read_bytes()
    with pytest.raises(IngestError) as e:
        load_bytes(data[: len(data) * 2 // 3], "cut.pdf")
    assert reason(e).startswith("truncated PDF")


def test_pdf_corrupt_body(tmp_path, font):
    data = bytearray(fb.make_pdf(tmp_path / "qd.pdf", font).read_bytes())
    data[20: len(data) - 40] = b"\x00" * (len(data) - 60)  # keep header and %%EOF, wipe the rest
    with pytest.raises(IngestError) as e:
        load_bytes(bytes(data), "bad.pdf")
    assert reason(e).startswith("corrupt PDF")


def test_pdf_that_is_not_a_pdf(tmp_path, font):
    with pytest.raises(IngestError) as e:
        load(write(tmp_path, "x.pdf", "Quyết định số 1"))
    assert reason(e) == "not a PDF (%PDF header missing)"
    p = fb.make_docx(tmp_path / "d.docx")
    with pytest.raises(IngestError) as e:
        load_bytes(p.read_bytes(), "d.pdf")
    assert reason(e) == "not a PDF (%PDF header missing; looks like ZIP/Office Open XML)"


OCR_LINES = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính."]


def _tesseract_vie() -> str | None:
    exe = shutil.which("tesseract")
    if exe and "vie" in ingest._tesseract_langs(exe):
        return exe
    return None


def test_pdf_scanned_ocr(tmp_path, font):
    need(_tesseract_vie(), "tesseract with Vietnamese model (tesseract-ocr tesseract-ocr-vie)")
    p = fb.make_scanned_pdf(tmp_path / "scan.pdf", font, OCR_LINES)
    r = load(p)
    assert r.ocr is True and r.page_methods == ["ocr"]
    assert r.ocr_quality is not None and 0.6 < r.ocr_quality <= 1.0
    for line in OCR_LINES:
        assert line in r.text


def test_pdf_scanned_without_tesseract(tmp_path, font, monkeypatch):
    p = fb.make_scanned_pdf(tmp_path / "scan.pdf", font, OCR_LINES[:1])
    real_which = shutil.which
    monkeypatch.setattr(ingest.shutil, "which", lambda n, *a, **k: None if n == "tesseract" else real_which(n))
    with pytest.raises(IngestError) as e:
        load(p)
    assert reason(e) == "needs OCR: no text layer and tesseract not installed"
    monkeypatch.undo()
    with pytest.raises(IngestError) as e:
        load(p, ocr=False)
    assert reason(e).startswith("needs OCR")


# --- HTML ------------------------------------------------------------------


def test_html_document_text_not_navigation(tmp_path):
    r = load(write(tmp_path, "qd.html", fb.HTML_PAGE))
    assert r.format == "html" and r.encoding == "utf-8"
    lines = r.text.split("\n")
    for junk in ("Trang chủ", "Tìm kiếm", "Đang tải", "Hệ thống pháp luật", "Bản quyền", "ẩn đi", "loading",
                 "document.write", "color:red", "Văn bản mới"):
        assert junk not in r.text, junk
    # the header layout table reads column by column, not as a data row
    assert lines[0] == "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH"
    assert lines[1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"
    assert "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính." in lines
    assert "1. Sở Nội vụ chủ trì;" in lines and "a) Hoàn thành trước ngày 31/12/2016;" in lines
    i = lines.index("| STT | Nhiệm vụ | Thời hạn |")
    assert lines[i + 1: i + 4] == ["| 1 | Rà soát | Quý I |", "| 2 | Kiểm tra |  |", "| 3 | Tổng kết năm |"]
    assert lines[-2] == "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."


def test_html_legacy_charset(tmp_path):
    page = fb.HTML_PAGE.replace('charset="utf-8"', 'charset="windows-1258"')
    r = load_bytes(fb.encode_cp1258(page), "qd.htm")
    assert r.encoding == "cp1258"
    assert "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính." in r.text


# --- legacy .doc -----------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_doc_without_converters(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest.shutil, "which", lambda *a, **k: None)
    with pytest.raises(IngestError) as e:
        load_bytes(OLE_MAGIC + b"\x00" * 600, "old.doc")
    assert reason(e) == "legacy .doc: antiword not installed"


def test_doc_via_antiword_plumbing(tmp_path, monkeypatch):
    # A stand-in antiword proves the plumbing (arguments, UTF-8, table rows, normalise);
    # the real converter runs in test_doc_real_file when LibreOffice can make a .doc.
    fake = tmp_path / "bin" / "antiword"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n[ \"$1\" = -m ] && [ \"$2\" = UTF-8.txt ] || exit 2\n"
                    "printf 'QUYẾT ĐỊNH\\r\\n\\r\\nĐiều 1. Hoà nhập\\n|STT |Nhiệm vụ   |\\n|1   |Rà soát|\\n'\n",
                    encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    r = load_bytes(OLE_MAGIC + b"\x00" * 600, "old.doc")
    assert r.format == "doc"
    assert r.text == "QUYẾT ĐỊNH\n\nĐiều 1. Hòa nhập\n| STT | Nhiệm vụ |\n| 1 | Rà soát |\n"


def test_doc_real_file(tmp_path):
    soffice = fb.which("soffice", "libreoffice")
    if soffice is None or shutil.which("antiword") is None:
        pytest.skip("needs LibreOffice (to write a .doc) and antiword")
    import subprocess

    src = fb.make_docx(tmp_path / "qd.docx", numbering=False)
    subprocess.run([soffice, "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=300)
    r = load(tmp_path / "qd.doc")
    assert r.format == "doc" and "Điều 2. Quyết định này có hiệu lực kể từ ngày ký." in r.text


def test_doc_that_is_really_docx(tmp_path):
    p = fb.make_docx(tmp_path / "qd.docx")
    r = load_bytes(p.read_bytes(), "qd.doc")
    assert r.format == "doc" and r.warnings[0] == ".doc file is really DOCX"
    assert "| STT | Nhiệm vụ | Thời hạn |" in r.text


def test_doc_that_is_text(tmp_path):
    with pytest.raises(IngestError) as e:
        load(write(tmp_path, "x.doc", "chỉ là văn bản"))
    assert reason(e) == "not a Word .doc (OLE2 signature missing)"
