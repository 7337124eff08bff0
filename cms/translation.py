"""Old name of cms/localize_programmatic.py (programmatic wagtail-localize translation).

Kept only for board/demo.py, documents/demo.py and bench/dataset.py, which are being rewritten
elsewhere; once they import cms.localize_programmatic, delete this module.
"""

from cms.localize_programmatic import translate_object

__all__ = ["translate_object"]
