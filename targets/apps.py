from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = _("Target dan realisasi")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_out, user_login_failed
        from django.db.models.signals import post_migrate, pre_delete

        from targets.region_tree import region_tree_after_migrate
        from targets.roles import role_groups_after_migrate
        from targets.signals import keep_users_on_record, log_failed_login, log_lockout, say_goodbye

        user_logged_out.connect(say_goodbye, dispatch_uid="targets.say_goodbye")
        user_login_failed.connect(log_failed_login, dispatch_uid="targets.log_failed_login")
        user_locked_out.connect(log_lockout, dispatch_uid="targets.log_lockout")
        post_migrate.connect(role_groups_after_migrate, sender=self, dispatch_uid="targets.role_groups")
        post_migrate.connect(region_tree_after_migrate, sender=self, dispatch_uid="targets.region_tree")
        pre_delete.connect(
            keep_users_on_record, sender=self.get_model("User"), dispatch_uid="targets.keep_users"
        )
        self.connect_data_version()
        self.connect_regency_years()

    def connect_data_version(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_migrate, post_save

        from targets.version import VERSIONED, bump_after_migrate, bump_on_write

        for label in VERSIONED:
            model = apps.get_model(label)
            post_save.connect(bump_on_write, sender=model, dispatch_uid=f"targets.version.save.{label}")
            post_delete.connect(bump_on_write, sender=model, dispatch_uid=f"targets.version.delete.{label}")
        post_migrate.connect(bump_after_migrate, sender=self, dispatch_uid="targets.version.migrate")

    def connect_regency_years(self):
        from django.db.models.signals import post_delete, post_save

        from targets.regency_years import figure_written, indicator_written

        figures = self.get_model("RegionalRealization")
        post_save.connect(figure_written, sender=figures, dispatch_uid="targets.regency_years.save")
        post_delete.connect(figure_written, sender=figures, dispatch_uid="targets.regency_years.delete")
        post_save.connect(
            indicator_written, sender=self.get_model("Indicator"), dispatch_uid="targets.regency_years.plan"
        )
