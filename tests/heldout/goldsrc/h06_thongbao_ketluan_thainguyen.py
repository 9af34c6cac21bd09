from _g import R, D, A, S, T
SELF = "215/TB-UBND"
HEADER = {"number": SELF, "type": "Thông báo", "issuer": "Ủy ban nhân dân tỉnh Thái Nguyên",
          "issued_date": "2023-08-22",
          "title": "Kết luận của Phó Chủ tịch UBND tỉnh Lê Minh Đức tại cuộc họp về tiến độ giải ngân vốn đầu tư công năm 2023"}
REFERENCES = [
    R("Quyết định số 1520/QĐ-UBND ngày 30/12/2022 của UBND tỉnh", "1520/QĐ-UBND", "Quyết định", "2022-12-30", "Ủy ban nhân dân tỉnh"),
    R("Nghị quyết số 01/NQ-CP ngày 06/01/2023 của Chính phủ", "01/NQ-CP", "Nghị quyết", "2023-01-06", "Chính phủ"),
    R("Công điện số 123/CĐ-TTg ngày 13/3/2023 của Thủ tướng Chính phủ", "123/CĐ-TTg", "Công điện", "2023-03-13", "Thủ tướng Chính phủ"),
]
DEADLINES = [
    D("đến hết ngày 30/9/2023", "by", "2023-09-30"),
    D("đến ngày 31/01/2024", "by", "2024-01-31"),
    D("trước ngày 10/9/2023", "by", "2023-09-10"),
    D("Định kỳ hằng tuần", "recurring", "P1W"),
    D("chậm nhất ngày 15/9/2023", "by", "2023-09-15"),
    D("trong tháng 10/2023", "within", "2023-10"),
    D("trong quý III năm 2023", "within", "2023-Q3"),
    D("hằng năm", "recurring", "P1Y"),
]
PCT = "Phó Chủ tịch Ủy ban nhân dân tỉnh"
UBH = "Ủy ban nhân dân các huyện, thành phố"
CDT = "các chủ đầu tư"
AGENCIES = [
    A(PCT, ["Phó Chủ tịch UBND tỉnh"]),
    A("Sở Kế hoạch và Đầu tư"),
    A(CDT, ["chủ đầu tư"], True),
    A(UBH, ["UBND các huyện, thành phố"], True),
    A("Sở Tài chính"),
    A("Ủy ban nhân dân tỉnh", ["UBND tỉnh"]),
    A("Kho bạc Nhà nước tỉnh"),
    A("Sở Xây dựng"),
    A("Sở Giao thông vận tải"),
    A("Sở Nông nghiệp và Phát triển nông thôn"),
    A("Ban Quản lý dự án đầu tư xây dựng tỉnh"),
    A("Sở Nội vụ"),
    A("Văn phòng Ủy ban nhân dân tỉnh", ["Văn phòng UBND tỉnh"]),
    A("các cơ quan, đơn vị, địa phương", [], True),
]
T21 = "thực hiện nghiêm Nghị quyết số 01/NQ-CP ngày 06/01/2023 của Chính phủ"
TD = "đẩy nhanh công tác thẩm định thiết kế, dự toán"
ASSIGNMENTS = [
    S("2.1", CDT, "lead", T21, "2023-09-30"),
    S("2.1", UBH, "lead", T21, "2023-09-30"),
    S("2.2.a", "Sở Kế hoạch và Đầu tư", "lead", "rà soát, tham mưu điều chuyển vốn từ các dự án giải ngân chậm sang các dự án có khả năng giải ngân tốt, trình UBND tỉnh", "2023-09-10"),
    S("2.2.a", "Sở Tài chính", "support", "rà soát, tham mưu điều chuyển vốn từ các dự án giải ngân chậm sang các dự án có khả năng giải ngân tốt"),
    S("2.2.b", "Sở Kế hoạch và Đầu tư", "lead", "tổng hợp tình hình giải ngân của các chủ đầu tư, báo cáo Phó Chủ tịch UBND tỉnh", "P1W"),
    S("2.3", "Kho bạc Nhà nước tỉnh", "lead", "kiểm soát, thanh toán vốn cho các dự án", "2023-09-15"),
    S("2.4", "Sở Xây dựng", "lead", TD),
    S("2.4", "Sở Giao thông vận tải", "lead", TD),
    S("2.4", "Sở Nông nghiệp và Phát triển nông thôn", "lead", TD),
    S("2.5", "Ban Quản lý dự án đầu tư xây dựng tỉnh", "lead", "tập trung nhân lực, máy móc thi công các dự án trọng điểm; hoàn thành giải phóng mặt bằng", "2023-10"),
    S("2.6", UBH, "lead", "giải quyết dứt điểm vướng mắc về bồi thường, giải phóng mặt bằng các dự án trên địa bàn", "2023-Q3"),
    S("2.7", "Sở Nội vụ", "lead", "tham mưu UBND tỉnh xem xét trách nhiệm người đứng đầu các chủ đầu tư có tỷ lệ giải ngân thấp", "P1Y"),
    S("", "các cơ quan, đơn vị, địa phương", "lead", "biết, thực hiện"),
]
TARGETS = [
    T("tổng số vốn đầu tư công năm 2023 của tỉnh (theo Quyết định số 1520/QĐ-UBND ngày 30/12/2022 của UBND tỉnh) đã giải ngân được 1.456,8 tỷ đồng", "baseline", "=", 1456.8, "tỷ đồng", 2023),
    T("đạt 38,2% kế hoạch vốn giao", "baseline", "=", 38.2, "%", 2023),
    T("mức bình quân chung cả nước (42,3%)", "baseline", "=", 42.3, "%"),
    T("07/15 chủ đầu tư giải ngân chậm so với tiến độ", "baseline", "=", 7, "count", total=15),
    T("giải ngân đạt trên 60% kế hoạch vốn", "target", ">", 60, "%", 2023),
    T("giải ngân đạt 95% trở lên", "target", ">=", 95, "%", 2024),
    T("thanh toán vốn cho các dự án trong thời hạn không quá 3 ngày làm việc", "target", "<=", 3, "ngày làm việc"),
    T("thời gian thẩm định không quá 15 ngày", "target", "<=", 15, "ngày"),
]
