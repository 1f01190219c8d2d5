"""A realistic benchmark corpus: N articles of 12 sections, each in every enabled
locale, published, with pictures drawn locally."""

import random
import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from api.documents import build_article_document
from articles.bulk import bulk_item, bulk_operation
from articles.demo.images import get_or_create_demo_image
from articles.locales import content_language_codes
from articles.models import ArticleIndexPage, ArticlePage, ArticlePageTopic, Topic
from articles.progress import CommandProgress
from articles.translation.indexing import search_indexing_paused

WORDS = {
    "en": "stem cell therapy spinal cord injury recovery patients trial outcome "
    "nerve repair inflammation rehabilitation doctors treatment results safety".split(),
    "ko": "줄기세포 치료 척수 손상 회복 환자 임상시험 결과 신경 재생 염증 재활 의사 "
    "치료법 개월 안전성".split(),
    "zh-hans": list("干细胞治疗脊髓损伤恢复患者试验结果神经修复炎症康复医生安全"),
    "zh-hant": list("幹細胞治療脊髓損傷恢復患者試驗結果神經修復炎症康復醫生安全"),
    "ja": list("幹細胞治療脊髄損傷回復患者試験結果神経修復炎症リハビリ医師安全"),
    "ru": "стволовые клетки терапия спинной мозг травма восстановление пациенты "
    "исследование результат нервы воспаление реабилитация врачи".split(),
    "vi": "tế bào gốc liệu pháp tủy sống chấn thương hồi phục bệnh nhân thử nghiệm "
    "kết quả thần kinh viêm phục hồi chức năng bác sĩ".split(),
    "ar": "الخلايا الجذعية العلاج الحبل الشوكي الإصابة التعافي المرضى التجربة النتائج "
    "الأعصاب الالتهاب التأهيل الأطباء".split(),
}
CJK = {"zh-hans", "zh-hant", "ja"}


def text(rng: random.Random, code: str, words: int) -> str:
    vocabulary = WORDS.get(code, WORDS["en"])
    if code in CJK:
        return "".join(rng.choice(vocabulary) for _ in range(words * 2)) + "。"
    return " ".join(rng.choice(vocabulary) for _ in range(words)).capitalize() + "."


def block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def items(values) -> list[dict]:
    return [block("item", value) for value in values]


def body(rng: random.Random, code: str, images: list) -> list[dict]:
    sections = []
    for n in range(12):
        content = [
            block("paragraph", f"<p>{text(rng, code, 80)}</p>"),
            block(
                "bullet_list", {"items": items(text(rng, code, 8) for _ in range(5))}
            ),
        ]
        if n % 3 == 0:
            image = images[n % len(images)]
            content.append(
                block(
                    "image",
                    {
                        "image": image.pk,
                        "alt_text": text(rng, code, 6),
                        "caption": "",
                        "credit": "",
                    },
                )
            )
        if n == 6:
            content.append(
                block(
                    "clinical_study",
                    {
                        "name": text(rng, code, 4),
                        "phase": "phase_2",
                        "design": text(rng, code, 5),
                        "participants": 48,
                        "population": text(rng, code, 5),
                        "outcome": f"<p>{text(rng, code, 30)}</p>",
                        "citation": "Example et al. 2025",
                        "url": "https://example.org/study",
                    },
                )
            )
        if n == 10:
            content.append(
                block(
                    "faq",
                    {
                        "items": items(
                            {
                                "question": text(rng, code, 8) + "?",
                                "answer": f"<p>{text(rng, code, 30)}</p>",
                            }
                            for _ in range(4)
                        )
                    },
                )
            )
        sections.append(
            block(
                "section",
                {
                    "heading": text(rng, code, 5),
                    "level": "3" if n in (4, 8) else "2",
                    "anchor": f"section-{n + 1}",
                    "content": content,
                },
            )
        )
    return sections


def publish_quietly(page: ArticlePage) -> None:
    """Live with a live revision, as after a publish, without the publish action's
    signals, logs and per-publish document builds: documents are built in bulk at the
    end (the bulk operation defers them). The page was validated when it was
    saved, just before, as the importer's are."""
    revision = page.save_revision(clean=False)
    now = timezone.now()
    ArticlePage.objects.filter(pk=page.pk).update(
        live=True,
        has_unpublished_changes=False,
        live_revision=revision,
        first_published_at=now,
        last_published_at=now,
    )
    build_article_document(page.pk)


class Command(BaseCommand):
    help = "Create N benchmark articles, each published in every enabled locale."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=250)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, articles, seed, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        started = time.monotonic()
        rng = random.Random(seed)  # noqa: S311 - reproducible filler text
        codes = content_language_codes()
        locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in codes
        }
        source = locales[codes[0]]
        index = self.index(source)
        images = [
            get_or_create_demo_image(f"bench-{n}", f"Figure {n}") for n in range(6)
        ]
        topic, _ = Topic.objects.get_or_create(
            locale=source, slug="bench", defaults={"name": "Benchmark"}
        )
        for code, locale in locales.items():
            if code != codes[0] and not topic.has_translation(locale):
                translated = topic.copy_for_translation(locale)
                translated.name = f"Benchmark {code}"
                translated.save()
        topics = {
            code: topic.get_translation(locale) for code, locale in locales.items()
        }
        indexes = self.translated_indexes(index, locales, codes)
        existing = ArticlePage.objects.filter(
            locale=source, slug__startswith="bench-"
        ).count()
        created = 0
        # A bulk operation, as an import that publishes is (documents built in
        # batches, each article indexed once). Wagtail's own search index is not what
        # the API searches (documents carry their search text), and indexing is most
        # of the cost of seeding.
        with (
            bulk_operation(),
            search_indexing_paused(),
            CommandProgress(
                self.stdout,
                label=f"Articles in {len(codes)} locales",
                total=max(articles - existing, 0),
                unit="articles",
            ) as progress,
        ):
            for n in range(existing, articles):
                with bulk_item(), transaction.atomic():
                    self.article(rng, n, indexes, codes, images, topics)
                created += 1
                progress.advance()
        total = ArticlePage.objects.filter(slug__startswith="bench-").count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} article(s) created ({total} benchmark pages in all) "
                f"in {time.monotonic() - started:.0f} s."
            )
        )

    def index(self, locale):
        site = Site.objects.filter(is_default_site=True).first()
        if site and isinstance(site.root_page.specific, ArticleIndexPage):
            return site.root_page.specific
        index = ArticleIndexPage(
            title="Benchmark library", slug="bench-library", locale=locale
        )
        Page.get_first_root_node().add_child(instance=index)
        index.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": index},
        )
        return index

    def article(self, rng, n, indexes, codes, images, topics):
        source = None
        for code in codes:
            slug = f"bench-{n}" if source is None else f"bench-{n}-{code}"
            page = ArticlePage(
                title=f"{text(rng, code, 6)} {n}",
                slug=slug,
                summary=text(rng, code, 25),
                hero_image=images[n % len(images)],
                body=body(rng, code, images),
                locale=indexes[code].locale,
                translation_key=source.translation_key if source else uuid.uuid4(),
            )
            page.article_topics = [
                ArticlePageTopic(topic=topics[code], locale=indexes[code].locale)
            ]
            indexes[code].add_child(instance=page)
            publish_quietly(page)
            source = source or page

    def translated_indexes(self, index, locales, codes) -> dict:
        indexes = {codes[0]: index}
        for code in codes[1:]:
            translated = index.get_translation_or_none(locales[code])
            if translated is None:
                translated = index.copy_for_translation(locales[code])
                translated.save_revision().publish()
            indexes[code] = translated.specific
        return indexes
