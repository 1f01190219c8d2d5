"""Translations take their source's slug: each locale has its own tree, so the -ko,
-zh-hans, -ar suffixes the demo (and copies made under the root) gave them are only
noise in the URLs patients share.

An article whose slug is another version's slug plus "-<its language>" is renamed
(page, URL path and every revision, so that a later publish keeps the new slug),
unless a sibling already has that slug. Its old public URL keeps answering through a
permanent redirect when wagtail.contrib.redirects is installed. The API's stored
documents are rebuilt from the pages by `manage.py build_article_documents`."""

from django.db import migrations

STEP = 4  # treebeard's path step in Wagtail


def drop_locale_suffixes(apps, schema_editor=None) -> list[tuple[str, str]]:
    """Rename suffixed translations; returns (old path, new path) of each."""
    Page = apps.get_model("wagtailcore", "Page")
    ArticlePage = apps.get_model("articles", "ArticlePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    try:
        Redirect = apps.get_model("wagtailredirects", "Redirect")
    except LookupError:
        Redirect = None
    if Redirect is not None and schema_editor is not None:
        tables = schema_editor.connection.introspection.table_names()
        if Redirect._meta.db_table not in tables:  # installed in this same deploy
            Redirect = None
    page_type = ContentType.objects.filter(
        app_label="wagtailcore", model="page"
    ).first()
    site_roots = {
        site.root_page.translation_key: site
        for site in Site.objects.select_related("root_page")
    }
    renamed = []
    for page in ArticlePage.objects.select_related("locale").order_by("path"):
        code = page.locale.language_code
        if not page.slug.endswith(f"-{code}"):
            continue
        slug = page.slug[: -len(code) - 1]
        versions = ArticlePage.objects.filter(translation_key=page.translation_key)
        if not versions.exclude(pk=page.pk).filter(slug=slug).exists():
            continue
        parent = Page.objects.get(path=page.path[:-STEP])
        siblings = Page.objects.filter(
            path__startswith=parent.path, depth=page.depth, slug=slug
        )
        if siblings.exists():
            continue
        old_url_path = page.url_path
        new_url_path = parent.url_path + slug + "/"
        for page_or_child in Page.objects.filter(path__startswith=page.path):
            Page.objects.filter(pk=page_or_child.pk).update(
                url_path=new_url_path + page_or_child.url_path[len(old_url_path) :],
                **({"slug": slug} if page_or_child.pk == page.pk else {}),
            )
        if page_type is not None:
            for revision in Revision.objects.filter(
                base_content_type=page_type, object_id=str(page.pk)
            ):
                if revision.content.get("slug") == page.slug:
                    revision.content["slug"] = slug
                    revision.content["url_path"] = new_url_path
                    revision.save(update_fields=["content"])
        ancestors = Page.objects.filter(
            path__in=[page.path[:i] for i in range(STEP, len(page.path), STEP)]
        ).order_by("-depth")
        for ancestor in ancestors:
            site = site_roots.get(ancestor.translation_key)
            if site is None:
                continue
            relative = old_url_path[len(ancestor.url_path) - 1 :]
            old_path = f"/{code}{relative}".rstrip("/")
            new_path = f"/{code}{new_url_path[len(ancestor.url_path) - 1 :]}"
            renamed.append((old_path, new_path))
            if Redirect is not None:
                # Wagtail's own redirect from when the suffix was added now
                # points the page at itself.
                Redirect.objects.filter(
                    old_path=new_path.rstrip("/"), redirect_page_id=page.pk
                ).delete()
                Redirect.objects.get_or_create(
                    old_path=old_path,
                    site=site,
                    defaults={"redirect_page_id": page.pk, "is_permanent": True},
                )
            break
    return renamed


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_quality_override_detail"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(drop_locale_suffixes, migrations.RunPython.noop),
    ]
