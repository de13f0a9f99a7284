"""The region tree a first installation starts with: the province of Kalimantan Tengah and its thirteen
kabupaten and one kota with their Kemendagri codes, read from targets/data. The administrator adds or
corrects regions in the admin afterwards.

`load_region_tree` runs in the data migration, and again after a `flush` that emptied the tree (as the
role groups are), so that a database emptied by the test runner has its regions back.
"""

import json
from pathlib import Path

FIRST_TREE = Path(__file__).parent / "data" / "kalimantan_tengah.json"


def load_region_tree(apps, using="default", path: Path = FIRST_TREE) -> None:
    """Create the regions of the file that are missing, in the file's order; existing rows are kept."""
    region_model = apps.get_model("targets", "Region")
    regions = region_model.objects.using(using)
    by_code = {}
    for order, row in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        by_code[row["code"]], _created = regions.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "parent": by_code.get(row["parent"]),
                "order": order,
            },
        )


def region_tree_after_migrate(sender, app_config=None, using="default", apps=None, **kwargs):
    """After `migrate` or `flush`, an empty region tree gets the first one back; a kept tree is left alone."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    try:
        region_model = apps.get_model("targets", "Region")
    except LookupError:  # migrating backwards past the region tree
        return
    if not region_model.objects.using(using).exists():
        load_region_tree(apps, using)
