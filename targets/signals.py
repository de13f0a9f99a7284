import logging

from django.contrib import messages
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

security_log = logging.getLogger("kaltengkop.security")


def say_goodbye(sender, request, user, **kwargs):
    """The login page that follows a logout says that it worked."""
    if request is not None:
        messages.info(request, _("Anda telah keluar. Sampai jumpa."))


def log_failed_login(sender, credentials, request=None, **kwargs):
    """One line per wrong password, with the account and the address, for the operator."""
    from kaltengkop.middleware import client_ip

    address = client_ip(request) if request is not None else "-"
    security_log.warning("Gagal masuk: akun %r dari %s", credentials.get("username", ""), address)


def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    security_log.warning(
        "Akun %r dikunci sementara setelah berulang kali gagal masuk dari %s", username, ip_address
    )


def keep_users_on_record(sender, instance, **kwargs):
    """A user whose name stands on a figure or a step is deactivated, never deleted."""
    if instance.on_record():
        raise ProtectedError(USER_ON_RECORD % {"user": instance.get_username()}, {instance})


USER_ON_RECORD = gettext_lazy(
    "Pengguna %(user)s tidak dapat dihapus karena namanya tercatat pada angka, target atau langkah "
    "alur kerja. Nonaktifkan akunnya saja (hapus centang \u201cAktif\u201d)."
)
