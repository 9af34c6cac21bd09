from _g import R, D, A, S, T
SELF = "09/CT-UBND"
HEADER = {"number": SELF, "type": "Chỉ thị", "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị",
          "issued_date": "2023-08-04",
          "title": "Về việc tăng cường công tác văn thư, lưu trữ và quản lý tài liệu điện tử trong các cơ quan, tổ chức trên địa bàn tỉnh"}
REFERENCES = [
    R("Luật Lưu trữ năm 2011", "Luật Lưu trữ năm 2011", "Luật", "2011"),
    R("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", "30/2020/NĐ-CP", "Nghị định", "2020-03-05", "Chính phủ"),
    R("Quyết định số 458/QĐ-TTg ngày 03/4/2020 của Thủ tướng Chính phủ", "458/QĐ-TTg", "Quyết định", "2020-04-03", "Thủ tướng Chính phủ"),
    R("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", "Nghị định"),
    R("Thông tư số 01/2019/TT-BNV ngày 24/01/2019", "01/2019/TT-BNV", "Thông tư", "2019-01-24", "Bộ Nội vụ"),
    R("số 02/2019/TT-BNV ngày 24/01/2019 của Bộ Nội vụ", "02/2019/TT-BNV", "Thông tư", "2019-01-24", "Bộ Nội vụ"),
    R("Chỉ thị này", SELF, "Chỉ thị", anaphor=True),
    R("Chỉ thị này", SELF, "Chỉ thị", anaphor=True),
    R("Chỉ thị nói trên", SELF, "Chỉ thị", anaphor=True),
]
DEADLINES = [
    D("trước ngày 31/10/2023", "by", "2023-10-31"),
    D("trong Quý IV/2023", "within", "2023-Q4"),
    D("trước ngày 15 tháng 12 hằng năm", "recurring", "P1Y"),
    D("trước ngày 30/9/2023", "by", "2023-09-30"),
    D("Định kỳ 6 tháng", "recurring", "P6M"),
    D("đến năm 2025", "by", "2025"),
    D("trong tháng 9/2023", "within", "2023-09"),
    D("hằng năm", "recurring", "P1Y"),
    D("từ năm 2024", "from", "2024"),
    D("trước ngày 20/6/2024", "by", "2024-06-20"),
]
TTS = "Thủ trưởng các sở, ban, ngành"
CTH = "Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố"
AGENCIES = [
    A("các cơ quan, tổ chức", [], True),
    A("Chủ tịch Ủy ban nhân dân tỉnh"),
    A(TTS, [], True),
    A(CTH, [], True),
    A("Sở Nội vụ", ["Giám đốc Sở Nội vụ"]),
    A("Sở Thông tin và Truyền thông"),
    A("Ủy ban nhân dân tỉnh"),
    A("Sở Tài chính"),
    A("Ủy ban nhân dân các huyện, thị xã, thành phố", [], True),
    A("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    A("các tổ chức chính trị - xã hội tỉnh", [], True),
    # post-run fix (consistency with h03 "chỉ đạo Phòng Tư pháp", h08 "chỉ đạo các cơ sở khám chữa bệnh"):
    A("các cơ quan, đơn vị trực thuộc", [], True),
]
ASSIGNMENTS = []
for ag in (TTS, CTH):
    ASSIGNMENTS += [
        S("1.a", ag, "lead", "Quán triệt, thực hiện nghiêm các quy định tại Nghị định số 30/2020/NĐ-CP"),
        S("1.b", ag, "lead", "Bố trí đủ công chức, viên chức làm công tác văn thư, lưu trữ", "2023-10-31"),
        S("1.c", ag, "lead", "Chỉ đạo chỉnh lý dứt điểm tài liệu tích đống", "2023-Q4"),
        S("1.d", ag, "lead", "Gửi báo cáo thống kê công tác văn thư, lưu trữ về Sở Nội vụ", "P1Y"),
    ]
ASSIGNMENTS += [
    S("2.a", "Sở Nội vụ", "lead", "hướng dẫn các cơ quan, tổ chức triển khai Hệ thống quản lý tài liệu điện tử", "2023-09-30"),
    S("2.a", "Sở Thông tin và Truyền thông", "support", "hướng dẫn các cơ quan, tổ chức triển khai Hệ thống quản lý tài liệu điện tử"),
    S("2.b", "Sở Nội vụ", "lead", "kiểm tra công tác văn thư, lưu trữ tại ít nhất 10 cơ quan, đơn vị", "P6M"),
    S("2.c", "Sở Nội vụ", "lead", "100% cơ quan, tổ chức thuộc nguồn nộp lưu tài liệu vào Lưu trữ lịch sử tỉnh thực hiện lưu trữ tài liệu điện tử", "2025"),
    S("3", "Sở Thông tin và Truyền thông", "lead", "bảo đảm hạ tầng kỹ thuật, an toàn thông tin cho Hệ thống quản lý văn bản và điều hành của tỉnh", "2023-09"),
    S("4", "Sở Tài chính", "lead", "cân đối, tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí cho công tác chỉnh lý, số hóa tài liệu lưu trữ", "P1Y"),
    S("5", "Ủy ban nhân dân các huyện, thị xã, thành phố", "lead", "hướng dẫn, kiểm tra công tác văn thư, lưu trữ đối với cấp xã", "2024"),
    S("6", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "support", "phối hợp chỉ đạo các cơ quan, đơn vị trực thuộc thực hiện tốt Chỉ thị này"),
    S("6", "các tổ chức chính trị - xã hội tỉnh", "support", "phối hợp chỉ đạo các cơ quan, đơn vị trực thuộc thực hiện tốt Chỉ thị này"),
    S("6", "các cơ quan, đơn vị trực thuộc", "lead", "thực hiện tốt Chỉ thị này"),  # post-run fix, see AGENCIES
    S("", TTS, "lead", "nghiêm túc triển khai thực hiện Chỉ thị này"),
    S("", CTH, "lead", "nghiêm túc triển khai thực hiện Chỉ thị này"),
    S("", "Sở Nội vụ", "lead", "theo dõi, đôn đốc việc thực hiện và báo cáo Chủ tịch Ủy ban nhân dân tỉnh", "2024-06-20"),
]
TARGETS = [
    T("tỷ lệ văn bản đi được ký số và gửi hoàn toàn trên môi trường điện tử tại các cơ quan hành chính cấp tỉnh đạt 85,5%", "baseline", "=", 85.5, "%", 2022),
    T("9/10 huyện, thị xã, thành phố đã bố trí kho lưu trữ chuyên dụng", "baseline", "=", 9, "count", 2022, total=10),
    T("tài liệu tích đống chưa được chỉnh lý còn trên 3.200 mét giá", "baseline", ">", 3200, "mét giá"),
    T("100% văn bản đi (trừ văn bản mật) được ký số và gửi trên môi trường điện tử", "target", "=", 100, "%", 2023),
    T("ít nhất 10 cơ quan, đơn vị", "target", ">=", 10, "count"),
    T("100% cơ quan, tổ chức thuộc nguồn nộp lưu tài liệu vào Lưu trữ lịch sử tỉnh thực hiện lưu trữ tài liệu điện tử", "target", "=", 100, "%", 2025),
]
