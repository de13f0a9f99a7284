"""The region tree of a first installation: the province of Kalimantan Tengah and its thirteen kabupaten
and one kota, with their Kemendagri codes. The administrator adds or corrects regions in the admin."""

from django.db import migrations

PROVINCE = ("62", "Kalimantan Tengah")
REGENCIES = [
    ("62.01", "Kotawaringin Barat", "kabupaten"),
    ("62.02", "Kotawaringin Timur", "kabupaten"),
    ("62.03", "Kapuas", "kabupaten"),
    ("62.04", "Barito Selatan", "kabupaten"),
    ("62.05", "Barito Utara", "kabupaten"),
    ("62.06", "Sukamara", "kabupaten"),
    ("62.07", "Lamandau", "kabupaten"),
    ("62.08", "Seruyan", "kabupaten"),
    ("62.09", "Katingan", "kabupaten"),
    ("62.10", "Pulang Pisau", "kabupaten"),
    ("62.11", "Gunung Mas", "kabupaten"),
    ("62.12", "Barito Timur", "kabupaten"),
    ("62.13", "Murung Raya", "kabupaten"),
    ("62.71", "Kota Palangka Raya", "kota"),
]


def load_regions(apps, schema_editor):
    Region = apps.get_model("targets", "Region")
    code, name = PROVINCE
    province, _created = Region.objects.get_or_create(code=code, defaults={"name": name, "kind": "provinsi"})
    for order, (code, name, kind) in enumerate(REGENCIES, start=1):
        Region.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": province, "order": order}
        )


def remove_regions(apps, schema_editor):
    Region = apps.get_model("targets", "Region")
    Region.objects.filter(code__in=[code for code, _name, _kind in REGENCIES]).delete()
    Region.objects.filter(code=PROVINCE[0]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("targets", "0009_regions"),
    ]

    operations = [migrations.RunPython(load_regions, remove_regions)]
