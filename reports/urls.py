from django.urls import path

from reports import meeting_views, views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bidang/<slug:code>/", views.bureau, name="bureau"),
    path("bidang/<slug:code>/kabupaten-kota/", views.bureau_regencies, name="bureau_regencies"),
    path("indikator/<slug:code>/", views.indicator, name="indicator"),
    path("ringkasan.pdf", views.summary_pdf, name="summary_pdf"),
    path("ringkasan/salinan/<int:pk>.pdf", views.summary_pdf_copy, name="summary_pdf_copy"),
    path("evaluasi-renja.xlsx", views.evaluation_table, name="evaluation_xlsx"),
    path("rapat/", meeting_views.meeting_list, name="meetings"),
    path("rapat/baru/", meeting_views.meeting_new, name="meeting_new"),
    path("rapat/<int:pk>/", meeting_views.meeting, name="meeting"),
    path("rapat/<int:pk>/bahan.pdf", meeting_views.meeting_pdf, name="meeting_pdf"),
    path("rapat/<int:pk>/hapus/", meeting_views.meeting_delete, name="meeting_delete"),
]
