import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaltengkop.settings")
# Served by gunicorn means production: DEBUG is off unless it is asked for by name.
os.environ.setdefault("DEBUG", "false")

application = get_wsgi_application()
