from _g import R, D, A, S, T
SELF = "187/BC-UBND"
HEADER = {"number": SELF, "type": "Báo cáo", "issuer": "Ủy ban nhân dân huyện Châu Thành",
          "issued_date": "2023-06-15",
          "title": "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2023 và phương hướng, nhiệm vụ 6 tháng cuối năm 2023"}
REFERENCES = [
    R("Công văn số 1458/SNV-CCHC ngày 25/5/2023 của Sở Nội vụ tỉnh Tiền Giang", "1458/SNV-CCHC", "Công văn", "2023-05-25", "Sở Nội vụ tỉnh Tiền Giang"),
    R("Kế hoạch số 12/KH-UBND ngày 16/01/2023", "12/KH-UBND", "Kế hoạch", "2023-01-16", "Ủy ban nhân dân huyện"),
    R("Kế hoạch nói trên", "12/KH-UBND", "Kế hoạch", anaphor=True),
    R("Quyết định số 25/2022/QĐ-UBND ngày 05/8/2022 của UBND tỉnh", "25/2022/QĐ-UBND", "Quyết định", "2022-08-05", "Ủy ban nhân dân tỉnh"),
    R("Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ", "107/2021/NĐ-CP", "Nghị định", "2021-12-06", "Chính phủ"),
]
DEADLINES = [
    D("6 tháng cuối năm 2023", "within", "2023-H2"),   # title
    D("6 THÁNG CUỐI NĂM 2023", "within", "2023-H2"),   # heading II
    D("trước ngày 31/12/2023", "by", "2023-12-31"),
    D("trong quý III/2023", "within", "2023-Q3"),
    D("trước ngày 18 hằng tháng", "recurring", "P1M"),
    D("trong tháng 7/2023", "within", "2023-07"),
    D("định kỳ hằng quý", "recurring", "P3M"),
    D("trong năm 2023", "by", "2023"),
    D("6 tháng cuối năm 2023", "within", "2023-H2"),   # closing sentence
]
VP = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"
AGENCIES = [
    A("Ủy ban nhân dân huyện", ["UBND huyện", "Ủy ban nhân dân huyện Châu Thành"]),
    A("Sở Nội vụ", ["Sở Nội vụ tỉnh Tiền Giang"]),
    A("Bộ phận Một cửa của huyện", ["Bộ phận Một cửa cấp huyện"]),
    A("Phòng Nội vụ"),
    A(VP, ["Văn phòng HĐND và UBND huyện"]),
    A("Ủy ban nhân dân các xã, thị trấn", ["UBND các xã, thị trấn"], True),
    A("Phòng Văn hóa và Thông tin"),
    A("Sở Thông tin và Truyền thông"),
]
ASSIGNMENTS = [
    S("II.2", "Phòng Nội vụ", "lead", "kiểm tra công tác cải cách hành chính tại ít nhất 08 xã, thị trấn", "2023-Q3"),
    S("II.2", VP, "support", "kiểm tra công tác cải cách hành chính tại ít nhất 08 xã, thị trấn"),
    S("II.3", VP, "lead", "duy trì hoạt động của Bộ phận Một cửa theo đúng quy định", "P1M"),
    S("II.4", "Ủy ban nhân dân các xã, thị trấn", "lead", "rà soát, niêm yết công khai thủ tục hành chính tại trụ sở", "2023-07"),
    S("II.5", "Phòng Văn hóa và Thông tin", "lead", "đẩy mạnh tuyên truyền về cải cách hành chính trên hệ thống truyền thanh cơ sở", "P3M"),
    S("III", "Sở Nội vụ", "lead", "tổ chức tập huấn nghiệp vụ cải cách hành chính cho công chức cấp xã", "2023"),
    S("III", "Sở Thông tin và Truyền thông", "lead", "hỗ trợ nâng cấp đường truyền cho Bộ phận Một cửa cấp xã"),
]
TARGETS = [
    T("đã hoàn thành 18/35 nhiệm vụ đề ra", "baseline", "=", 18, "count", total=35),
    T("đã hoàn thành 18/35 nhiệm vụ đề ra, đạt 51,4%", "baseline", "=", 51.4, "%"),
    T("Bộ phận Một cửa của huyện tiếp nhận 12.845 hồ sơ", "baseline", "=", 12845, "count"),
    T("đã giải quyết 12.610 hồ sơ", "baseline", "=", 12610, "count"),
    T("giải quyết đúng hạn 12.488 hồ sơ", "baseline", "=", 12488, "count"),
    T("giải quyết đúng hạn 12.488 hồ sơ, đạt 99,03%", "baseline", "=", 99.03, "%"),
    T("trễ hạn 122 hồ sơ", "baseline", "=", 122, "count"),
    T("Tỷ lệ hồ sơ nộp trực tuyến đạt 62,5%", "baseline", "=", 62.5, "%"),
    T("tăng 12,3% so với cùng kỳ năm 2022", "baseline", "=", 12.3, "%"),
    T("Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính năm 2022 của huyện đạt 85,5%", "baseline", "=", 85.5, "%", 2022),
    T("100% hồ sơ tiếp nhận tại Bộ phận Một cửa cấp huyện được số hóa", "baseline", "=", 100, "%"),
    T("cấp xã đạt 78,6%", "baseline", "=", 78.6, "%"),
    T("03/22 xã, thị trấn chưa bố trí đủ trang thiết bị cho Bộ phận Một cửa", "baseline", "=", 3, "count", total=22),
    T("tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 99%", "target", ">", 99, "%", 2023),
    T("tỷ lệ số hóa hồ sơ tại cấp xã đạt từ 90% trở lên", "target", ">=", 90, "%", 2023),
    T("ít nhất 08 xã, thị trấn", "target", ">=", 8, "count", 2023),
]
