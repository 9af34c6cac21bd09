from _g import R, D, A, S, T
DA = "Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn đến năm 2030"
HEADER = {"number": None, "type": "Tin bài", "issuer": None, "issued_date": "2023-07-14",
          "title": "Bến Tre: Sơ kết 6 tháng thực hiện Đề án 06, đặt mục tiêu 80% hồ sơ được số hóa"}
REFERENCES = [
    R("Đề án 06", DA, "Đề án"),   # title
    R("Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030 (Đề án 06)", DA, "Đề án"),
    R("Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ", "06/QĐ-TTg", "Quyết định", "2022-01-06", "Thủ tướng Chính phủ"),
    R("các chỉ tiêu của Đề án 06", DA, "Đề án"),
]
DEADLINES = [
    D("trong năm 2023", "by", "2023"),
    D("đến cuối năm 2023", "by", "2023"),
    D("hoàn thành trong quý III/2023", "within", "2023-Q3"),
    D("trước ngày 31/8/2023", "by", "2023-08-31"),
    D("định kỳ hằng tháng", "recurring", "P1M"),
    D("định kỳ hằng quý", "recurring", "P3M"),
]
UBH = "Ủy ban nhân dân các huyện, thành phố"
AGENCIES = [
    A("Ủy ban nhân dân tỉnh", ["UBND tỉnh Bến Tre"]),
    A("Phó Chủ tịch Ủy ban nhân dân tỉnh", ["Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch"]),
    A("Công an tỉnh"),
    A("Tổ công tác triển khai Đề án 06 của tỉnh", ["Tổ công tác Đề án 06 của tỉnh"]),
    A("Sở Thông tin và Truyền thông"),
    A("Tỉnh đoàn"),
    A("các sở, ngành, địa phương", [], True),
    A("Sở Y tế"),
    A("các cơ sở khám chữa bệnh", [], True),
    A(UBH, ["UBND các huyện, thành phố"], True),
    A("Văn phòng Ủy ban nhân dân tỉnh", ["Văn phòng UBND tỉnh"]),
]
ASSIGNMENTS = [
    S("", "các sở, ngành, địa phương", "lead", "tập trung hoàn thành các chỉ tiêu của Đề án 06", "2023"),
    S("", "Công an tỉnh", "lead", "rà soát, làm sạch dữ liệu dân cư", "2023-Q3"),
    S("", "Sở Thông tin và Truyền thông", "support", "rà soát, làm sạch dữ liệu dân cư"),
    S("", "Sở Y tế", "lead", "chỉ đạo các cơ sở khám chữa bệnh hoàn thành kết nối với Cơ sở dữ liệu quốc gia về dân cư", "2023-08-31"),
    S("", "các cơ sở khám chữa bệnh", "lead", "hoàn thành kết nối với Cơ sở dữ liệu quốc gia về dân cư", "2023-08-31"),
    S("", UBH, "lead", "báo cáo tiến độ về Tổ công tác Đề án 06 của tỉnh", "P1M"),
    S("", "Văn phòng Ủy ban nhân dân tỉnh", "lead", "tổ chức lấy ý kiến đánh giá của người dân về chất lượng giải quyết thủ tục hành chính", "P3M"),
]
TARGETS = [
    T("80% hồ sơ được số hóa", "target", "=", 80, "%"),
    T("toàn tỉnh đã thu nhận 1.012.458 hồ sơ cấp căn cước công dân gắn chip", "baseline", "=", 1012458, "count", 2023),
    T("đạt 98,7% số công dân thuộc diện cấp", "baseline", "=", 98.7, "%", 2023),
    T("kích hoạt 412.300 tài khoản định danh điện tử", "baseline", "=", 412300, "count", 2023),
    T("Tỷ lệ hồ sơ thủ tục hành chính được số hóa tại cấp tỉnh đạt 72,4%", "baseline", "=", 72.4, "%"),
    T("cấp huyện đạt 65%", "baseline", "=", 65, "%"),
    T("cấp xã mới đạt 41,2%", "baseline", "=", 41.2, "%"),
    T("80% hồ sơ thủ tục hành chính được số hóa", "target", "=", 80, "%", 2023),
    T("100% cơ sở khám chữa bệnh triển khai sử dụng căn cước công dân gắn chip thay thẻ bảo hiểm y tế", "target", "=", 100, "%", 2023),
]
