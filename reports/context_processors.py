from django.utils.functional import SimpleLazyObject

from targets.models import Bureau


def navigation(request):
    """The bureaus for the header's menu, read only by a page that draws the header."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"nav_bureaus": SimpleLazyObject(lambda: list(Bureau.objects.all()))}
