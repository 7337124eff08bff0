"""Development (`manage.py`, `make run`): the base settings, serving what visitors see.

DEBUG stays off, so that visitors get the project's own 404 and 500 pages in their language;
`DEBUG=1 make run` shows Django's debug pages instead. `make run` serves static files with
`runserver --insecure`.
"""

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = env.bool("DEBUG", default=False)

# `make run` is two processes, the server and the scheduler of timed publishing
# (run_scheduler): as in production, they agree on the content version only through a shared
# cache, so without Redis the HTTP cache is off, or a page published on schedule would be
# served stale.
if not REDIS_URL:
    HTTP_CACHE_ENABLED = False
# Images uploaded in the admin are served by the dev server (cms/urls.py); documents never are.
SERVE_MEDIA_IMAGES = True
