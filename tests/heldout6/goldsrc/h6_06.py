from common import *

SELF = "1136/QĐ-UBND"
BCD = "Ban Chỉ đạo thực hiện các Chương trình mục tiêu quốc gia tỉnh Phú Yên giai đoạn 2016 - 2020"
NTM = "Chương trình mục tiêu quốc gia xây dựng nông thôn mới"
GN = "Chương trình mục tiêu quốc gia giảm nghèo bền vững"
SNN = "Sở Nông nghiệp và Phát triển nông thôn"
SLD = "Sở Lao động - Thương binh và Xã hội"
THI = "chịu trách nhiệm thi hành Quyết định này"
write("h6_06_tinh_qd_kientoan_bcd",
 {"number": SELF, "type": "Quyết định", "issuer": "Ủy ban nhân dân tỉnh Phú Yên", "issued_date": "2019-07-30",
  "title": "Về việc kiện toàn " + BCD},
 [R("Luật Tổ chức chính quyền địa phương ngày 19/6/2015", "Luật Tổ chức chính quyền địa phương", "Luật", "2015-06-19"),
  R("Quyết định số 41/2016/QĐ-TTg ngày 10/10/2016 của Thủ tướng Chính phủ", "41/2016/QĐ-TTg", "Quyết định", "2016-10-10", "Thủ tướng Chính phủ"),
  R("Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ", "1600/QĐ-TTg", "Quyết định", "2016-08-16", "Thủ tướng Chính phủ"),
  R("Quyết định số 1722/QĐ-TTg ngày 02/9/2016 của Thủ tướng Chính phủ", "1722/QĐ-TTg", "Quyết định", "2016-09-02", "Thủ tướng Chính phủ"),
  R("Tờ trình số 215/TTr-SNN ngày 19/7/2019", "215/TTr-SNN", "Tờ trình", "2019-07-19", SNN),
  AN("Quyết định này", SELF, "Quyết định"),
  R(NTM, NTM + " giai đoạn 2016-2020", "Chương trình"),
  R(NTM, NTM + " giai đoạn 2016-2020", "Chương trình"),
  R(GN, GN + " giai đoạn 2016-2020", "Chương trình"),
  AN("Quyết định này", SELF, "Quyết định"),
  R("Quyết định số 2460/QĐ-UBND ngày 12/12/2016 của Chủ tịch UBND tỉnh", "2460/QĐ-UBND", "Quyết định", "2016-12-12", "Chủ tịch Ủy ban nhân dân tỉnh"),
  AN("Quyết định này", SELF, "Quyết định")],
 [D("kế hoạch thực hiện hằng năm", "recurring", "P1Y"),
  D("định kỳ 6 tháng, hằng năm", "recurring", "P6M,P1Y"),
  D("đến năm 2020", "by", "2020"),
  D("trong thời hạn 15 ngày kể từ ngày ký Quyết định này", "by", "P15D"),
  D("định kỳ hằng quý", "recurring", "P3M"),
  D("trong quý IV năm 2020", "within", "2020-Q4"),
  D("dự toán ngân sách hằng năm", "recurring", "P1Y")],
 [A(BCD, ["Ban Chỉ đạo"]),
  A("Ủy ban nhân dân tỉnh"),
  A("Ban Chỉ đạo Trung ương"),
  A("các sở, ngành, địa phương", ["các sở, ngành và địa phương"], True),
  A("Trưởng ban"),
  A("Phó Trưởng ban Thường trực"),
  A(SNN, ["Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Phát triển nông thôn"]),
  A(SLD, ["Giám đốc Sở Lao động - Thương binh và Xã hội", "Lao động - Thương binh và Xã hội"]),
  A("Các thành viên Ban Chỉ đạo", [], True),
  A("Văn phòng Điều phối nông thôn mới tỉnh"),
  A("Sở Tài chính"),
  A("Sở Kế hoạch và Đầu tư", ["Kế hoạch và Đầu tư"]),
  A("Văn phòng Ủy ban nhân dân tỉnh", ["Chánh Văn phòng UBND tỉnh"]),
  A("Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố", ["Chủ tịch UBND các huyện, thị xã, thành phố"], True),
  A("các ông (bà) có tên tại Điều 1", [], True)],
 [S("Điều 2.1", BCD, "lead", "Giúp Ủy ban nhân dân tỉnh chỉ đạo, điều hành, phối hợp giữa các sở, ngành và địa phương trong tổ chức thực hiện các Chương trình mục tiêu quốc gia trên địa bàn tỉnh"),
  S("Điều 2.2", BCD, "lead", "Chỉ đạo xây dựng kế hoạch thực hiện hằng năm; kiểm tra, giám sát, định kỳ 6 tháng, hằng năm đánh giá kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh và Ban Chỉ đạo Trung ương", "P1Y"),
  S("Điều 2.3", BCD, "lead", "Chỉ đạo các sở, ngành, địa phương phấn đấu đến năm 2020 có ít nhất 50/88 xã đạt chuẩn nông thôn mới", "2020"),
  S("Điều 2.3", "các sở, ngành, địa phương", "lead", "phấn đấu đến năm 2020 có ít nhất 50/88 xã đạt chuẩn nông thôn mới", "2020"),
  S("Điều 3.1", "Trưởng ban", "lead", "ban hành Quy chế hoạt động của Ban Chỉ đạo trong thời hạn 15 ngày kể từ ngày ký Quyết định này", "P15D"),
  S("Điều 3.2", "Phó Trưởng ban Thường trực", "lead", "giúp Trưởng ban điều hành công việc chung khi Trưởng ban vắng mặt; trực tiếp chỉ đạo Chương trình mục tiêu quốc gia xây dựng nông thôn mới"),
  S("Điều 3.3", SNN, "lead", "tham mưu Ban Chỉ đạo tổng hợp, báo cáo định kỳ hằng quý", "P3M"),
  S("Điều 3.3", SLD, "lead", "tham mưu Ban Chỉ đạo tổng hợp, báo cáo định kỳ hằng quý", "P3M"),
  S("Điều 3.4", "Các thành viên Ban Chỉ đạo", "lead", "theo dõi, chỉ đạo thực hiện các nhiệm vụ thuộc lĩnh vực được phân công; tham dự đầy đủ các cuộc họp của Ban Chỉ đạo"),
  S("Điều 3.5", "Văn phòng Điều phối nông thôn mới tỉnh", "lead", "chuẩn bị nội dung, tài liệu các cuộc họp và theo dõi việc thực hiện kết luận của Trưởng ban"),
  S("Điều 3.6", "Sở Tài chính", "lead", "bố trí kinh phí hoạt động của Ban Chỉ đạo trong dự toán ngân sách hằng năm", "P1Y")]
 + [S("Điều 4", a, "lead", THI) for a in
    ["Văn phòng Ủy ban nhân dân tỉnh", SNN, SLD, "Sở Kế hoạch và Đầu tư", "Sở Tài chính",
     "Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố", "các ông (bà) có tên tại Điều 1"]],
 [T("ít nhất 50/88 xã đạt chuẩn nông thôn mới", "target", ">=", 50, "count", 2020, total=88),
  T("đến tháng 6/2019 mới có 39 xã", "baseline", "=", 39, "count", 2019),
  T("tỷ lệ hộ nghèo giảm bình quân 1,5%/năm", "target", "=", 1.5, "%", 2020)])
