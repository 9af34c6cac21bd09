import pytest

from vanban.text import deadline_bounds, deadline_due, fold, fold_same_length, parse_number, roman_to_int


@pytest.mark.parametrize("raw,folded", [
    ("Sở Nội vụ", "so noi vu"),
    ("ĐẾN NĂM 2020", "den nam 2020"),
    ("Ủy ban  nhân dân\ntỉnh", "uy ban nhan dan tinh"),
    ("Quyết định số 15/2014/QĐ-UBND", "quyet dinh so 15/2014/qd-ubnd"),
])
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_fold_same_length_keeps_offsets():
    s = "Giao Sở Tư pháp chủ trì, phối hợp với Đài Phát thanh"
    f = fold_same_length(s)
    assert len(f) == len(s)
    i = f.index("dai phat thanh")
    assert s[i:i + len("dai phat thanh")] == "Đài Phát thanh"


@pytest.mark.parametrize("raw,value", [
    ("17,8", 17.8), ("100", 100), ("05", 5), ("1.500", 1500), ("2.345.000", 2345000), ("0,5", 0.5),
    ("abc", None), ("", None),
])
def test_parse_number(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw,value", [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("iii", 3), ("IIZ", None)])
def test_roman(raw, value):
    assert roman_to_int(raw) == value


@pytest.mark.parametrize("value,due", [
    ("2013-11-30", "2013-11-30"), ("2020-Q3", "2020-09-30"), ("2020-Q4", "2020-12-31"),
    ("2021-H1", "2021-06-30"), ("2021-H2", "2021-12-31"), ("2019-12", "2019-12-31"),
    ("2020-02", "2020-02-29"), ("2020", "2020-12-31"), ("2016/2020", "2020-12-31"),
    ("P1Y", None), ("P3M,P6M", None), ("", None), (None, None), ("2020-13", None),
])
def test_deadline_due(value, due):
    assert deadline_due(value) == due


def test_deadline_bounds_start():
    b = deadline_bounds("2016/2020")
    assert b is not None and b[0].isoformat() == "2016-01-01"
