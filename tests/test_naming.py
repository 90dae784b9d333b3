from mapper.model import Mention, Place, PlaceGroup, Resolution
from mapper.render.naming import display_name

COLOGNE = Place("gn2886242", "Köln", 50.93, 6.95, 2886242, "P", "PPLA2", "DE")
ATHENS_COUNTY = Place("gn4505545", "Athens County", 39.33, -82.05, 4505545, "A", "ADM2", "US")
USA = Place("gn6252001", "United States", 39.76, -98.5, 6252001, "A", "PCLI", "US")


def group(place: Place, *texts: str, label: str = "GPE") -> PlaceGroup:
    mentions = [Mention(t, 10 * i, 10 * i + len(t), label, "p1") for i, t in enumerate(texts)]
    return PlaceGroup(place, tuple(Resolution(m, place, 0.9) for m in mentions))


def test_the_articles_exonym_names_the_place():
    assert display_name(group(COLOGNE, "Cologne")) == "Cologne"
    assert display_name(group(COLOGNE, "Köln", "Cologne", "Cologne")) == "Cologne"


def test_the_gazetteers_name_when_the_article_writes_it_so_or_shorter():
    assert display_name(group(COLOGNE, "Köln")) == "Köln"
    assert display_name(group(COLOGNE, "Koln")) == "Köln"  # the same name without its accent
    assert display_name(group(ATHENS_COUNTY, "Athens")) == "Athens County"


def test_abbreviations_peoples_and_capitals_keep_the_gazetteers_name():
    assert display_name(group(USA, "U.S.", "US")) == "United States"
    assert display_name(group(USA, "Americans", label="NORP")) == "United States"
    assert display_name(group(COLOGNE, "COLOGNE")) == "Köln"


def test_a_pin_keeps_the_users_label():
    pin = Place("pin_1", "Old Mill", 50.0, 7.0, source="override")
    assert display_name(group(pin, "the mill site")) == "Old Mill"
