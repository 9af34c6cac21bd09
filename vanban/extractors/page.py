"""Web-page furniture: tag lines and "Các tin khác" link lists of portal articles.

Their headlines are other articles' titles ("Chỉ số hài lòng ... đạt 84,3% (05/07/2023)"),
not statements of this document.  `furniture(text)` returns their spans, sorted; data in
data/page.toml.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

_D = tomllib.loads((Path(__file__).parent / "data" / "page.toml").read_text(encoding="utf-8"))


def _alts(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_LABEL = re.compile(r"^[ \t*_#>\-]*(?i:" + _alts(_D["label_lines"]) + r")[ \t]*:[^\n]*", re.M)
_LIST_HEAD = re.compile(r"^[ \t*_#>]*(?i:" + _alts(_D["link_list_headings"]) + r")[ \t*_:]*$", re.M)
_ITEM = re.compile(r"[ \t]*(?:[-•*+][ \t]+)?[^\n]{1,160}(?:\n|$)")
_LABEL_WORDS = tuple({w.lower() for w in _D["label_lines"]})
_HEAD_WORDS = tuple({w.lower() for w in _D["link_list_headings"]})


def _line_matches(rx: re.Pattern[str], text: str, low: str | None, words: tuple[str, ...]):
    """`rx.finditer(text)` for a one-line pattern anchored at a line start ("^", re.M) that holds
    one of `words` (any case): tried only at the start of the lines holding one, found in the
    lower-cased text (when lower-casing keeps every offset and no letter the regex engine folds
    specially, ı ſ ẛ, occurs; else the whole text is searched)."""
    if low is None:
        yield from rx.finditer(text)
        return
    starts = set()
    for w in words:
        i = low.find(w)
        while i >= 0:
            starts.add(text.rfind("\n", 0, i) + 1)
            i = low.find(w, i + 1)
    for ls in sorted(starts):
        m = rx.match(text, ls)
        if m:
            yield m


@lru_cache(maxsize=64)
def furniture(text: str) -> tuple[tuple[int, int], ...]:
    low = text.lower()
    if len(low) != len(text) or "\u0131" in text or "\u017f" in text or "\u1e9b" in text:
        low = None
    out = [m.span() for m in _line_matches(_LABEL, text, low, _LABEL_WORDS)]
    for m in _line_matches(_LIST_HEAD, text, low, _HEAD_WORDS):
        end = m.end()
        pos = end + 1
        # the list: short item lines, the first run after the heading
        while pos < len(text):
            im = _ITEM.match(text, pos)
            if not im or not im.group().strip() or len(im.group().strip()) > 160:
                break
            end = pos + len(im.group().rstrip("\n"))
            pos = im.end()
        out.append((m.start(), end))
    return tuple(sorted(out))


def inside(pos: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= pos < b for a, b in spans)
