"""Learner-authored markdown made safe to open in formgrader and in feedback.

nbconvert's HTML exporter, which formgrader and ``nbgrader generate_feedback`` use, passes
a markdown cell's raw HTML and ``javascript:`` links through unchanged. So the grader
renders a learner's markdown answer itself, with nbconvert's own markdown renderer (tables,
code, emphasis and links come out as they would have), cleans the HTML with nbconvert's own
sanitiser (bleach underneath) against an allow-list (no scripts, event handlers, frames,
SVG, styles or images; links only to http, https and mailto: bleach's default), and stores
the result in the autograded notebook as a single line of HTML inside a ``<div>``.
Markdown passes such a line through as one HTML block, so rendering it again cannot turn
any of its text back into markup, and MathJax is told to leave it alone (it can make
links of its own).
"""

from __future__ import annotations

import re

from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbconvert.preprocessors.sanitize import SanitizeHTML

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s",
        "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
        "ul",
    }
)  # fmt: skip
_CLASS = re.compile(r"[A-Za-z0-9_-]{1,24}")  # pygments' token classes, "highlight"
WRAPPER = '<div class="aws-course-learner-answer tex2jax_ignore mathjax_ignore">'


def _allowed(tag: str, name: str, value: str) -> bool:
    if tag == "a" and name in ("href", "title"):
        return True
    if tag in ("th", "td") and name == "style":
        return True  # a table column's alignment; the CSS sanitiser keeps only text-align
    if tag in ("div", "pre", "code", "span") and name == "class":
        return all(_CLASS.fullmatch(c) for c in value.split())
    return False


_SANITIZER = SanitizeHTML(
    tags=sorted(TAGS), attributes=_allowed, styles=["text-align"], strip=True, strip_comments=True
)


def clean_html(html: str) -> str:
    """HTML with only the allowed tags, attributes and link protocols left."""
    return _SANITIZER.sanitize_html_tags(html)


def learner_markdown(source: str) -> str:
    """A markdown cell's source that renders as ``source`` would, minus anything active."""
    html = clean_html(markdown2html_mistune(source))
    one_line = html.replace("\r", "").replace("\n", "&#10;")
    return f"{WRAPPER}{one_line}</div>"
