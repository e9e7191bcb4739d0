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


MAX_PAGE_CHARS = 1 << 20  # trafilatura's time grows faster than a page: 1 MB of markup 3 s, 2 MB 9 s, 16 MB 205 s
# What a page holds that is never article text: scripts, styles, drawings, comments, inlined images.
_NOT_TEXT = re.compile(r"<(script|style|svg|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->|"
                       r"(?<=[\s\"'=])data:[\w/+.-]+;base64,[\w+/=]+", re.IGNORECASE | re.DOTALL)


def trim(html: str, limit: int = MAX_PAGE_CHARS) -> tuple[str, str]:
    """A page small enough to extract in seconds, and a note when some of it was left out.

    Scripts, styles and inlined images go first; a page still over ``limit`` characters is cut
    there (its article usually comes first; lxml closes what the cut leaves open), so that one
    huge page cannot hold a build for minutes, deaf to Ctrl-C.

    >>> trim("<p>衡阳</p><script>" + "x" * 50 + "</script>", limit=20)
    ('<p>衡阳</p>', '')
    >>> trim("<p>" + "衡阳" * 20 + "</p>", limit=20)[1]
    'a web page of 47 characters of markup; only its first 20 read'
    """
    if len(html) <= limit:
        return html, ""
    html = _NOT_TEXT.sub("", html)
    if len(html) <= limit:
        return html, ""
    return html[:limit], f"a web page of {len(html):,} characters of markup; only its first {limit:,} read"


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
