"""Development (`manage.py`, `make run`): the base settings, serving what visitors see.

DEBUG stays off, so that visitors get the project's own 404 and 500 pages in their language;
`DEBUG=1 make run` shows Django's debug pages instead. `make run` serves static files with
`runserver --insecure`.
"""

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = env.bool("DEBUG", default=False)

# `make run` is two processes, the server and the scheduler of timed publishing
# (run_scheduler). Without Redis they share the content version through the database
# (cms/cache.py); the HTTP cache stays off, as in production, where the proxies' purge list
# needs Redis.
if not REDIS_URL:
    HTTP_CACHE_ENABLED = False
# Images uploaded in the admin are served by the dev server (cms/urls.py); documents never are.
SERVE_MEDIA_IMAGES = True
