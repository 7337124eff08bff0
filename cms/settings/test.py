import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Test transactions never commit: bump the content version at once (cms/cache.py).
CONTENT_VERSION_BUMP_ON_COMMIT = False
# One process: the version in the local cache, as with Redis, so that query counts are those
# of production with Redis (tests/perf/test_content_version.py covers the database store).
CONTENT_VERSION_STORE = "cache"

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # The SQLite test database is a file, not memory, so that the real processes some tests
    # start (manage.py run_scheduler) reach it; one per pytest process, so runs can overlap.
    # Nothing here needs durability: no waiting for the disk at each commit.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"vtnk-test-{os.getpid()}.sqlite3")
    }
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (  # noqa: F405
        "PRAGMA synchronous=OFF"
    )
