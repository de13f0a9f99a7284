"""Load the demo data: the Rakortek 2025 figures, demo fill around them, and one account per role.

Figures from the meeting (Rakortek 2025, Desk Urusan Koperasi dan UMKM) carry the target source
"Rakortek 2025"; every other figure is demo fill and says so. Running the command again changes
nothing: rows are only ever created, never overwritten.
"""

from datetime import date
from decimal import Decimal as D

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from targets.choices import Aggregation, Direction, FollowUpStatus, RegionalStatus, Role, Status, Step, Unit
from targets.models import (
    Bureau,
    FollowUp,
    FollowUpReport,
    Indicator,
    Realization,
    Region,
    RegionalRealization,
    RegionalTarget,
    Target,
    User,
    WorkflowStep,
)
from targets.regional_reads import current_period

DEMO_PASSWORD = "kaltengkop-demo"
MEETING = "Rakortek 2025"
DEMO = "Isian demo"
DEMO_SERIES_SOURCE = "Angka demo (bukan data resmi)"

BUREAUS = [
    ("kelembagaan", "Bidang Kelembagaan dan Pengawasan"),
    ("koperasi", "Bidang Pemberdayaan dan Pengembangan Koperasi"),
    ("usaha-kecil", "Bidang Pemberdayaan Usaha Kecil"),
    ("program", "Subbagian Penyusunan Program"),
]

# Supporting series that the ratio indicators are computed from (demo figures).
SERIES = [
    dict(
        code="volume-usaha-koperasi",
        name="Volume usaha koperasi (seluruh sektor)",
        bureau="koperasi",
        unit=Unit.RUPIAH,
        aggregation=Aggregation.SUM,
    ),
    dict(
        code="pdrb-adhb",
        name="PDRB atas dasar harga berlaku",
        bureau="program",
        unit=Unit.RUPIAH,
        aggregation=Aggregation.SUM,
    ),
    dict(
        code="anggota-koperasi",
        name="Jumlah anggota koperasi",
        bureau="kelembagaan",
        unit=Unit.ORANG,
        aggregation=Aggregation.LEVEL,
    ),
    dict(
        code="jumlah-penduduk",
        name="Jumlah penduduk",
        bureau="program",
        unit=Unit.ORANG,
        aggregation=Aggregation.LEVEL,
    ),
]

# The eight indicators of the meeting. Targets: {year: (value, source)}. The 2024 targets of the
# level and ratio indicators are demo fill: the starting point of their 2025 planned path.
INDICATORS = [
    dict(
        code="koperasi-produsen",
        name="Jumlah koperasi produsen",
        bureau="kelembagaan",
        unit=Unit.UNIT,
        aggregation=Aggregation.LEVEL,
        baseline_year=2025,
        baseline_value=D(1311),
        by_region=True,
        definition="Jumlah koperasi yang bergerak di sektor produksi yang tercatat aktif.",
        targets={2025: (D(1350), DEMO), 2026: (D(1400), DEMO)},
    ),
    dict(
        code="volume-usaha-produksi",
        name="Volume usaha koperasi sektor produksi",
        bureau="koperasi",
        unit=Unit.RUPIAH,
        aggregation=Aggregation.SUM,
        definition="Nilai penjualan barang dan jasa koperasi sektor produksi dalam satu tahun.",
        targets={2025: (D(222_000_000_000), MEETING), 2026: (D(240_000_000_000), DEMO)},
    ),
    dict(
        code="rasio-volume-pdrb",
        name="Rasio volume usaha koperasi terhadap PDRB",
        bureau="koperasi",
        unit=Unit.PERCENT,
        aggregation=Aggregation.RATIO,
        numerator="volume-usaha-koperasi",
        denominator="pdrb-adhb",
        definition="Volume usaha seluruh koperasi dibagi PDRB atas dasar harga berlaku, dikali 100.",
        targets={2024: (D("1.05"), DEMO), 2025: (D("1.10"), DEMO), 2026: (D("1.12"), MEETING)},
    ),
    dict(
        code="partisipasi-berkoperasi",
        name="Partisipasi masyarakat dalam berkoperasi",
        bureau="kelembagaan",
        unit=Unit.PERCENT,
        aggregation=Aggregation.RATIO,
        numerator="anggota-koperasi",
        denominator="jumlah-penduduk",
        definition="Jumlah anggota koperasi dibagi jumlah penduduk, dikali 100.",
        targets={2024: (D("9.5"), DEMO), 2025: (D(10), MEETING), 2026: (D("10.5"), DEMO)},
    ),
    dict(
        code="proporsi-ukm",
        name="Persentase proporsi jumlah UKM",
        bureau="usaha-kecil",
        unit=Unit.PERCENT,
        aggregation=Aggregation.LEVEL,
        definition="Persentase usaha kecil dan menengah terhadap seluruh pelaku usaha.",
        targets={2024: (D("3.70"), DEMO), 2025: (D("3.84"), MEETING), 2026: (D("4.00"), DEMO)},
    ),
    dict(
        code="mikro-naik-kelas",
        name="Usaha mikro naik kelas (menjadi usaha kecil dan menengah)",
        bureau="usaha-kecil",
        unit=Unit.UNIT,
        aggregation=Aggregation.SUM,
        definition=(
            "Jumlah usaha mikro yang dalam tahun berjalan naik kelas menjadi usaha kecil atau menengah."
        ),
        targets={2025: (D(800), MEETING), 2026: (D(850), DEMO)},
    ),
    dict(
        code="rasio-kewirausahaan",
        name="Rasio kewirausahaan",
        bureau="usaha-kecil",
        unit=Unit.PERCENT,
        aggregation=Aggregation.LEVEL,
        definition="Persentase penduduk yang berwirausaha terhadap jumlah penduduk usia produktif.",
        targets={2024: (D("3.60"), DEMO), 2025: (D("3.70"), DEMO), 2026: (D("3.81"), MEETING)},
    ),
    dict(
        code="wirausaha-baru",
        name="Wirausaha baru",
        bureau="usaha-kecil",
        unit=Unit.ORANG,
        aggregation=Aggregation.CUMULATIVE,
        period_start=2025,
        period_end=2026,
        by_region=True,
        definition="Jumlah wirausaha baru yang tumbuh sejak awal periode rencana 2025–2026.",
        targets={2025: (D(1300), DEMO), 2026: (D(2872), MEETING)},
    ),
]

A, S, R = Status.APPROVED, Status.SUBMITTED, Status.RETURNED

# 2025 realizations per quarter: (value, status). Mixed states so that every category appears.
REALIZATIONS_2025 = {
    "koperasi-produsen": [(1311, A), (1318, A), (1326, A), (1334, A)],
    "volume-usaha-produksi": [
        (38_000_000_000, A),
        (41_000_000_000, A),
        (44_000_000_000, A),
        (49_000_000_000, S),
    ],
    "volume-usaha-koperasi": [
        (480_000_000_000, A),
        (500_000_000_000, A),
        (505_000_000_000, A),
        (522_000_000_000, A),
    ],
    "pdrb-adhb": [
        (54_000_000_000_000, A),
        (55_000_000_000_000, A),
        (56_500_000_000_000, A),
        (57_500_000_000_000, A),
    ],
    "anggota-koperasi": [(196_000, A), (199_500, A), (202_300, A), (205_000, A)],
    "jumlah-penduduk": [(2_790_000, A), (2_790_000, A), (2_790_000, A), (2_790_000, A)],
    "proporsi-ukm": [("3.10", A), ("3.22", A), ("3.35", A), ("3.41", S)],
    "mikro-naik-kelas": [(120, A), (150, A), (160, R)],
    "rasio-kewirausahaan": [("3.52", A), ("3.58", A), ("3.61", A), ("3.66", A)],
    "wirausaha-baru": [(280, A), (310, A), (295, A), (330, A)],
}

NOTES_2025 = {
    ("volume-usaha-produksi", 3): (
        "Harga komoditas karet dan sawit turun; beberapa koperasi produsen menunda produksi."
    ),
    ("mikro-naik-kelas", 2): "Pendataan usaha mikro di kabupaten belum seragam.",
    ("mikro-naik-kelas", 3): "Verifikasi lapangan usaha yang naik kelas di tiga kabupaten belum selesai.",
    ("proporsi-ukm", 3): "Data pelaku usaha dari kabupaten terlambat masuk.",
}

# Demo fill: how the province's 2025 figures of the indicators reported by region split among the
# kabupaten/kota (Kemendagri code: share). Kota Palangka Raya and Kotawaringin Timur are the largest,
# Sukamara and Lamandau the smallest; the regency targets split a little differently, so that the
# regencies' achievements differ. Every quarter's split adds up exactly to the province figure.
DEMO_REGENCY = "Isian demo: sebaran kabupaten/kota"
REGENCY_SHARES = {
    "62.01": 9,
    "62.02": 14,
    "62.03": 10,
    "62.04": 5,
    "62.05": 5,
    "62.06": 2,
    "62.07": 3,
    "62.08": 5,
    "62.09": 6,
    "62.10": 5,
    "62.11": 4,
    "62.12": 4,
    "62.13": 4,
    "62.71": 15,
}
REGENCY_TARGET_SHARES = {
    "62.01": 8,
    "62.02": 13,
    "62.03": 11,
    "62.04": 5,
    "62.05": 6,
    "62.06": 3,
    "62.07": 3,
    "62.08": 4,
    "62.09": 7,
    "62.10": 5,
    "62.11": 4,
    "62.12": 4,
    "62.13": 5,
    "62.71": 13,
}


# Kotawaringin Timur's count of koperasi produsen in the current quarter, submitted and not yet reviewed.
PENDING_REGENCY = "62.02"
PENDING_VALUE = 190


def apportion(total: int, shares: dict[str, int]) -> dict[str, int]:
    """Whole parts of `total` in proportion to `shares` that add up to it exactly (largest remainder)."""
    whole_shares = sum(shares.values())
    parts = {code: total * share // whole_shares for code, share in shares.items()}
    by_remainder = sorted(shares, key=lambda code: total * shares[code] % whole_shares, reverse=True)
    for code in by_remainder[: total - sum(parts.values())]:
        parts[code] += 1
    return parts


# The follow-ups agreed on those kendala: (indicator, quarter agreed, action, PIC, due date, status,
# note on the status, [(quarter reported, status, note)]). One is done, one is under way, one is
# overdue, and one was dropped.
FOLLOW_UPS_2025 = [
    (
        "volume-usaha-produksi",
        3,
        "Pendampingan akses pasar dan temu bisnis dengan offtaker pada triwulan IV.",
        "Kabid Pemberdayaan dan Pengembangan Koperasi",
        date(2026, 12, 31),
        FollowUpStatus.IN_PROGRESS,
        "",
        [
            (
                4,
                FollowUpStatus.IN_PROGRESS,
                "Temu bisnis pertama dengan dua offtaker sawit terlaksana November.",
            )
        ],
    ),
    (
        "mikro-naik-kelas",
        2,
        "Bimbingan teknis pendataan bagi dinas kabupaten/kota.",
        "Kabid Pemberdayaan Usaha Kecil",
        date(2025, 9, 30),
        FollowUpStatus.DONE,
        "Bimtek diikuti 14 kabupaten/kota pada Agustus 2025.",
        [(3, FollowUpStatus.DONE, "Bimtek diikuti 14 kabupaten/kota pada Agustus 2025.")],
    ),
    (
        "mikro-naik-kelas",
        3,
        "Verifikasi bersama dinas kabupaten dan pendamping KUMKM pada awal TW IV.",
        "Kasi Pemberdayaan Usaha Mikro",
        date(2025, 10, 31),
        FollowUpStatus.OPEN,
        "",
        [],
    ),
    (
        "proporsi-ukm",
        3,
        "Surat permintaan data ke kabupaten/kota dan verifikasi bersama BPS.",
        "Kasubbag Penyusunan Program",
        date(2025, 12, 31),
        FollowUpStatus.DROPPED,
        "BPS merilis data pelaku usaha per kabupaten sendiri; surat tidak diperlukan lagi.",
        [(4, FollowUpStatus.DROPPED, "BPS merilis data pelaku usaha per kabupaten sendiri.")],
    ),
]

# A clearly fictitious signatory for the demo's PDF; a real department enters its own in the admin.
DEMO_SIGNATORY = {
    "signatory_name": "Drs. Nama Contoh Demo, M.Si.",
    "signatory_rank": "Pembina Utama Muda (IV/c)",
    "signatory_nip": "123456789012345678",
}

RETURN_REASON = "Angka TW III belum disertai daftar nama usaha yang naik kelas."

USERS = [
    dict(username="kadis", first_name="Kepala", last_name="Dinas", role=Role.HEAD),
    dict(
        username="perencana",
        first_name="Perencana",
        last_name="Program",
        role=Role.PLANNER,
        bureau="program",
        is_staff=True,
    ),
    dict(
        username="staf.kelembagaan",
        first_name="Staf",
        last_name="Kelembagaan",
        role=Role.STAFF,
        bureau="kelembagaan",
    ),
    dict(
        username="staf.koperasi", first_name="Staf", last_name="Koperasi", role=Role.STAFF, bureau="koperasi"
    ),
    dict(
        username="staf.usahakecil",
        first_name="Staf",
        last_name="Usaha Kecil",
        role=Role.STAFF,
        bureau="usaha-kecil",
    ),
    dict(username="staf.program", first_name="Staf", last_name="Program", role=Role.STAFF, bureau="program"),
    dict(
        username="operator.palangkaraya",
        first_name="Operator",
        last_name="Kota Palangka Raya",
        role=Role.OPERATOR,
        region="62.71",
    ),
    dict(
        username="admin",
        first_name="Administrator",
        last_name="",
        role=Role.ADMIN,
        is_staff=True,
        is_superuser=True,
    ),
]


class Command(BaseCommand):
    help = "Muat data demo Rakortek 2025 dan akun demo untuk setiap peran."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Lewati bila sudah ada bidang di basis data."
        )

    @transaction.atomic
    def handle(self, *args, if_empty=False, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "DEBUG mati: ini tampaknya instalasi sungguhan, dan data demo membuat akun dengan kata "
                "sandi yang diumumkan. Setel DEMO_DATA=true bila memang itu yang dimaksud."
            )
        if if_empty and Bureau.objects.exists():
            if options["verbosity"]:
                self.stdout.write("Data sudah ada; data demo tidak dimuat ulang.")
            return
        bureaus = {
            code: Bureau.objects.get_or_create(code=code, defaults={"name": name, "order": i})[0]
            for i, (code, name) in enumerate(BUREAUS)
        }
        series = {}
        for i, spec in enumerate(SERIES):
            series[spec["code"]] = self._indicator(spec, bureaus, series, order=i, supporting=True)
        for i, spec in enumerate(INDICATORS):
            indicator = self._indicator(spec, bureaus, series, order=i, supporting=False)
            series[spec["code"]] = indicator
            for year, (value, source) in spec["targets"].items():
                Target.objects.get_or_create(
                    indicator=indicator, year=year, defaults={"value": value, "source": source}
                )
        users = self._users(bureaus)
        for code, quarters in REALIZATIONS_2025.items():
            indicator = series[code]
            staff = users.get(indicator.bureau.code)
            for quarter, (value, status) in enumerate(quarters, start=1):
                kendala = NOTES_2025.get((code, quarter), "")
                Realization.objects.get_or_create(
                    indicator=indicator,
                    year=2025,
                    quarter=quarter,
                    defaults={
                        "value": D(value),
                        "status": status,
                        "kendala": kendala,
                        "updated_by": staff,
                    },
                )
        self._follow_ups(series, users)
        # The head's return of the small-business bureau's TW III, so that its reason shows.
        WorkflowStep.objects.get_or_create(
            bureau=bureaus["usaha-kecil"],
            year=2025,
            quarter=3,
            action=Step.RETURN,
            defaults={
                "actor": User.objects.filter(role=Role.HEAD).first(),
                "reason": RETURN_REASON,
            },
        )
        self._regency_breakdown(series, users)
        self._pending_regency_figure(series)
        self._signatory()
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Data demo siap: {len(BUREAUS)} bidang, {len(INDICATORS)} indikator, "
                    f"{len(SERIES)} data pendukung, {len(USERS)} akun (kata sandi: {DEMO_PASSWORD})."
                )
            )

    def _indicator(self, spec, bureaus, series, order, supporting):
        fields = {
            k: v
            for k, v in spec.items()
            if k not in {"code", "bureau", "targets", "numerator", "denominator"}
        }
        fields.update(
            bureau=bureaus[spec["bureau"]],
            is_supporting=supporting,
            direction=Direction.NONE if supporting else Direction.HIGHER,
            order=order,
            data_source=DEMO_SERIES_SOURCE if supporting else MEETING,
        )
        if "numerator" in spec:
            fields.update(numerator=series[spec["numerator"]], denominator=series[spec["denominator"]])
        indicator, _ = Indicator.objects.get_or_create(code=spec["code"], defaults=fields)
        return indicator

    def _regency_breakdown(self, series, users):
        """The 2025 figures and targets of the indicators reported by region, split among the regencies
        of the region tree that the migrations load. Demo fill: the history of each row says so."""
        regions = {region.code: region for region in Region.objects.filter(code__in=REGENCY_SHARES)}
        if len(regions) != len(REGENCY_SHARES):
            return
        for indicator in (indicator for indicator in series.values() if indicator.by_region):
            staff = users.get(indicator.bureau.code)
            target = indicator.targets.filter(year=2025).first()
            if target is not None:
                for code, value in apportion(int(target.value), REGENCY_TARGET_SHARES).items():
                    self._demo_row(
                        RegionalTarget, indicator=indicator, region=regions[code], year=2025, value=value
                    )
            for realization in indicator.realizations.filter(year=2025, status=Status.APPROVED):
                for code, value in apportion(int(realization.value), REGENCY_SHARES).items():
                    self._demo_row(
                        RegionalRealization,
                        indicator=indicator,
                        region=regions[code],
                        year=2025,
                        quarter=realization.quarter,
                        value=value,
                        status=RegionalStatus.ACCEPTED,
                        updated_by=staff,
                    )

    def _pending_regency_figure(self, series):
        """One regency figure of the current quarter submitted and awaiting its bureau's review, so that the
        review page has work."""
        region = Region.objects.filter(code=PENDING_REGENCY).first()
        if region is None:
            return
        year, quarter = current_period(timezone.localdate())
        self._demo_row(
            RegionalRealization,
            indicator=series["koperasi-produsen"],
            region=region,
            year=year,
            quarter=quarter,
            value=PENDING_VALUE,
            status=RegionalStatus.SUBMITTED,
        )

    def _demo_row(self, model, value, **fields):
        """Create a row once, with its history saying it is demo fill; an existing row is kept."""
        keys = {
            name: fields.pop(name) for name in ("indicator", "region", "year", "quarter") if name in fields
        }
        if model.objects.filter(**keys).exists():
            return
        row = model(value=D(value), **keys, **fields)
        row._change_reason = DEMO_REGENCY
        row.save()

    def _signatory(self):
        """The demo signatory on the letterhead row, unless a name has been entered already."""
        # Looked up by name: the domain app never imports the reports app.
        letterhead = apps.get_model("reports", "Letterhead").current()
        if not letterhead.signatory_name:
            for name, value in DEMO_SIGNATORY.items():
                setattr(letterhead, name, value)
            letterhead.save()

    def _follow_ups(self, series, users):
        for code, quarter, action, pic, due, status, note, reports in FOLLOW_UPS_2025:
            indicator = series[code]
            staff = users.get(indicator.bureau.code)
            follow_up, _created = FollowUp.objects.get_or_create(
                indicator=indicator,
                year=2025,
                quarter=quarter,
                action=action,
                defaults={
                    "kendala": NOTES_2025.get((code, quarter), ""),
                    "pic": pic,
                    "due_date": due,
                    "status": status,
                    "status_note": note,
                    "created_by": staff,
                    "updated_by": staff,
                },
            )
            for reported, reported_status, progress in reports:
                FollowUpReport.objects.get_or_create(
                    follow_up=follow_up,
                    year=2025,
                    quarter=reported,
                    defaults={"status": reported_status, "note": progress, "reported_by": staff},
                )

    def _users(self, bureaus):
        staff_by_bureau = {}
        for spec in USERS:
            fields = dict(spec)
            username = fields.pop("username")
            bureau = fields.pop("bureau", None)
            fields["bureau"] = bureaus[bureau] if bureau else None
            region = fields.pop("region", None)
            if region is not None:
                fields["region"] = Region.objects.filter(code=region).first()
                if fields["region"] is None:  # a region tree without the demo's kota
                    continue
            user, created = User.objects.get_or_create(username=username, defaults=fields)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            if user.role == Role.STAFF:
                staff_by_bureau[bureau] = user
        return staff_by_bureau
