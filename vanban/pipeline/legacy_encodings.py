"""Pre-Unicode Vietnamese encodings (TCVN3/ABC, VNI) and a mojibake scorer.

Two 8-bit schemes dominated Vietnamese office files before Unicode:

* **TCVN3 (ABC)** -- TCVN 5712:1993, the "VN3" subset used by the .VnTime fonts:
  one byte per precomposed lower-case letter (and Ă Â Ê Ô Ơ Ư Đ) in 0xA1-0xFF.
  Upper-case toned letters have no code (the .VnTimeH fonts draw the lower-case
  codes as capitals), so headings come back lower-case.  The table is
  ``data/tcvn3.json``, generated from glibc's TCVN5712-1 charmap
  (``/usr/share/i18n/charmaps/TCVN5712-1.gz``, Debian package ``locales``) by
  ``python -m vanban.pipeline.legacy_encodings --regen-tcvn3``: bytes 0xA1-0xFF
  only (0x01-0x17 and 0x80-0x9F hold VN1's capitals, which VN3 text does not use;
  there we keep Windows-1252's punctuation).
* **VNI (VNI-Windows)** -- a base ASCII letter followed by a "mark" byte, both
  shown as Latin-1 letters (a + ù = á, o + â = ô, o + â + ... = ấ ...), plus a few
  single bytes (ñ = đ, ô = ơ, ö = ư, í ì æ ó ò = í ì ỉ ĩ ị, î = ỵ).  Capitals use
  the capital form of the mark byte.  Built below from that scheme (VNI Software's
  published character chart).

Both usually reach us as *mojibake*: the bytes were decoded as Windows-1252 or
Latin-1 ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Coäng hoøa xaõ hoäi").  The same
repair functions work on such text and on raw bytes (decode with ``cp1252_lenient``
first).  ``syllable_score`` -- the share of non-ASCII words that are valid
Vietnamese syllables -- decides which reading is right.
"""
from __future__ import annotations

import codecs
import gzip
import json
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

__all__ = [
    "tcvn3_to_unicode", "vni_to_unicode", "utf8_mojibake_to_unicode", "cp1252_lenient",
    "decode_tcvn3", "decode_vni", "syllable_score", "is_vietnamese_syllable",
]

_DATA = Path(__file__).with_name("data")

# ---------------------------------------------------------------------------
# Windows-1252 that never fails: the five undefined bytes map to U+0081.. like Latin-1.

_CP1252_TABLE = "".join(
    bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)
)
_CP1252_ENCODE = {ord(ch): b for b, ch in enumerate(_CP1252_TABLE)}


def cp1252_lenient(data: bytes) -> str:
    return codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0]


# ---------------------------------------------------------------------------
# TCVN3


@lru_cache(maxsize=1)
def _tcvn3_map() -> dict[int, str]:
    raw = json.loads((_DATA / "tcvn3.json").read_text(encoding="utf-8"))["bytes"]
    return {int(k, 16): v for k, v in raw.items()}


@lru_cache(maxsize=1)
def _tcvn3_translate() -> dict[int, str]:
    # Mojibake form: byte b shows as chr(b) (Latin-1 and cp1252 agree on 0xA0-0xFF).
    return {b: u for b, u in _tcvn3_map().items()}


def tcvn3_to_unicode(text: str) -> str:
    """Repair TCVN3 bytes that were decoded as cp1252/Latin-1."""
    return restore_tcvn3_capitals(unicodedata.normalize("NFC", text.translate(_tcvn3_translate())))


_WORD = re.compile(r"[^\W\d_]+")


def restore_tcvn3_capitals(text: str) -> str:
    """TCVN3 has no codes for toned capitals ("ỦY" arrives as "ủY"); restore them.

    A word with a capital after a lower-case letter ("HòA", "ủY", "CộNG") is
    upper-cased, and so is its whole line when every ASCII letter on the line is a
    capital ("CộNG HòA Xã HộI" -> "CỘNG HÒA XÃ HỘI").  Title-case words on other
    lines ("Số: 2843/QĐ-UBND", "xã Hòa") are left alone.
    """
    if text.isascii():
        return text
    out = []
    for line in text.splitlines(keepends=True):
        words = _WORD.findall(line)
        if not any(_BROKEN_CAPS.search(w) for w in words):
            out.append(line)
            continue
        ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
        if all(c.isupper() for c in ascii_letters):
            out.append(line.upper())
        else:
            out.append(_WORD.sub(lambda m: m.group(0).upper() if _BROKEN_CAPS.search(m.group(0)) else m.group(0), line))
    return "".join(out)


_BROKEN_CAPS = re.compile(r"[^\W\d_A-Z]+[A-Z]")


@lru_cache(maxsize=1)
def _tcvn3_decoding_table() -> str:
    m = _tcvn3_map()
    return "".join(m.get(b, _CP1252_TABLE[b]) for b in range(256))


def decode_tcvn3(data: bytes) -> str:
    """Decode raw TCVN3 bytes (capitals restored; combining 0xB0-0xB4 may remain)."""
    return restore_tcvn3_capitals(codecs.charmap_decode(data, "strict", _tcvn3_decoding_table())[0])


def _regen_tcvn3(charmap: str = "/usr/share/i18n/charmaps/TCVN5712-1.gz") -> None:
    rows = {}
    with gzip.open(charmap, "rt", encoding="ascii", errors="replace") as f:
        for line in f:
            m = re.match(r"<U([0-9A-F]{4,6})>\s+/x([0-9a-f]{2})\s", line)
            if m:
                b = int(m.group(2), 16)
                if 0xA1 <= b <= 0xFF:
                    rows[f"{b:02X}"] = chr(int(m.group(1), 16))
    doc = {
        "source": "glibc localedata charmaps/TCVN5712-1 (TCVN 5712:1993), bytes 0xA1-0xFF (VN3 subset)",
        "bytes": rows,
    }
    (_DATA / "tcvn3.json").write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} entries")


# ---------------------------------------------------------------------------
# VNI

# Tone mark bytes (lower-case form; capitals use the upper-case Latin-1 letter).
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
# a/e/o + circumflex (+ tone) and a + breve (+ tone): one mark byte carries both.
_VNI_CIRCUMFLEX = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
# Letters that are a single VNI byte.
_VNI_SINGLE = {"đ": "ñ", "ơ": "ô", "ư": "ö", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}


@lru_cache(maxsize=1)
def _vni_pairs() -> dict[str, str]:
    """VNI mojibake sequence → Unicode letter, lower and upper case."""
    out: dict[str, str] = {}

    def add(seq: str, uni: str) -> None:
        uni = unicodedata.normalize("NFC", uni)
        out[seq] = uni
        out[seq.upper()] = uni.upper()
        if len(seq) == 2:  # capital base typed with a lower-case mark byte
            out.setdefault(seq[0].upper() + seq[1], uni.upper())

    for letter, byte in _VNI_SINGLE.items():
        add(byte, letter)
    for tone, mark in _VNI_TONE.items():
        for base in "aeouy":
            add(base + mark, base + tone)
        add("ô" + mark, "ơ" + tone)  # ơ + tone
        add("ö" + mark, "ư" + tone)  # ư + tone
    for tone, mark in _VNI_CIRCUMFLEX.items():
        for base in "aeo":
            add(base + mark, base + "\u0302" + tone)
    for tone, mark in _VNI_BREVE.items():
        add("a" + mark, "a\u0306" + tone)
    out.pop("y" + _VNI_TONE["\u0323"], None)  # ỵ is the single byte î
    out.pop("Y" + _VNI_TONE["\u0323"].upper(), None)
    return out


@lru_cache(maxsize=1)
def _vni_re() -> re.Pattern[str]:
    keys = sorted(_vni_pairs(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def vni_to_unicode(text: str) -> str:
    """Repair VNI-Windows bytes that were decoded as cp1252/Latin-1."""
    pairs = _vni_pairs()
    return _vni_re().sub(lambda m: pairs[m.group(0)], text)


def decode_vni(data: bytes) -> str:
    return vni_to_unicode(cp1252_lenient(data))


# ---------------------------------------------------------------------------
# UTF-8 read as cp1252 ("CÃ´ng vÄƒn")

_UTF8_MOJI = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}")


def utf8_mojibake_to_unicode(text: str) -> str:
    """Undo UTF-8 bytes shown as cp1252, sequence by sequence (leaves the rest)."""

    def fix(m: re.Match[str]) -> str:
        s = m.group(0)
        try:
            raw = bytes(_CP1252_ENCODE[ord(c)] for c in s)
            return raw.decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            # maybe a shorter prefix decodes
            for n in range(len(s) - 1, 1, -1):
                try:
                    return bytes(_CP1252_ENCODE[ord(c)] for c in s[:n]).decode("utf-8") + s[n:]
                except (KeyError, UnicodeDecodeError):
                    continue
            return s

    return _UTF8_MOJI.sub(fix, text)


# ---------------------------------------------------------------------------
# Vietnamese syllable validator

_TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
_ONSETS = {
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
}
_RHYMES = set("""
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e eo ec em en eng ep et
ê êu êch êm ên ênh êp êt
i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu
o oi oc om on ong op ot oong ooc
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua ui uc um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưi ưu ưc ưm ưn ưng ưt ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu
oa oai oay oac oach oam oan oang oanh oap oat oăc oăm oăn oăng oăt
oe oeo oec oem oen oet
uâ uân uâng uât uây uê uêch uên uênh uêt uơ
uy uya uych uyn uynh uyp uyt uyu uyên uyêt
""".split())
_STOP_CODAS = ("c", "ch", "p", "t")
_VN_LETTERS = set("abcdđeghiklmnopqrstuvxyăâêôơư")


def _split_tone(syl: str) -> tuple[str, str | None, int]:
    d = unicodedata.normalize("NFD", syl)
    tones = [c for c in d if c in _TONE_MARKS]
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_MARKS))
    return base, (_TONE_MARKS[tones[0]] if tones else None), len(tones)


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """True if `word` is a well-formed Vietnamese syllable (any tone placement)."""
    base, tone, ntones = _split_tone(word.lower())
    if ntones > 1 or not base or len(base) > 7 or any(c not in _VN_LETTERS for c in base):
        return False
    for n in (3, 2, 1, 0):
        onset, rhyme = base[:n], base[n:]
        if onset not in _ONSETS:
            continue
        if onset == "gi" and rhyme and rhyme[0] not in "aăâeêoôơuư":
            continue
        if onset == "qu" and (not rhyme or rhyme[0] in "uư"):
            continue
        if onset == "gi" and not rhyme:
            rhyme = "i"
        if rhyme not in _RHYMES:
            continue
        first = rhyme[0]
        if onset in ("k", "gh", "ngh") and first not in "eêiy":
            continue
        if onset in ("c", "g", "ng") and first in "eêi" and not (onset == "g" and first == "i"):
            continue
        if onset == "c" and first == "y":
            continue
        if rhyme.endswith(_STOP_CODAS) and tone not in ("sac", "nang"):
            continue
        return True
    return False


_TOKEN_EDGE = "\"'()[]{}<>.,;:!?…“”‘’«»–—-/*_#|%"


def syllable_score(text: str, limit: int = 3000) -> tuple[float, int]:
    """(share of non-ASCII words that are Vietnamese syllables, number of such words).

    Words are whitespace-separated tokens stripped of surrounding punctuation,
    split on internal hyphens/slashes; pure-ASCII words are not counted (they
    are equally valid in every reading), so English-only text scores (1.0, 0).
    """
    good = total = 0
    for tok in text[: limit * 12].split():
        if tok.isascii():
            continue
        g, t = _token_counts(tok)
        good += g
        total += t
        if total >= limit:
            break
    return (good / total if total else 1.0), total


@lru_cache(maxsize=131072)
def _token_counts(tok: str) -> tuple[int, int]:
    """(Vietnamese syllables, counted parts) in one whitespace token; words repeat, so cached."""
    good = total = 0
    for part in _PART_SPLIT(tok.strip(_TOKEN_EDGE)):
        part = part.strip(_TOKEN_EDGE)
        if not part or part.isascii():
            continue
        if part.isdigit() or not any(c.isalpha() for c in part) and all(unicodedata.category(c)[0] in "NPS" for c in part):
            continue  # '2011–2020', '§', '→'
        total += 1
        if is_vietnamese_syllable(part):
            good += 1
    return good, total


_PART_SPLIT = re.compile(r"[-/]").split


if __name__ == "__main__":
    if sys.argv[1:2] == ["--regen-tcvn3"]:
        _regen_tcvn3(*sys.argv[2:3])
    else:
        print(__doc__)
