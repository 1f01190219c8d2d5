"""The body and images of the article example in the OpenAPI document
(`api.schema_examples`): the Korean stem-cell demo article as the API returns it,
cut down to some of its sections, with at least one block of every type. Blocks keep
their ids, values and order; long lists, tables and FAQs keep their first items, and
long prose is shortened. `tests/api/test_openapi_example_article.py` checks every
block against the demo's own response, so the example cannot drift from the
serializers.
"""

MEDIA = "https://cms.hospital.example/media"


def image(image_id: int, name: str, title: str) -> dict:
    """An image as the API describes one: the original and its renditions."""
    renditions = [
        {
            "width": width,
            "height": width * 9 // 16,
            "format": image_format,
            "url": f"{MEDIA}/images/{name}.width-{width}"
            + (".format-webp.webp" if image_format == "webp" else ".png"),
        }
        for width in (320, 640, 960, 1280)
        for image_format in ("webp", "png")
    ]
    return {
        "id": image_id,
        "title": title,
        "width": 1600,
        "height": 900,
        "focal_point": None,
        "original": f"{MEDIA}/original_images/{name}.png",
        "renditions": renditions,
    }


FIGURE_1 = image(
    10,
    "demo-stem-cell-spine-figure-1",
    "Cross-section of an injured spinal cord showing a fluid-filled cyst surrounded "
    "by scar tissue",
)

OVERVIEW = {
    "type": "section",
    "id": "8673dcfc-1f44-5d76-ab04-83a7e2f69346",
    "anchor": "overview",
    "heading": "1. 개요",
    "level": 2,
    "content": [
        {
            "type": "paragraph",
            "id": "31b4bf10-cbcb-511f-9a02-9209d52e894b",
            "html": "<p>척수 손상의 영향은 다친 그 순간에서 끝나지 않습니다. "
            "줄기세포 치료는 이러한 과정을 늦추기 위해 연구되고 있는 여러 방법 중 "
            "하나입니다.</p>",
        },
        {
            "type": "callout",
            "id": "f25c705c-c4e7-5ece-89b2-874ed8a85a2f",
            "kind": "key_fact",
            "title": "한눈에 보기",
            "body": "<p>척수 손상에 대한 줄기세포 치료는 대부분 규제를 받는 "
            "임상시험을 통해서만 받을 수 있습니다.</p>",
        },
    ],
}

INJURY = {
    "type": "section",
    "id": "d23e4b5b-90d1-5c77-99d3-0f1b23f0d427",
    "anchor": "2.-spinal-cord-injury-(sci)",
    "heading": "2. 척수 손상(SCI)",
    "level": 2,
    "content": [
        {
            "type": "image",
            "id": "596e6ba7-ffd1-55da-811e-d8abf4441be5",
            "image": FIGURE_1,
            "alt": "액체가 찬 낭종과 이를 둘러싼 흉터 조직이 보이는 손상된 척수의 단면",
            "caption": "그림 1. 손상 후 수개월이 지나면 손상 부위에 액체가 찬 낭종과 "
            "이를 둘러싼 흉터 조직이 생기는 경우가 많습니다.",
            "credit": "일러스트: 의학 일러스트팀",
        }
    ],
}

DEGENERATION = {
    "type": "section",
    "id": "d65a6723-d931-5682-a389-2d08e625c878",
    "anchor": "how-degeneration-develops-after-injury",
    "heading": "2.1 손상 후 퇴행이 진행되는 과정",
    "level": 3,
    "content": [
        {
            "type": "bullet_list",
            "id": "8eaa516b-8dc2-569b-bf8b-c478da05d7cf",
            "items": [
                "<b>탈수초화:</b> 살아남은 신경섬유가 보호막인 수초를 잃어 신호 "
                "전달이 느려집니다.",
                "<b>낭종 형성:</b> 척수 안에 액체가 찬 공간(척수공동증)이 커지면서 "
                "새로운 증상을 일으킬 수 있습니다.",
            ],
        }
    ],
}

STEM_CELLS = {
    "type": "section",
    "id": "372286c3-af66-5418-945c-28bf7f12e45a",
    "anchor": "what-stem-cells-are-and-which-kinds-are-used",
    "heading": "3. 줄기세포란 무엇이며 어떤 종류가 사용되나요",
    "level": 2,
    "content": [
        {
            "type": "embed",
            "id": "e090b719-a52e-56ce-93b9-18948d062c3a",
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "provider": "youtube",
            "embed_url": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "title": "줄기세포가 손상된 척수를 도울 수 있는 방법",
            "caption": "저희 병원 척추재생클리닉에서 제작한 4분 분량의 애니메이션 "
            "설명 영상입니다.",
            "transcript": "척수 손상 후에는 염증과 흉터가 신경섬유를 계속 손상시킬 "
            "수 있습니다.",
        }
    ],
}

TREATMENT = {
    "type": "section",
    "id": "43c9fa37-2155-5261-96ab-c69124241de1",
    "anchor": "how-the-treatment-is-given",
    "heading": "4. 치료는 어떻게 진행되나요",
    "level": 2,
    "content": [
        {
            "type": "numbered_list",
            "id": "e41b9bb4-d298-5134-b007-74168a05ec33",
            "start": 1,
            "items": [
                {
                    "text": "<b>평가 및 동의</b>",
                    "sub_items": [
                        "척추 전체 MRI 검사와 종합적인 신경학적 진찰",
                        "임상시험의 목적, 위험성, 대안에 대한 상담",
                    ],
                },
                {
                    "text": "<b>세포 채취</b>",
                    "sub_items": [
                        "국소마취 후 엉덩이뼈에서 소량의 골수를 채취합니다",
                        "대개 당일 귀가할 수 있습니다",
                    ],
                },
            ],
        }
    ],
}

STUDIES = {
    "type": "section",
    "id": "600d1232-cf83-5548-ad24-1f1cc2c4010c",
    "anchor": "what-the-studies-show",
    "heading": "5. 연구 결과는 무엇을 보여 주나요",
    "level": 2,
    "content": [
        {
            "type": "clinical_study",
            "id": "486e6c79-a8bc-5b52-b7ea-bb976fb8f945",
            "name": "자가 골수 유래 중간엽 줄기세포를 이용한 SPIRE-2 임상시험",
            "phase": "phase_2",
            "phase_label": "Phase 2",
            "design": "12개월 추적 관찰을 포함한 무작위 배정, 평가자 눈가림, "
            "대조군 임상시험",
            "participants": 48,
            "population": "손상 후 1~5년이 지난 만성 불완전 경수 손상(AIS B~D) "
            "성인 환자",
            "outcome": "<p>재활치료와 함께 척수강 내 주사를 3회 받은 참여자는 "
            "재활치료만 받은 참여자보다 손 기능과 감각 점수가 더 많이 "
            "개선되었습니다.</p>",
            "citation": "Park S-Y, Lindqvist E, Choi D-H, et al. Intrathecal "
            "autologous mesenchymal stem cells in chronic incomplete cervical spinal "
            "cord injury: a randomised controlled trial. J Spinal Regen Med. "
            "2024;11(3):201-214.",
            "url": "https://example.org/studies/spire-2",
        },
        {
            "type": "statistic",
            "id": "932ce320-b4cb-5ac8-8690-17844f151cdf",
            "value": "21%",
            "label": "SPIRE-2에서 치료를 받은 참여자 중 12개월 시점에 AIS 등급이 "
            "한 단계 이상 개선된 비율(재활치료만 받은 참여자는 8%)",
            "source": "Park et al., J Spinal Regen Med, 2024",
        },
        {
            "type": "table",
            "id": "67c79496-70a8-5d4f-9233-a3d02d3605d5",
            "caption": "척수 손상에서 연구되고 있는 주요 줄기세포 치료법",
            "header": ["치료법", "세포 공급원", "투여 방법", "근거 수준"],
            "rows": [
                [
                    "골수 유래 중간엽 줄기세포",
                    "환자 자신의 골수",
                    "요추천자(척수강 내 주사)",
                    "2상 임상시험",
                ],
                [
                    "신경 전구세포",
                    "기증 조직 또는 실험실에서 배양한 iPS 세포",
                    "수술 중 척수에 직접 주입",
                    "초기 1상 임상시험",
                ],
            ],
            "first_column_is_header": False,
        },
    ],
}

PERSPECTIVE = {
    "type": "section",
    "id": "204efb5d-9417-5282-9668-7a0a1060d1e8",
    "anchor": "clinical-perspective",
    "heading": "임상적 관점",
    "level": 2,
    "content": [
        {
            "type": "quote",
            "id": "1fb038f3-543b-5bc1-84a2-a0fa76fe7416",
            "text": "줄기세포는 척수를 다시 켜는 스위치가 아닙니다. 가장 좋은 "
            "경우에도 줄기세포는 척수를 회복이 일어나기 좋은 환경으로 만들어 줄 "
            "뿐이며, 나머지는 재활치료의 몫입니다.",
            "attribution": "한민준 교수",
            "role": "척추외과 전문의, 신경외과",
        }
    ],
}

FAQ = {
    "type": "section",
    "id": "90d74995-7c18-5cd2-9569-b810f356fa06",
    "anchor": "frequently-asked-questions",
    "heading": "자주 묻는 질문",
    "level": 2,
    "content": [
        {
            "type": "faq",
            "id": "1847b074-b78b-5255-9a12-058868080dbb",
            "items": [
                {
                    "question": "줄기세포로 척수 손상을 완치할 수 있나요?",
                    "answer": "<p>아니요. 현재로서는 어떤 줄기세포 치료도 척수를 "
                    "완전히 회복시킬 수 없습니다.</p>",
                },
                {
                    "question": "해외에 거주해도 임상시험에 참여할 수 있나요?",
                    "answer": '<p>자세한 내용은 저희 <a href="https://example.org/'
                    'international-patients">국제진료센터</a>에서 안내해 '
                    "드립니다.</p>",
                },
            ],
        }
    ],
}

ROAD_AHEAD = {
    "type": "section",
    "id": "9bd1a7a3-ebbc-5000-8bb2-45acb2311e55",
    "anchor": "the-road-ahead:-what's-realistic",
    "heading": "앞으로의 전망: 현실적으로 기대할 수 있는 것",
    "level": 2,
    "content": [
        {
            "type": "call_to_action",
            "id": "205315ed-14fb-5e3d-b832-28459fa2558a",
            "label": "척추 재생 상담 예약",
            "description": "척추재생클리닉에서 손상 상태와 현재 모집 중인 "
            "임상시험에 대해 상담받으실 수 있습니다. 평일 9:00~17:00.",
            "link_type": "phone",
            "href": "tel:+8225550142",
        }
    ],
}

BODY = [
    OVERVIEW,
    INJURY,
    DEGENERATION,
    STEM_CELLS,
    TREATMENT,
    STUDIES,
    PERSPECTIVE,
    FAQ,
    ROAD_AHEAD,
]


def table_of_contents(body: list[dict]) -> list[dict]:
    """The `toc` of `body`, as the API builds it: level-3 sections under the level-2
    section before them."""
    toc: list[dict] = []
    for section in body:
        entry = {key: section[key] for key in ("anchor", "heading", "level")}
        if section["level"] == 3 and toc:
            toc[-1]["children"].append({**entry, "children": []})
        else:
            toc.append({**entry, "children": []})
    return toc


TOC = table_of_contents(BODY)
