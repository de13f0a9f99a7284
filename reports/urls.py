from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bidang/<slug:code>/", views.bureau, name="bureau"),
    path("indikator/<slug:code>/", views.indicator, name="indicator"),
    path("ringkasan.pdf", views.summary_pdf, name="summary_pdf"),
    path("evaluasi-renja.xlsx", views.evaluation_table, name="evaluation_xlsx"),
]
