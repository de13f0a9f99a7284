"""The bureau sheet: the one layout that the bureau export writes and the realization import reads.

One row per indicator or supporting series and year. The headers are Indonesian whatever the
language of the page, so that a file exported in English can still be imported.

- TW I–IV: each quarter's own entered value (not a figure to date), as a raw number, in
  whatever state it is; the status columns say which (draft, submitted, approved, returned).
- Target, realization, achievement and category are the official figures (approved only) at the
  sheet's quarter; the import ignores them.
"""

CODE = "Kode"
NAME = "Indikator"
UNIT = "Satuan"
YEAR = "Tahun"
QUARTER_COLUMNS = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
STATUS_COLUMNS = {1: "Status TW I", 2: "Status TW II", 3: "Status TW III", 4: "Status TW IV"}
TARGET = "Target tahunan"
REALIZATION = "Realisasi"
ACHIEVEMENT = "Capaian (%)"
CATEGORY = "Kategori"

HEADERS = [
    CODE,
    NAME,
    UNIT,
    YEAR,
    *QUARTER_COLUMNS.values(),
    *STATUS_COLUMNS.values(),
    TARGET,
    REALIZATION,
    ACHIEVEMENT,
    CATEGORY,
]

# What the import reads; every other column is there for the reader and is ignored.
IMPORTED = [CODE, YEAR, *QUARTER_COLUMNS.values()]
