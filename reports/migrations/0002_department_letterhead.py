from django.db import migrations

# The signatory's name, rank and NIP are left for the administrator: until then the PDF prints a
# dotted line to be filled by hand.
DEPARTMENT = {
    "government": "Pemerintah Provinsi Kalimantan Tengah",
    "agency": "Dinas Koperasi dan Usaha Kecil dan Menengah",
    "address": "Palangka Raya, Kalimantan Tengah",
    "place": "Palangka Raya",
    "signatory_title": "Kepala Dinas Koperasi dan UKM Provinsi Kalimantan Tengah",
}


def create_letterhead(apps, schema_editor):
    Letterhead = apps.get_model("reports", "Letterhead")
    Letterhead.objects.get_or_create(pk=1, defaults=DEPARTMENT)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_letterhead")]

    operations = [migrations.RunPython(create_letterhead, migrations.RunPython.noop)]
