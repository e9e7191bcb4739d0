"""Character normalisation: what kg keeps of a text at ingest, and the forms the model and name matching see."""

from __future__ import annotations

import functools
import re

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space


def halfwidth(text: str) -> str:
    """Full-width ASCII (１９９８, ＡＢＣ) as plain ASCII, one character for one.

    The model was trained on half-width text: full-width digits otherwise read as names.

    >>> halfwidth("１９９８年ＡＢＣ公司")
    '1998年ABC公司'
    """
    return text.translate(_FULLWIDTH)


# Characters that are no text a reader sees: C0/C1 controls (tab and newline kept), format
# characters (zero-width spaces and joiners, BOMs, bidi marks, soft hyphens, tags), lone
# surrogates and noncharacters. Left in, 邓\u200b群策 is no name and 衡\ufeff阳 a second 衡阳.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff\U000e0000-\U000e007f]")
_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")


def clean_text(text: str) -> str:
    """Text as kg reads it: invisible characters out, every line break a ``\\n``; nothing else moves.

    >>> clean_text("邓\\u200b群策\\u2028衡\\ufeff阳\\x00")
    '邓群策\\n衡阳'
    >>> clean_text(clean_text("a\\r\\nb\\ud800")) == clean_text("a\\r\\nb\\ud800") == "a\\nb"
    True
    """
    return _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text))


_FULLWIDTH_ALNUM = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                      *range(0xFF41, 0xFF5B)]}


def name_key(surface: str) -> str:
    """A name as it is matched: spaces out, full-width letters and digits folded (ＡＢＣ集团 is ABC集团).

    Full-width punctuation stays: （集团） is how Chinese writes a name's brackets.

    >>> name_key("ＡＢＣ 集团"), name_key("陈 润"), name_key("贵州金融控股（集团）")
    ('ABC集团', '陈润', '贵州金融控股（集团）')
    """
    return re.sub(r"\s+", "", surface.translate(_FULLWIDTH_ALNUM))


@functools.cache
def _to_simplified():
    import opencc  # OpenCC's own converter (BYVoid/OpenCC): phrase tables, not one character for one

    return opencc.OpenCC("t2s")


_NON_HAN = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]*")


@functools.lru_cache(maxsize=1 << 16)
def simplified(name: str) -> str:
    """A name in simplified characters, as names are matched: 衡陽市 and 衡阳市 are one place.

    For matching only (merge keys, the divisions list): the text and the names shown keep the
    characters they were written in.

    >>> simplified("衡陽市"), simplified("鄧群策"), simplified("長沙銀行"), simplified("衡阳市委")
    ('衡阳市', '邓群策', '长沙银行', '衡阳市委')
    """
    if _NON_HAN.fullmatch(name):  # nothing to convert: no call into OpenCC
        return name
    return _to_simplified().convert(name)
