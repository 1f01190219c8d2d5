"""How the OpenAPI document describes the HTML inside the JSON: the descriptions are
built from the sanitiser's own allow-lists (`articles.richtext`, `articles.safe_urls`)
and the editor's features (`articles.blocks`), so that they say what `clean_html`
really lets through, not what someone remembered."""

from articles.blocks.content import INLINE_FEATURES
from articles.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, FEATURE_TAGS
from articles.safe_urls import ALLOWED_SCHEMES


def elements(tags) -> str:
    return ", ".join(f"`<{tag}>`" for tag in sorted(tags))


def attributes() -> str:
    return "; ".join(
        f"{', '.join(f'`{name}`' for name in sorted(names))} on `<{tag}>`"
        for tag, names in sorted(ALLOWED_ATTRIBUTES.items())
    )


LINKS = (
    f"Link targets are {', '.join(sorted(ALLOWED_SCHEMES))} URLs, paths on the site "
    "(`/...`) or `#anchors`; links to other articles point at the reader's language, "
    "and an `<a>` without `href` links to a page the reader cannot see: show its text."
)
SANITISED = (
    "Everything else (other elements and attributes, scripts, styles, comments) is "
    "removed before it is sent, so the value can be set as innerHTML."
)

RICH_TEXT = (
    f"HTML paragraphs. Elements: {elements(ALLOWED_TAGS)}. Attributes: "
    f"{attributes()}, nothing else. {LINKS} {SANITISED}"
)

INLINE_TAGS = frozenset().union(*(FEATURE_TAGS[name] for name in INLINE_FEATURES))
INLINE_HTML = (
    f"A line of inline HTML: the editor offers {elements(INLINE_TAGS)} here, and "
    f"may wrap the line in one `<p>`. Sanitised as rich text is: elements "
    f"{elements(ALLOWED_TAGS)}, attributes {attributes()}. {LINKS}"
)
