"""Static files in production: hashed names, compressed copies, far-future caching (WhiteNoise)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json
import django
from django.conf import settings

django.setup()
from django.core.management import call_command

call_command("collectstatic", interactive=False, verbosity=0)
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client

client = Client()
out = {}
for name in ("css/site.css", "js/site.js", "vendor/hds/base.min.css"):
    url = staticfiles_storage.url(name)
    response = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
    out[name] = {
        "url": url,
        "status": response.status_code,
        "cache_control": response.get("Cache-Control", ""),
        "content_encoding": response.get("Content-Encoding", ""),
    }
print(json.dumps(out))
"""


def test_production_serves_hashed_compressed_static_files_with_long_cache(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "production-test-" + "k" * 40,
        "ALLOWED_HOSTS": "testserver",
        "DEBUG": "False",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    served = json.loads(result.stdout.strip().splitlines()[-1])
    for name, info in served.items():
        stem = Path(name).stem
        # Hashed name: css/site.0123456789ab.css
        assert info["url"].startswith(f"/static/{Path(name).parent}/{stem}.")
        assert info["url"] != f"/static/{name}"
        assert info["status"] == 200, name
        assert "max-age=315360000" in info["cache_control"], info
        assert "immutable" in info["cache_control"], info
        assert info["content_encoding"] == "gzip", info
    assert (tmp_path / "static" / "staticfiles.json").exists()
