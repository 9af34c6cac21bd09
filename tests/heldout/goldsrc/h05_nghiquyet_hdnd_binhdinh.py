from _g import R, D, A, S, T
SELF = "28/2023/NQ-HĐND"
HEADER = {"number": SELF, "type": "Nghị quyết", "issuer": "Hội đồng nhân dân tỉnh Bình Định",
          "issued_date": "2023-12-08",
          "title": "Về phát triển chính quyền số tỉnh Bình Định giai đoạn 2024 - 2025, định hướng đến năm 2030"}
REFERENCES = [
    R("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Luật Tổ chức chính quyền địa phương", "Luật", "2015-06-19"),
    R("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
      "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương", "Luật", "2019-11-22"),
    R("Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015", "Luật Ban hành văn bản quy phạm pháp luật", "Luật", "2015-06-22"),
    R("Nghị quyết số 52-NQ/TW ngày 27 tháng 9 năm 2019 của Bộ Chính trị", "52-NQ/TW", "Nghị quyết", "2019-09-27", "Bộ Chính trị"),
    R("Quyết định số 942/QĐ-TTg ngày 15 tháng 6 năm 2021 của Thủ tướng Chính phủ", "942/QĐ-TTg", "Quyết định", "2021-06-15", "Thủ tướng Chính phủ"),
    R("Tờ trình số 182/TTr-UBND ngày 20 tháng 11 năm 2023 của Ủy ban nhân dân tỉnh", "182/TTr-UBND", "Tờ trình", "2023-11-20", "Ủy ban nhân dân tỉnh"),
    R("Báo cáo thẩm tra số 71/BC-VHXH ngày 01 tháng 12 năm 2023 của Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh", "71/BC-VHXH", "Báo cáo",
      "2023-12-01", "Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh"),
    R("Nghị quyết số 52-NQ/TW của Bộ Chính trị", "52-NQ/TW", "Nghị quyết", None, "Bộ Chính trị"),
    R("Nghị quyết nói trên", "52-NQ/TW", "Nghị quyết", anaphor=True),
    R("Nghị quyết này", SELF, "Nghị quyết", anaphor=True),
    R("Nghị quyết này", SELF, "Nghị quyết", anaphor=True),
    R("Nghị quyết này", SELF, "Nghị quyết", anaphor=True),
    R("Nghị quyết này", SELF, "Nghị quyết", anaphor=True),
]
DEADLINES = [
    D("giai đoạn 2024 - 2025", "period", "2024/2025"),   # title
    D("đến năm 2030", "by", "2030"),                    # title
    D("giai đoạn 2024 - 2025", "period", "2024/2025"),   # Điều 1
    D("đến năm 2030", "by", "2030"),                    # Điều 1
    D("đến năm 2025", "by", "2025"),                    # heading 1
    D("đến năm 2030", "by", "2030"),                    # heading 2
    D("giai đoạn 2024 - 2025", "period", "2024/2025"),   # kinh phí
    D("hằng năm", "recurring", "P1Y"),
]
AGENCIES = [
    A("Ủy ban nhân dân tỉnh"),
    A("đại biểu Hội đồng nhân dân tỉnh", [], True),
    A("Hội đồng nhân dân tỉnh", ["Hội đồng nhân dân tỉnh Bình Định"]),
    A("Thường trực Hội đồng nhân dân tỉnh"),
    A("các Ban của Hội đồng nhân dân tỉnh", [], True),
    A("các Tổ đại biểu", [], True),
    A("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    A("các tổ chức chính trị - xã hội", [], True),
]
G = "giám sát việc thực hiện Nghị quyết này"
ASSIGNMENTS = [
    S("Điều 2.1", "Ủy ban nhân dân tỉnh", "lead", "tổ chức triển khai thực hiện Nghị quyết này; hằng năm báo cáo kết quả thực hiện tại kỳ họp cuối năm của Hội đồng nhân dân tỉnh", "P1Y"),
    S("Điều 2.2", "Thường trực Hội đồng nhân dân tỉnh", "lead", G),
    S("Điều 2.2", "các Ban của Hội đồng nhân dân tỉnh", "lead", G),
    S("Điều 2.2", "các Tổ đại biểu", "lead", G),
    S("Điều 2.2", "đại biểu Hội đồng nhân dân tỉnh", "lead", G),
    S("Điều 2.3", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "support", "phối hợp giám sát, tuyên truyền, vận động Nhân dân cùng thực hiện Nghị quyết này"),
    S("Điều 2.3", "các tổ chức chính trị - xã hội", "support", "phối hợp giám sát, tuyên truyền, vận động Nhân dân cùng thực hiện Nghị quyết này"),
]
TARGETS = [
    T("100% hồ sơ công việc tại cấp tỉnh", "target", "=", 100, "%", 2025),
    T("90% hồ sơ công việc tại cấp huyện", "target", "=", 90, "%", 2025),
    T("70% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng", "target", "=", 70, "%", 2025),
    T("Tỷ lệ dịch vụ công trực tuyến toàn trình đạt tối thiểu 80% trên tổng số thủ tục hành chính có đủ điều kiện", "target", ">=", 80, "%", 2025),
    T("tỷ lệ hồ sơ giải quyết trực tuyến đạt trên 50%", "target", ">", 50, "%", 2025),
    T("Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%", "target", "=", 100, "%", 2025),
    T("năm 2022 đạt 46,7%", "baseline", "=", 46.7, "%", 2022),
    T("100% dịch vụ công trực tuyến toàn trình được cung cấp trên nhiều phương tiện truy cập khác nhau", "target", "=", 100, "%", 2030),
    T("Kinh tế số chiếm trên 20% GRDP của tỉnh", "target", ">", 20, "%", 2030),
    T("Tổng kinh phí dự kiến giai đoạn 2024 - 2025 khoảng 350 tỷ đồng", "target", "=", 350, "tỷ đồng"),
]
