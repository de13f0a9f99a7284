from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from reports.summary import build_rows, latest_period
from targets.choices import Quarter


def _int_param(request, name, default, allowed=None):
    """An integer from the query string, or the default when it is missing or not allowed."""
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return default
    if allowed is not None and value not in allowed:
        return default
    return value


@login_required
def dashboard(request):
    year, quarter = latest_period() or (None, 1)
    year = _int_param(request, "tahun", year)
    quarter = _int_param(request, "tw", quarter, allowed=Quarter.values)
    rows = build_rows(year, quarter) if year else []
    return render(
        request,
        "reports/dashboard.html",
        {"rows": rows, "year": year, "quarter": quarter, "quarters": Quarter.choices},
    )
