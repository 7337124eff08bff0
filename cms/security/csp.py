"""Content-Security-Policy: enforced on the public site and the API, report-only on the admin.

Wagtail's admin relies on inline styles and scripts, so there the same policy is only
reported; everywhere else a violation is blocked. Both policies come from the standard
django-csp settings (CONTENT_SECURITY_POLICY and CONTENT_SECURITY_POLICY_REPORT_ONLY);
this middleware picks one of them per request path.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def is_report_only_path(path: str) -> bool:
    return path.startswith(tuple(getattr(settings, "CSP_REPORT_ONLY_PATH_PREFIXES", ("/admin/",))))


class PathContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if is_report_only_path(request.path_info):
            response._csp_exempt = True
        else:
            response._csp_exempt_ro = True
        return super().process_response(request, response)
