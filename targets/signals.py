from django.contrib import messages
from django.utils.translation import gettext as _


def say_goodbye(sender, request, user, **kwargs):
    """The login page that follows a logout says that it worked."""
    if request is not None:
        messages.info(request, _("Anda telah keluar. Sampai jumpa."))
