"""Every named URL of the project, with arguments taken from the demo data.

A new URL pattern needs a line in SAMPLE_ARGS (or the admin's naming scheme), or `every_url` fails:
that is what makes the permission matrix and the query-string property test cover it.
"""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_tasks_db.models import DBTaskResult

from reports.models import Meeting, StoredSummary
from targets.models import Bureau, FollowUp, Indicator, Realization

ADMIN_MODEL_URL = re.compile(r"^admin:(?P<app>[a-z_]+?)_(?P<model>[a-z]+)_(?P<action>[a-z_]+)$")


def _pattern_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _pattern_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def _first_pk(model):
    obj = model._default_manager.order_by("pk").first()
    return obj.pk if obj is not None else 1


def _task_result():
    """A background task's record in the admin (read-only there), or an id that finds none."""
    result = DBTaskResult.objects.order_by("enqueued_at").first()
    return str(result.pk) if result else "00000000-0000-0000-0000-000000000000"


def _koperasi():
    return Bureau.objects.get(code="koperasi").code


SAMPLE_ARGS = {
    "targets:evidence": lambda: [_first_pk(Realization)],
    "targets:follow_up": lambda: [_first_pk(FollowUp)],
    "targets:import": lambda: [_koperasi()],
    "targets:entry": lambda: [_koperasi(), 2025, 4],
    "targets:approve": lambda: [_koperasi(), 2025, 4],
    "targets:approve_confirm": lambda: [_koperasi(), 2025, 4],
    "targets:return": lambda: [_koperasi(), 2025, 4],
    "targets:reopen": lambda: [_koperasi(), 2025, 4],
    "reports:bureau": lambda: [_koperasi()],
    "reports:bureau_regencies": lambda: [_koperasi()],
    "targets:target_edit": lambda: ["wirausaha-baru", 2026],
    "targets:region_entry": lambda: ["62.71", 2025, 4],
    "targets:region_import": lambda: ["62.71"],
    "targets:region_export": lambda: ["62.71"],
    "targets:region_review": lambda: ["kelembagaan", 2025, 4],
    "targets:regency_targets": lambda: ["wirausaha-baru", 2026],
    "targets:roll_up": lambda: [Indicator.objects.get(code="wirausaha-baru").code, 2025, 4],
    "reports:indicator": lambda: [Indicator.objects.get(code="wirausaha-baru").code],
    "reports:meeting": lambda: [_first_pk(Meeting)],
    "reports:meeting_pdf": lambda: [_first_pk(Meeting)],
    "reports:meeting_delete": lambda: [_first_pk(Meeting)],
    "reports:summary_pdf_copy": lambda: [_first_pk(StoredSummary)],
    "admin:django_tasks_database_dbtaskresult_change": lambda: [_task_result()],
    "admin:django_tasks_database_dbtaskresult_delete": lambda: [_task_result()],
    "admin:django_tasks_database_dbtaskresult_history": lambda: [_task_result()],
    "admin:app_list": lambda: ["targets"],
    "admin:view_on_site": lambda: [
        ContentType.objects.get_for_model(Indicator).pk,
        Indicator.objects.get(code="wirausaha-baru").pk,
    ],
    "admin:auth_user_password_change": lambda: [_first_pk(apps.get_model("targets", "User"))],
}


def _admin_args(name):
    match = ADMIN_MODEL_URL.match(name)
    if not match or match["action"] in {"changelist", "add"}:
        return []
    try:
        model = apps.get_model(match["app"], match["model"])
    except LookupError:  # password_change_done and the like: not a model's page
        return []
    pk = _first_pk(model)
    if match["action"] == "simple_history":
        version = model.history.filter(pk=pk).order_by("history_id").first()
        return [pk, version.history_id if version else 1]
    return [pk]


def every_url():
    """(name, path) for every named URL pattern, arguments from the demo data."""
    urls = []
    for name in sorted(set(_pattern_names())):
        if name in SAMPLE_ARGS:
            args = SAMPLE_ARGS[name]()
        elif name.startswith("admin:"):
            args = _admin_args(name)
        else:
            args = []
        try:
            urls.append((name, reverse(name, args=args)))
        except Exception as error:  # a new pattern with arguments: say which line to add
            raise AssertionError(f"Add sample arguments for the URL {name!r} to SAMPLE_ARGS") from error
    return urls
