"""normalise(): NFC, tone placement, junk lines, whitespace -- and its properties."""
from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.pipeline.normalise import Normaliser, fix_tone_placement, normalise, normalise_by_lines


def test_nfc_and_combining_tones():
    decomposed = unicodedata.normalize("NFD", "Quyết định số 12")
    assert normalise(decomposed) == "Quyết định số 12\n"


def test_tone_placement_old_to_new():
    assert normalise("hoà thuý khoẻ uỷ ban Hoà Bình UỶ BAN loà") == "hòa thúy khỏe ủy ban Hòa Bình ỦY BAN lòa\n"


def test_tone_placement_leaves_correct_and_other_words():
    s = "quý quỳnh hoài khuya thuở người của hòa ủy giá khuỷu hoàng Quyết"
    assert fix_tone_placement(s) == s


def test_tone_placement_changes_only_the_word():
    s = "  Tỉnh Hoà Bình,\tthuý  khoẻ; (uỷ) x"
    out = fix_tone_placement(s)
    assert out == "  Tỉnh Hòa Bình,\tthúy  khỏe; (ủy) x"
    assert len(out) == len(s)


def test_junk_lines_and_banner():
    raw = (
        "Hệ thống pháp luật\n"
        "Đang tải nội dung, vui lòng chờ giây lát...\n"
        "Đang tải nội dung, vui lòng chờ giây lát...\n"
        "\n"
        "ỦY BAN NHÂN DÂN\n"
        "**Đang tải nội dung, vui lòng chờ giây lát...**\n"
        "Hệ thống pháp luật\n"  # not at the top: real text
    )
    assert normalise(raw) == "ỦY BAN NHÂN DÂN\nHệ thống pháp luật\n"


def test_tim_kiem_only_at_top():
    assert normalise("Tìm kiếm\nA\nTìm kiếm\n") == "A\nTìm kiếm\n"


def test_markdown_bold_kept():
    assert normalise("**Điều 1.** Phạm vi\n") == "**Điều 1.** Phạm vi\n"


def test_whitespace():
    raw = "a\u00a0b\u202fc\u200bd\r\ne \t \r\n\r\n\r\n\r\n\r\nf\rg\u2028h\x0ci\x00j\ufeff\n\n\n"
    assert normalise(raw) == "a b cd\ne\n\n\nf\ng\nh\nij\n"


def test_eth_to_d_stroke():
    assert normalise("Ðiều 1. ðồng") == "Điều 1. đồng\n"


def test_empty_and_blank():
    assert normalise("") == ""
    assert normalise("\n \n\t\n") == ""


def test_streaming_equals_whole():
    text = "Hệ thống pháp luật\r\n\r\nĐiều 1.\r\n\r\n\r\n\r\na) hoà\u00a0\n"
    lines = text.splitlines(keepends=True)
    n = Normaliser()
    streamed = [out for ln in lines for out in n.feed(ln)]
    assert "\n".join(streamed) + "\n" == normalise(text)


# --- properties ------------------------------------------------------------

_VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_alphabet = st.sampled_from(list(_VI + _VI.upper() + " \t.,;:()*-/0123456789\u00a0\u200b\u0301\u0300\u0323"))
_any_text = st.text(
    alphabet=st.one_of(_alphabet, st.characters(codec="utf-8"), st.sampled_from(["\n", "\r", "\u2028"])),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(_any_text, st.lists(st.integers(min_value=0, max_value=400), max_size=5))
def test_block_streaming_equals_line_reference(s, cuts):
    # whole-text, line-by-line reference and block streaming (cut at line ends) agree
    assert normalise(s) == normalise_by_lines(s)
    lines = s.splitlines(keepends=True)
    n = Normaliser()
    cuts = sorted({min(c, len(lines)) for c in cuts} | {0, len(lines)})
    blocks = ["".join(lines[a:b]) for a, b in zip(cuts, cuts[1:])]
    assert "".join(n.feed_block(b) for b in blocks) == normalise(s)


_junky = st.lists(st.sampled_from(["Hệ thống pháp luật", "Đang tải nội dung, vui lòng chờ giây lát...", "",
                                   "  ", "**Tìm kiếm**", "Điều 1. hoà", "a) khoẻ\u00a0", "Tìm kiếm"]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(_junky, st.sampled_from(["\n", "\r\n", "\r"]))
def test_junk_and_blank_handling_agree(lines, brk):
    s = brk.join(lines)
    assert normalise(s) == normalise_by_lines(s)
    assert normalise(normalise(s)) == normalise(s)


@settings(max_examples=300, deadline=None)
@given(_any_text)
def test_never_raises_and_idempotent(s):
    once = normalise(s)
    assert normalise(once) == once
    assert "\r" not in once
    assert once == unicodedata.normalize("NFC", once)


_content_line = st.text(alphabet=_alphabet, min_size=1, max_size=60).filter(
    lambda x: x.strip(" \t\u00a0\u200b*_#") and not x.strip(" \t\u00a0\u200b").startswith(("\u0301", "\u0300", "\u0323"))
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_content_line, st.just("")), min_size=1, max_size=30),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_keeps_line_count(lines, brk):
    # No junk lines, no runs of more than two blank lines, no leading/trailing
    # blank lines: then every line break survives (CRLF/CR become LF).
    text_lines = []
    blanks = 0
    for ln in lines:
        if ln == "":
            if not text_lines or blanks >= 2:
                continue
            blanks += 1
        else:
            blanks = 0
        text_lines.append(ln)
    while text_lines and text_lines[-1] == "":
        text_lines.pop()
    if not text_lines:
        return
    text = brk.join(text_lines) + brk
    out = normalise(text)
    assert out.count("\n") == len(re.findall(r"\r\n|\r|\n", text))
    # and line i of the output is line i of the input, normalised
    for a, b in zip(out.split("\n"), text_lines):
        assert (a == "") == (b.strip(" \t\u00a0\u200b") == "")
