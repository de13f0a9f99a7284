"""Who may do what: small helpers that return the object or refuse.

Everyone logged in may see every bureau's figures; only a bureau's own staff change them, only
the head approves, returns and reopens, and only the head and the planners chase what is missing.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from targets.choices import Role
from targets.models import Bureau, FollowUp, Indicator, Realization


def can_enter(user, bureau: Bureau) -> bool:
    return user.is_authenticated and user.role == Role.STAFF and user.bureau_id == bureau.pk


def can_enter_region(user, region) -> bool:
    """A regency operator enters only their own kabupaten/kota's figures."""
    return user.is_authenticated and user.role == Role.OPERATOR and user.region_id == region.pk


def require_region_entry(user, region) -> None:
    if not can_enter_region(user, region):
        raise PermissionDenied


def can_decide(user) -> bool:
    return user.is_authenticated and user.role == Role.HEAD


def can_oversee(user) -> bool:
    return user.is_authenticated and user.oversees


def bureau_or_404(code: str) -> Bureau:
    return get_object_or_404(Bureau, code=code)


def require_entry(user, bureau: Bureau) -> None:
    if not can_enter(user, bureau):
        raise PermissionDenied


def bureau_to_enter(user, code: str) -> Bureau:
    """The bureau whose figures the user may change: 404 when unknown, 403 when not theirs."""
    bureau = bureau_or_404(code)
    require_entry(user, bureau)
    return bureau


def bureau_to_decide(user, code: str) -> Bureau:
    bureau = bureau_or_404(code)
    if not can_decide(user):
        raise PermissionDenied
    return bureau


def require_overseer(user) -> None:
    if not can_oversee(user):
        raise PermissionDenied


def evidence_or_404(pk: int) -> Realization:
    return get_object_or_404(Realization.objects.exclude(evidence=""), pk=pk)


def can_plan(user) -> bool:
    return user.is_authenticated and user.keeps_targets


def require_planner(user) -> None:
    if not can_plan(user):
        raise PermissionDenied


def can_record_meeting(user) -> bool:
    """The planners record the coordination meetings; the administrator may stand in for them."""
    return can_plan(user)


def require_meeting_recorder(user) -> None:
    if not can_record_meeting(user):
        raise PermissionDenied


def can_delete_meeting(user) -> bool:
    """A meeting's snapshot is a record: only the administrator removes one, and says why."""
    return user.is_authenticated and user.role == Role.ADMIN


def require_meeting_deleter(user) -> None:
    if not can_delete_meeting(user):
        raise PermissionDenied


def can_follow_up(user, bureau_id: int) -> bool:
    """Staff of the owning bureau, the head and the planners keep follow-ups; the administrator reads."""
    if not user.is_authenticated:
        return False
    if user.role == Role.STAFF:
        return user.bureau_id == bureau_id
    return user.role in {Role.HEAD, Role.PLANNER}


def require_follow_up(user, bureau_id: int) -> None:
    if not can_follow_up(user, bureau_id):
        raise PermissionDenied


def follow_up_or_404(pk: int) -> FollowUp:
    return get_object_or_404(FollowUp.objects.select_related("indicator__bureau"), pk=pk)


def indicators_to_follow_up(user):
    """The indicators whose follow-ups the user may record: staff their bureau's, the head and the
    planners every bureau's; 403 for anyone else."""
    if user.is_authenticated and user.role == Role.STAFF:
        return Indicator.objects.filter(bureau_id=user.bureau_id)
    if user.is_authenticated and user.role in {Role.HEAD, Role.PLANNER}:
        return Indicator.objects.all()
    raise PermissionDenied
