"""Framing: the view opens on the places a story is about, not on every pin."""

from __future__ import annotations

import pytest

from mapper.errors import MapperError
from mapper.model import Article, MapResult, Mention, Paragraph, Place, Resolution
from mapper.render.extents import Box
from mapper.render.framing import ViewRequest, frame, parse_view
from mapper.render.markers import label_order


def town(name: str, lat: float, lon: float, country: str = "US", admin1: str = "", population: int = 20_000) -> Place:
    return Place(f"t_{name}", name, lat, lon, None, "P", "PPL", country, admin1, population)


def area(name: str, code: str, lat: float, lon: float, country: str, admin1: str = "") -> Place:
    return Place(f"a_{name}", name, lat, lon, None, "A", code, country, admin1)


USA = area("United States", "PCLI", 39.76, -98.5, "US")
OHIO = area("Ohio", "ADM1", 40.25, -82.75, "US", "Ohio")
OHIO_TOWNS = [
    town("Athens", 39.33, -82.10, admin1="Ohio"), town("Nelsonville", 39.46, -82.23, admin1="Ohio"),
    town("Logan", 39.54, -82.41, admin1="Ohio"), town("Marietta", 39.42, -81.45, admin1="Ohio"),
    town("Pomeroy", 39.03, -82.03, admin1="Ohio"), town("Lancaster", 39.71, -82.60, admin1="Ohio"),
]
VALENCIA = town("Valencia", 39.47, -0.38, "ES", "Valencia", 800_000)


def story(*named: tuple[Place, int], confidence: float = 0.9) -> MapResult:
    """An article naming each place the given number of times, in this order."""
    mentions, text = [], ""
    for place, times in named:
        for _ in range(times):
            start = len(text) + 5
            text += f"News {place.name}. "
            mentions.append(Resolution(Mention(place.name, start, start + len(place.name), "GPE", "p1"), place, confidence))
    article = Article("a", "A story", text, (Paragraph("p1", 0, len(text), text),))
    return MapResult(article, tuple(mentions))


def story_in_paragraphs(*paragraphs: list[Place]) -> MapResult:
    """An article of these paragraphs, each naming its places once, in this order."""
    mentions, text, spans = [], "", []
    for number, places in enumerate(paragraphs, start=1):
        begin = len(text)
        for place in places:
            start = len(text) + 5
            text += f"News {place.name}. "
            mention = Mention(place.name, start, start + len(place.name), "GPE", f"p{number}")
            mentions.append(Resolution(mention, place, 0.9))
        spans.append(Paragraph(f"p{number}", begin, len(text) - 1, text[begin:len(text) - 1]))
        text += "\n\n"
    return MapResult(Article("a", "A story", text, tuple(spans)), tuple(mentions))


def inside(result: MapResult, request: ViewRequest = ViewRequest()) -> set[str]:
    return {key.split("_", 1)[1] for key in frame(result, request).inside}


def test_a_local_story_opens_on_its_towns_not_on_its_country_or_a_far_off_place():
    result = story((OHIO_TOWNS[0], 3), *((t, 1) for t in OHIO_TOWNS[1:]), (USA, 2), (OHIO, 1), (VALENCIA, 1))
    view = frame(result)
    assert inside(result) >= {t.name for t in OHIO_TOWNS}
    assert {"t_Valencia", "a_United States"} <= set(view.outside)
    assert view.box.extent_km() < 300


def test_outside_places_are_listed_in_the_order_of_their_numbers():
    result = story((VALENCIA, 1), *((t, 2) for t in OHIO_TOWNS), (USA, 1))
    assert frame(result).outside == ("t_Valencia", "a_United States")


def test_a_second_centre_of_the_story_joins_the_view_wherever_it_is():
    paris, new_york = town("Paris", 48.85, 2.35, "FR"), town("New York", 40.71, -74.0)
    result = story((paris, 3), (new_york, 3), (town("Orly", 48.75, 2.4, "FR"), 1))
    assert inside(result) == {"Paris", "New York", "Orly"}


def test_a_nearby_group_of_places_joins_when_it_pays_for_the_wider_view():
    iberia = [town("Seville", 37.39, -5.98, "ES"), town("Lisbon", 38.72, -9.14, "PT"), town("Cascais", 38.7, -9.42, "PT")]
    italy = [town("Rome", 41.89, 12.5, "IT"), town("Florence", 43.77, 11.25, "IT"), town("Palermo", 38.12, 13.36, "IT"),
             town("Bologna", 44.49, 11.34, "IT"), town("Athens", 37.98, 23.73, "GR")]
    result = story(*((t, 1) for t in italy + iberia))
    assert inside(result) >= {t.name for t in iberia + italy}


def test_a_story_told_in_countries_is_framed_on_them():
    india, pakistan = area("India", "PCLI", 22.0, 79.0, "IN"), area("Pakistan", "PCLI", 30.0, 70.0, "PK")
    result = story((india, 4), (pakistan, 3), (town("Geneva", 46.2, 6.15, "CH"), 1))
    view = frame(result)
    assert inside(result) >= {"India", "Pakistan"} and "t_Geneva" in view.outside
    assert view.box.south < 10 and view.box.north > 33  # the countries whole, not their centroids


def test_a_region_named_for_its_towns_speaks_for_them():
    # Four towns named three times each over 250 km; two named once, 250 km further north: those
    # two join the view when the story also names the region they lie in.
    core = [town(f"Core {n}", -2.6 + 0.7 * n, 29.2, "CD", "North") for n in range(4)]
    north = [town("Bunia", 1.56, 30.25, "CD", "Ituri"), town("Djugu", 1.92, 30.5, "CD", "Ituri")]
    ituri = area("Ituri", "ADM1", 1.83, 29.5, "CD", "Ituri")
    without = story(*((t, 3) for t in core), *((t, 1) for t in north))
    with_region = story(*((t, 3) for t in core), *((t, 1) for t in north), (ituri, 3))
    assert not {"Bunia", "Djugu"} & inside(without)
    assert {"Bunia", "Djugu"} <= inside(with_region)


def test_places_either_side_of_180_degrees_are_framed_across_the_pacific_not_the_world():
    suva, apia = town("Suva", -18.14, 178.44, "FJ"), town("Apia", -13.83, -171.77, "WS")
    view = frame(story((suva, 1), (apia, 1)))
    assert inside(story((suva, 1), (apia, 1))) == {"Suva", "Apia"}
    assert view.box.east - view.box.west < 20


def test_a_single_town_is_shown_whole_and_an_empty_story_shows_the_world():
    view = frame(story((OHIO_TOWNS[0], 1)))
    assert view.box.contains(39.33, -82.10) and view.box.extent_km() < 60
    assert frame(story()).box is None


def test_uncertain_pins_weigh_less():
    # the same far-off town named twice is the story's centre when sure, an outlier when not
    far = town("Springfield", 44.05, -123.02, admin1="Oregon")
    sure = story((far, 2), (OHIO_TOWNS[0], 1), (OHIO_TOWNS[1], 1), confidence=0.9)
    assert "Springfield" in inside(sure)
    unsure = MapResult(sure.article, tuple(
        Resolution(r.mention, r.place, 0.2 if r.place is far else 0.9) for r in sure.resolutions))
    assert "Springfield" not in inside(unsure)


def test_all_fits_every_pin_and_a_box_is_taken_as_given():
    result = story(*((t, 1) for t in OHIO_TOWNS), (VALENCIA, 1))
    assert inside(result, ViewRequest("all")) == {t.name for t in OHIO_TOWNS} | {"Valencia"}
    given = Box(39.0, -83.0, 40.0, -82.0)
    assert frame(result, ViewRequest("box", box=given)).box == given


def test_a_named_place_frames_it_with_the_storys_places_inside_it():
    result = story(*((t, 1) for t in OHIO_TOWNS), (OHIO, 1), (VALENCIA, 1))
    assert inside(result, parse_view("valencia")) == {"Valencia"}
    assert inside(result, parse_view("Ohio")) >= {t.name for t in OHIO_TOWNS}
    elsewhere = ViewRequest("place", place="Lyon", fallback=town("Lyon", 45.76, 4.84, "FR"))
    assert frame(result, elsewhere).box.contains(45.76, 4.84)
    with pytest.raises(MapperError, match="no place of that name"):
        frame(result, parse_view("Lyon"))


@pytest.mark.parametrize(("text", "kind"), [("auto", "auto"), ("ALL", "all"), ("39,-84,40.5,-81", "box"),
                                            ("-10.5, 170, 5, -170", "box"), ("New York", "place")])
def test_view_options_are_read(text: str, kind: str):
    assert parse_view(text).kind == kind


def test_a_box_across_180_degrees_keeps_east_beyond_west():
    box = parse_view("-10.5, 170, 5, -170").box
    assert (box.west, box.east) == (170, 190)


@pytest.mark.parametrize("text", ["91,0,1,1", "10,0,5,1", "0,0,1,200", "", "  ", "--"])
def test_a_view_that_cannot_be_read_is_a_one_line_error(text: str):
    with pytest.raises(MapperError) as error:
        parse_view(text)
    assert "\n" not in str(error.value) and "--view" in str(error.value)


def test_names_claim_room_on_the_map_from_the_view_inwards_the_first_named_first():
    result = story((VALENCIA, 1), (OHIO_TOWNS[1], 1), (OHIO_TOWNS[0], 3), *((t, 1) for t in OHIO_TOWNS[2:]))
    order = label_order(result, frame(result))
    assert order[:2] == ["t_Athens", "t_Nelsonville"]  # Valencia, named first, lies outside the view
    assert order[-1] == "t_Valencia"
    lede = story((OHIO_TOWNS[1], 1), (OHIO_TOWNS[0], 3), *((t, 1) for t in OHIO_TOWNS[2:]))
    assert label_order(lede, frame(lede))[:2] == ["t_Nelsonville", "t_Athens"]



RHINE = """KAUB, Germany - Barges sat half empty on the Rhine this week as the river fell to its lowest
level in two decades, and shippers from Basel to Rotterdam warned of higher prices.

The drought also reached the Danube. In Budapest, tourists walked on sandbanks, and in Vukovar,
Croatia, ferries stopped running. Skippers said the Rhine had become "a river of sand".
"""


def test_a_river_pinned_beside_one_town_does_not_shrink_the_view_to_that_town(mapper):
    """A river's pin is one point of a long line, put where its course meets the story: like a
    country's centroid it does not make the town beside it the story's centre."""
    from mapper.ingest import article_from_text

    [result] = list(mapper.map([article_from_text(RHINE, id="rhine")]))
    names = {g.place.key: g.place.name for g in result.places()}
    assert {names[key] for key in frame(result).inside} >= {"Kaub", "Basel", "Rotterdam"}


def test_the_first_paragraphs_places_weigh_twice():
    """News says first where it happens: an island the lede names, 400 km from the five towns of
    the later paragraphs, is in the first view; named last, it is a far-off place outside it."""
    island = [town("Rhodes", 36.43, 28.22, "GR"), town("Lindos", 36.09, 28.09, "GR")]
    mainland = [town(name, lat, lon, "GR") for name, lat, lon in (
        ("Athens", 37.98, 23.73), ("Mandra", 38.07, 23.50), ("Loutraki", 37.98, 22.98),
        ("Corinth", 37.94, 22.95), ("Megara", 38.0, 23.35))]
    assert inside(story_in_paragraphs(island, mainland[:3], mainland[3:])) >= {"Rhodes", "Lindos", "Athens"}
    assert not inside(story_in_paragraphs(mainland[:3], mainland[3:], island)) & {"Rhodes", "Lindos"}
