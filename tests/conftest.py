import pytest

from mapper.pipeline import Mapper

SAMPLE = "seeds/missile-workshop-near-aleppo.txt"


@pytest.fixture(scope="session")
def mapper() -> Mapper:
    """The real pipeline: spaCy model and the embedded gazetteer (built once in the user cache)."""
    return Mapper()
