"""Deadlines extractor: small sentences written in the grammar of Vietnamese
administrative documents (not copied from the corpus)."""
from __future__ import annotations


import pytest

from vanban.extractors import deadlines
from vanban.extractors.deadlines import parse
from vanban.pipeline.document import Document
from vanban.pipeline.segment import segment
from vanban.schema import Header, Reference


def kv(text: str, issued: str | None = "2020-03-10") -> list[tuple[str, str]]:
    return [(d.kind, d.value) for d in parse(text, issued)]


def one(text: str, issued: str | None = "2020-03-10"):
    out = parse(text, issued)
    assert len(out) == 1, [(d.kind, d.value, d.text) for d in out]
    return out[0]


# ----------------------------------------------------------------- by: dates


@pytest.mark.parametrize("sentence, written", [
    ("Sở Tài chính báo cáo kết quả trước 30/11/2020.", "trước 30/11/2020"),
    ("Các huyện gửi báo cáo chậm nhất ngày 30/11/2020 để tổng hợp.", "chậm nhất ngày 30/11/2020"),
    ("Hoàn thành việc rà soát trước ngày 30/11/2020.", "trước ngày 30/11/2020"),
    ("Gửi về Sở Nội vụ chậm nhất là ngày 30-11-2020.", "chậm nhất là ngày 30-11-2020"),
    ("Nộp hồ sơ trước ngày 30 tháng 11 năm 2020.", "trước ngày 30 tháng 11 năm 2020"),
    ("Thời hạn nộp: trước ngày 30.11.2020.", "trước ngày 30.11.2020"),
])
def test_by_full_date(sentence, written):
    d = one(sentence)
    assert (d.kind, d.value, d.text) == ("by", "2020-11-30", written)


def test_long_form_date_with_cue():
    d = one("Tổ chức hội nghị sơ kết vào ngày 10 tháng 9 năm 2020 tại Hội trường tỉnh.")
    assert (d.kind, d.value) == ("by", "2020-09-10")
    assert d.text == "vào ngày 10 tháng 9 năm 2020"


def test_span_points_into_text():
    text = "Đề nghị các đơn vị báo cáo  trước   ngày 05/6/2020 về Sở Nội vụ."
    d = one(text)
    assert text[d.span[0]:d.span[1]] == d.text
    assert d.value == "2020-06-05"


# ----------------------------------------------------------------- years inferred


def test_year_from_issue_date():
    assert kv("Báo cáo kết quả về UBND tỉnh trước ngày 15/12.", "2020-03-10") == [("by", "2020-12-15")]


def test_year_rolls_over_when_the_day_has_passed():
    assert kv("Gửi báo cáo trước ngày 15/01 để tổng hợp.", "2020-03-10") == [("by", "2021-01-15")]


def test_partial_long_form():
    assert kv("Hoàn thành trước ngày 20 tháng 10.", "2019-05-02") == [("by", "2019-10-20")]


def test_no_year_and_no_issue_date_gives_nothing():
    assert kv("Gửi báo cáo trước ngày 15/12.", None) == []


def test_quarter_without_year_uses_issue_year():
    assert kv("Trong quý III, Sở Nội vụ tổ chức kiểm tra.", "2021-01-04") == [("within", "2021-Q3")]


def test_issue_date_from_dateline_when_header_is_empty():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH ABC\n\nSố: 12/KH-UBND\n\nABC, ngày 02 tháng 3 năm 2018\n\n"
            "KẾ HOẠCH\nVề việc kiểm tra công vụ\n\n"
            "1. Các sở gửi báo cáo về Sở Nội vụ trước ngày 15/11.\n")
    doc = Document(doc_id="t", text=text, segments=segment(text))
    assert [(d.kind, d.value) for d in deadlines.extract(doc)] == [("by", "2018-11-15")]


# ----------------------------------------------------------------- within


@pytest.mark.parametrize("sentence, value", [
    ("Trong quý III/2020, hoàn thiện đề án vị trí việc làm.", "2020-Q3"),
    ("Tổ chức tập huấn trong quý IV/2021.", "2021-Q4"),
    ("Triển khai phần mềm trong quý 3 năm 2020.", "2020-Q3"),
    ("Sơ kết việc thực hiện vào quý II năm 2022.", "2022-Q2"),
    ("Thời gian thực hiện: Quý I/2023.", "2023-Q1"),
])
def test_quarters_roman_and_arabic(sentence, value):
    assert kv(sentence) == [("within", value)]


@pytest.mark.parametrize("sentence, value", [
    ("Hoàn thiện cơ sở dữ liệu trong 6 tháng đầu năm 2021.", "2021-H1"),
    ("Tổ chức đối thoại 06 tháng cuối năm 2021.", "2021-H2"),
    ("Kiểm tra việc thực hiện trong sáu tháng đầu năm 2019.", "2019-H1"),
])
def test_half_years(sentence, value):
    assert kv(sentence, "2019-01-05") == [("within", value)]


def test_half_year_without_year():
    assert kv("Báo cáo sơ kết 6 tháng cuối năm gửi Sở Nội vụ.", "2022-02-01") == [("within", "2022-H2")]


@pytest.mark.parametrize("sentence, value", [
    ("Tổ chức hội nghị tổng kết trong tháng 12/2019.", "2019-12"),
    ("Ban hành quy chế trong tháng 12 năm 2019.", "2019-12"),
    ("Thời gian: tháng 6-2020.", "2020-06"),
])
def test_months(sentence, value):
    assert kv(sentence, "2019-01-05") == [("within", value)]


def test_month_without_year_needs_a_cue():
    assert kv("Khai giảng lớp bồi dưỡng trong tháng 9.", "2020-03-10") == [("within", "2020-09")]
    assert kv("Lương tháng 9 được chi trả đầy đủ.", "2020-03-10") == []


# ----------------------------------------------------------------- by: years


@pytest.mark.parametrize("sentence, written", [
    ("Đến năm 2025, 100% hồ sơ được giải quyết trực tuyến.", "Đến năm 2025"),
    ("Đến 2025, các xã đều có bộ phận một cửa hiện đại.", "Đến 2025"),
    ("Đạt mức trên 90% vào năm 2025.", "vào năm 2025"),
    ("II. MỤC TIÊU ĐẾN NĂM 2025", "ĐẾN NĂM 2025"),
    ("Hoàn thành việc sắp xếp trong năm 2025.", "trong năm 2025"),
    ("Hoàn thành số hóa hồ sơ chậm nhất trong năm 2025.", "chậm nhất trong năm 2025"),
])
def test_by_year(sentence, written):
    d = one(sentence)
    assert (d.kind, d.value, d.text) == ("by", "2025", written)


def test_year_as_target_horizon():
    d = one("Phấn đấu năm 2022 có 100% cơ quan áp dụng chữ ký số.")
    assert (d.kind, d.value, d.text) == ("by", "2022", "năm 2022")
    assert kv("Năm 2022, tỷ lệ hồ sơ trực tuyến đạt trên 50%.", "2021-01-05") == [("by", "2022")]


def test_bare_year_without_a_task_is_not_a_deadline():
    assert kv("Tổ chức thi hành Hiến pháp năm 2013 và Luật Đất đai năm 2013.") == []
    assert kv("Năm 2019, tỉnh mới đạt 70,8% số đơn vị tự chủ tài chính.", "2020-01-01") == []


# ----------------------------------------------------------------- from


def test_from_year_and_from_date():
    assert kv("Triển khai mô hình một cửa hiện đại từ năm 2021.") == [("from", "2021")]
    d = one("Áp dụng thống nhất kể từ ngày 01/7/2020.")
    assert (d.kind, d.value, d.text) == ("from", "2020-07-01", "kể từ ngày 01/7/2020")
    assert kv("Bắt đầu từ quý II/2020, các sở báo cáo qua phần mềm.") == [("from", "2020-Q2")]


def test_from_to_dates_is_one_period():
    d = one("Tổ chức kiểm tra từ ngày 01/4/2020 đến ngày 30/4/2020.")
    assert (d.kind, d.value, d.text) == ("period", "2020-04-01/2020-04-30", "từ ngày 01/4/2020 đến ngày 30/4/2020")


def test_month_or_quarter_already_over_moves_to_next_year():
    assert kv("Trong quý I, tổ chức hội nghị triển khai.", "2020-11-02") == [("within", "2021-Q1")]
    assert kv("Khai giảng lớp bồi dưỡng trong tháng 2.", "2020-11-02") == [("within", "2021-02")]


def test_span_already_over_at_signing_describes_the_past():
    assert kv("Trong năm 2019, toàn tỉnh tiếp nhận và giải quyết hồ sơ đúng hạn.", "2020-02-01") == []
    assert kv("Trước ngày 01/7/2019, việc cấp phép do Sở Xây dựng thực hiện.", "2020-02-01") == []
    # a target horizon stays, whatever the date of the text that reports it
    assert kv("Phấn đấu năm 2019 có 100% xã áp dụng ISO.", "2020-02-01") == [("by", "2019")]


def test_from_the_past_until_now_is_not_a_deadline():
    assert kv("So sánh sự thay đổi về biên chế kể từ năm 2001 đến nay.") == []


# ----------------------------------------------------------------- period


@pytest.mark.parametrize("sentence, written", [
    ("Kế hoạch cải cách hành chính giai đoạn 2021-2025 của tỉnh.", "giai đoạn 2021-2025"),
    ("Triển khai các nhiệm vụ giai đoạn 2021 – 2025 trên địa bàn.", "giai đoạn 2021 – 2025"),
    ("Ổn định định mức phân bổ trong thời kỳ 2021-2025.", "thời kỳ 2021-2025"),
    ("Mục tiêu giai đoạn 2021 -2025 là nâng cao chất lượng công vụ.", "giai đoạn 2021 -2025"),
    ("Nhiệm vụ trọng tâm giai đoạn từ năm 2021 đến năm 2025.", "giai đoạn từ năm 2021 đến năm 2025"),
    ("Đào tạo cán bộ giai đoạn năm 2021-2025.", "giai đoạn năm 2021-2025"),
])
def test_periods(sentence, written):
    d = one(sentence, "2020-12-20")
    assert (d.kind, d.value, d.text) == ("period", "2021/2025", written)


@pytest.mark.parametrize("sentence, value, written", [
    ("Tăng cường tuần tra từ ngày 15/01/2023 đến hết ngày 05/02/2023.", "2023-01-15/2023-02-05",
     "từ ngày 15/01/2023 đến hết ngày 05/02/2023"),
    ("Tổ chức ra quân từ ngày 01/6 đến hết ngày 30/6/2020.", "2020-06-01/2020-06-30",
     "từ ngày 01/6 đến hết ngày 30/6/2020"),
    ("Cao điểm tấn công trấn áp tội phạm từ tháng 3/2020 tới hết tháng 5/2020.", "2020-03/2020-05",
     "từ tháng 3/2020 tới hết tháng 5/2020"),
    ("Thực hiện thí điểm từ năm 2021 đến hết năm 2023.", "2021/2023", "từ năm 2021 đến hết năm 2023"),
])
def test_from_to_the_end_of_is_one_period(sentence, value, written):
    # "đến hết" closes the span as "đến" does: one period, not a start and a deadline
    d = one(sentence)
    assert (d.kind, d.value, d.text) == ("period", value, written)


def test_from_to_range_is_a_period():
    assert kv("Thực hiện thí điểm từ năm 2021 đến năm 2023.", "2020-12-20") == [("period", "2021/2023")]


def test_period_of_a_programme_already_running_is_its_name():
    # issued 2014: a period that began in 2011 names the national programme
    assert kv("Tiếp tục thực hiện Chương trình tổng thể cải cách hành chính giai đoạn 2011-2020 trên địa bàn.",
              "2014-05-05") == []
    # ... unless the text itself bounds something by it
    assert kv("Bảo đảm hoàn thành các mục tiêu trong giai đoạn 2011-2020.", "2014-05-05") == [("period", "2011/2020")]
    # the current plan period counts
    assert kv("Xây dựng Kế hoạch giai đoạn 2016-2020 và tổ chức thực hiện.", "2015-12-01") == [("period", "2016/2020")]


# ----------------------------------------------------------------- recurring


@pytest.mark.parametrize("sentence, written, value", [
    ("Định kỳ hằng quý, 6 tháng, hằng năm báo cáo kết quả về Sở Nội vụ.", "Định kỳ hằng quý, 6 tháng, hằng năm",
     "P3M,P6M,P1Y"),
    ("Tổng hợp trong báo cáo định kỳ (06 tháng, năm) gửi UBND tỉnh.", "định kỳ (06 tháng, năm)", "P6M,P1Y"),
    ("Định kỳ 6 tháng tổ chức đối thoại với doanh nghiệp.", "Định kỳ 6 tháng", "P6M"),
    ("Báo cáo định kỳ hàng tháng về tiến độ giải ngân.", "định kỳ hàng tháng", "P1M"),
    ("Kiểm tra định kỳ 02 năm một lần.", "định kỳ 02 năm", "P2Y"),
    ("Báo cáo hằng quý, 6 tháng và hằng năm về kết quả thực hiện.", "hằng quý, 6 tháng và hằng năm", "P3M,P6M,P1Y"),
    ("Định kỳ sáu tháng sơ kết một lần.", "Định kỳ sáu tháng", "P6M"),
])
def test_recurrence_lists(sentence, written, value):
    d = one(sentence)
    assert (d.kind, d.value, d.text) == ("recurring", value, written)


@pytest.mark.parametrize("word, value", [
    ("hàng năm", "P1Y"), ("hằng năm", "P1Y"), ("hàng tháng", "P1M"), ("hằng quý", "P3M"), ("hàng tuần", "P1W"),
    ("mỗi năm", "P1Y"),
])
def test_single_recurrences(word, value):
    d = one(f"Xây dựng kế hoạch đào tạo, bồi dưỡng công chức {word} và trình phê duyệt.")
    assert (d.kind, d.value, d.text) == ("recurring", value, word)


def test_or_ad_hoc_ends_the_list():
    d = one("Định kỳ hằng quý hoặc đột xuất báo cáo Chủ tịch UBND tỉnh.")
    assert (d.text, d.value) == ("Định kỳ hằng quý", "P3M")


def test_bare_periodic_word_is_not_a_deadline():
    assert kv("Tổ chức kiểm tra định kỳ, đột xuất về công tác cải cách hành chính; định kỳ báo cáo theo quy định.") == []
    assert kv("Báo cáo tại cuộc họp thường kỳ của UBND tỉnh.") == []


@pytest.mark.parametrize("sentence, written, value", [
    ("Các xã gửi báo cáo về Ủy ban nhân dân huyện trước ngày 15/6 và 15/12.", "trước ngày 15/6 và 15/12", "P6M"),
    ("Báo cáo sơ kết, tổng kết chậm nhất ngày 20/6 và ngày 20/12 hằng năm.",
     "chậm nhất ngày 20/6 và ngày 20/12 hằng năm", "P6M"),
    ("Gửi số liệu vào ngày 25/3, 25/6, 25/9 và 25/12.", "vào ngày 25/3, 25/6, 25/9 và 25/12", "P3M"),
])
def test_due_days_of_a_year_are_a_cycle(sentence, written, value):
    d = one(sentence)
    assert (d.kind, d.value, d.text) == ("recurring", value, written)


@pytest.mark.parametrize("sentence", [
    "Tổ chức kiểm tra vào ngày 15/6 và 20/7.",  # not evenly spaced over the year
    "Hoàn thành trước ngày 15/6 và 15/12/2020.",  # a year: two deadlines, not a cycle
])
def test_dates_that_are_no_cycle(sentence):
    assert all(d.kind != "recurring" for d in parse(sentence, "2020-03-10"))


def test_daily_life_is_not_a_recurrence():
    assert kv("Phục vụ nhu cầu đời sống hằng ngày của người dân.") == []


def test_monthly_deadline_day_is_recurring():
    # "trước ngày 15 hằng tháng": a deadline that comes back every month → recurring P1M
    d = one("Các xã gửi số liệu về huyện trước ngày 15 hằng tháng.")
    assert (d.kind, d.value, d.text) == ("recurring", "P1M", "trước ngày 15 hằng tháng")
    d = one("Báo cáo trước ngày 20 tháng cuối quý để tổng hợp.")
    assert (d.kind, d.value) == ("recurring", "P3M")
    d = one("Gửi báo cáo năm trước ngày 10/12 hằng năm.")
    assert (d.kind, d.value) == ("recurring", "P1Y")


def test_recurrence_in_name_of_plan_to_be_drawn_up_counts():
    assert kv("Sở Nội vụ trình UBND tỉnh ban hành Kế hoạch cải cách hành chính hằng năm.") == [("recurring", "P1Y")]
    assert kv("Xây dựng Kế hoạch CCHC giai đoạn và hàng năm của cơ quan.") == [("recurring", "P1Y")]


def test_recurrence_in_name_of_document_only_carried_out_does_not():
    assert kv("Triển khai thực hiện Kế hoạch kiểm soát thủ tục hành chính hàng năm của tỉnh.") == []
    text = ("Quán triệt Quyết định số 12/QĐ-UBND ngày 02/3/2012 của UBND tỉnh; Kế hoạch tuyên truyền "
            "cải cách hành chính; Kế hoạch rà soát thủ tục hành chính hàng năm.")
    assert kv(text) == []


@pytest.mark.parametrize("sentence, value", [
    ("Đài truyền thanh xã phát tin tuyên truyền về Kế hoạch này hằng tuần.", "P1W"),
    ("Các phòng, ban triển khai thực hiện Kế hoạch nói trên hằng quý.", "P3M"),
    ("Sở Tài chính bố trí kinh phí thực hiện Đề án trong dự toán ngân sách hằng năm.", "P1Y"),
    ("Ủy ban nhân dân các huyện cân đối kinh phí triển khai Chương trình từ nguồn ngân sách địa phương hằng năm.", "P1Y"),
])
def test_recurrence_after_a_closed_document_name_schedules_the_work(sentence, value):
    assert kv(sentence) == [("recurring", value)]


@pytest.mark.parametrize("sentence, text, value", [
    ("- Hằng tháng, trước ngày 10, báo cáo kết quả về Ủy ban nhân dân huyện.", "Hằng tháng, trước ngày 10", "P1M"),
    ("Phòng giao dịch gửi báo cáo trước ngày 10 của tháng đầu quý sau.", "trước ngày 10 của tháng đầu quý sau", "P3M"),
])
def test_the_day_of_each_period_stays_with_its_recurrence(sentence, text, value):
    assert [(d.text, d.kind, d.value) for d in parse(sentence, "2020-03-10")] == [(text, "recurring", value)]


def test_a_day_of_a_named_month_is_not_taken_into_the_recurrence():
    got = [(d.text, d.value) for d in parse("Định kỳ hằng quý, trước ngày 20 của tháng cuối quý, các đơn vị báo cáo.", "2020-03-10")]
    assert got == [("Định kỳ hằng quý", "P3M"), ("trước ngày 20 của tháng cuối quý", "P3M")]


# ----------------------------------------------------------------- not deadlines


def test_date_of_cited_document_is_not_a_deadline():
    assert kv("Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ, các sở triển khai.") == []
    assert kv("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;") == []
    # even with a word that could be a cue right before the citation date
    assert kv("Thực hiện theo Công văn số 123/SNV-CCHC, ngày 05/3/2020 của Sở Nội vụ.") == []
    assert kv("Theo quy định tại văn bản ngày 05/3/2020 của Bộ Nội vụ về việc báo cáo.") == []


def test_title_of_cited_document_is_not_a_deadline():
    text = ("Thực hiện Kế hoạch số 01/KH-BCĐ ngày 09/8/2013 của Ban Chỉ đạo tỉnh về đẩy mạnh cải cách "
            "chế độ công vụ đến năm 2015; tổ chức rà soát biên chế.")
    assert kv(text, "2013-10-01") == []
    text = "Nghị quyết số 12/NQ-HĐND về phát triển nguồn nhân lực giai đoạn 2021-2025; các sở báo cáo hằng năm."
    assert kv(text, "2021-01-10") == [("recurring", "P1Y")]


def test_citation_followed_by_a_task_keeps_the_task_deadline():
    text = "Thực hiện Công văn số 45/BNV-CCHC ngày 02/3/2020 của Bộ Nội vụ, các sở báo cáo trước ngày 30/3/2020."
    assert kv(text) == [("by", "2020-03-30")]


def test_reference_spans_from_the_references_extractor_are_respected():
    text = "Triển khai Chương trình hành động giai đoạn 2021-2025 ban hành kèm theo văn bản của Tỉnh ủy."
    doc = Document(doc_id="t", text=text, header=Header(issued_date="2021-02-01"), segments=segment(text))
    assert [d.value for d in deadlines.extract(doc)] == ["2021/2025"]
    name = "Chương trình hành động giai đoạn 2021-2025"
    s = text.index(name)
    doc.facts["references"] = [Reference(text=name, key=name, span=(s, s + len(name)))]
    assert deadlines.extract(doc) == []
    # an anaphor ("Kế hoạch này") is not a citation
    doc.facts["references"] = [Reference(text=name, key="self", span=(s, s + len(name)), anaphor=True)]
    assert [d.value for d in deadlines.extract(doc)] == ["2021/2025"]


def test_stamps_cutoffs_and_effective_dates():
    assert kv("Ngày cập nhật 26/10/2017") == []
    assert kv("Rà soát biên chế tính đến ngày 31/12/2019 của các cơ quan.") == []
    assert kv("Quyết định này có hiệu lực kể từ ngày ký.") == []
    assert kv("Quyết định này có hiệu lực thi hành kể từ ngày 01/4/2020.") == []


def test_past_descriptions():
    assert kv("Những năm qua, các cấp đã tích cực triển khai hằng năm nhiều đợt kiểm tra.") == []
    assert kv("Sau gần 05 năm thực hiện Chỉ thị, kỷ cương hành chính được giữ vững.") == []


def test_header_and_excluded_blocks_and_status_sections():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH ABC\n\nSố: 15/KH-UBND\n\nABC, ngày 10 tháng 01 năm 2021\n\n"
            "KẾ HOẠCH\nCải cách hành chính giai đoạn 2021-2025\n\n"
            "I. THỰC TRẠNG\n\n1. Kết quả rà soát được công bố công khai hằng năm.\n\n"
            "II. NHIỆM VỤ\n\n1. Các sở báo cáo kết quả hằng năm về Sở Nội vụ.\n"
            "2. Sở Nội vụ tổng hợp trước ngày 15/12/2021.\n\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, trước 20/12/2021.\n")
    doc = Document(doc_id="t", text=text, segments=segment(text))
    out = deadlines.extract(doc)
    assert [(d.kind, d.value, d.clause) for d in out] == [("recurring", "P1Y", "II.1"), ("by", "2021-12-15", "II.2")]


# ----------------------------------------------------------------- output shape


def test_document_order_deterministic_and_clause():
    text = ("1. Các sở xây dựng kế hoạch hằng năm.\n"
            "2. Trong quý III/2020, tổ chức kiểm tra; báo cáo trước ngày 30/11/2020.\n")
    doc = Document(doc_id="t", text=text, header=Header(issued_date="2020-01-02"), segments=segment(text))
    a = [d.to_dict() for d in deadlines.extract(doc)]
    b = [d.to_dict() for d in deadlines.extract(doc)]
    assert a == b
    assert [(d["value"], d["clause"]) for d in a] == [("P1Y", "1"), ("2020-Q3", "2"), ("2020-11-30", "2")]
    assert [d["span"][0] for d in a] == sorted(d["span"][0] for d in a)
    for d in a:
        assert text[d["span"][0]:d["span"][1]] == d["text"]


def test_document_without_segments_is_segmented():
    doc = Document(doc_id="t", text="1. Báo cáo trước ngày 05/5/2020.", header=Header(issued_date="2020-01-01"))
    assert [d.value for d in deadlines.extract(doc)] == ["2020-05-05"]


# ----------------------------------------------------------------- generalisation classes (held-out failures)

def _doc(text: str, issued: str, title: str | None = None, typ: str | None = None) -> list[tuple[str, str, str]]:
    doc = Document(doc_id="t", text=text, header=Header(issued_date=issued, type=typ))
    doc.segments = segment(text)
    from vanban.extractors import header as hx
    h = hx.extract(doc)
    h.issued_date = issued
    doc.header = h
    return [(d.kind, d.value, d.text) for d in deadlines.extract(doc)]


def test_recurring_list_ending_in_bare_year_after_this_plan():
    assert kv("Các sở báo cáo kết quả thực hiện Chương trình này định kỳ hằng tháng, quý, năm gửi Sở Nội vụ.") == [
        ("recurring", "P1M,P3M,P1Y")]


def test_due_day_of_a_recurring_report_belongs_to_the_recurrence():
    d = one("Các đơn vị thực hiện chế độ báo cáo định kỳ hằng quý (trước ngày 20/3) gửi Sở Tư pháp.")
    assert (d.kind, d.value) == ("recurring", "P3M")
    assert d.text.endswith("(trước ngày 20/3)")


def test_standalone_day_without_year_takes_the_issue_year():
    assert kv("Gửi báo cáo trước ngày 20/9.", "2022-08-01") == [("by", "2022-09-20")]


def test_period_a_report_covers_is_not_a_deadline():
    got = kv("Ủy ban nhân dân huyện báo cáo kết quả công tác tư pháp quý I năm 2024 và nhiệm vụ quý II năm 2024 như sau:",
             "2024-03-20")
    assert got == [("within", "2024-Q2")]


def test_title_of_the_document_gives_its_period():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\n\nSố: 15/NQ-HĐND\n\nKon Tum, ngày 10 tháng 7 năm 2024\n\nNGHỊ QUYẾT\n"
            "Về phát triển du lịch tỉnh Kon Tum giai đoạn 2025 - 2027, định hướng đến năm 2035\n\n"
            "Điều 1. Thông qua Nghị quyết.\n")
    got = _doc(text, "2024-07-10")
    assert ("period", "2025/2027", "giai đoạn 2025 - 2027") in got
    assert ("by", "2035", "đến năm 2035") in got


def test_year_of_this_documents_annual_plan_is_due_that_year():
    text = ("SỞ TƯ PHÁP\n\nSố: 09/KH-STP\n\nĐà Nẵng, ngày 05 tháng 01 năm 2025\n\nKẾ HOẠCH\n"
            "Phổ biến, giáo dục pháp luật năm 2025\n\n"
            "Sở Tư pháp ban hành Kế hoạch phổ biến, giáo dục pháp luật (PBGDPL) năm 2025 như sau:\n"
            "1. Kinh phí do ngân sách cấp cho Sở năm 2025.\n")
    got = _doc(text, "2025-01-05")
    assert [g for g in got if g[1] == "2025"] == [("by", "2025", "năm 2025"), ("by", "2025", "năm 2025")]


# ----------------------------------------------------------------- heldout-2 classes

def test_daily_report_or_update_is_recurring_but_not_in_idioms():
    assert kv("Các xã báo cáo nhanh số liệu thiệt hại hằng ngày về Ban Chỉ huy huyện.") == [("recurring", "P1D")]
    assert kv("Trạm Khí tượng cập nhật mực nước các sông hàng ngày trên trang tin của huyện.") == [("recurring", "P1D")]
    assert kv("Bảo đảm nước sạch phục vụ sinh hoạt hằng ngày của nhân dân.") == []


def test_named_season_of_two_years_is_a_period():
    assert kv("Bố trí kinh phí phòng cháy, chữa cháy rừng mùa khô 2024 - 2025.", "2024-11-02") == [("period", "2024/2025")]
    # a season already over when the document is signed only dates the figures
    assert kv("Mùa khô 2023 - 2024, toàn tỉnh xảy ra 9 vụ cháy rừng.", "2024-11-02") == []


def test_period_of_a_sokets_subject_is_not_a_deadline():
    text = "Sơ kết công tác phòng, chống thiên tai 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm 2024."
    assert kv(text, "2024-07-05") == [("within", "2024-H2")]


def test_budget_year_label_is_not_a_deadline():
    assert kv("Dự toán chi thường xuyên năm 2025 phải bảo đảm tiết kiệm.", "2024-07-20") == []


# --------------------------------------------------------------------------- why: rule and confidence

def test_every_deadline_has_a_rule_and_a_confidence():
    out = parse("Hoàn thành trước ngày 30/11/2020; định kỳ hằng quý báo cáo; thực hiện trong quý III/2020, "
                "giai đoạn 2021-2025; từ năm 2021 đến năm 2023.", "2020-03-10")
    assert len(out) >= 4
    for d in out:
        assert d.rule and 0 <= d.confidence <= 1


def test_deadline_rule_names():
    rules = {d.text: d.rule for d in parse(
        "Hoàn thành trước ngày 30/11/2020. Báo cáo trước ngày 15/12. Định kỳ hằng quý báo cáo. "
        "Triển khai trong quý III/2020. Kế hoạch giai đoạn 2021-2025 được triển khai.", "2020-03-10")}
    assert rules["trước ngày 30/11/2020"] == "by:truoc+date"
    assert rules["trước ngày 15/12"] == "by:truoc+pdate:year-inferred"
    assert rules["Định kỳ hằng quý"] == "recurring:dinh-ky"
    assert rules["trong quý III/2020"] == "within:trong+quarter"
    assert rules["giai đoạn 2021-2025"] == "period:giai-doan"


def test_deadline_confidence_ordering():
    full = one("Hoàn thành trước ngày 30/11/2020.")
    inferred = one("Hoàn thành trước ngày 15/12.")
    horizon = one("Năm 2025 phấn đấu đạt 90% hồ sơ trực tuyến.")
    assert horizon.rule == "by:year-horizon"
    assert full.confidence == 0.95 and inferred.confidence == 0.75 and horizon.confidence == 0.6
    assert full.confidence > inferred.confidence > horizon.confidence


# ----------------------------------------------------------------- heldout3: relative limits

def test_relative_limit_is_by_with_iso_duration():
    d = one("Phát hiện vi phạm phải báo cáo ngay về UBND phường trong vòng 24 giờ kể từ khi phát hiện.")
    assert (d.kind, d.value, d.rule) == ("by", "PT24H", "by:relative")
    assert d.text.endswith("kể từ khi phát hiện")
    assert kv("Giải quyết hồ sơ trong thời hạn 05 ngày làm việc.") == [("by", "P5D")]


def test_relative_limit_reported_as_missed_is_not_a_deadline():
    assert kv("Có 6/12 huyện có ổ dịch chưa được xử lý trong vòng 48 giờ.") == []


@pytest.mark.parametrize("sentence, kind, written", [
    ("Các xã báo cáo số hộ đã sơ tán trước 16 giờ ngày 12/9/2020.", "by", "trước 16 giờ ngày 12/9/2020"),
    ("Hoàn thành di dời dân trước 17 giờ 30 phút ngày 12/9/2020.", "by", "trước 17 giờ 30 phút ngày 12/9/2020"),
    ("Gửi báo cáo nhanh trước 8h00 ngày 12/9/2020.", "by", "trước 8h00 ngày 12/9/2020"),
    ("Cấm tàu thuyền ra khơi kể từ 07 giờ ngày 12/9/2020.", "from", "kể từ 07 giờ ngày 12/9/2020"),
])
def test_time_of_day_before_the_date(sentence, kind, written):
    # the hour is part of the evidence; the value is the date
    d = one(sentence)
    assert (d.kind, d.value, d.text) == (kind, "2020-09-12", written)


@pytest.mark.parametrize("sentence, value", [
    ("Công an cấp xã xóa đăng ký thường trú chậm nhất 05 ngày làm việc kể từ ngày nhận được hồ sơ.", "P5D"),
    ("Bộ phận một cửa trả kết quả chậm nhất là 02 ngày làm việc.", "P2D"),
])
def test_at_the_latest_n_days_is_a_relative_limit(sentence, value):
    d = one(sentence)
    assert (d.kind, d.value) == ("by", value)


@pytest.mark.parametrize("sentence, value", [
    ("Phương hướng, nhiệm vụ 3 tháng cuối năm 2020: tập trung thu ngân sách.", "2020-Q4"),
    ("Hoàn thành việc kiện toàn tổ chức trong 03 tháng đầu năm 2021.", "2021-Q1"),
])
def test_three_months_at_either_end_of_a_year_is_a_quarter(sentence, value):
    d = one(sentence)
    assert (d.kind, d.value) == ("within", value)


def test_target_label_year_is_a_horizon():
    assert kv("II. CHỈ TIÊU NĂM 2021\n1. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.", "2020-12-20") == [("by", "2021")]
    assert kv("Chỉ tiêu năm 2021: 95% dân số tham gia bảo hiểm y tế.", "2020-12-20") == [("by", "2021")]


def test_target_named_inside_a_sentence_is_reported():
    # "chưa hoàn thành chỉ tiêu quý I/2023": the status of a target, not a deadline
    assert kv("Còn 7/11 huyện chưa hoàn thành chỉ tiêu quý I/2023.", "2023-06-10") == []
    assert kv("Năm 2022, kết quả thực hiện chỉ tiêu năm 2021 đạt 95%.", "2022-03-10") == []


def test_notice_period_and_cues_typed_without_marks():
    assert kv("Lịch kiểm tra do Trưởng đoàn thông báo trước ít nhất 03 ngày làm việc.") == [("by", "P3D")]
    # a cue typed without its diacritics still reads as the cue
    assert kv("Các xã nộp báo cáo truoc ngày 15/3/2020.") == [("by", "2020-03-15")]
    assert kv("Hoan thanh truoc 30/6/2020.") == [("by", "2020-06-30")]
