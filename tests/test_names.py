import pytest

from mapper.resolve.names import loose_key, normalize


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Deir ez-Zor", "deir ez zor"),
        ("Kraków", "krakow"),
        ("  The  Hague ", "hague"),
        ("Ma'arat al-Nu‘man", "maarat al numan"),
        ("U.S.", "u s"),
        ("القدس", "القدس"),  # other scripts are kept, only case-folded
    ],
)
def test_normalize_folds_case_diacritics_punctuation(written, expected):
    assert normalize(written) == expected


@pytest.mark.parametrize(
    "mention, gazetteer_name",
    [
        ("Deir Ezzor", "Deir ez-Zor"),  # article joined to a sun letter
        ("al-Safira", "As Safīrah"),  # article spelled two ways, ta marbuta
        ("el-Arish", "Al Arish"),
        ("St. Louis", "Saint Louis"),
        ("Democratic Republic of Congo", "Democratic Republic of the Congo"),  # an inner "the"
    ],
)
def test_loose_key_meets_transliteration_variants(mention, gazetteer_name):
    assert loose_key(mention) == loose_key(gazetteer_name)


def test_loose_key_keeps_distinct_names_apart():
    assert loose_key("Homs") != loose_key("Hama")
    assert loose_key("Al") == "al"  # a lone article is a name, not nothing
