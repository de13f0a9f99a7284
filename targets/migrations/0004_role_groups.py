"""The roles' groups and their permissions, so that a real installation has them from its first migrate.

The lists are written out here, not imported, so that this migration keeps meaning what it meant.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_FIGURES = [
    ("targets", "view_bureau"),
    ("targets", "view_indicator"),
    ("targets", "view_target"),
    ("targets", "view_realization"),
    ("targets", "view_workflowstep"),
]

GROUPS = {
    "Staf bidang": VIEW_FIGURES,
    "Kepala Dinas": VIEW_FIGURES,
    # The catalogue in the admin; targets are set on the app's own targets page.
    "Perencana": VIEW_FIGURES
    + [
        ("targets", "add_indicator"),
        ("targets", "change_indicator"),
        ("targets", "add_target"),
        ("targets", "change_target"),
    ],
    # People, bureaus, and unlocking an account locked after wrong passwords.
    "Administrator": VIEW_FIGURES
    + [
        ("targets", "add_user"),
        ("targets", "change_user"),
        ("targets", "view_user"),
        ("targets", "add_bureau"),
        ("targets", "change_bureau"),
        ("auth", "view_group"),
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        ("axes", "view_accessfailurelog"),
    ],
}

ROLE_GROUPS = {"staff": "Staf bidang", "head": "Kepala Dinas", "planner": "Perencana", "admin": "Administrator"}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for label in ("targets", "auth", "axes"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("targets", "User")
    for name, wanted in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted
        ]
        group.permissions.set(permissions)
    for user in User.objects.all():
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[user.role]))
        if user.role in {"planner", "admin"} and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])


class Migration(migrations.Migration):
    dependencies = [
        ("targets", "0003_deployment_records"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
