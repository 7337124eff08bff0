"""Test-only views beside the real URLs: answers the cache must not store."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as real_urlpatterns


def sets_cookie(request):
    response = HttpResponse(f"cookie {request.GET.get('n', '')}")
    response.set_cookie("seen", "1")
    return response


def varies_on_user_agent(request):
    response = HttpResponse(request.headers.get("User-Agent", ""))
    response["Vary"] = "User-Agent"
    return response


def server_error(request):
    return HttpResponse("broken", status=500)


def counter(request):
    counter.calls += 1
    return HttpResponse(f"call {counter.calls}")


counter.calls = 0


def public_file(request):
    response = HttpResponse(b"%PDF-1.7 ...", content_type="application/pdf")
    response["Cache-Control"] = "public, max-age=3600"
    return response


urlpatterns = [
    path("perf-test/cookie/", sets_cookie),
    path("perf-test/vary/", varies_on_user_agent),
    path("perf-test/error/", server_error),
    path("perf-test/counter/", counter),
    path("perf-test/files/report.pdf", public_file),
    *real_urlpatterns,
]
