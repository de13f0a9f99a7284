from django.urls import path

from targets import approval_views, views, worklist_views

app_name = "targets"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("belum-diajukan/", views.missing, name="missing"),
    path("kerja/", worklist_views.worklist, name="worklist"),
    path("kerja/jumlah.json", worklist_views.worklist_count, name="worklist_count"),
    path("bukti/<int:pk>/", views.evidence, name="evidence"),
    path("<slug:bureau>/impor/", views.import_sheet_view, name="import"),
    path("<slug:bureau>/<int:year>/<int:quarter>/", views.entry, name="entry"),
    path("<slug:bureau>/<int:year>/<int:quarter>/setujui/", views.approve, name="approve"),
    path(
        "<slug:bureau>/<int:year>/<int:quarter>/setujui/periksa/",
        approval_views.approve_confirm,
        name="approve_confirm",
    ),
    path("<slug:bureau>/<int:year>/<int:quarter>/kembalikan/", views.send_back, name="return"),
    path("<slug:bureau>/<int:year>/<int:quarter>/buka-kembali/", views.reopen, name="reopen"),
]
