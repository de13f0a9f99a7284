"""The planners set the reporting calendar's due dates in the admin; administrators see the reminders sent.

The lists are written out here, not imported, so that this migration keeps meaning what it meant.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Perencana": [
        ("targets", "view_reportingdeadline"),
        ("targets", "add_reportingdeadline"),
        ("targets", "change_reportingdeadline"),
        # Deleting a date set by mistake brings the working-day rule back.
        ("targets", "delete_reportingdeadline"),
    ],
    "Administrator": [
        ("targets", "view_reportingdeadline"),
        ("targets", "view_reminder"),
    ],
}


def _permissions(apps, wanted):
    Permission = apps.get_model("auth", "Permission")
    return [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("targets")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, wanted in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, wanted))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, wanted in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, wanted))


class Migration(migrations.Migration):
    dependencies = [("targets", "0005_reporting_calendar")]

    operations = [migrations.RunPython(grant, revoke)]
