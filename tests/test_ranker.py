"""The learned candidate ranker: fitting, the shipped weights, and the cues it reads in the text."""

import json

import numpy as np
import pytest

from mapper.errors import DamagedFile
from mapper.model import Mention
from mapper.resolve.cues import cues
from mapper.resolve.features import FEATURES
from mapper.gazetteer.names import normalize
from mapper.resolve.ranker import Ranker, fit


def _group(right_population, wrong_population):
    """Two candidates differing only in population; the first is right."""
    x = np.zeros((2, len(FEATURES)))
    x[0, FEATURES.index("population")] = right_population
    x[1, FEATURES.index("population")] = wrong_population
    return x, 0


def test_fit_learns_which_feature_marks_the_right_candidate():
    groups = [_group(0.9, 0.3)] * 20 + [_group(0.2, 0.6)] * 2  # mostly the bigger place
    ranker = fit(groups)
    assert ranker.weights[FEATURES.index("population")] > 1
    assert all(w == 0 for i, w in enumerate(ranker.weights) if FEATURES[i] != "population")
    belief = ranker.beliefs(groups[0][0].tolist())
    assert belief[0] > 0.5 and sum(belief) == pytest.approx(1)


def test_weights_for_other_features_are_refused(tmp_path):
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({"features": ["population"], "weights": [1.0]}))
    with pytest.raises(DamagedFile, match="retrain"):
        Ranker.load(path)


def test_the_shipped_weights_load_and_were_cross_validated():
    from mapper.resolve.ranker import WEIGHTS_PATH

    ranker = Ranker.load()
    assert len(ranker.weights) == len(FEATURES)
    report = json.loads(WEIGHTS_PATH.read_text())
    assert report["5-fold cross-validation"] and report["trained on the other corpus"]


def _cues(text, name, mapper, article_names=()):
    start = text.index(name)
    return cues(text, [Mention(name, start, start + len(name), "GPE", "p1")], mapper.candidates,
                {normalize(n) for n in article_names})


def test_cues_read_the_words_around_a_name(mapper):
    assert _cues("Shelling hit the city of Homs on Monday.", "Homs", mapper).town
    assert _cues("Shelling hit Homs province on Monday.", "Homs", mapper).region
    said = _cues("A fair in Paris, Texas drew crowds.", "Paris", mapper)
    assert ("US", "Texas") in said.named.regions and not said.town and not said.region
    assert "IQ" in _cues("Fighting near Mosul (Iraq) went on.", "Mosul", mapper).named.countries
    # the container ends a sentence: the next one's first words are not part of its name
    said = _cues("He works in Erie, Pa. Thompson said so.", "Erie", mapper, ["Erie", "Pa."])
    assert ("US", "Pennsylvania") in said.named.regions
    listed = ["Utah", "Washington", "Wisconsin", "Oregon", "Springfield", "Illinois"]
    assert _cues("Cases rose in Utah, Washington and Wisconsin.", "Washington", mapper, listed).among_regions
    assert _cues("Cases rose in Washington and Oregon.", "Washington", mapper, listed).among_regions
    assert not _cues("He lives in Springfield, Illinois now.", "Springfield", mapper, listed).among_regions
    assert not _cues("Cases rose in Washington and Oregon.", "Washington", mapper).among_regions  # not names here
    assert not _cues("Kansas City won.", "Kansas", mapper).town  # part of a name, not a cue


def _place(mapper, text, name):
    return next(r.place for r in mapper.map_text(text).resolutions if r.mention.text == name)


def test_a_town_is_preferred_to_the_region_named_after_it_unless_the_text_says_region(mapper):
    assert _place(mapper, "Fighting raged in Aleppo on Monday, residents said.", "Aleppo").feature_class == "P"
    assert _place(mapper, "Fighting raged across Aleppo province on Monday.", "Aleppo").feature_code == "ADM1"


def test_a_named_container_picks_the_namesake(mapper):
    paris = _place(mapper, "The fair in Paris, Texas, drew crowds on Saturday.", "Paris")
    assert (paris.country_code, paris.admin1) == ("US", "Texas")
    assert _place(mapper, "The fair in Paris drew crowds on Saturday.", "Paris").country_code == "FR"


def test_a_capital_is_named_plainly_and_the_region_of_its_name_with_a_qualifier(mapper):
    assert _place(mapper, "Officials in Washington said the sanctions would stay.", "Washington").feature_code == "PPLC"
    for text in ("Washington state officials closed the parks.", "Cases rose in Utah, Washington and Wisconsin.",
                 "Fires near Seattle and Spokane burned across Washington on Monday."):
        assert _place(mapper, text, "Washington").feature_code == "ADM1", text


def test_closest_measures_each_candidate_against_what_the_other_names_could_be():
    from mapper.model import Candidate, Match, Place
    from mapper.resolve.features import Name, initial

    def town(name, lat, lon, country, admin1, population):
        return Candidate(Place(f"x{name}{lat}", name, lat, lon, None, "P", "PPL", country, admin1, population),
                         1.0, Match.NAME)

    dover_gb, dover_us = town("Dover", 51.13, 1.31, "GB", "England", 41_709), town("Dover", 39.16, -75.52, "US",
                                                                                       "Delaware", 39_403)
    calais_fr, calais_us = town("Calais", 50.95, 1.86, "FR", "Hauts-de-France", 74_433), town(
        "Calais", 45.19, -67.28, "US", "Maine", 2_980)
    hamlet = town("Calais", 40.0, -75.6, "US", "Pennsylvania", 30)  # beside Dover, Delaware: too small to count
    france = Candidate(Place("xFR", "France", 46.0, 2.0, None, "A", "PCLI", "FR", "", 66_987_244), 1.0, Match.NAME)
    names = [Name("Dover", [], [dover_gb, dover_us]), Name("Calais", [], [calais_fr, calais_us, hamlet]),
             Name("France", [], [france])]
    initial(names, {})
    closest = FEATURES.index("closest")
    [gb, us] = [row[closest] for row in names[0].features]
    assert gb > 0.7 and us < 0.01, "the ports 40 km apart, not the American namesakes"
    assert names[1].features[0][closest] > 0.7
    assert names[2].features[0][closest] == 0.0, "a country has no point to be near"
