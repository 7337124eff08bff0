from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS"
    # Which models change what visitors see (content version, cms/public_output.py).
    # Previews and webhook deliveries are records of the admin and the API's clients; the
    # version's own row changes only with the version.
    # Housekeeping runs are the scheduler's bookkeeping.
    public_output = {
        "PreviewSnapshot": False,
        "WebhookDelivery": False,
        "ContentVersion": False,
        "HousekeepingRun": False,
    }

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
