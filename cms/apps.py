from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS"

    def ready(self) -> None:
        # Every change that can alter public output bumps the content version (cms/cache.py).
        from cms import cache

        cache.connect_signals()
