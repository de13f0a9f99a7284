"""A recorded meeting over the demo data, and a figure revised after it the way the department
revises one: the head reopens the quarter, the bureau's staff change the figure and submit it, the
head approves it again."""

import datetime
from decimal import Decimal

from reports.meetings import record_meeting
from reports.models import Meeting
from targets import workflow
from targets.models import Indicator, Realization, User

MEETING_NAME = "Rapat Koordinasi TW III 2025"


def record(year=2025, quarter=3, username="perencana", name=MEETING_NAME) -> Meeting:
    return record_meeting(
        name=name,
        held_on=datetime.date(2025, 10, 20),
        place="Aula Dinas, Palangka Raya",
        year=year,
        quarter=quarter,
        user=User.objects.get(username=username),
    )


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
