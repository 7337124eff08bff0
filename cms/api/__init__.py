"""The public headless content API (Wagtail API v3 on django-ninja), mounted at /api/v3/."""
