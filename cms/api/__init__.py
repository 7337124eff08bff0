"""The public headless content API (Wagtail API v3 on django-ninja), mounted at /api/v3/.

`api.py` assembles the endpoints each app owns (board/api.py, documents/api.py, home/api/);
the other modules here are what those endpoints share (common schemas and pagination,
problem+json errors, languages, offline docs, the OpenAPI snapshot) and import no app.
"""
