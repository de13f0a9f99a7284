from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ringkasan.pdf", views.summary_pdf, name="summary_pdf"),
]
