from _g import R, D, A, S, T
SELF = "62/KH-SNV"
HEADER = {"number": SELF, "type": "Kế hoạch", "issuer": "Sở Nội vụ tỉnh Hà Tĩnh",
          "issued_date": "2024-01-12", "title": "Tuyên truyền cải cách hành chính năm 2024"}
REFERENCES = [
    R("Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng khóa XIII", "21-KL/TW", "Kết luận", "2021-10-25", "Ban Chấp hành Trung ương Đảng"),
    R("Hướng dẫn số 25-HD/BTGTW ngày 10/8/2023 của Ban Tuyên giáo Trung ương", "25-HD/BTGTW", "Hướng dẫn", "2023-08-10", "Ban Tuyên giáo Trung ương"),
    R("Quyết định số 3786/QĐ-UBND ngày 28/12/2023 của UBND tỉnh", "3786/QĐ-UBND", "Quyết định", "2023-12-28", "Ủy ban nhân dân tỉnh"),
    R("Kế hoạch số 468/KH-UBND ngày 15/12/2023 của UBND tỉnh", "468/KH-UBND", "Kế hoạch", "2023-12-15", "Ủy ban nhân dân tỉnh"),
    R("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", "76/NQ-CP", "Nghị quyết", "2021-07-15", "Chính phủ"),
    R("Kế hoạch này", SELF, "Kế hoạch", anaphor=True),
    R("Kế hoạch này", SELF, "Kế hoạch", anaphor=True),
    R("Kế hoạch này", SELF, "Kế hoạch", anaphor=True),
]
DEADLINES = [
    D("năm 2024", "period", "2024"),   # title
    D("năm 2024", "period", "2024"),   # "ban hành Kế hoạch ... năm 2024 như sau"
    D("Quý I/2024", "within", "2024-Q1"),
    D("Hằng tháng", "recurring", "P1M"),
    D("Tháng 6/2024", "within", "2024-06"),
    D("6 tháng cuối năm 2024", "within", "2024-H2"),
    D("Trước ngày 30/9/2024", "by", "2024-09-30"),
    D("trước ngày 05/12/2024", "by", "2024-12-05"),
    D("trước ngày 15 hằng tháng", "recurring", "P1M"),
]
VPS = "Văn phòng Sở"; PCM = "Các phòng chuyên môn thuộc Sở"; CCHC = "Phòng Cải cách hành chính"
DAI = "Đài Phát thanh - Truyền hình Hà Tĩnh"; BAO = "Báo Hà Tĩnh"; TT = "Sở Thông tin và Truyền thông"
TRG = "Trưởng các phòng, đơn vị thuộc Sở"
AGENCIES = [
    A("Sở Nội vụ"),
    A(VPS), A(PCM, [], True), A(CCHC), A(DAI), A(BAO), A(TT), A("Tỉnh đoàn Hà Tĩnh"),
    A("Trung tâm Phục vụ hành chính công tỉnh"), A("Bưu điện tỉnh"),
    A(TRG, [], True), A("Giám đốc Sở"), A("Ủy ban nhân dân tỉnh", ["UBND tỉnh"]),
]
ASSIGNMENTS = [
    S("III.1", VPS, "lead", "Quán triệt, phổ biến các văn bản chỉ đạo về CCHC của Trung ương và của tỉnh", "2024-Q1"),
    S("III.1", PCM, "support", "Quán triệt, phổ biến các văn bản chỉ đạo về CCHC của Trung ương và của tỉnh"),
    S("III.2", VPS, "lead", "Duy trì chuyên mục \"Cải cách hành chính\" trên Trang thông tin điện tử của Sở", "P1M"),
    S("III.2", CCHC, "support", "Duy trì chuyên mục \"Cải cách hành chính\" trên Trang thông tin điện tử của Sở"),
    S("III.3", CCHC, "lead", "Xây dựng phóng sự chuyên đề về CCHC phát trên sóng truyền hình", "2024-06"),
    S("III.3", DAI, "support", "Xây dựng phóng sự chuyên đề về CCHC phát trên sóng truyền hình"),
    S("III.3", BAO, "support", "Xây dựng phóng sự chuyên đề về CCHC phát trên sóng truyền hình"),
    S("III.4", CCHC, "lead", "Tổ chức Hội thi tìm hiểu về CCHC trực tuyến", "2024-H2"),
    S("III.4", TT, "support", "Tổ chức Hội thi tìm hiểu về CCHC trực tuyến"),
    S("III.4", "Tỉnh đoàn Hà Tĩnh", "support", "Tổ chức Hội thi tìm hiểu về CCHC trực tuyến"),
    S("III.5", CCHC, "lead", "Khảo sát mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính", "2024-09-30"),
    S("III.5", "Trung tâm Phục vụ hành chính công tỉnh", "support", "Khảo sát mức độ hài lòng của người dân, tổ chức"),
    S("III.5", "Bưu điện tỉnh", "support", "Khảo sát mức độ hài lòng của người dân, tổ chức"),
    S("III.6", VPS, "lead", "Tổng hợp, báo cáo kết quả công tác tuyên truyền CCHC", "2024-12-05"),
    S("III.6", PCM, "support", "Tổng hợp, báo cáo kết quả công tác tuyên truyền CCHC"),
    S("V.1", TRG, "lead", "chủ động triển khai thực hiện; báo cáo kết quả về Văn phòng Sở", "P1M"),
    S("V.1", VPS, "lead", "tổng hợp"),
    S("V.2", VPS, "lead", "theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo Giám đốc Sở và Ủy ban nhân dân tỉnh"),
    S("V.3", TT, "support", "quan tâm phối hợp thực hiện các nội dung tại Kế hoạch này"),
    S("V.3", DAI, "support", "quan tâm phối hợp thực hiện các nội dung tại Kế hoạch này"),
    S("V.3", BAO, "support", "quan tâm phối hợp thực hiện các nội dung tại Kế hoạch này"),
    S("V", TRG, "lead", "phản ánh về Văn phòng Sở để được hướng dẫn"),
]
TARGETS = [
    T("Trang thông tin điện tử của Sở đã đăng tải 36 tin, bài về CCHC", "baseline", "=", 36, "count", 2023),
    T("100% cán bộ, công chức, viên chức của Sở được phổ biến, quán triệt các văn bản chỉ đạo về CCHC", "target", "=", 100, "%"),
    T("ít nhất 80% người dân, tổ chức được khảo sát biết đến Cổng Dịch vụ công quốc gia", "target", ">=", 80, "%"),
    T("ít nhất 48 tin, bài về CCHC", "target", ">=", 48, "count"),
]
