"""Roles are groups of permissions that migrations create; a user is in the group of their role.

The permissions of each group are set by the migrations (0003 and later), never by the demo, so a
real installation has them from its first `migrate`.
"""

from django.contrib.auth.models import Group

from targets.choices import Role

GROUP_OF_ROLE = {
    Role.STAFF: "Staf bidang",
    Role.HEAD: "Kepala Dinas",
    Role.PLANNER: "Perencana",
    Role.ADMIN: "Administrator",
}

# Who uses the Django admin: the planners for the catalogue, the administrators for people.
ADMIN_SITE_ROLES = {Role.PLANNER, Role.ADMIN}


def put_in_role_group(user) -> None:
    """Make the user's groups say their role: their role's group, and no other role's."""
    groups = {group.name: group for group in Group.objects.filter(name__in=GROUP_OF_ROLE.values())}
    wanted = groups.get(GROUP_OF_ROLE[user.role])
    user.groups.remove(*[group for name, group in groups.items() if group is not wanted])
    if wanted is not None:
        user.groups.add(wanted)
