from django.urls import include, path

from targets import approval_views, followup_views, planning_views, region_views, views, worklist_views

app_name = "targets"

entry_urlpatterns = [
    path("", views.overview, name="overview"),
    path("belum-diajukan/", views.missing, name="missing"),
    path("kerja/", worklist_views.worklist, name="worklist"),
    path("kerja/jumlah.json", worklist_views.worklist_count, name="worklist_count"),
    path("bukti/<int:pk>/", views.evidence, name="evidence"),
    path("kabupaten/<slug:code>/<int:year>/<int:quarter>/hitung/", region_views.roll_up, name="roll_up"),
    path("wilayah/<str:region>/<int:year>/<int:quarter>/", region_views.region_entry, name="region_entry"),
    path("wilayah/<str:region>/impor/", region_views.region_import, name="region_import"),
    path("wilayah/<str:region>/ekspor.xlsx", region_views.region_export, name="region_export"),
    path("<slug:bureau>/impor/", views.import_sheet_view, name="import"),
    path("<slug:bureau>/<int:year>/<int:quarter>/", views.entry_form, name="entry"),
    path("<slug:bureau>/<int:year>/<int:quarter>/setujui/", views.approve, name="approve"),
    path(
        "<slug:bureau>/<int:year>/<int:quarter>/setujui/periksa/",
        approval_views.approve_confirm,
        name="approve_confirm",
    ),
    path(
        "<slug:bureau>/<int:year>/<int:quarter>/kabupaten/", region_views.region_review, name="region_review"
    ),
    path("<slug:bureau>/<int:year>/<int:quarter>/kembalikan/", views.send_back, name="return"),
    path("<slug:bureau>/<int:year>/<int:quarter>/buka-kembali/", views.reopen, name="reopen"),
]


planning_urlpatterns = [
    path("", planning_views.target_list, name="target_list"),
    path("impor/", planning_views.target_import, name="target_import"),
    path("<slug:code>/<int:year>/", planning_views.target_edit, name="target_edit"),
    path("<slug:code>/<int:year>/kabupaten-kota/", planning_views.regency_targets, name="regency_targets"),
]

follow_up_urlpatterns = [
    path("", followup_views.follow_up_list, name="follow_ups"),
    path("baru/", followup_views.follow_up_new, name="follow_up_new"),
    path("<int:pk>/", followup_views.follow_up_detail, name="follow_up"),
]

urlpatterns = [
    path("entri/", include(entry_urlpatterns)),
    path("tindak-lanjut/", include(follow_up_urlpatterns)),
    path("target/", include(planning_urlpatterns)),
]
