from _g import R, D, A, S, T
SELF = "1875/STP-QLXLVPHC&TDTHPL"
HEADER = {"number": SELF, "type": "Công văn", "issuer": "Sở Tư pháp tỉnh Lâm Đồng",
          "issued_date": "2023-10-06",
          "title": "V/v báo cáo công tác theo dõi tình hình thi hành pháp luật năm 2023"}
REFERENCES = [
    R("Nghị định số 59/2012/NĐ-CP ngày 23/7/2012 của Chính phủ", "59/2012/NĐ-CP", "Nghị định", "2012-07-23", "Chính phủ"),
    R("Nghị định số 32/2020/NĐ-CP ngày 05/3/2020", "32/2020/NĐ-CP", "Nghị định", "2020-03-05"),
    R("Thông tư số 14/2014/TT-BTP ngày 15/5/2014 của Bộ Tư pháp", "14/2014/TT-BTP", "Thông tư", "2014-05-15", "Bộ Tư pháp"),
    R("Nghị định số 59/2012/NĐ-CP", "59/2012/NĐ-CP", "Nghị định"),
    R("Kế hoạch số 912/KH-UBND ngày 15/02/2023 của UBND tỉnh", "912/KH-UBND", "Kế hoạch", "2023-02-15", "Ủy ban nhân dân tỉnh"),
    R("Công văn số 3480/BTP-QLXLVPHC&TDTHPL ngày 12/9/2023 của Bộ Tư pháp", "3480/BTP-QLXLVPHC&TDTHPL", "Công văn", "2023-09-12", "Bộ Tư pháp"),
    R("Công văn này", SELF, "Công văn", anaphor=True),
    R("Kế hoạch số 912/KH-UBND", "912/KH-UBND", "Kế hoạch"),
]
DEADLINES = [
    D("trước ngày 10/11/2023", "by", "2023-11-10"),
    D("trước ngày 20/11/2023", "by", "2023-11-20"),
    D("định kỳ 6 tháng (trước ngày 15/6)", "recurring", "P6M"),
]
CQ = "các cơ quan, đơn vị, địa phương"
UBH = "Ủy ban nhân dân các huyện, thành phố"
AGENCIES = [
    A("Các sở, ban, ngành thuộc tỉnh", [], True),
    A(UBH, ["Ủy ban nhân dân các huyện, thành phố Đà Lạt, Bảo Lộc"], True),
    A("Sở Tư pháp"),
    A(CQ, [], True),
    A("Sở Tài nguyên và Môi trường"),
    A("Sở Lao động - Thương binh và Xã hội"),
    A("Sở Y tế"),
    A("Phòng Tư pháp"),
    A("Ủy ban nhân dân thành phố Đà Lạt"),
    A("các phòng, ban chuyên môn", [], True),
    A("Ủy ban nhân dân tỉnh"),
    A("Bộ Tư pháp"),
    A("Phòng Quản lý xử lý vi phạm hành chính và Theo dõi thi hành pháp luật"),
]
RPT = "báo cáo riêng kết quả theo dõi thi hành pháp luật trong lĩnh vực được giao, gửi Sở Tư pháp"
ASSIGNMENTS = [
    S("1", CQ, "lead", "Xây dựng báo cáo công tác theo dõi tình hình thi hành pháp luật năm 2023"),
    S("2", "Sở Tài nguyên và Môi trường", "lead", RPT, "2023-11-10"),
    S("2", "Sở Lao động - Thương binh và Xã hội", "lead", RPT, "2023-11-10"),
    S("2", "Sở Y tế", "lead", RPT, "2023-11-10"),
    S("3", UBH, "lead", "chỉ đạo Phòng Tư pháp chủ trì"),
    S("3", "Phòng Tư pháp", "lead", "tổng hợp tình hình thi hành pháp luật trên địa bàn"),
    S("3", "các phòng, ban chuyên môn", "support", "tổng hợp tình hình thi hành pháp luật trên địa bàn"),
    S("3", "Ủy ban nhân dân thành phố Đà Lạt", "lead", "báo cáo bổ sung kết quả theo dõi chuyên đề về xử lý vi phạm hành chính trong lĩnh vực xây dựng"),
    S("4", CQ, "lead", "gửi báo cáo (kèm file điện tử định dạng .doc) về Sở Tư pháp", "2023-11-20"),
    S("4", "Sở Tư pháp", "lead", "tổng hợp, tham mưu Ủy ban nhân dân tỉnh báo cáo Bộ Tư pháp theo quy định"),
    S("5", CQ, "lead", "thực hiện chế độ báo cáo định kỳ 6 tháng (trước ngày 15/6) và báo cáo đột xuất khi có yêu cầu", "P6M"),
    S("", CQ, "support", "quan tâm, phối hợp thực hiện"),
]
TARGETS = [
    T("15/18 cơ quan, địa phương gửi báo cáo đúng hạn", "baseline", "=", 15, "count", 2022, total=18),
    T("15/18 cơ quan, địa phương gửi báo cáo đúng hạn, đạt 83,3%", "baseline", "=", 83.3, "%", 2022),
    T("100% xã, phường, thị trấn có báo cáo", "target", "=", 100, "%"),
]
