"""The API endpoints of the site's pages (pages, preview, resolve), search and content languages.

Each module holds a django-ninja router; cms/api/api.py only assembles them under /api/v3/.
refs.py and blocks.py render links and StreamField values for every app's endpoints
(board/api.py uses them too).
"""
