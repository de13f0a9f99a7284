"""The data version: one number that goes up whenever anything the pages show is written.

Every save or delete of the models in `VERSIONED` bumps it through the signals connected in
TargetsConfig.ready, inside the writer's transaction, so a reader either sees the new figures and
the new number or neither. Writes that bypass the signals (`QuerySet.update`, `bulk_create`) call
`bump()` themselves.
"""

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from targets.models import DataVersion

# app_label.ModelName of everything that changes a page, a figure or the summary PDF.
VERSIONED = (
    "targets.Bureau",
    "targets.Indicator",
    "targets.Target",
    "targets.Realization",
    "targets.WorkflowStep",
    "targets.Region",
    "targets.RegionalRealization",
    "targets.RegionalTarget",
    "targets.FollowUp",
    "targets.FollowUpReport",
    "targets.ReportingDeadline",
    "reports.Letterhead",
    "reports.Meeting",
    "reports.MeetingDeletion",
)


def current() -> int:
    """The data version as this request sees it: one query."""
    return DataVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def bump() -> None:
    """Raise the version by one in the current transaction (or on its own, outside one)."""
    with transaction.atomic():
        if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
            DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def bump_after_migrate(sender, using="default", apps=None, **kwargs) -> None:
    """After `migrate` or `flush`: data migrations write through historical models, which send no
    signal the receivers above hear, and new code may draw the pages differently."""
    apps = apps or global_apps
    try:
        model = apps.get_model("targets", "DataVersion")
    except LookupError:  # migrating backwards past the data version
        return
    with transaction.atomic(using=using):
        rows = model.objects.using(using).filter(pk=1)
        if not rows.update(number=F("number") + 1, changed_at=timezone.now()):
            model.objects.using(using).get_or_create(pk=1, defaults={"number": 1})


def move_past(number: int) -> None:
    """Set the version above `number` and above where it stands: after a restore has brought back an
    older number, no page kept under a number since is ever shown again."""
    with transaction.atomic():
        now = current()
        DataVersion.objects.update_or_create(pk=1, defaults={"number": max(now, number) + 1})


def bump_on_write(sender, **kwargs) -> None:
    """post_save / post_delete receiver for the models in VERSIONED."""
    if kwargs.get("raw"):  # loaddata writes fixtures as they are; the version follows on the next write
        return
    bump()
