"""The bureau sheet: the one layout that the bureau export writes and the realization import reads.

One row per indicator or supporting series and year. The headers are Indonesian whatever the
language of the page, so that a file exported in English can still be imported.

- TW I–IV: each quarter's own entered value (not a figure to date), as a raw number, in
  whatever state it is; the status columns say which (draft, submitted, approved, returned).
- Target, realization, achievement and category are the official figures (approved only) at the
  sheet's quarter; the import ignores them.
- Versi TW I–IV: each quarter's row version. The import refuses a quarter whose row was saved
  again since the file was exported (an empty version: there was no row then).
- Kendala and tindak lanjut of each quarter, for the reader; the import ignores them.
- Keterangan: what the reader must know of the realization, such as a ratio standing on the latest
  published denominator instead of the quarter's own.
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
VERSION_COLUMNS = {1: "Versi TW I", 2: "Versi TW II", 3: "Versi TW III", 4: "Versi TW IV"}
KENDALA_COLUMNS = {1: "Kendala TW I", 2: "Kendala TW II", 3: "Kendala TW III", 4: "Kendala TW IV"}
NOTE = "Keterangan"
FOLLOW_UP_COLUMNS = {
    1: "Tindak lanjut TW I",
    2: "Tindak lanjut TW II",
    3: "Tindak lanjut TW III",
    4: "Tindak lanjut TW IV",
}

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
    *VERSION_COLUMNS.values(),
    *KENDALA_COLUMNS.values(),
    *FOLLOW_UP_COLUMNS.values(),
    NOTE,
]

# What the import reads; every other column is there for the reader and is ignored.
IMPORTED = [CODE, YEAR, *QUARTER_COLUMNS.values()]

# A text cell starting with one of these is a formula to a spreadsheet: exports neutralise it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A text cell as a spreadsheet must show it: with a leading apostrophe when it would start a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value
