"""Synthetic Vietnamese administrative documents for the benchmark.

Documents are composed from a small grammar of the genre, not copied from the corpus:
a two-column header (issuer / national motto, "Số: N/QĐ-UBND", place and date), the type
word and title, a "Căn cứ" preamble citing documents of many symbol families, then
numbered clauses (I. / 1. / a) or Điều N) that assign tasks to sở / UBND bodies with
chủ trì / phối hợp, deadlines of every kind (by a date, by a quarter, within N days,
recurring, periods) and numeric targets, followed by "Nơi nhận" and a signature.

Everything is drawn from a seeded `random.Random`, so `generate(n, seed)` is reproducible.
Each document also carries a small truth record (number, type, clause paths, counts) the
smoke test checks the pipeline against.

    python bench/synth.py N OUT_DIR [--seed 1] [--pdf K] [--docx K]
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

PROVINCES = [
    "Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La", "Yên Bái", "Hòa Bình",
    "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh",
    "Hải Dương", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định",
    "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông",
    "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Long An",
    "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang",
    "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
]
CITIES = ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh"]
CAPITALS = {"Thừa Thiên Huế": "Huế", "Khánh Hòa": "Nha Trang", "Lâm Đồng": "Đà Lạt", "Đắk Lắk": "Buôn Ma Thuột",
            "Nghệ An": "Vinh", "Bình Định": "Quy Nhơn", "Quảng Ninh": "Hạ Long", "Kiên Giang": "Rạch Giá"}
DEPARTMENTS = [
    ("Sở Nội vụ", "SNV"), ("Sở Tư pháp", "STP"), ("Sở Tài chính", "STC"), ("Sở Kế hoạch và Đầu tư", "SKHĐT"),
    ("Sở Thông tin và Truyền thông", "STTTT"), ("Sở Khoa học và Công nghệ", "SKHCN"), ("Sở Y tế", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"), ("Sở Tài nguyên và Môi trường", "STNMT"), ("Sở Xây dựng", "SXD"),
    ("Sở Giao thông vận tải", "SGTVT"), ("Sở Công Thương", "SCT"), ("Sở Nông nghiệp và Phát triển nông thôn", "SNN"),
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"), ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
]
OTHER_BODIES = [
    "Văn phòng Ủy ban nhân dân tỉnh", "Thanh tra tỉnh", "Công an tỉnh", "Ban Quản lý các khu công nghiệp",
    "Đài Phát thanh và Truyền hình tỉnh", "Cục Thuế tỉnh", "Kho bạc Nhà nước tỉnh", "Bảo hiểm xã hội tỉnh",
]
COLLECTIVES = [
    "các sở, ban, ngành", "Ủy ban nhân dân các huyện, thị xã, thành phố", "các cơ quan, đơn vị có liên quan",
    "Ủy ban nhân dân cấp xã", "Thủ trưởng các sở, ban, ngành", "Chủ tịch Ủy ban nhân dân cấp huyện",
]
NATIONAL = [
    ("Chính phủ", "NĐ-CP", "Nghị định"), ("Chính phủ", "NQ-CP", "Nghị quyết"),
    ("Thủ tướng Chính phủ", "QĐ-TTg", "Quyết định"), ("Thủ tướng Chính phủ", "CT-TTg", "Chỉ thị"),
    ("Bộ Tài chính", "TT-BTC", "Thông tư"), ("Bộ Nội vụ", "TT-BNV", "Thông tư"),
    ("Bộ Thông tin và Truyền thông", "TT-BTTTT", "Thông tư"), ("Bộ Kế hoạch và Đầu tư", "TT-BKHĐT", "Thông tư"),
    ("Bộ Tài chính và Bộ Nội vụ", "TTLT-BTC-BNV", "Thông tư liên tịch"),
    ("Ban Chấp hành Trung ương", "NQ/TW", "Nghị quyết"), ("Bộ Chính trị", "KL/TW", "Kết luận"),
    ("Bộ Y tế", "QĐ-BYT", "Quyết định"), ("Văn phòng Chính phủ", "TB-VPCP", "Thông báo"),
]
LAWS = [
    ("Luật Tổ chức chính quyền địa phương", "19/06/2015"), ("Luật Ban hành văn bản quy phạm pháp luật", "22/06/2015"),
    ("Luật Ngân sách nhà nước", "25/06/2015"), ("Luật Đầu tư công", "13/06/2019"), ("Luật Cán bộ, công chức", "13/11/2008"),
    ("Luật Giao dịch điện tử", "22/06/2023"), ("Luật Đất đai", "18/01/2024"), ("Luật Quy hoạch", "24/11/2017"),
]
DOC_TYPES = [  # (type word, symbol, opening line of the preamble's closing)
    ("QUYẾT ĐỊNH", "QĐ-UBND", "QUYẾT ĐỊNH:"), ("KẾ HOẠCH", "KH-UBND", None), ("CHỈ THỊ", "CT-UBND", None),
    ("CÔNG VĂN", "UBND-KT", None),
]
TOPICS = [
    "cải cách hành chính", "chuyển đổi số", "phòng, chống thiên tai", "xây dựng nông thôn mới",
    "phát triển du lịch", "bảo vệ môi trường", "nâng cao chỉ số năng lực cạnh tranh cấp tỉnh",
    "thực hiện dịch vụ công trực tuyến", "quản lý đất đai", "phòng, chống dịch bệnh",
    "giảm nghèo bền vững", "phát triển kinh tế tập thể", "an toàn thực phẩm", "đào tạo nghề cho lao động nông thôn",
]
VERBS = [
    "tổ chức triển khai thực hiện", "xây dựng kế hoạch", "rà soát, đánh giá", "tham mưu Ủy ban nhân dân tỉnh ban hành",
    "hướng dẫn, kiểm tra, đôn đốc việc thực hiện", "tổng hợp, báo cáo kết quả", "đề xuất giải pháp",
    "tuyên truyền, phổ biến", "kiện toàn tổ chức bộ máy", "bố trí kinh phí", "cập nhật cơ sở dữ liệu",
]
OBJECTS = [
    "các nhiệm vụ được giao tại Kế hoạch này", "hệ thống thông tin giải quyết thủ tục hành chính",
    "Bộ phận Một cửa các cấp", "đội ngũ cán bộ, công chức, viên chức", "danh mục dự án đầu tư công",
    "các chỉ tiêu về {topic}", "chương trình {topic} giai đoạn {p0}-{p1}", "quy chế phối hợp giữa các cơ quan",
    "kết quả thực hiện {topic}", "các văn bản quy phạm pháp luật thuộc lĩnh vực quản lý",
]
INDICATORS = [
    ("hồ sơ thủ tục hành chính được giải quyết đúng hạn", "%"), ("dịch vụ công trực tuyến toàn trình", "%"),
    ("tỷ lệ hộ nghèo", "%"), ("xã đạt chuẩn nông thôn mới", "xã"), ("doanh nghiệp thành lập mới", "doanh nghiệp"),
    ("lao động được đào tạo nghề", "người"), ("vốn đầu tư thu hút", "tỷ đồng"), ("mức độ hài lòng của người dân", "%"),
    ("thời gian giải quyết thủ tục hành chính", "ngày"), ("chỉ số cải cách hành chính", "điểm"),
]
SIGNERS = ["Nguyễn Văn {x}", "Trần Thị {x}", "Lê Văn {x}", "Phạm Minh {x}", "Hoàng Thị {x}", "Vũ Đức {x}", "Đặng Quốc {x}"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Minh", "Nam", "Phong", "Quang", "Sơn", "Thành", "Tuấn"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
LETTERS = "abcdđeghik"


@dataclass
class SynthDoc:
    name: str
    text: str
    truth: dict[str, Any] = field(default_factory=dict)


class _Gen:
    def __init__(self, rng: random.Random):
        self.r = rng

    # ------------------------------------------------------------------ small pieces
    def date(self, y0: int = 2012, y1: int = 2025) -> tuple[int, int, int]:
        r = self.r
        return r.randint(y0, y1), r.randint(1, 12), r.randint(1, 28)

    def dmy(self, d: tuple[int, int, int], pad: bool | None = None) -> str:
        y, m, dd = d
        pad = self.r.random() < 0.6 if pad is None else pad
        return f"{dd:02d}/{m:02d}/{y}" if pad else f"{dd}/{m}/{y}"

    def citation(self, year_max: int) -> str:
        r = self.r
        k = r.random()
        if k < 0.18:
            law, when = r.choice(LAWS)
            return f"{law} ngày {when}" if r.random() < 0.7 else law
        y, m, d = self.date(2008, year_max)
        if k < 0.75:
            issuer, sym, typ = r.choice(NATIONAL)
            no = r.randint(1, 2500)
            suffix = f"{r.choice('abc')}" if r.random() < 0.05 else ""
            number = f"{no}{suffix}/{y}/{sym}" if sym.startswith(("NĐ", "TT", "QĐ-TTg")) and r.random() < 0.8 else f"{no}{suffix}/{sym}"
            so = "số " if r.random() < 0.85 else ""
            return f"{typ} {so}{number} ngày {self.dmy((y, m, d))} của {issuer}"
        prov = self.prov
        if k < 0.9:
            no = r.randint(1, 4000)
            return f"Quyết định số {no}/QĐ-UBND ngày {self.dmy((y, m, d))} của Ủy ban nhân dân tỉnh {prov}"
        dept, ab = r.choice(DEPARTMENTS)
        return f"Tờ trình số {r.randint(1, 900)}/TTr-{ab} ngày {self.dmy((y, m, d))} của {dept}"

    def deadline(self, year: int) -> tuple[str, str]:
        """(phrase, kind)"""
        r = self.r
        k = r.randrange(9)
        y = year + r.randint(0, 2)
        if k == 0:
            return f"hoàn thành trước ngày {self.dmy((y, r.randint(1, 12), r.randint(1, 28)))}", "by"
        if k == 1:
            return f"trong quý {r.choice(ROMAN[:4])} năm {y}", "by"
        if k == 2:
            return f"trong thời hạn {r.choice([5, 7, 10, 15, 30, 45, 60])} ngày kể từ ngày Kế hoạch này được ban hành", "within"
        if k == 3:
            return r.choice(["định kỳ hằng quý", "định kỳ 6 tháng, hằng năm", "hằng tháng", "hàng năm"]), "recurring"
        if k == 4:
            return f"trước ngày {r.randint(1, 28)} tháng {r.randint(1, 12)} hằng năm", "recurring"
        if k == 5:
            return f"giai đoạn {year}-{year + r.choice([2, 4, 5])}", "period"
        if k == 6:
            return f"xong trong tháng {r.randint(1, 12)}/{y}", "by"
        if k == 7:
            return f"đến năm {year + r.choice([3, 5, 10])}", "by"
        return f"chậm nhất ngày {r.randint(1, 28)} tháng {r.randint(1, 12)} năm {y}", "by"

    def target(self, year: int) -> str:
        r = self.r
        ind, unit = r.choice(INDICATORS)
        if unit == "%":
            v = r.choice([50, 60, 70, 80, 85, 90, 95, 100]) if r.random() < 0.7 else round(r.uniform(10, 99), 1)
            fig = f"{v}%".replace(".", ",")
        elif unit == "tỷ đồng":
            fig = f"{r.randint(10, 5000):,} tỷ đồng".replace(",", ".")
        else:
            fig = f"{r.randint(2, 500)} {unit}"
        comp = r.choice(["trên ", "ít nhất ", "không quá ", "tối thiểu ", "", "đạt "])
        lead = r.choice(["Phấn đấu đến năm {y}", "Đến hết năm {y}", "Năm {y}", "Trong năm {y}"]).format(y=year + r.randint(0, 5))
        tail = " trở lên" if comp == "" and r.random() < 0.4 else ""
        return f"{lead}, {ind} {comp}{fig}{tail}."

    def body_agency(self) -> str:
        r = self.r
        k = r.random()
        if k < 0.6:
            return r.choice(DEPARTMENTS)[0]
        if k < 0.8:
            return r.choice(OTHER_BODIES)
        return r.choice(COLLECTIVES)

    def task_sentence(self, year: int) -> tuple[str, int, str | None]:
        """A task: lead agency, supporters, verb + object, maybe a deadline."""
        r = self.r
        lead = self.body_agency()
        sup = sorted({self.body_agency() for _ in range(r.randint(0, 3))} - {lead})
        topic = r.choice(TOPICS)
        p0 = year + r.randint(0, 1)
        obj = r.choice(OBJECTS).format(topic=topic, p0=p0, p1=p0 + 5)
        verb = r.choice(VERBS)
        dl, kind = self.deadline(year) if r.random() < 0.7 else ("", None)
        form = r.randrange(4)
        if form == 0:
            s = f"{lead} chủ trì" + (f", phối hợp với {', '.join(sup)}" if sup else "") + f" {verb} {obj}"
        elif form == 1:
            s = f"Giao {lead} chủ trì" + (f", phối hợp với {' và '.join(sup)}" if sup else "") + f" {verb} {obj}"
        elif form == 2:
            s = f"{verb[0].upper() + verb[1:]} {obj}. Cơ quan chủ trì: {lead}" + (f"; cơ quan phối hợp: {', '.join(sup)}" if sup else "")
        else:
            s = f"{lead} có trách nhiệm {verb} {obj}" + (f"; {', '.join(sup)} phối hợp thực hiện" if sup else "")
        if dl:
            s += ("; " if form != 2 else ". Thời gian: ") + dl
        return s + ".", 1 + len(sup), kind

    def prose(self) -> str:
        r = self.r
        t = r.choice(TOPICS)
        parts = [
            f"Tiếp tục nâng cao hiệu lực, hiệu quả công tác {t} trên địa bàn tỉnh",
            "bảo đảm đồng bộ, thống nhất, công khai, minh bạch",
            f"gắn trách nhiệm của người đứng đầu với kết quả thực hiện {r.choice(TOPICS)}",
            "huy động sự tham gia của người dân, doanh nghiệp",
            "tăng cường ứng dụng công nghệ thông tin trong hoạt động của cơ quan hành chính nhà nước",
        ]
        r.shuffle(parts)
        return "; ".join(parts[: r.randint(2, 5)]) + "."

    # ------------------------------------------------------------------ the document
    def document(self, i: int) -> SynthDoc:
        r = self.r
        city = r.random() < 0.12
        self.prov = r.choice(CITIES) if city else r.choice(PROVINCES)
        unit = "THÀNH PHỐ" if city else "TỈNH"
        unit_l = "thành phố" if city else "tỉnh"
        typ, sym, closing = r.choices(DOC_TYPES, weights=[4, 4, 1, 1])[0]
        y, m, d = self.date(2014, 2025)
        no = r.randint(1, 4500)
        number = f"{no}/{sym}"
        place = CAPITALS.get(self.prov, self.prov)
        topic = r.choice(TOPICS)
        period = (y + 1, y + r.choice([2, 4, 5]))
        title = {
            "QUYẾT ĐỊNH": f"Về việc ban hành Kế hoạch {topic} {unit_l} {self.prov} giai đoạn {period[0]}-{period[1]}",
            "KẾ HOẠCH": f"Thực hiện {topic} trên địa bàn {unit_l} {self.prov} năm {y + 1}",
            "CHỈ THỊ": f"Về tăng cường công tác {topic}",
            "CÔNG VĂN": f"V/v triển khai {topic}",
        }[typ]
        lines: list[str] = []
        ub = f"ỦY BAN NHÂN DÂN\n{unit} {self.prov.upper()}"
        lines += [ub, "-------", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------", ""]
        lines += [f"Số: {number}", "", f"{place}, ngày {d:02d} tháng {m:02d} năm {y}", ""]
        if typ == "CÔNG VĂN":
            lines += [title, "", f"Kính gửi: {', '.join(x[0] for x in r.sample(DEPARTMENTS, 3))}; Ủy ban nhân dân các huyện, thị xã, thành phố.", ""]
        else:
            lines += [typ, title.upper() if r.random() < 0.5 else title, ""]
        # Preamble.
        cites = r.randint(2, 7)
        if typ == "QUYẾT ĐỊNH":
            lines += [f"ỦY BAN NHÂN DÂN {unit} {self.prov.upper()}", ""]
        for _ in range(cites):
            lines += [f"Căn cứ {self.citation(y)};", ""]
        if typ == "QUYẾT ĐỊNH":
            dept, ab = r.choice(DEPARTMENTS)
            lines += [f"Theo đề nghị của Giám đốc {dept} tại Tờ trình số {r.randint(1, 900)}/TTr-{ab} ngày {self.dmy(self.date(y, y))},", "", closing, ""]
            lines += [f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch {topic} {unit_l} {self.prov} giai đoạn {period[0]}-{period[1]}.", "",
                      "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", "",
                      f"Điều 3. Chánh Văn phòng Ủy ban nhân dân {unit_l}, Giám đốc các sở, Thủ trưởng các ban, ngành; "
                      f"Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố chịu trách nhiệm thi hành Quyết định này./.", ""]
            clause_paths = ["Điều 1", "Điều 2", "Điều 3"]
            lines += self.recipients_and_signature(unit)
            lines += ["", "KẾ HOẠCH", f"{topic.upper()} {unit} {self.prov.upper()} GIAI ĐOẠN {period[0]}-{period[1]}",
                      f"(Ban hành kèm theo Quyết định số {number} ngày {d:02d}/{m:02d}/{y} của Ủy ban nhân dân {unit_l} {self.prov})", ""]
        else:
            clause_paths = []
            if typ != "CÔNG VĂN":
                lines += [f"Ủy ban nhân dân {unit_l} ban hành {typ.lower()} như sau:" if typ != "CHỈ THỊ" else
                          f"Để {topic} đạt hiệu quả, Chủ tịch Ủy ban nhân dân {unit_l} yêu cầu:", ""]
        n_tasks = n_targets = 0
        kinds: set[str] = set()
        if typ == "CÔNG VĂN":
            for j in range(1, r.randint(3, 7)):
                s, n, k = self.task_sentence(y)
                lines += [f"{j}. {s}", ""]
                clause_paths.append(str(j))
                n_tasks += n
                kinds.add(k) if k else None
        else:
            sections = [("MỤC ĐÍCH, YÊU CẦU", 0), ("MỤC TIÊU", 1), ("NHIỆM VỤ, GIẢI PHÁP", 2), ("TỔ CHỨC THỰC HIỆN", 2)]
            if typ == "CHỈ THỊ":
                sections = sections[2:3]
            for si, (head, what) in enumerate(sections):
                rn = ROMAN[si]
                lines += [f"{rn}. {head}", ""]
                clause_paths.append(rn)
                for j in range(1, r.randint(2, 6)):
                    if what == 0:
                        lines += [f"{j}. {self.prose()}", ""]
                        clause_paths.append(f"{rn}.{j}")
                        continue
                    h = r.choice(TOPICS)
                    lines += [f"{j}. {h[0].upper() + h[1:]}", ""]
                    clause_paths.append(f"{rn}.{j}")
                    for li in range(r.randint(1, 5)):
                        lt = LETTERS[li]
                        if what == 1:
                            body = self.target(y)
                            n_targets += 1
                        else:
                            body, n, k = self.task_sentence(y)
                            n_tasks += n
                            if k:
                                kinds.add(k)
                            if r.random() < 0.3:
                                body += " " + self.prose()
                        lines += [f"{lt}) {body}", ""]
                        clause_paths.append(f"{rn}.{j}.{lt}")
            lines += [f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo "
                      f"Ủy ban nhân dân {unit_l} (qua {r.choice(DEPARTMENTS)[0]}) để xem xét, giải quyết.", ""]
        if typ != "QUYẾT ĐỊNH":
            lines += self.recipients_and_signature(unit)
        text = "\n".join(lines).rstrip() + "\n"
        truth = {"number": number, "type": typ.capitalize() if typ != "CÔNG VĂN" else "Công văn",
                 "issued_date": f"{y:04d}-{m:02d}-{d:02d}", "clauses": clause_paths, "citations": cites,
                 "assignments": n_tasks, "targets": n_targets, "deadline_kinds": sorted(kinds)}
        return SynthDoc(name=f"synth_{i:06d}.txt", text=text, truth=truth)

    def recipients_and_signature(self, unit: str) -> list[str]:
        r = self.r
        rec = ["Nơi nhận:", "- Như Điều 3;" if r.random() < 0.5 else "- Như trên;", "- Bộ Nội vụ;",
               "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, NC."]
        sig = [r.choice(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]), r.choice(["CHỦ TỊCH", "PHÓ CHỦ TỊCH"]), "", "",
               r.choice(SIGNERS).format(x=r.choice(GIVEN))]
        return [""] + rec + [""] + sig + [""]


def iter_documents(n: int, seed: int = 1, start: int = 0) -> Iterator[SynthDoc]:
    """Documents start..n-1 of the seeded stream (document i depends only on (seed, i))."""
    for i in range(start, n):
        yield _Gen(random.Random(seed * 1_000_003 + i)).document(i)


def generate(n: int, seed: int = 1) -> list[SynthDoc]:
    return list(iter_documents(n, seed))


def write_corpus(out: Path, n: int, seed: int = 1) -> tuple[int, int]:
    """Write n .txt files (+ truth.jsonl); returns (docs, bytes). Reuses a complete folder."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = out / ".complete"
    if stamp.is_file() and stamp.read_text() == f"{n} {seed}":
        return n, sum(p.stat().st_size for p in out.glob("*.txt"))
    for p in out.glob("*.txt"):
        p.unlink()
    total = 0
    with (out / "truth.jsonl").open("w", encoding="utf-8") as tj:
        for doc in iter_documents(n, seed):
            data = doc.text.encode("utf-8")
            (out / doc.name).write_bytes(data)
            total += len(data)
            tj.write(json.dumps({"name": doc.name, **doc.truth}, ensure_ascii=False) + "\n")
    stamp.write_text(f"{n} {seed}")
    return n, total


# ---------------------------------------------------------------------- PDF and DOCX
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
]


def find_font() -> str:
    for f in FONT_CANDIDATES:
        if Path(f).is_file():
            return f
    try:  # matplotlib ships DejaVu
        import matplotlib

        p = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
        if p.is_file():
            return str(p)
    except Exception:
        pass
    raise RuntimeError("no DejaVuSans.ttf: apt-get install fonts-dejavu-core")


def write_pdf(doc: SynthDoc, path: Path, font: str | None = None) -> int:
    """A text PDF (A4, DejaVu Sans 11pt); returns its page count."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", font or find_font())
    pdf.set_font("DejaVu", size=11)
    pdf.set_margins(20, 18, 18)
    pdf.add_page()
    for line in doc.text.split("\n"):
        if not line.strip():
            pdf.ln(3)
            continue
        pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return pdf.page_no()


def write_docx(doc: SynthDoc, path: Path) -> None:
    """A DOCX: the two-column header as a borderless 2x2 table, then one paragraph per line;
    a plan's task clauses also get a summary table (agency | task | deadline)."""
    import docx

    lines = doc.text.split("\n")
    d = docx.Document()
    # Header block: everything up to the "Số:" line and the date go into a table.
    try:
        i_so = next(i for i, ln in enumerate(lines) if ln.startswith("Số:"))
        i_date = next(i for i, ln in enumerate(lines) if ", ngày " in ln and " tháng " in ln)
    except StopIteration:
        i_so = i_date = -1
    rest = lines
    if i_so > 0 and i_date > i_so:
        left = [ln for ln in lines[:i_so] if ln.strip() and not ln.startswith("CỘNG HÒA") and not ln.startswith("Độc lập")
                and not set(ln) <= {"-"}]
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text = "\n".join(left)
        t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        t.cell(1, 0).text = lines[i_so]
        t.cell(1, 1).text = lines[i_date]
        rest = lines[i_date + 1:]
    tasks = []
    for ln in rest:
        if ln.strip():
            d.add_paragraph(ln)
            if " chủ trì" in ln and ln[:2].rstrip(")").isalpha():
                tasks.append(ln)
    if tasks:
        d.add_paragraph("PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ")
        t = d.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, ("STT", "Nội dung", "Cơ quan chủ trì")):
            c.text = h
        for k, ln in enumerate(tasks[:15], 1):
            row = t.add_row().cells
            row[0].text = str(k)
            row[1].text = ln[3:][:200]
            row[2].text = ln[3:].split(" chủ trì")[0].replace("Giao ", "")
    d.save(str(path))


def write_formats(out: Path, n: int, seed: int = 1, kinds: tuple[str, ...] = ("pdf", "docx")) -> dict[str, Any]:
    """n PDFs and/or n DOCX files of documents 0..n-1; reuses a complete folder."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = out / ".complete"
    key = f"{n} {seed} {','.join(kinds)}"
    if stamp.is_file() and stamp.read_text().startswith(key + "\n"):
        return json.loads(stamp.read_text().split("\n", 1)[1])
    font = find_font() if "pdf" in kinds else None
    pages = 0
    for doc in iter_documents(n, seed):
        stem = doc.name[:-4]
        if "pdf" in kinds:
            pages += write_pdf(doc, out / f"{stem}.pdf", font)
        if "docx" in kinds:
            write_docx(doc, out / f"{stem}.docx")
    info = {"docs": n, "pdf_pages": pages}
    stamp.write_text(key + "\n" + json.dumps(info))
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pdf", type=int, default=0, help="also write this many PDFs")
    ap.add_argument("--docx", type=int, default=0, help="also write this many DOCX files")
    a = ap.parse_args(argv)
    n, size = write_corpus(Path(a.out), a.n, a.seed)
    print(f"{n} documents, {size / 1e6:.2f} MB in {a.out}")
    if a.pdf:
        print(write_formats(Path(a.out) / "pdf", a.pdf, a.seed, ("pdf",)))
    if a.docx:
        print(write_formats(Path(a.out) / "docx", a.docx, a.seed, ("docx",)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
