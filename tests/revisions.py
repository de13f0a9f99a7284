"""Revising an approved figure the way the department does: the head reopens the quarter, the
bureau's staff change the figure and submit it, the head approves it again."""

from decimal import Decimal

from targets import workflow
from targets.models import Indicator, Realization, User


def revise(code: str, year: int, quarter: int, value: Decimal, staff="staf.koperasi", head="kadis") -> None:
    indicator = Indicator.objects.select_related("bureau").get(code=code)
    bureau = indicator.bureau
    stored = Realization.objects.get(indicator=indicator, year=year, quarter=quarter)
    head_user, staff_user = User.objects.get(username=head), User.objects.get(username=staff)
    workflow.reopen(bureau, year, quarter, head_user, "Angka BPS terbaru.")
    change = workflow.RowChange(indicator, year, quarter, value, seen=stored.version)
    workflow.write_realizations(bureau, staff_user, [change])
    workflow.submit(bureau, year, quarter, staff_user)
    workflow.approve(bureau, year, quarter, head_user)
