from django.db import migrations

from targets.deadlines import quarter_end


def next_quarter_end(year, quarter):
    """The last day of the quarter after the one a tindak lanjut was written in."""
    return quarter_end(year + 1, 1) if quarter == 4 else quarter_end(year, quarter + 1)


def tindak_lanjut_to_follow_ups(apps, schema_editor):
    """Each written tindak lanjut becomes an open follow-up of the quarter it was written in, answering
    that quarter's kendala, with the bureau as its PIC until someone names a person."""
    realization_model = apps.get_model("targets", "Realization")
    follow_up_model = apps.get_model("targets", "FollowUp")
    written = realization_model.objects.exclude(tindak_lanjut="").select_related("indicator__bureau")
    follow_up_model.objects.bulk_create(
        follow_up_model(
            indicator_id=realization.indicator_id,
            year=realization.year,
            quarter=realization.quarter,
            kendala=realization.kendala,
            action=realization.tindak_lanjut.strip(),
            pic=realization.indicator.bureau.name,
            due_date=next_quarter_end(realization.year, realization.quarter),
            status="open",
            created_by_id=realization.updated_by_id,
            updated_by_id=realization.updated_by_id,
        )
        for realization in written
        if realization.tindak_lanjut.strip()
    )


def follow_ups_to_tindak_lanjut(apps, schema_editor):
    """Back to free text: each quarter's follow-ups joined onto its realization, then removed."""
    realization_model = apps.get_model("targets", "Realization")
    follow_up_model = apps.get_model("targets", "FollowUp")
    texts = {}
    for follow_up in follow_up_model.objects.order_by("pk"):
        key = (follow_up.indicator_id, follow_up.year, follow_up.quarter)
        texts[key] = "\n".join(filter(None, [texts.get(key), follow_up.action]))
    for (indicator_id, year, quarter), text in texts.items():
        realization_model.objects.filter(indicator_id=indicator_id, year=year, quarter=quarter).update(
            tindak_lanjut=text
        )
    follow_up_model.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("targets", "0010_kalimantan_tengah_regions"),
    ]

    operations = [
        migrations.RunPython(tindak_lanjut_to_follow_ups, follow_ups_to_tindak_lanjut),
    ]
