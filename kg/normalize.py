"""Character normalisation applied before the model sees text; offsets never move."""

from __future__ import annotations

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space


def halfwidth(text: str) -> str:
    """Full-width ASCII (１９９８, ＡＢＣ) as plain ASCII, one character for one.

    The model was trained on half-width text: full-width digits otherwise read as names.

    >>> halfwidth("１９９８年ＡＢＣ公司")
    '1998年ABC公司'
    """
    return text.translate(_FULLWIDTH)
