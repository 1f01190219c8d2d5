"""What an imported article looks like: sections, anchors, blocks and rich text, for
a whole HTML page in Chinese, an <article> element in Korean and a Markdown file."""

import re

import pytest
from rest_framework.test import APIClient
from wagtail import blocks

from articles.models import ArticlePage
from tests.importer.conftest import item_markup, markup, run_import

pytestmark = pytest.mark.django_db

ZH = "stem-cell-spine.zh-hans.html"
KO = "knee-cartilage.ko.html"
MD = "knee-cartilage.md"

# Every heading of the Chinese file with its anchor: the file's ids exactly, derived
# anchors where it has none.
ZH_OUTLINE = [
    (2, "1.-overview", "概述"),
    (2, "2.-spinal-cord-injury-(sci)", "脊髓损伤（SCI）"),
    (3, "2.1-how-degeneration-develops", "损伤后退行性变如何发生"),
    (2, "干细胞的种类", "干细胞的种类"),
    (3, "3.1-mesenchymal-stem-cells", "间充质干细胞"),
    (3, "神经前体细胞", "神经前体细胞"),
    (2, "4.-how-the-treatment-is-given", "治疗如何进行"),
    (2, "5.-what-the-studies-show", "研究结果"),
    (3, "5.1-safety-in-early-trials", "早期试验的安全性"),
    (2, "6.-risks-and-side-effects", "风险与副作用"),
    (2, "clinical-perspective", "临床观点"),
    (2, "who-may-be-a-candidate", "哪些人可能适合"),
    (2, "frequently-asked-questions", "常见问题"),
    (2, "the-road-ahead:-what's-realistic", "展望：什么是现实的"),
]


def outline(page) -> list[tuple]:
    return [
        (int(s.value["level"]), s.value["anchor"], s.value["heading"])
        for s in page.body
    ]


def content_types(page) -> dict[str, list[str]]:
    return {
        s.value["anchor"]: [child.block_type for child in s.value["content"]]
        for s in page.body
    }


def section(page, anchor: str):
    return next(s.value for s in page.body if s.value["anchor"] == anchor)


def rich_texts(block, value):
    """(features, stored html) of every rich text in a block value."""
    if isinstance(block, blocks.RichTextBlock):
        yield block.features, value.source
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from rich_texts(child, value[name])
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from rich_texts(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from rich_texts(child.block, child.value)


FEATURE_TAGS = {
    "bold": "b",
    "italic": "i",
    "superscript": "sup",
    "subscript": "sub",
    "link": "a",
}


def assert_valid(page) -> None:
    """The page passes the model's and the StreamField's validation, and each rich
    text uses only the tags its block's features allow."""
    page.full_clean()
    page.body.stream_block.clean(page.body)
    for features, html in rich_texts(page.body.stream_block, page.body):
        allowed = {"p", "br"} | {FEATURE_TAGS[f] for f in features if f in FEATURE_TAGS}
        assert set(re.findall(r"<([a-z0-9]+)", html)) <= allowed, html
        for href in re.findall(r'href="([^"]*)"', html):
            assert href.startswith(("https://", "http://", "#", "mailto:", "tel:"))


@pytest.fixture
def zh(indexes, files):
    run_import(files / ZH, "--locale", "zh-hans")
    return ArticlePage.objects.get(locale__language_code="zh-hans")


def test_sections_and_subsections_keep_the_files_ids_as_anchors_exactly(zh):
    assert outline(zh) == ZH_OUTLINE
    assert [level for level, _a, _h in ZH_OUTLINE].count(2) == 10
    assert [level for level, _a, _h in ZH_OUTLINE].count(3) == 4


def test_title_and_summary_come_from_h1_and_meta_description(zh):
    assert zh.title == "干细胞疗法与脊髓损伤后的退行性变"
    assert zh.summary.startswith("干细胞疗法能否减缓脊髓损伤后的退行性变？")
    assert zh.slug == "stem-cell-spine"
    assert (zh.locale.language_code, zh.get_parent().locale.language_code) == (
        "zh-hans",
        "zh-hans",
    )


def test_each_section_holds_the_blocks_of_its_elements(zh):
    assert content_types(zh) == {
        "1.-overview": ["paragraph"],
        "2.-spinal-cord-injury-(sci)": ["paragraph", "image"],
        "2.1-how-degeneration-develops": ["paragraph", "bullet_list"],
        "干细胞的种类": ["paragraph"],
        "3.1-mesenchymal-stem-cells": ["paragraph"],
        "神经前体细胞": ["paragraph"],
        "4.-how-the-treatment-is-given": ["paragraph", "numbered_list", "image"],
        "5.-what-the-studies-show": ["paragraph", "table"],
        "5.1-safety-in-early-trials": ["paragraph"],
        "6.-risks-and-side-effects": ["bullet_list", "callout"],
        "clinical-perspective": ["quote"],
        "who-may-be-a-candidate": ["bullet_list"],
        "frequently-asked-questions": ["paragraph"],
        "the-road-ahead:-what's-realistic": ["paragraph"],
    }


def test_nested_lists_become_the_points_of_numbered_items(zh):
    [steps] = [
        child.value
        for child in section(zh, "4.-how-the-treatment-is-given")["content"]
        if child.block_type == "numbered_list"
    ]
    assert [
        (item_markup(item["text"]), [item_markup(p) for p in item["sub_items"]])
        for item in steps["items"]
    ] == [
        (
            "<b>评估与知情同意</b>",
            [
                "全脊柱核磁共振检查和全面的神经系统检查",
                "讨论试验的目的、风险和其他选择",
            ],
        ),
        (
            "<b>采集细胞</b>",
            ["在局部麻醉下从髋部抽取少量骨髓", "细胞在实验室中培养三到四周"],
        ),
        ("<b>输注细胞</b>", ["通过腰椎穿刺把细胞注入脑脊液", "术后平卧观察数小时"]),
        ("<b>康复与随访</b>：按计划进行强化康复训练，并定期复查。", []),
    ]


def test_rich_text_keeps_bold_italic_and_links(zh):
    overview = markup(section(zh, "1.-overview")["content"][0].value)
    assert "<b>减缓</b>" in overview
    injury = section(zh, "2.-spinal-cord-injury-(sci)")["content"][0].value.source
    assert "<i>平面</i>" in injury
    road = section(zh, "the-road-ahead:-what's-realistic")["content"][0].value.source
    assert '<a href="https://clinicaltrials.gov/">临床试验登记网站</a>' in road
    # Lines broken between Chinese characters are not spaces.
    assert " " not in re.sub(r"</?[bp]>", "", overview)


def test_figures_tables_callouts_and_quotes_are_their_blocks(zh):
    figure = section(zh, "2.-spinal-cord-injury-(sci)")["content"][1].value
    assert figure["alt_text"] == "受伤脊髓的横截面，可见被瘢痕组织包围的囊腔"
    assert figure["caption"] == "图1. 受伤数月后，损伤部位常会形成囊腔和一圈瘢痕组织。"
    assert figure["credit"] == "插图：脊柱再生门诊"
    assert figure["image"].width == 60

    table = section(zh, "5.-what-the-studies-show")["content"][1].value
    assert table["table_caption"] == "脊髓损伤中研究的主要干细胞方法"
    assert table["first_row_is_table_header"] is True
    assert table["data"][0] == ["方法", "细胞来源", "给药方式", "证据阶段"]
    assert len(table["data"]) == 4

    callout = section(zh, "6.-risks-and-side-effects")["content"][1].value
    assert (callout["kind"], callout["title"]) == ("warning", "警惕未经监管的诊所")
    assert markup(callout["body"]).startswith("<p>一些诊所在临床试验之外")

    quote = section(zh, "clinical-perspective")["content"][0].value
    assert quote["attribution"] == "韩敏俊医生，脊柱外科"
    assert quote["text"].startswith("干细胞并不是让脊髓重新工作的开关。")


def test_imported_pages_pass_validation_with_rich_text_their_blocks_allow(
    indexes, files
):
    run_import(files / ZH, "--locale", "zh-hans")
    run_import(files / MD, "--locale", "en")
    run_import(files / KO, "--locale", "ko")
    assert ArticlePage.objects.count() == 3
    for page in ArticlePage.objects.all():
        assert_valid(page)
        assert_valid(page.get_latest_revision_as_object())


def test_an_article_element_alone_is_an_article(indexes, files):
    run_import(files / KO, "--locale", "ko")
    ko = ArticlePage.objects.get(locale__language_code="ko")
    assert ko.title == "무릎 연골 재생 치료"
    # The lead paragraph is the summary, and not repeated in the body.
    assert ko.summary.startswith("손상된 무릎 연골은 스스로 회복되는 경우가 드뭅니다.")
    assert [level for level, _a, _h in outline(ko)].count(2) == 10
    assert [level for level, _a, _h in outline(ko)].count(3) == 4
    assert outline(ko)[5] == (3, "3.1-microfracture", "미세천공술")
    # The legacy anchors, with their dots, brackets, colon and apostrophe.
    anchors = [anchor for _level, anchor, _heading in outline(ko)]
    assert "3.2-autologous-chondrocyte-implantation-(aci)" in anchors
    assert anchors[-1] == "the-road-ahead:-what's-realistic"
    assert [
        child.value["alt_text"]
        for s in ko.body
        for child in s.value["content"]
        if child.block_type == "image"
    ] == [
        "넙다리뼈 연골의 결손을 보여주는 무릎 MRI",
        "무릎 수술 중 결손 부위에 연골 이식편을 넣는 모습",
    ]
    steps = section(ko, "what-to-expect")["content"][0].value
    assert [len(item["sub_items"]) for item in steps["items"]] == [2, 2, 0]
    assert content_types(ko)["3.2-autologous-chondrocyte-implantation-(aci)"] == [
        "paragraph",
        "image",
        "table",
    ]


def test_markdown_gives_the_same_structure_with_anchors_from_braces(indexes, files):
    run_import(files / MD, "--locale", "en")
    en = ArticlePage.objects.get(locale__language_code="en")
    assert en.title == "Knee cartilage repair"
    assert en.summary.startswith("Damaged knee cartilage rarely heals on its own.")
    assert [anchor for _level, anchor, _heading in outline(en)] == [
        "1.-overview",
        "what-is-articular-cartilage",
        "2.1-why-cartilage-does-not-heal",
        "who-is-it-for",
        "treatment-options",
        "3.1-microfracture",
        "3.2-autologous-chondrocyte-implantation-(aci)",
        "what-to-expect",
        "recovery-and-rehabilitation",
        "6.1-the-first-six-weeks",
        "risks",
        "questions-to-ask-your-surgeon",
        "further-reading",
        "the-road-ahead:-what's-realistic",
    ]
    figure = section(en, "what-is-articular-cartilage")["content"][1].value
    assert figure["caption"] == (
        "Figure 1. A cartilage defect on the end of the thigh bone, seen on MRI."
    )
    steps = section(en, "what-to-expect")["content"][0].value
    assert [item_markup(item["text"]) for item in steps["items"]] == [
        "<b>Assessment</b>",
        "<b>Surgery</b>",
        "<b>Rehabilitation</b>, supervised by a physiotherapist",
    ]
    assert [item_markup(point) for point in steps["items"][1]["sub_items"]] == [
        "Usually keyhole surgery (arthroscopy)",
        "You go home the same day or the next",
    ]
    quote = section(en, "risks")["content"][1].value
    assert quote["attribution"] == "Dr Seo Yuna, orthopaedic surgeon"
    table = section(en, "3.2-autologous-chondrocyte-implantation-(aci)")["content"][2]
    assert table.value["data"][1] == [
        "Microfracture",
        "Small defects",
        "One",
        "6 to 9 months",
    ]


def test_the_api_serves_a_published_import(indexes, files):
    run_import(files / ZH, "--locale", "zh-hans", "--publish")
    response = APIClient().get(
        "/api/v1/articles/stem-cell-spine/", {"locale": "zh-hans"}
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["locale"], data["title"]) == (
        "zh-hans",
        "干细胞疗法与脊髓损伤后的退行性变",
    )
    assert [s["anchor"] for s in data["body"]] == [a for _l, a, _h in ZH_OUTLINE]
    assert [entry["anchor"] for entry in data["toc"]][:3] == [
        "1.-overview",
        "2.-spinal-cord-injury-(sci)",
        "干细胞的种类",
    ]
    figure = data["body"][1]["content"][1]
    assert figure["type"] == "image"
    assert figure["image"]["width"] == 60
    assert figure["image"]["renditions"]
