"""`manage.py backup` and `restore`: the database and the evidence files travel together."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from targets import version
from targets.choices import Role
from targets.models import DataVersion, Realization, User


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_shows_the_same_dashboard_and_the_same_evidence(client, settings, tmp_path):
    settings.DEMO_DATA_ALLOWED = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)
    realization = Realization.objects.filter(year=2025, quarter=4).first()
    realization.evidence.save("berita-acara.pdf", ContentFile(b"%PDF-1.4 bukti"), save=True)
    evidence_name = realization.evidence.name

    def dashboard():
        client.force_login(User.objects.get(username="kadis"))
        response = client.get(reverse("reports:dashboard"), {"tahun": 2025, "tw": 4})
        assert response.status_code == 200
        return [(row.indicator.code, row.official, row.provisional) for row in response.context["rows"]]

    before = dashboard()
    archive = tmp_path / "cadangan.tar.gz"
    backed_up = version.current()
    call_command("backup", str(archive), stdout=io.StringIO())

    # Lose everything: the figures and the files.
    call_command("flush", "--no-input", verbosity=0)
    (settings.MEDIA_ROOT / evidence_name).unlink()
    assert not Realization.objects.exists()
    # The emptied database reaches the backup's data version, and its empty dashboard is kept under it.
    DataVersion.objects.update_or_create(pk=1, defaults={"number": backed_up})
    client.force_login(User.objects.create_user("kadis", role=Role.HEAD))
    assert "Belum ada indikator" in client.get(reverse("reports:dashboard")).content.decode()

    call_command("restore", str(archive), "--no-input", stdout=io.StringIO())
    assert dashboard() == before
    restored = Realization.objects.get(pk=realization.pk)
    assert restored.evidence.name == evidence_name
    assert (settings.MEDIA_ROOT / evidence_name).read_bytes() == b"%PDF-1.4 bukti"
