import pytest

from reports import synthetic
from targets.models import User


@pytest.fixture
def head_client(client, demo):
    """A client logged in as the head of department, over the demo data."""
    client.force_login(User.objects.get(username="kadis"))
    return client


@pytest.fixture
def thirty_more(demo):
    """Thirty more indicators of every kind beside the demo's, with targets and realizations 2020–2025."""
    return synthetic.build(30, first_year=2020, years=6)
