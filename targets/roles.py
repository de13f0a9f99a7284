"""Roles are groups of permissions that the app creates itself; a user is in the group of their role.

`create_role_groups` runs in migration 0004 and again after every `migrate` (and `flush`), so a real
installation has the groups from its first `migrate`, never from the demo.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group

from targets.choices import Role

GROUP_OF_ROLE = {
    Role.STAFF: "Staf bidang",
    Role.HEAD: "Kepala Dinas",
    Role.PLANNER: "Perencana",
    Role.ADMIN: "Administrator",
    Role.OPERATOR: "Operator kabupaten/kota",
}

# Who uses the Django admin: the planners for the catalogue, the administrators for people.
ADMIN_SITE_ROLES = {Role.PLANNER, Role.ADMIN}

VIEW_FIGURES = [
    ("targets", "view_bureau"),
    ("targets", "view_indicator"),
    ("targets", "view_target"),
    ("targets", "view_realization"),
    ("targets", "view_workflowstep"),
    ("targets", "view_region"),
    ("targets", "view_followup"),
    ("targets", "view_followupreport"),
]

# The meetings' snapshots, read-only in the admin for those who use it.
VIEW_MEETINGS = [("reports", "view_meeting"), ("reports", "view_meetingdeletion")]

PERMISSIONS_OF_ROLE = {
    Role.STAFF: VIEW_FIGURES,
    Role.HEAD: VIEW_FIGURES,
    Role.OPERATOR: VIEW_FIGURES,
    # The catalogue in the admin; targets are set on the app's own targets page.
    Role.PLANNER: VIEW_FIGURES
    + VIEW_MEETINGS
    + [
        ("targets", "add_indicator"),
        ("targets", "change_indicator"),
        ("targets", "add_target"),
        ("targets", "change_target"),
        # A quarter's due date where the working-day rule does not fit; deleting one set by
        # mistake brings the rule back.
        ("targets", "view_reportingdeadline"),
        ("targets", "add_reportingdeadline"),
        ("targets", "change_reportingdeadline"),
        ("targets", "delete_reportingdeadline"),
    ],
    # People, bureaus, and unlocking an account locked after wrong passwords.
    Role.ADMIN: VIEW_FIGURES
    + VIEW_MEETINGS
    + [
        ("targets", "add_user"),
        ("targets", "change_user"),
        ("targets", "view_user"),
        ("targets", "add_bureau"),
        ("targets", "change_bureau"),
        ("targets", "add_region"),
        ("targets", "change_region"),
        ("targets", "view_reportingdeadline"),
        ("targets", "view_reminder"),
        ("auth", "view_group"),
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        ("axes", "view_accessfailurelog"),
    ],
}


def create_role_groups(apps, using="default") -> None:
    """Each role's group with exactly its permissions; `apps` is a migration's or the global one."""
    for label in {app for permissions in PERMISSIONS_OF_ROLE.values() for app, _codename in permissions}:
        try:
            app_config = apps.get_app_config(label)
        except LookupError:  # not yet in an early migration's state; the handler after `migrate` runs
            continue
        # Permissions are normally created after all migrations; the groups need them now. A
        # migration's app configs have no models module, which create_permissions asks for.
        had_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_module or True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = had_module
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, wanted in PERMISSIONS_OF_ROLE.items():
        group, _created = group_model.objects.using(using).get_or_create(name=GROUP_OF_ROLE[role])
        # In a migration, a model added by a later migration has no permissions yet; the handler
        # after `migrate` gives them.
        permissions = [
            permission
            for app, codename in wanted
            for permission in permission_model.objects.using(using).filter(
                content_type__app_label=app, codename=codename
            )
        ]
        group.permissions.set(permissions)


def role_groups_after_migrate(sender, app_config=None, using="default", apps=None, **kwargs):
    """After `migrate` and `flush` (which empties the groups), the groups are there again."""
    from django.apps import apps as global_apps

    create_role_groups(apps or global_apps, using=using)


def put_in_role_group(user) -> None:
    """Make the user's groups say their role: their role's group, and no other role's."""
    groups = {group.name: group for group in Group.objects.filter(name__in=GROUP_OF_ROLE.values())}
    wanted = groups.get(GROUP_OF_ROLE[user.role])
    user.groups.remove(*[group for name, group in groups.items() if group is not wanted])
    if wanted is not None:
        user.groups.add(wanted)
