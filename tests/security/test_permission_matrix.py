"""Every URL pattern × every role × GET and POST: a refused request changes nothing.

POSTs are crafted by hand (no CSRF token needed by the test client), with every field a form of the
project or of the admin might read, set to what an attacker would want: an approved figure, a new
value, someone else as its author, a superuser role.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from reports.models import Meeting, MeetingDeletion, MeetingFigure, MeetingFollowUp, MeetingRow
from targets.models import (
    Bureau,
    FollowUp,
    FollowUpReport,
    Indicator,
    Realization,
    Region,
    RegionalRealization,
    RegionalTarget,
    Reminder,
    ReportingDeadline,
    Target,
    User,
    WorkflowStep,
)
from tests.security.catalogue import every_url

ROLES = {
    "anonymous": None,
    "staff": "staf.koperasi",
    "other bureau's staff": "staf.usahakecil",
    "planner": "perencana",
    "head": "kadis",
    "administrator": "admin",
    "regency operator": "operator.palangkaraya",
}

# Figures change only through the entry workflow, whatever the role: these admin pages never write.
FIGURE_ADMIN_PREFIXES = (
    "/admin/targets/realization/",
    "/admin/targets/workflowstep/",
    "/admin/targets/followup/",
    "/admin/targets/followupreport/",
)


def fingerprint():
    """What a refused request must leave as it was (logins and sessions aside)."""
    historical = [
        table for table in connection.introspection.table_names() if table.startswith("targets_historical")
    ]
    with connection.cursor() as cursor:
        history_counts = {}
        for table in historical:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            history_counts[table] = cursor.fetchone()[0]
    return {
        "realizations": list(Realization.objects.order_by("pk").values()),
        "targets": list(Target.objects.order_by("pk").values()),
        "indicators": list(Indicator.objects.order_by("pk").values()),
        "steps": list(WorkflowStep.objects.order_by("pk").values()),
        "bureaus": list(Bureau.objects.order_by("pk").values()),
        "deadlines": list(ReportingDeadline.objects.order_by("pk").values()),
        "reminders": list(Reminder.objects.order_by("pk").values()),
        "meetings": list(Meeting.objects.order_by("pk").values()),
        "meeting content": [
            model.objects.filter(meeting__isnull=False).count()
            for model in (MeetingFigure, MeetingRow, MeetingFollowUp)
        ],
        "meeting deletions": list(MeetingDeletion.objects.order_by("pk").values()),
        "regions": list(Region.objects.order_by("pk").values()),
        "regional": list(RegionalRealization.objects.order_by("pk").values())
        + list(RegionalTarget.objects.order_by("pk").values()),
        "follow_ups": list(FollowUp.objects.order_by("pk").values()),
        "follow_up_reports": list(FollowUpReport.objects.order_by("pk").values()),
        "users": [
            {k: v for k, v in user.items() if k != "last_login"}
            for user in User.objects.order_by("pk").values()
        ],
        "groups": sorted(Group.objects.values_list("name", "permissions")),
        "memberships": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "history": history_counts,
    }


def crafted_post():
    realization = Realization.objects.order_by("pk").first()
    head = User.objects.get(username="kadis")
    return {
        # Entry form, decisions, imports
        "version": "0",
        "save": "1",
        "submit": "1",
        "reason": "dipaksa",
        # Admin change and add forms
        "indicator": realization.indicator_id,
        "year": "2025",
        "quarter": "4",
        "value": "999",
        "status": "approved",
        "kendala": "diubah lewat admin",
        "pic": "penyusup",
        "due_date": "2030-01-01",
        "status_note": "dipaksa",
        "updated_by": head.pk,
        "code": "diretas",
        "name": "Diretas",
        "role": "admin",
        "is_superuser": "on",
        "is_staff": "on",
        "is_active": "on",
        "username": "penyusup",
        "password1": "Sandi-panjang-123",
        "password2": "Sandi-panjang-123",
        "change_reason": "dipaksa",
        "_save": "Simpan",
        # Delete confirmations and bulk actions
        "post": "yes",
        "action": "delete_selected",
        "_selected_action": str(realization.pk),
    }


def refused(response) -> bool:
    if response.status_code >= 400:
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and (
        location.startswith(reverse("login")) or location.startswith(reverse("admin:login"))
    )


@pytest.mark.parametrize("role", ROLES)
def test_a_refused_request_changes_nothing_for_any_role_on_any_url(client, recorded_meeting, role):
    username = ROLES[role]
    user = User.objects.get(username=username) if username else None
    problems = []
    for name, url in every_url():
        for method in ("get", "post"):
            if user is not None:
                client.force_login(user)
            before = fingerprint()
            data = crafted_post() if method == "post" else None
            response = getattr(client, method)(url, data)
            after = fingerprint()
            if response.status_code >= 500:
                problems.append(f"{method.upper()} {url} ({name}) → {response.status_code}")
            elif refused(response) and after != before:
                problems.append(
                    f"{method.upper()} {url} ({name}) refused with {response.status_code} yet changed data"
                )
            elif url.startswith(FIGURE_ADMIN_PREFIXES) and after != before:
                problems.append(f"{method.upper()} {url} ({name}) changed figures through the admin")
            elif user is None and after != before:
                problems.append(f"anonymous {method.upper()} {url} ({name}) changed data")
    assert not problems, f"as {role}:\n" + "\n".join(problems)


def test_the_planner_cannot_revert_a_realization_through_its_history(client, demo):
    realization = Realization.objects.filter(status="submitted").first() or Realization.objects.first()
    version = realization.history.first()
    client.force_login(User.objects.get(username="perencana"))
    url = reverse("admin:targets_realization_simple_history", args=[realization.pk, version.history_id])
    before = fingerprint()
    response = client.post(url, {"value": "1", "status": "approved", "updated_by": realization.updated_by_id})
    assert response.status_code == 403
    assert fingerprint() == before


def test_even_the_administrator_cannot_change_a_realization_in_the_admin(client, demo):
    realization = Realization.objects.first()
    client.force_login(User.objects.get(username="admin"))
    url = reverse("admin:targets_realization_change", args=[realization.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="value"' not in page.content.decode()
    response = client.post(url, {"value": "1", "status": "approved", "year": realization.year})
    assert response.status_code == 403
    realization.refresh_from_db()
    assert str(realization.value) != "1.0000"


# What each role gets when it opens the meetings' pages (anonymous: the login page).
MEETING_PAGES = {
    "reports:meetings": {
        "staff",
        "other bureau's staff",
        "planner",
        "head",
        "administrator",
        "regency operator",
    },
    "reports:meeting": {
        "staff",
        "other bureau's staff",
        "planner",
        "head",
        "administrator",
        "regency operator",
    },
    "reports:meeting_pdf": {
        "staff",
        "other bureau's staff",
        "planner",
        "head",
        "administrator",
        "regency operator",
    },
    "reports:meeting_new": {"planner", "administrator"},
    "reports:meeting_delete": {"administrator"},
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_the_meeting_pages_it_may(client, recorded_meeting, role):
    username = ROLES[role]
    if username:
        client.force_login(User.objects.get(username=username))
    for name, allowed in MEETING_PAGES.items():
        args = [recorded_meeting.pk] if name not in {"reports:meetings", "reports:meeting_new"} else []
        response = client.get(reverse(name, args=args))
        if username is None:
            assert response.status_code == 302 and response.url.startswith(reverse("login")), name
        else:
            assert response.status_code == (200 if role in allowed else 403), f"{name} as {role}"
