import pytest

from mapper.gazetteer.names import loose_key, names_a_natural_feature, normalize, word_runs


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


@pytest.mark.parametrize("name", ["Cumberland River", "Lake Erie", "the Gulf of Aden", "Gaza Strip", "Sunda Shelf"])
def test_natural_features_are_named_with_their_generic_word(name):
    assert names_a_natural_feature(name)


@pytest.mark.parametrize("name", ["Main Street", "Interstate 64", "City Hall", "United Way", "Erie", "Lakeview"])
def test_streets_buildings_and_single_words_are_not_natural_features(name):
    assert not names_a_natural_feature(name)


def test_word_runs_start_or_end_the_words_longest_first():
    assert list(word_runs(["Pa.", "Smith", "said"])) == ["Pa. Smith said", "Pa. Smith", "Pa."]
    assert list(word_runs(["In", "Barrow"], from_start=False)) == ["In Barrow", "Barrow"]
    assert list(word_runs([])) == []
