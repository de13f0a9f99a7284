from django.urls import path

from targets import views

app_name = "targets"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("belum-diajukan/", views.missing, name="missing"),
    path("bukti/<int:pk>/", views.evidence, name="evidence"),
    path("<slug:bureau>/impor/", views.import_sheet_view, name="import"),
    path("<slug:bureau>/<int:year>/<int:quarter>/", views.entry_form, name="entry"),
    path("<slug:bureau>/<int:year>/<int:quarter>/setujui/", views.approve, name="approve"),
    path("<slug:bureau>/<int:year>/<int:quarter>/kembalikan/", views.send_back, name="return"),
    path("<slug:bureau>/<int:year>/<int:quarter>/buka-kembali/", views.reopen, name="reopen"),
]
