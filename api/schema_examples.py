"""Example responses for the OpenAPI document, taken from the demo content (the Korean
version of the stem-cell article, shortened to one block of each type, from
`api.schema_example_article`) so that the documentation shows what an app really
receives. `tests/api/test_openapi.py` checks them against the response schemas and
against what the API returns for the demo; `tests/api/test_openapi_example_article.py`
checks the article block by block.
"""

from .schema_example_article import BODY, TOC, image

SITE = "https://www.hospital.example"
SLUG = "stem-cell-therapy-spinal-degeneration"

HERO_IMAGE = image(
    9,
    "demo-stem-cell-spine-hero",
    "Stem-cell therapy for spinal degeneration after injury",
)

ARTICLE_LISTING = {
    "requested_locale": "ko",
    "is_fallback": False,
    "id": 12,
    "translation_key": "f707e447-3b46-56e2-8b0d-a13d9c0bd5a5",
    "locale": "ko",
    "slug": SLUG,
    "path": f"/ko/{SLUG}/",
    "title": "척수 손상 후 척추 퇴행에 대한 줄기세포 치료",
    "summary": "척수 손상 후 척수의 퇴행이 계속되는 분들을 위해 줄기세포 치료가 할 수 "
    "있는 것과 아직 할 수 없는 것을 정리했습니다.",
    "hero_image": HERO_IMAGE,
    "topics": [
        {"slug": "regenerative-medicine", "name": "재생의학"},
        {"slug": "spine-care", "name": "척추 치료"},
    ],
    "first_published_at": "2026-03-02T09:00:00+09:00",
    "last_published_at": "2026-09-15T10:30:00+09:00",
    "last_reviewed": "2026-09-14",
    "reading_time_minutes": 9,
    "available_locales": ["en", "ko", "zh-hans", "ar"],
    "review": {
        "last_reviewed": "2026-09-14",
        "next_review_due": "2027-09-14",
        "status": "current",
        "flagged": False,
    },
    "is_outdated": False,
    "outdated_since": None,
    "outdated_sections": [],
}

CLINICIAN_BIOS = {
    "han-minjun": "한민준 교수는 척수 손상 프로그램을 이끌며 15년 넘게 만성 척추 질환 "
    "환자를 진료해 왔습니다.",
    "yoon-haewon": "윤해원 교수는 신경과 전문의로 병원의 뇌·척수 관련 환자 정보를 "
    "검토합니다.",
}

AUTHOR = {
    "id": 2,
    "name": "한민준 교수",
    "credentials": "의학박사",
    "specialty": "신경외과, 척수 손상",
    "bio": CLINICIAN_BIOS["han-minjun"],
    "photo": image(1, "demo-clinician-han-minjun", "Dr Han Min-jun"),
}

MEDICAL_REVIEWER = {
    "id": 14,
    "name": "윤해원 교수",
    "credentials": "의학박사",
    "specialty": "신경과",
    "bio": CLINICIAN_BIOS["yoon-haewon"],
    "photo": image(4, "demo-clinician-yoon-haewon", "Dr Yoon Hae-won"),
}

REFERENCE = {
    "id": "2495fa55-15e5-539d-ae0d-4a23c993e6ea",
    "citation": "Park S-Y, Lindqvist E, Choi D-H, et al. Intrathecal autologous "
    "mesenchymal stem cells in chronic incomplete cervical spinal cord injury: a "
    "randomised controlled trial. J Spinal Regen Med. 2024;11(3):201-214.",
    "url": "https://example.org/references/park-2024-spire-2",
    "doi": "10.5555/jsrm.2024.0113",
    "doi_url": "https://doi.org/10.5555/jsrm.2024.0113",
    "pmid": "39012345",
    "pubmed_url": "https://pubmed.ncbi.nlm.nih.gov/39012345/",
}

TITLES = {
    "en": "Stem-cell therapy for spinal degeneration after injury",
    "ko": ARTICLE_LISTING["title"],
    "zh-hans": "脊髓损伤后脊柱退变的干细胞治疗",
    "ar": "العلاج بالخلايا الجذعية لتنكّس العمود الفقري بعد الإصابة",
}
HREFLANGS = {"en": "en", "ko": "ko", "zh-hans": "zh-Hans", "ar": "ar"}

ARTICLE_DETAIL = {
    **ARTICLE_LISTING,
    "body": BODY,
    "toc": TOC,
    "author": AUTHOR,
    "medical_reviewer": MEDICAL_REVIEWER,
    "next_review_due": "2027-09-14",
    "references": [REFERENCE],
    "disclaimer": "<p>이 글은 일반적인 정보를 제공하기 위한 것이며 개인별 의학적 "
    "조언을 대신하지 않습니다.</p>",
    "translations": [
        {
            "locale": code,
            "slug": SLUG,
            "title": title,
            "path": f"/{code}/{SLUG}/",
            "url": f"{SITE}/{code}/{SLUG}/",
        }
        for code, title in TITLES.items()
    ],
    "seo": {
        "title": ARTICLE_LISTING["title"],
        "description": ARTICLE_LISTING["summary"],
        "canonical_url": f"{SITE}/ko/{SLUG}/",
        "alternates": [
            *(
                {"hreflang": hreflang, "href": f"{SITE}/{code}/{SLUG}/"}
                for code, hreflang in HREFLANGS.items()
            ),
            {"hreflang": "x-default", "href": f"{SITE}/en/{SLUG}/"},
        ],
    },
    "json_ld": {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "headline": ARTICLE_LISTING["title"],
        "name": ARTICLE_LISTING["title"],
        "description": ARTICLE_LISTING["summary"],
        "url": f"{SITE}/ko/{SLUG}/",
        "inLanguage": "ko",
        "datePublished": "2026-03-02T00:00:00+00:00",
        "dateModified": "2026-09-15T01:30:00+00:00",
        "lastReviewed": "2026-09-14",
        "about": [
            {"@type": "Thing", "name": "재생의학"},
            {"@type": "Thing", "name": "척추 치료"},
        ],
        "citation": [
            {
                "@type": "CreativeWork",
                "name": REFERENCE["citation"],
                "url": REFERENCE["url"],
                "sameAs": REFERENCE["doi_url"],
            }
        ],
        "author": {
            "@type": "Person",
            "name": AUTHOR["name"],
            "honorificSuffix": AUTHOR["credentials"],
            "jobTitle": AUTHOR["specialty"],
        },
        "reviewedBy": {
            "@type": "Person",
            "name": MEDICAL_REVIEWER["name"],
            "honorificSuffix": MEDICAL_REVIEWER["credentials"],
            "jobTitle": MEDICAL_REVIEWER["specialty"],
        },
        "image": HERO_IMAGE["original"],
    },
}

ARTICLE_LIST = {"locale": "ko", "next": None, "results": [ARTICLE_LISTING]}

TOPIC_LIST = {
    "locale": "ko",
    "results": [
        {
            "slug": "regenerative-medicine",
            "name": "재생의학",
            "description": "세포 치료를 포함하여 손상된 조직을 몸이 스스로 회복하거나 "
            "대체하도록 돕는 치료입니다.",
            "article_count": 2,
        },
        {
            "slug": "spine-care",
            "name": "척추 치료",
            "description": "척추와 척수 질환의 진단과 치료입니다.",
            "article_count": 1,
        },
    ],
}

LOCALE_LIST = {
    "default": "en",
    "locales": [
        {
            "code": "en",
            "name": "English",
            "native_name": "English",
            "direction": "ltr",
            "fallbacks": [],
        },
        {
            "code": "ko",
            "name": "Korean",
            "native_name": "한국어",
            "direction": "ltr",
            "fallbacks": ["en"],
        },
        {
            "code": "zh-hant",
            "name": "Traditional Chinese",
            "native_name": "繁體中文",
            "direction": "ltr",
            "fallbacks": ["zh-hans", "en"],
        },
        {
            "code": "ar",
            "name": "Arabic",
            "native_name": "العربيّة",
            "direction": "rtl",
            "fallbacks": ["en"],
        },
    ],
}

SYNC = {
    "locale": "ko",
    "articles": [ARTICLE_DETAIL],
    "deleted": [
        {"id": 31, "translation_key": "0b7e9a52-6a0f-5c3e-9d47-2f1c8e5d4a19"},
    ],
    "next_page_token": None,
    "next_sync_token": "eyJzIjoxLCJsIjoia28iLCJhIjozMH0:1xZ7NB:"
    "-54_Y3n9X_Cp2sjVe_qBt-jY6iQqlNBAT3gu0U3Q38Q",
}

UNKNOWN_LOCALE = {
    "error": {
        "code": "unknown_locale",
        "message": "locale: Not a language tag of a content locale. Supported: en, "
        "ko, zh-hans, zh-hant, ja, ru, vi, ar.",
        "details": {
            "locale": [
                "Not a language tag of a content locale. Supported: en, ko, "
                "zh-hans, zh-hant, ja, ru, vi, ar."
            ]
        },
    }
}


def error(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message, "details": {}}}


# What each error status looks like (`api.errors`, `api.preview`); checked against
# the API's real answers in `tests/api/test_openapi_error_examples.py`.
ERRORS = {
    401: error(
        "token_expired",
        "This preview link has expired: press Preview again in the CMS.",
    ),
    403: error("wrong_page", "This preview token is for another page."),
    404: error("not_found", "Not found."),
    405: error("method_not_allowed", 'Method "POST" not allowed.'),
    406: error("not_acceptable", "Could not satisfy the request Accept header."),
    429: error("throttled", "Request was throttled. Expected available in 8 seconds."),
    500: error("server_error", "Internal error. The problem has been logged."),
    503: error(
        "database_unavailable", "The service is unavailable. Try again shortly."
    ),
}
