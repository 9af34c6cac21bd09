"""Hand-built document records for the index contract tests.

Citation graph (→ = cites):
  A 30c/NQ-CP (Nghị quyết, Chính phủ, 2011)      → 32/2001/QH10 (external, can_cu)
  B 06/CT-UBND (Chỉ thị, Khánh Hòa, 2020)       → A as "30C/NQ-CP" (can_cu) and "30c/NQ- CP" (trien_khai); "self"
  C 12/KH-UBND (Kế hoạch, Khánh Hòa, 2020)      → B (trien_khai), A as "30c/nq-cp" (mention)
  D 15/QĐ-UBND (Quyết định, Phú Yên, 2013)      → 10/QĐ-UBND (external, thay_the), C as "12/KH-UBND" (huong_dan)
  E (no number; Thông báo, VPCP, 2021)         → A as "30c/NQ-CP" (mention)
"""
from __future__ import annotations

import copy
from typing import Any

A, B, C, D, E = "001_nq30c.txt", "002_ct06.txt", "003_kh12.txt", "004_qd15.txt", "005_tb.txt"


def _ref(key: str, relation: str, clause: str, type_: str | None = None, date: str | None = None,
         issuer: str | None = None, text: str | None = None, anaphor: bool = False) -> dict[str, Any]:
    r: dict[str, Any] = {"text": text or f"{type_ or 'Văn bản'} số {key}", "key": key, "type": type_,
                         "issued_date": date, "issuer": issuer, "relation": relation, "clause": clause, "span": [0, 10]}
    if anaphor:
        r["anaphor"] = True
    return r


def _agency(name: str, aliases: list[str] | None = None, collective: bool = False) -> dict[str, Any]:
    return {"name": name, "aliases": aliases or [], "collective": collective, "span": [0, len(name)], "mentions": []}


def _task(clause: str, agency: str, role: str, task: str, deadline: str | None) -> dict[str, Any]:
    return {"clause": clause, "agency": agency, "role": role, "task": task, "deadline": deadline,
            "span": [0, len(task)], "agency_span": [0, len(agency)]}


def _record(doc: str, header: dict, text: str, **facts: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {"doc": doc, "source": f"/corpus/{doc}", "sha256": f"sha-{doc}", "text": text,
                           "header": header, "clauses": [], "references": [], "deadlines": [], "agencies": [],
                           "assignments": [], "targets": [], "meta": {}}
    rec.update(facts)
    return rec


def records() -> list[dict[str, Any]]:
    a = _record(
        A, {"number": "30c/NQ-CP", "type": "Nghị quyết", "issuer": "Chính phủ", "issued_date": "2011-11-08",
            "title": "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011 - 2020"},
        "NGHỊ QUYẾT Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011 - 2020. "
        "Căn cứ Luật Tổ chức Chính phủ số 32/2001/QH10. Bộ Nội vụ chủ trì theo dõi, đôn đốc việc triển khai "
        "Chương trình.",
        clauses=[{"path": "1", "label": "1.", "level": 1, "start": 0, "end": 90, "heading": "Ban hành"}],
        references=[_ref("32/2001/QH10", "can_cu", "", "Luật", "2001-12-25", "Quốc hội",
                         "Luật Tổ chức Chính phủ số 32/2001/QH10")],
        agencies=[_agency("Bộ Nội vụ", ["BNV"])],
        assignments=[_task("2", "Bộ Nội vụ", "lead", "theo dõi, đôn đốc việc triển khai Chương trình", "2020")],
        targets=[{"text": "80% thủ tục", "kind": "target", "comparator": ">", "value": 80, "unit": "%", "year": 2020,
                  "clause": "1", "span": [0, 5]}],
    )
    b = _record(
        B, {"number": "06/CT-UBND", "type": "Chỉ thị", "issuer": "Ủy ban nhân dân tỉnh Khánh Hòa",
            "issued_date": "2020-04-21", "title": "Về đẩy mạnh cải cách hành chính trên địa bàn tỉnh"},
        "CHỈ THỊ Về đẩy mạnh cải cách hành chính. Thực hiện Nghị quyết số 30C/NQ-CP của Chính phủ, "
        "Sở Nội vụ (SNV) tổng hợp báo cáo kết quả cải cách hành chính trước quý III năm 2020. "
        "Sở Tài chính bố trí kinh phí thực hiện trước ngày 15/6/2020. Chỉ thị này có hiệu lực kể từ ngày ký. "
        "Triển khai Nghị quyết 30c/NQ- CP đến các huyện. <Quan trọng> & khẩn.",
        clauses=[{"path": "1", "label": "1.", "level": 1, "start": 0, "end": 100, "heading": "Sở Nội vụ"},
                 {"path": "2", "label": "2.", "level": 1, "start": 100, "end": 200, "heading": "Sở Tài chính"}],
        references=[_ref("30C/NQ-CP", "can_cu", "", "Nghị quyết", "2011-11-08", "Chính phủ"),
                    _ref("self", "mention", "2", "Chỉ thị", text="Chỉ thị này", anaphor=True),
                    _ref("30c/NQ- CP", "trien_khai", "2", "Nghị quyết")],
        deadlines=[{"text": "trước quý III năm 2020", "kind": "by", "value": "2020-Q3", "clause": "1", "span": [0, 5]},
                   {"text": "trước ngày 15/6/2020", "kind": "by", "value": "2020-06-15", "clause": "2", "span": [0, 5]}],
        agencies=[_agency("Sở Nội vụ", ["SNV"]), _agency("Sở Tài chính"),
                  _agency("Ủy ban nhân dân các huyện", collective=True)],
        assignments=[_task("1", "Sở Nội vụ", "lead", "tổng hợp báo cáo kết quả cải cách hành chính", "2020-Q3"),
                     _task("2", "Sở Tài chính", "support", "bố trí kinh phí thực hiện", "2020-06-15")],
    )
    c = _record(
        C, {"number": "12/KH-UBND", "type": "Kế hoạch", "issuer": "Ủy ban nhân dân tỉnh Khánh Hòa",
            "issued_date": "2020-05-10", "title": "Triển khai Chỉ thị số 06/CT-UBND về chính quyền điện tử"},
        "KẾ HOẠCH Triển khai Chỉ thị số 06/CT-UBND. Theo Nghị quyết 30c/nq-cp. Sở Thông tin và Truyền thông "
        "xây dựng hệ thống quản lý văn bản điện tử trước ngày 31/12/2020; Sở Nội vụ phối hợp kiểm tra.",
        references=[_ref("06/CT-UBND", "trien_khai", "", "Chỉ thị", "2020-04-21", "Ủy ban nhân dân tỉnh Khánh Hòa"),
                    _ref("30c/nq-cp", "mention", "1", "Nghị quyết")],
        deadlines=[{"text": "trước ngày 31/12/2020", "kind": "by", "value": "2020-12-31", "clause": "1",
                    "span": [0, 5]}],
        agencies=[_agency("Sở Thông tin và Truyền thông", ["STTTT"]), _agency("Sở Nội vụ", ["SNV"])],
        assignments=[_task("1", "Sở Thông tin và Truyền thông", "lead",
                           "xây dựng hệ thống quản lý văn bản điện tử", "2020-12-31"),
                     _task("1", "Sở Nội vụ", "support", "phối hợp kiểm tra", None)],
    )
    d = _record(
        D, {"number": "15/QĐ-UBND", "type": "Quyết định", "issuer": "Ủy ban nhân dân tỉnh Phú Yên",
            "issued_date": "2013-10-01", "title": "Về việc rà soát thủ tục hành chính"},
        'QUYẾT ĐỊNH thay thế Quyết định số 10/QĐ-UBND; hướng dẫn Kế hoạch 12/KH-UBND. Sở Nội vụ rà soát thủ tục '
        'hành chính trước 30/11/2013. Chủ tịch đương nhiệm ký "NEAR" (tạm thời) -- * ^ bản sao.',
        references=[_ref("10/QĐ-UBND", "thay_the", "", "Quyết định", "2012-01-05", "Ủy ban nhân dân tỉnh Phú Yên"),
                    _ref("12/KH-UBND", "huong_dan", "1", "Kế hoạch")],
        deadlines=[{"text": "trước 30/11/2013", "kind": "by", "value": "2013-11-30", "clause": "1", "span": [0, 5]}],
        agencies=[_agency("Sở Nội vụ")],
        assignments=[_task("1", "Sở Nội vụ", "lead", "rà soát thủ tục hành chính", "2013-11-30")],
    )
    e = _record(
        E, {"number": None, "type": "Thông báo", "issuer": "Văn phòng Chính phủ", "issued_date": "2021-02-01",
            "title": "Kết luận về đầu tư đường giao thông nông thôn"},
        "THÔNG BÁO Kết luận về đầu tư đường giao thông nông thôn, theo Nghị quyết 30c/NQ-CP. "
        "Bộ Giao thông vận tải đầu tư xây dựng đường giao thông trong 6 tháng đầu năm 2021.",
        references=[_ref("30c/NQ-CP", "mention", "", "Nghị quyết")],
        agencies=[_agency("Bộ Giao thông vận tải", ["BGTVT"])],
        assignments=[_task("", "Bộ Giao thông vận tải", "lead", "đầu tư xây dựng đường giao thông", "2021-H1")],
    )
    return [copy.deepcopy(x) for x in (a, b, c, d, e)]
