"""Saved web pages: the article's main text, title and date, by trafilatura (menus, scripts and footers left out)."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p)[\s>]", re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str) -> bool:
    """Whether a text file is in fact a saved web page (it opens with HTML markup).

    >>> looks_like_html("<!DOCTYPE html><html><head>"), looks_like_html("市委书记邓群策<br>调研")
    (True, False)
    """
    return bool(_MARKUP.match(text[:2048]))


def extract(html: str) -> tuple[str, str, str]:
    """``(text, title, date)`` of a news page; empty text when the page holds no article.

    >>> extract("<html><head><title>x</title></head><body><article><h1>市委书记调研</h1>"
    ...         "<p>本报讯 市委书记邓群策在衡阳市调研产业发展情况，他强调要抓好项目建设。</p></article></body></html>")[0]
    '市委书记调研\\n\\n本报讯 市委书记邓群策在衡阳市调研产业发展情况，他强调要抓好项目建设。'
    """
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    if document is None:
        return "", "", ""
    text = "\n\n".join(line.strip() for line in (document.text or "").split("\n") if line.strip())
    return text, (document.title or "").strip(), (document.date or "").strip()
