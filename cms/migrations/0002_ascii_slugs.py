# Existing Unicode slugs become ASCII (cms/slugs.py), and each old address answers with a
# permanent redirect to the page (wagtail.contrib.redirects: editable under Settings → Redirects).

from django.db import migrations


def _public_path(url_path: str, roots: list, language_code: str) -> str | None:
    """'/fi/talkoopäivä-2027' for a page, from its url_path and its site root's (None if outside)."""
    for root_url_path in roots:
        if url_path.startswith(root_url_path):
            rest = url_path[len(root_url_path) :].rstrip("/")
            return f"/{language_code}/{rest}" if rest else f"/{language_code}"
    return None


def ascii_slugs(apps, schema_editor):
    from cms.slugs import ascii_slug

    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Redirect = apps.get_model("wagtailredirects", "Redirect")

    candidates = [
        pk
        for pk, slug in Page.objects.order_by("depth", "path").values_list("pk", "slug")
        if not slug.isascii()
    ]
    if not candidates:
        return
    sites = []
    for site in Site.objects.select_related("root_page"):
        # The site's root and its translations (one home page per language).
        roots = Page.objects.filter(translation_key=site.root_page.translation_key).values_list(
            "url_path", flat=True
        )
        sites.append((site, sorted(roots, key=len, reverse=True)))

    for pk in candidates:
        page = Page.objects.select_related("locale").get(pk=pk)
        parent_path = page.path[:-4]  # Wagtail's tree: four characters per level
        siblings = set(
            Page.objects.filter(path__startswith=parent_path, depth=page.depth)
            .exclude(pk=page.pk)
            .values_list("slug", flat=True)
        )
        base = ascii_slug(page.slug) or f"page-{page.pk}"
        slug, number = base, 1
        while slug in siblings:
            number += 1
            slug = f"{base}-{number}"
        old_url_path = page.url_path
        new_url_path = old_url_path[: -len(page.slug) - 1] + slug + "/"
        moved = Page.objects.filter(path__startswith=page.path).select_related("locale")
        for moved_page in moved:
            old = moved_page.url_path
            new = new_url_path + old[len(old_url_path) :]
            for site, roots in sites:
                old_public = _public_path(old, roots, moved_page.locale.language_code)
                if old_public and old_public != _public_path(new, roots, moved_page.locale.language_code):
                    Redirect.objects.get_or_create(
                        old_path=old_public,
                        site=site,
                        defaults={"redirect_page_id": moved_page.pk, "is_permanent": True},
                    )
            Page.objects.filter(pk=moved_page.pk).update(url_path=new)
        Page.objects.filter(pk=page.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(ascii_slugs, migrations.RunPython.noop)]
