"""Confidence on whole stories (written for these tests): a pin far from the rest of its story,
small and named once, is drawn as uncertain; a far-off place the story supports stays confident.

Each test states what must hold whatever the ranker picks: either the pin is the place the
story means, or its confidence says that it may not be.
"""

import pytest

from mapper.geodesy import haversine_km
from mapper.ingest import article_from_text
from mapper.reliability import UNCERTAIN

# A township NER cuts to "Delhi"; the gazetteer has no Delhi in Michigan, only namesakes elsewhere.
MICHIGAN = """Ingham County road work delayed by rain

Paving on College Road between Holt and Mason stalled again this week as rain soaked Ingham County, the county road department said.

Crews working near Delhi Township hope to finish the job by the end of June. Detours send traffic through Dimondale and Okemos.

The department said a second crew from Lansing would join the project on Monday.
"""

# The island is no place of the embedded gazetteer; a village of the same name lies 1,000 km south.
LUZON = """Storm cuts power across northern Philippines

Typhoon winds tore roofs from homes in Tuguegarao and Aparri on Sunday, and landslides closed the highway to Baguio, the disaster agency said.

More than 30,000 people spent the night in evacuation centres in Cagayan and Isabela provinces. Flights from Manila were cancelled.

Aid groups said the damage was the worst in Luzon since 2018.
"""

OHIO = """Flood damage in southeast Ohio tops $20 million

Heavy rain flooded roads in Athens, Meigs and Hocking counties this week, and officials in Nelsonville, Pomeroy and Logan said cleanup could take a month.

The Ohio Emergency Management Agency in Columbus asked for federal help. Governor Mike DeWine toured damaged homes along the Hocking River on Friday.

Officials compared the damage to last year's floods in Valencia, Spain, where storms killed more than 200 people, and said they had studied the Spanish response.
"""

IOWA = """Des Moines company wins Japanese contract

A Des Moines seed company has won a contract to supply soybeans to a food maker in Tokyo, Japan, the company said on Tuesday.

The deal will add 40 jobs at its plant in Ankeny and its warehouse in Altoona. Iowa Gov. Kim Reynolds, who visited Tokyo on a trade mission last spring, called the contract a win for farmers across Polk County.

The first shipments will leave from a rail yard in Council Bluffs in September.
"""

# A small town named like a world capital, in its own county's story.
KENTUCKY = """Bourbon County farmers brace for a dry summer

Corn growers around Millersburg and North Middletown say the creeks are lower than they have been since 2012, and the county extension office in Paris has begun handing out irrigation advice.

"We are watching every field," said extension agent Dana Whitt. Growers in neighboring Harrison and Nicholas counties report the same, and the University of Kentucky in Lexington will hold a drought clinic at the fairgrounds in Cynthiana next week.
"""


def _places(mapper, text):
    [result] = list(mapper.map([article_from_text(text, id="story")]))
    return {g.resolutions[0].mention.text: g for g in result.places()}


def _km(group, lat, lon):
    return haversine_km(group.place.lat, group.place.lon, lat, lon)


@pytest.mark.parametrize("story, name, meant", [
    (MICHIGAN, "Delhi", (42.60, -84.60)),  # Delhi Township, Michigan
    (LUZON, "Luzon", (16.5, 121.0)),  # the island's north
])
def test_a_small_namesake_far_from_the_rest_of_its_story_is_drawn_uncertain(mapper, story, name, meant):
    places = _places(mapper, story)
    pin = places[name]
    assert _km(pin, *meant) < 300 or pin.confidence < UNCERTAIN
    others = [g for text, g in places.items() if text != name]
    assert all(g.confidence >= UNCERTAIN for g in others)  # the story's own places are not doubted


@pytest.mark.parametrize("story, name, meant", [
    (OHIO, "Valencia", (39.47, -0.38)),  # "Valencia, Spain": the text names its country
    (IOWA, "Tokyo", (35.69, 139.69)),  # "Tokyo, Japan", twice, a capital of millions
])
def test_a_far_off_place_the_story_supports_stays_confident(mapper, story, name, meant):
    pin = _places(mapper, story)[name]
    assert _km(pin, *meant) < 161 and pin.confidence >= UNCERTAIN


def test_a_namesake_of_a_world_city_in_its_own_local_story_is_confident(mapper):
    places = _places(mapper, KENTUCKY)
    assert _km(places["Paris"], 38.21, -84.25) < 161  # Paris, Kentucky
    assert all(g.confidence >= UNCERTAIN for g in places.values())


def test_a_region_name_that_means_its_city_is_the_city_drawn_certain(mapper):
    """ "New York" alone is New York City, and the state's point 300 km upstate is no reason to
    doubt the pin: the city has the state's share of belief too."""
    [pin] = [r for r in mapper.map_text("Rents keep rising in New York, landlords say.").resolutions]
    assert _km(pin, 40.71, -74.01) < 30 and pin.confidence >= UNCERTAIN


@pytest.mark.parametrize(("text", "meant"), [
    ("Fishermen on Lake Kivu reported a poor season.", (-2.0, 29.1)),
    ("Boats on Lake Constance stayed moored in the storm.", (47.6, 9.4)),
    ("The Dead Sea is falling by a metre a year.", (31.5, 35.5)),
])
def test_a_small_lake_named_whole_is_drawn_certain(mapper, text, meant):
    """Its point lies within a few dozen km of all of it: the calibrator's doubt about features,
    learned mostly on oceans and long seas, is no doubt about it."""
    [pin] = [r for r in mapper.map_text(text).resolutions]
    assert _km(pin, *meant) < 161 and pin.confidence >= UNCERTAIN

