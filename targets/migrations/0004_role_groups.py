"""The roles' groups and their permissions (targets.roles), so that a real installation has them from its
first migrate; existing users join the group of their role."""

from django.db import migrations

ROLE_GROUPS = {"staff": "Staf bidang", "head": "Kepala Dinas", "planner": "Perencana", "admin": "Administrator"}


def create_groups(apps, schema_editor):
    from targets.roles import create_role_groups

    create_role_groups(apps, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("targets", "User")
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
