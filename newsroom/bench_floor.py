"""The benchmark's floor: the cheapest page Django can serve through this site's middleware.

Mounted only when NEWSROOM_BENCH_FLOOR=1 (see bench/README.md); every page's throughput is
reported as a share of this one's, so results compare across machines.
"""

from django.http import HttpResponse

PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Floor</title></head>"
    b"<body><h1>Floor</h1><p>A bare Django view.</p></body></html>"
)


def floor(request):
    response = HttpResponse(PAGE)
    # Not public: neither the page cache nor a conditional GET may stand in for the view.
    response["Cache-Control"] = "no-cache"
    return response
