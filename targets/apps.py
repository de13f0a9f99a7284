from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = _("Target dan realisasi")

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from targets.signals import say_goodbye

        user_logged_out.connect(say_goodbye, dispatch_uid="targets.say_goodbye")
