from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from reports import pdf
from reports.summary import build_rows, latest_period
from targets.choices import Quarter
from targets.models import Bureau


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


# The years the period filter offers; anything else falls back to the latest period.
PDF_YEARS = range(2000, 2101)


@login_required
def summary_pdf(request):
    """The coordination-meeting summary PDF for a year and quarter, of every bureau or of one."""
    year = _int_param(request, "tahun", None, PDF_YEARS)
    quarter = _int_param(request, "tw", None, Quarter.values)
    if year is None or quarter is None:
        latest_year, latest_quarter = latest_period() or (timezone.localdate().year, 1)
        year, quarter = year or latest_year, quarter or latest_quarter
    code = request.GET.get("bidang")
    bureau = get_object_or_404(Bureau, code=code) if code else None
    document = pdf.summary_pdf(year, quarter, bureau)
    name = "-".join(filter(None, ["ringkasan-capaian", str(year), f"tw{quarter}", code]))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response
