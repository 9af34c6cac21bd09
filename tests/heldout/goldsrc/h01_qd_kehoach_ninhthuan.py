from _g import R, D, A, S, T
SELF = "412/QĐ-UBND"
HEADER = {"number": SELF, "type": "Quyết định", "issuer": "Ủy ban nhân dân tỉnh Ninh Thuận",
          "issued_date": "2023-02-16",
          "title": "Về việc ban hành Kế hoạch kiểm soát thủ tục hành chính, thực hiện cơ chế một cửa, một cửa liên thông trên địa bàn tỉnh Ninh Thuận năm 2023"}
REFERENCES = [
    R("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Luật Tổ chức chính quyền địa phương", "Luật", "2015-06-19"),
    R("Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ", "63/2010/NĐ-CP", "Nghị định", "2010-06-08", "Chính phủ"),
    R("Nghị định số 92/2017/NĐ-CP ngày 07 tháng 8 năm 2017 của Chính phủ", "92/2017/NĐ-CP", "Nghị định", "2017-08-07", "Chính phủ"),
    R("Nghị định số 61/2018/NĐ- CP ngày 23 tháng 4 năm 2018 của Chính phủ", "61/2018/NĐ-CP", "Nghị định", "2018-04-23", "Chính phủ"),
    R("Thông tư số 02/2017/TT-VPCP ngày 31 tháng 10 năm 2017 của Văn phòng Chính phủ", "02/2017/TT-VPCP", "Thông tư", "2017-10-31", "Văn phòng Chính phủ"),
    R("Tờ trình số 35/TTr-VPUB ngày 10 tháng 02 năm 2023", "35/TTr-VPUB", "Tờ trình", "2023-02-10", "Văn phòng Ủy ban nhân dân tỉnh"),
    R("Quyết định này", SELF, "Quyết định", anaphor=True),
    R("Quyết định này", SELF, "Quyết định", anaphor=True),
    R("Quyết định số 87/QD-UBND ngày 20 tháng 01 năm 2022 của Ủy ban nhân dân tỉnh", "87/QĐ-UBND", "Quyết định", "2022-01-20", "Ủy ban nhân dân tỉnh"),
    R("Quyết định này", SELF, "Quyết định", anaphor=True),
    R("Kế hoạch này", SELF, "Kế hoạch", anaphor=True),
    R("Kế hoạch này", SELF, "Kế hoạch", anaphor=True),
    R("Kế hoạch này", SELF, "Kế hoạch", anaphor=True),
    R("Kế hoạch này", SELF, "Kế hoạch", anaphor=True),
    R("Thông tư số 167/2012/TT-BTC ngày 10 tháng 10 năm 2012 của Bộ Tài chính", "167/2012/TT-BTC", "Thông tư", "2012-10-10", "Bộ Tài chính"),
    R("Kế hoạch này", SELF, "Kế hoạch", anaphor=True),
]
DEADLINES = [
    D("năm 2023", "period", "2023"),   # title of the QĐ
    D("năm 2023", "period", "2023"),   # Điều 1
    D("năm 2023", "period", "2023"),   # title of the attached plan
    D("trước ngày 30/6/2023", "by", "2023-06-30"),
    D("trong quý II/2023", "within", "2023-Q2"),
    D("trong Quý 3/2023", "within", "2023-Q3"),
    D("trong 6 tháng cuối năm 2023", "within", "2023-H2"),
    D("từ ngày 01/7/2023", "from", "2023-07-01"),
    D("định kỳ hằng quý, 6 tháng, năm", "recurring", "P3M,P6M,P1Y"),
    D("trước ngày 20 hằng tháng", "recurring", "P1M"),
    D("trước ngày 15/7/2023", "by", "2023-07-15"),
    D("hằng năm", "recurring", "P1Y"),
    D("trong 6 tháng đầu năm 2023", "within", "2023-H1"),
]
VP = "Văn phòng Ủy ban nhân dân tỉnh"
TTS = "Thủ trưởng các sở, ban, ngành thuộc tỉnh"
CTH = "Chủ tịch Ủy ban nhân dân các huyện, thành phố"
CTX = "Chủ tịch Ủy ban nhân dân các xã, phường, thị trấn"
SBN = "các sở, ban, ngành thuộc tỉnh"
UBH = "Ủy ban nhân dân các huyện, thành phố"
UBX = "Ủy ban nhân dân các xã, phường, thị trấn"
AGENCIES = [
    A("Chánh Văn phòng Ủy ban nhân dân tỉnh"),
    A(TTS, ["Thủ trưởng các sở, ban, ngành"], True),
    A(CTH, [], True),
    A(CTX, [], True),
    A(VP),
    A(SBN, ["các sở, ban, ngành", "Các sở, ban, ngành"], True),
    A(UBH, [], True),
    A(UBX, [], True),
    A("Chủ tịch Ủy ban nhân dân tỉnh"),
    A("Sở Tư pháp"),
    A("Trung tâm Phục vụ hành chính công tỉnh"),
    A("Sở Thông tin và Truyền thông"),
    A("Viễn thông Ninh Thuận"),
    A("Văn phòng Chính phủ"),
    A("Ủy ban nhân dân tỉnh"),
    A("Sở Tài chính"),
    A("Sở Nội vụ"),
    A("Báo Ninh Thuận"),
    A("Đài Phát thanh và Truyền hình Ninh Thuận"),
    A("các cơ quan, đơn vị", [], True),
]
EXE = "chịu trách nhiệm thi hành Quyết định này"
ASSIGNMENTS = [
    S("Điều 3", "Chánh Văn phòng Ủy ban nhân dân tỉnh", "lead", EXE),
    S("Điều 3", TTS, "lead", EXE),
    S("Điều 3", CTH, "lead", EXE),
    S("Điều 3", CTX, "lead", EXE),
    S("II.1.a", SBN, "lead", "rà soát, cập nhật các TTHC mới ban hành, sửa đổi, bổ sung hoặc bãi bỏ thuộc phạm vi quản lý, trình Chủ tịch Ủy ban nhân dân tỉnh công bố"),
    S("II.1.b", VP, "lead", "kiểm soát chất lượng dự thảo Quyết định công bố TTHC", "2023-06-30"),
    S("II.1.b", "Sở Tư pháp", "support", "kiểm soát chất lượng dự thảo Quyết định công bố TTHC"),
    S("II.2.a", TTS, "lead", "lựa chọn ít nhất 03 TTHC có chi phí tuân thủ lớn để rà soát, đề xuất phương án đơn giản hóa", "2023-Q2"),
    S("II.2.b", VP, "lead", "tổng hợp, trình Chủ tịch Ủy ban nhân dân tỉnh thông qua phương án đơn giản hóa", "2023-Q3"),
    S("II.3.a", "Trung tâm Phục vụ hành chính công tỉnh", "lead", "bảo đảm Hệ thống thông tin giải quyết TTHC của tỉnh vận hành thông suốt", "2023-H2"),
    S("II.3.a", "Sở Thông tin và Truyền thông", "support", "bảo đảm Hệ thống thông tin giải quyết TTHC của tỉnh vận hành thông suốt"),
    S("II.3.a", "Viễn thông Ninh Thuận", "support", "bảo đảm Hệ thống thông tin giải quyết TTHC của tỉnh vận hành thông suốt"),
    S("II.3.b", UBH, "lead", "thực hiện số hóa hồ sơ, kết quả giải quyết TTHC", "2023-07-01"),
    S("II.3.b", UBX, "lead", "thực hiện số hóa hồ sơ, kết quả giải quyết TTHC", "2023-07-01"),
    S("II.4.a", SBN, "lead", "báo cáo tình hình, kết quả thực hiện Kế hoạch này", "P3M,P6M,P1Y"),
    S("II.4.a", UBH, "lead", "báo cáo tình hình, kết quả thực hiện Kế hoạch này", "P3M,P6M,P1Y"),
    S("II.4.a", VP, "lead", "gửi Văn phòng Ủy ban nhân dân tỉnh để tổng hợp"),  # post-run fix: same convention as shared gold 001 IV.1.d
    S("II.4.b", VP, "lead", "tổng hợp, báo cáo Văn phòng Chính phủ và Ủy ban nhân dân tỉnh", "P1M"),
    S("III.1", VP, "lead", "hướng dẫn, theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này", "2023-07-15"),
    S("III.2", "Sở Tài chính", "lead", "tham mưu bố trí kinh phí thực hiện Kế hoạch này"),
    S("III.2", VP, "support", "tham mưu bố trí kinh phí thực hiện Kế hoạch này"),
    S("III.3", "Sở Nội vụ", "lead", "đưa kết quả thực hiện nhiệm vụ kiểm soát TTHC vào tiêu chí đánh giá, xếp loại thi đua, khen thưởng hằng năm", "P1Y"),
    S("III.4", "Sở Thông tin và Truyền thông", "lead", "xây dựng chuyên mục tuyên truyền về cải cách TTHC", "2023-H1"),
    S("III.4", "Báo Ninh Thuận", "support", "xây dựng chuyên mục tuyên truyền về cải cách TTHC"),
    S("III.4", "Đài Phát thanh và Truyền hình Ninh Thuận", "support", "xây dựng chuyên mục tuyên truyền về cải cách TTHC"),
    S("III.5", TTS, "lead", "chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả thực hiện Kế hoạch này"),
    S("III.5", CTH, "lead", "chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả thực hiện Kế hoạch này"),
    S("III", "các cơ quan, đơn vị", "lead", "phản ánh về Văn phòng Ủy ban nhân dân tỉnh"),
    S("III", VP, "lead", "tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh xem xét, chỉ đạo"),
]
TARGETS = [
    T("100% TTHC thuộc thẩm quyền giải quyết của các cấp chính quyền trên địa bàn tỉnh được công bố, công khai đầy đủ, kịp thời", "target", "=", 100, "%"),
    T("tỷ lệ hồ sơ TTHC được giải quyết đúng hạn đạt từ 98% trở lên", "target", ">=", 98, "%"),
    T("tỷ lệ hồ sơ trễ hạn không quá 2% trên tổng số hồ sơ tiếp nhận", "target", "<=", 2, "%"),
    T("thời gian trình công bố không quá 05 ngày", "target", "<=", 5, "ngày"),
    T("ít nhất 03 TTHC có chi phí tuân thủ lớn", "target", ">=", 3, "count"),
    T("tỷ lệ hồ sơ trực tuyến toàn trình đạt trên 50%", "target", ">", 50, "%", 2023),
    T("100% hồ sơ tiếp nhận từ ngày 01/7/2023 được số hóa theo quy định", "target", "=", 100, "%", 2023),
]
