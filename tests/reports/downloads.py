import re

from django.urls import reverse


def pdf_form(page: str) -> dict[str, str]:
    """The fields the summary PDF's download form sends (the annex box by its value), after its action."""
    start = page.index('<form class="pdf-link"')
    form = page[start : page.index("</form>", start)]
    assert f'action="{reverse("reports:summary_pdf")}"' in form
    return dict(re.findall(r'<input type="(?:hidden|checkbox)" name="(\w+)" value="([^"]*)"', form))
