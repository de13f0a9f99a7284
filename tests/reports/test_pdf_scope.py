"""What the summary PDF details for a meeting at many indicators, and what it leaves to its annex."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports import pdf
from targets.choices import Aggregation, FollowUpStatus, Status, Unit
from targets.models import Bureau, FollowUp, Indicator, Realization, Target

URL = reverse("reports:summary_pdf")


def indicator(bureau, code, name, quarters, kendala=""):
    """A summed indicator with a target of 100 and approved quarters; the last one carries `kendala`."""
    made = Indicator.objects.create(
        code=code, name=name, bureau=bureau, unit=Unit.UNIT, aggregation=Aggregation.SUM
    )
    Target.objects.create(indicator=made, year=2025, value=D(100))
    for quarter, value in enumerate(quarters, start=1):
        Realization.objects.create(
            indicator=made,
            year=2025,
            quarter=quarter,
            value=D(value),
            status=Status.APPROVED,
            kendala=kendala if quarter == len(quarters) else "",
        )
    return made


@pytest.fixture
def bureau(db):
    """At TW II, 50 is expected of each: one on its path, one behind it, one on it but with a kendala."""
    bureau = Bureau.objects.create(code="uji", name="Bidang Uji", order=1)
    indicator(bureau, "sesuai", "Indikator sesuai jalur", [30, 30])
    indicator(bureau, "tertinggal", "Indikator tertinggal", [10, 10])
    indicator(bureau, "berkendala", "Indikator berkendala", [30, 30], kendala="Hujan deras sepanjang TW II.")
    return bureau


def text_of(response) -> str:
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_only_the_indicators_behind_or_with_a_kendala_are_detailed(bureau):
    section = pdf.context(2025, 2)["sections"][0]
    assert {entry.row.indicator.code for entry in section.detailed} == {"tertinggal", "berkendala"}
    assert [entry.row.indicator.code for entry in section.others] == ["sesuai"]
    # Charts are drawn only for what the document shows.
    assert all(entry.chart for entry in section.detailed)
    assert not any(entry.chart for entry in section.others)


def test_the_annex_draws_the_others_too(bureau):
    section = pdf.context(2025, 2, detail_annex=True)["sections"][0]
    assert all(entry.chart for entry in section.entries)


def test_the_document_details_what_needs_attention_and_offers_the_rest_as_an_annex(client, head, bureau):
    client.force_login(head)
    text = text_of(client.get(URL, {"tahun": 2025, "tw": 2}))
    assert "Indikator sesuai jalur" in text  # in the summary table of every indicator
    assert "Indikator sesuai jalur (jumlah triwulan dalam setahun)" not in text  # but not its formula
    assert "Indikator tertinggal (jumlah triwulan dalam setahun)" in text
    assert "Indikator berkendala (jumlah triwulan dalam setahun)" in text
    assert "Hujan deras sepanjang TW II." in text
    assert "Rincian indikator lainnya dapat disertakan sebagai lampiran." in text
    assert "Rincian indikator lainnya Indikator" not in text
    assert "Evaluasi terhadap Hasil Renja Perangkat Daerah" not in text


def test_lampiran_adds_the_others_detail_and_the_evaluation_table(client, head, bureau):
    client.force_login(head)
    text = text_of(client.get(URL, {"tahun": 2025, "tw": 2, "lampiran": "1"}))
    annex = text[text.index("Rincian indikator lainnya Indikator yang tidak tertinggal") :]
    assert "Indikator sesuai jalur (jumlah triwulan dalam setahun)" in annex
    assert "Indikator tertinggal (jumlah" not in annex
    assert "Evaluasi terhadap Hasil Renja Perangkat Daerah" in annex


def test_anything_but_lampiran_1_leaves_the_annex_out(client, head, bureau):
    client.force_login(head)
    response = client.get(URL, {"tahun": 2025, "tw": 2, "lampiran": "ya"})
    assert "lampiran" not in response["Content-Disposition"]
    assert "Rincian indikator lainnya ada pada lampiran" not in text_of(response)


def test_the_earlier_follow_ups_are_capped_with_a_count_of_the_rest(bureau):
    on_path = Indicator.objects.get(code="sesuai")
    for day in range(1, 31):
        FollowUp.objects.create(
            indicator=on_path,
            year=2024,
            quarter=4,
            action=f"Tindak lanjut {day}.",
            pic="Kabid",
            due_date=datetime.date(2025, 1, day),
            status=FollowUpStatus.OPEN,
        )
    data = pdf.context(2025, 2)
    shown = data["earlier_follow_ups"]
    assert len(shown) == pdf.EARLIER_FOLLOW_UPS_SHOWN == 25
    assert data["earlier_follow_ups_more"] == 5
    # The oldest first.
    assert [f.due_date.day for f in shown] == list(range(1, 26))
    html = pdf.render_to_string("reports/pdf/earlier_follow_ups.html", data)
    assert "… dan 5 tindak lanjut lainnya" in html
