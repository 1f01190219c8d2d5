"""Reading HTML and Markdown: what each element becomes, and what the editor is told
about anything that could not be carried over as it was."""

import pytest

from articles.importer.parse import ImportFailure, parse_file
from articles.importer.structure import (
    BulletList,
    Callout,
    Embed,
    Figure,
    NumberedItem,
    NumberedList,
    Paragraph,
    Quote,
)
from tests.importer.conftest import run_import

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head><title>Knee pain | Clinic</title></head>
<body>
<article>
<h1>Knee pain</h1>
<p>Why knees hurt, and what helps.</p>
{body}
</article>
</body>
</html>
"""


def parse(tmp_path, body: str, *, name: str = "knee.html", language: str = "en"):
    path = tmp_path / name
    path.write_text(ARTICLE.format(body=body), encoding="utf-8")
    return parse_file(path, language_code=language)


def notices(article) -> list[str]:
    return [str(notice) for notice in article.notices]


def test_unmappable_elements_keep_their_text_as_paragraphs_with_a_warning(tmp_path):
    article = parse(
        tmp_path,
        """<h2 id="more">More</h2>
<dl><dt>Meniscus</dt><dd>A cushion of cartilage.</dd></dl>
<details><summary>Is surgery needed?</summary><p>Rarely.</p></details>
<form action="/book"><label>Name <input></label><button>Book a visit</button></form>
<iframe src="https://maps.example.org/clinic" title="Map"></iframe>""",
    )
    [section] = article.sections
    assert section.content == [
        Paragraph(
            "<p>Meniscus A cushion of cartilage.</p>"
            "<p>Is surgery needed? Rarely.</p>"
            "<p>Name Book a visit</p>"
            "<p>https://maps.example.org/clinic</p>"
        )
    ]
    assert notices(article) == [
        "line 9: <dl> has no equivalent block: kept as a paragraph of its text",
        "line 10: <details> has no equivalent block: kept as a paragraph of its text",
        "line 11: <form> has no equivalent block: kept as a paragraph of its text",
        "line 12: <iframe> has no equivalent block: kept as a paragraph of its text",
    ]


def test_the_command_reports_unmappable_elements_with_element_and_line(
    indexes, tmp_path
):
    (tmp_path / "knee.html").write_text(
        ARTICLE.format(
            body="<h2>Map</h2>\n<iframe src='https://maps.example.org/x'></iframe>"
        ),
        encoding="utf-8",
    )
    output = run_import(tmp_path / "knee.html", "--locale", "en")
    assert (
        "warning: line 9: <iframe> has no equivalent block: kept as a paragraph "
        "of its text" in output
    )


def test_links_in_plain_text_fields_keep_their_words_with_a_warning(tmp_path):
    article = parse(
        tmp_path,
        """<h2><a href="#care">Care</a> at <a href="https://nhs.example/knee">home</a></h2>
<table><tr><td><a href="https://nice.example/ng226">NG226</a></td></tr></table>
<blockquote><p>Keep moving, <a href="https://ex.example">gently</a>.</p></blockquote>
<figure><img src="knee.png" alt="A knee">
<figcaption>From <a href="https://atlas.example">the atlas</a></figcaption></figure>""",
    )
    [section] = article.sections
    assert section.heading == "Care at home"
    table, quote, figure = section.content
    assert table.rows == [["NG226"]]
    assert quote.text == "Keep moving, gently."
    assert figure.caption == "From the atlas"
    # The heading's link to its own fragment is what its anchor does: no warning.
    assert notices(article) == [
        "line 8: link to 'https://nhs.example/knee' in the <h2> heading removed "
        "(plain text): text kept",
        "line 9: link to 'https://nice.example/ng226' in a table removed "
        "(plain text): text kept",
        "line 10: link to 'https://ex.example' in a quote removed (plain text): "
        "text kept",
        "line 12: link to 'https://atlas.example' in a caption removed "
        "(plain text): text kept",
    ]


def test_images_between_paragraphs_become_figures_without_warnings(tmp_path):
    article = parse(
        tmp_path,
        """<h2>Scans</h2>
Swelling shows on the scan <img src="mri.png" alt="Knee MRI"> within a day.
<img src="x-ray.png" alt="Knee X-ray">""",
    )
    assert article.sections[0].content == [
        Paragraph("<p>Swelling shows on the scan within a day.</p>"),
        Figure(src="mri.png", alt="Knee MRI", line=9),
        Figure(src="x-ray.png", alt="Knee X-ray", line=10),
    ]
    assert notices(article) == []


def test_video_frames_become_video_blocks(tmp_path):
    article = parse(
        tmp_path,
        '<h2>Video</h2><figure><iframe src="//www.youtube.com/embed/abc123" '
        'title="Knee exercises"></iframe><figcaption>Five exercises.</figcaption>'
        "</figure>",
    )
    assert article.sections[0].content == [
        Embed(
            url="https://www.youtube.com/embed/abc123",
            title="Knee exercises",
            caption="Five exercises.",
        )
    ]


def test_only_the_formatting_a_block_allows_is_kept(tmp_path):
    article = parse(
        tmp_path,
        """<h2>Care</h2>
<p>Use <u>ice</u>, <code>RICE</code>, H<sub>2</sub>O, 10<sup>3</sup> and
<a href="https://example.org/a?b=1&amp;c=2">this guide</a> but not
<a href="care.html">the old page</a> or <a href="javascript:alert(1)">this</a>.</p>
<ul><li><p>Rest <strong>well</strong></p></li><li>Elevate<br>the leg</li></ul>""",
    )
    paragraph, bullets = article.sections[0].content
    assert paragraph == Paragraph(
        "<p>Use ice, RICE, H<sub>2</sub>O, 10<sup>3</sup> and "
        '<a href="https://example.org/a?b=1&amp;c=2">this guide</a> but not '
        "the old page or this.</p>"
    )
    assert bullets == BulletList(["Rest <b>well</b>", "Elevate<br/>the leg"])
    assert notices(article) == [
        "line 11: link to 'care.html' removed (not an absolute URL): text kept",
        "line 11: link to 'javascript:alert(1)' removed (not an absolute URL): "
        "text kept",
    ]


def test_nested_lists(tmp_path):
    article = parse(
        tmp_path,
        """<h2>Steps</h2>
<ol start="2">
  <li>Scan<ul><li>MRI</li><li>X-ray<ul><li>standing</li></ul></li></ul></li>
  <li>Surgery</li>
</ol>
<ul><li>Pain<ul><li>at night</li></ul></li></ul>""",
    )
    numbered, bullets = article.sections[0].content
    assert numbered == NumberedList(
        [NumberedItem("Scan", ["MRI", "X-ray", "standing"]), NumberedItem("Surgery")],
        start=2,
    )
    assert bullets == BulletList(["Pain", "at night"])
    assert notices(article) == [
        "line 10: third-level list: its items are kept as nested points",
        "line 13: list nested in a bullet list: its items follow their parent "
        "(only numbered lists have nested points)",
    ]


def test_headings_below_h3_are_bold_paragraphs_and_ids_are_kept_exactly(tmp_path):
    article = parse(
        tmp_path,
        """<h2><a id="2.-injury-(sci)"></a>Injury</h2>
<h4>Details</h4>
<section id="why's-that"><h3>Why</h3></section>
<h2 id="2.-injury-(sci)">Twice</h2>
<h2 id="has space">Odd</h2>""",
    )
    assert [(s.level, s.anchor, s.heading) for s in article.sections] == [
        (2, "2.-injury-(sci)", "Injury"),
        (3, "why's-that", "Why"),
        (2, "", "Twice"),
        (2, "", "Odd"),
    ]
    assert article.sections[0].content == [Paragraph("<p><b>Details</b></p>")]
    assert notices(article) == [
        "line 9: <h4> kept as a bold paragraph: sections go two levels deep",
        "line 11: id '2.-injury-(sci)' used twice: the second heading gets a "
        "derived anchor",
        "line 12: id 'has space' cannot be an anchor: one is derived from the heading",
    ]


def test_content_before_the_first_section_is_the_summary_or_an_introduction(
    tmp_path,
):
    short = parse(tmp_path, "<h2>Causes</h2><p>Wear.</p>")
    assert short.summary == "Why knees hurt, and what helps."
    assert [s.heading for s in short.sections] == ["Causes"]

    longer = parse(
        tmp_path,
        '<p>Most knee pain gets better.</p><img src="knee.png" alt="A knee">'
        "<h2>Causes</h2>",
        language="ko",
    )
    assert longer.summary == "Why knees hurt, and what helps."
    intro = longer.sections[0]
    assert (intro.heading, intro.anchor, intro.level) == ("소개", "introduction", 2)
    assert intro.content == [
        Paragraph(
            "<p>Why knees hurt, and what helps.</p><p>Most knee pain gets better.</p>"
        ),
        Figure(src="knee.png", alt="A knee", line=8),
    ]


def test_an_article_of_one_paragraph_keeps_it_in_its_body(tmp_path):
    article = parse(tmp_path, "")
    assert article.summary == "Why knees hurt, and what helps."
    [intro] = article.sections
    assert intro.content == [Paragraph("<p>Why knees hurt, and what helps.</p>")]


def test_a_long_first_paragraph_gives_a_shortened_summary_with_a_warning(tmp_path):
    (tmp_path / "long.md").write_text(
        "# Knee pain\n\n## Causes\n\n" + "Cartilage wears with age. " * 20 + "\n",
        encoding="utf-8",
    )
    article = parse_file(tmp_path / "long.md", language_code="en")
    assert len(article.summary) <= 300
    assert article.summary.endswith("Cartilage wears with age.")
    assert "the summary is the first paragraph; check it" in notices(article)[0]


def test_callouts_quotes_and_tables(tmp_path):
    article = parse(
        tmp_path,
        """<h2>Notes</h2>
<div class="key-fact"><h3>In short</h3><p>Most people <b>recover</b>.</p></div>
<aside><p>Ask your GP.</p><ul><li>Bring your scans</li></ul></aside>
<blockquote><p>Move a little every day.</p><cite>Dr Lee</cite></blockquote>
<table><tr><th></th><th>Before</th><th>After</th></tr>
<tr><th>Pain</th><td>7</td><td>2</td></tr></table>""",
    )
    key_fact, note, quote, table = article.sections[0].content
    assert key_fact == Callout(
        body="<p>Most people <b>recover</b>.</p>", kind="key_fact", title="In short"
    )
    assert note == Callout(body="<p>Ask your GP.</p><p>Bring your scans</p>")
    assert quote == Quote(text="Move a little every day.", attribution="Dr Lee")
    assert (table.rows, table.header_row, table.header_column) == (
        [["", "Before", "After"], ["Pain", "7", "2"]],
        True,
        True,
    )
    # The <h3> inside the callout is its title, not a subsection.
    assert [s.heading for s in article.sections] == ["Notes"]


def test_markdown_warnings_point_at_markdown_lines(tmp_path):
    (tmp_path / "knee.md").write_text(
        "# Knee pain\n\nWhy knees hurt.\n\n## Causes {#causes}\n\n"
        "Wear and [old links](page.html).\n\n"
        "<dl><dt>ACL</dt><dd>A ligament.</dd></dl>\n",
        encoding="utf-8",
    )
    article = parse_file(tmp_path / "knee.md", language_code="en")
    assert article.sections[0].anchor == "causes"
    assert notices(article) == [
        "line 7: link to 'page.html' removed (not an absolute URL): text kept",
        "line 9: <dl> has no equivalent block: kept as a paragraph of its text",
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("notes.txt", b"<h1>Knee</h1>", "unsupported file type '.txt'"),
        ("scan.html", b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        ("plain.html", b"Just some words.", "not HTML: the file has no elements"),
        ("latin.md", "# Genou abîmé".encode("latin-1"), "not UTF-8 text"),
        ("untitled.html", b"<article><p>No title.</p></article>", "no title"),
        (
            "untitled.md",
            b"Rest the knee.\n\n## Causes\n",
            "no title: the file has no '# ' heading",
        ),
        ("empty.html", b" \n", "the file is empty"),
    ],
)
def test_files_that_cannot_be_articles_say_why(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ImportFailure, match=reason):
        parse_file(tmp_path / name, language_code="en")


def test_a_page_without_h1_takes_its_title_from_the_title_element(tmp_path):
    (tmp_path / "knee.html").write_text(
        "<html><head><title>Knee pain</title></head><body><main><p>Rest.</p>"
        "<h2>Causes</h2></main></body></html>",
        encoding="utf-8",
    )
    article = parse_file(tmp_path / "knee.html", language_code="en")
    assert (article.title, article.summary) == ("Knee pain", "Rest.")
    # A page's <title> often carries the site's name too.
    assert notices(article) == [
        "line 1: no <h1>: the title is the page's <title>; check it"
    ]
