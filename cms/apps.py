from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS"

    def ready(self) -> None:
        # Every change that can alter public output bumps the content version (cms/cache.py).
        from cms import cache

        cache.connect_signals()
        # Publish notifications to WEBHOOK_URLS, and their report in the admin (cms/webhooks).
        from cms import webhooks
        from cms.webhooks import admin  # noqa: F401  (registers the admin report)

        webhooks.connect_signals()
        # Translations take their ASCII slug from the translated title (cms/slugs.py).
        from cms import slugs

        slugs.connect_signals()
