"""The region tree of a first installation (targets.region_tree): the province of Kalimantan Tengah and
its fourteen kabupaten/kota with their Kemendagri codes."""

from django.db import migrations


def load_regions(apps, schema_editor):
    from targets.region_tree import load_region_tree

    load_region_tree(apps, using=schema_editor.connection.alias)


def remove_regions(apps, schema_editor):
    Region = apps.get_model("targets", "Region")
    Region.objects.using(schema_editor.connection.alias).exclude(parent=None).delete()
    Region.objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("targets", "0009_regions"),
    ]

    operations = [migrations.RunPython(load_regions, remove_regions)]
