"""A list closed by a plural generic word names regions of that kind: "Barrow and Jackson counties"."""

from mapper.ingest import article_from_text
from mapper.model import Mention
from mapper.recognize.region_lists import regions_in_lists, short_county_names

KNOWN = {"Barrow County", "Fulton County", "Nassau County", "Nyanza", "Coast", "Rift Valley", "Georgia"}


def _listed(text, found=()):
    article = article_from_text(text, id="a")
    return [(m.text, m.refers_to) for m in regions_in_lists(article, list(found), KNOWN.__contains__)]


def test_each_name_of_a_county_list_refers_to_its_county():
    assert _listed("In Barrow and Fulton counties, schools closed.") == [
        ("Barrow", "Barrow County"), ("Fulton", "Fulton County")]  # not "In Barrow"


def test_a_county_is_known_by_its_full_name_only_and_a_province_by_its_own():
    assert _listed("Georgia and Nassau counties met.") == [("Nassau", "Nassau County")]
    assert _listed("Floods hit Rift Valley, Nyanza and Coast provinces.") == [
        ("Rift Valley", ""), ("Nyanza", ""), ("Coast", "")]


def test_a_listed_region_replaces_the_mentions_it_overlaps():
    text = "Floods hit Rift Valley and Nyanza provinces."
    found = [Mention("Rift", 11, 15, "GPE", "p1"), Mention("Floods", 0, 6, "ORG", "p1")]
    assert _listed(text, found) == [("Floods", ""), ("Rift Valley", ""), ("Nyanza", "")]


def test_no_list_no_region():
    assert _listed("Georgia counties voted. Barrow counties nothing.") == []


def test_a_person_named_like_a_listed_county_is_not_the_county(mapper):
    text = "Officials in Adams, Brown and Clark counties in Ohio met. Adams said the roads were closed."
    result = mapper.map_text(text)
    counties = [(r.mention.text, r.place.name, r.place.admin1) for r in result.resolutions if r.mention.refers_to]
    assert counties == [("Adams", "Adams County", "Ohio"), ("Brown", "Brown County", "Ohio"),
                        ("Clark", "Clark County", "Ohio")]
    assert [r.mention.text for r in result.resolutions if r.mention.start > text.index("counties")] == ["Ohio"]


def test_a_county_named_in_full_is_found_by_its_short_name_too():
    text = "Gwinnett County police arrested a man. Gwinnett officials and Hall County met. Mike Hall and Hall Street."
    found = [Mention("Gwinnett County", 0, 15, "GPE", "p1"), Mention("Hall County", 64, 75, "GPE", "p1")]
    added = short_county_names(article_from_text(text, id="a"), found, surnames={"Hall"})
    assert [(m.text, m.start, m.refers_to) for m in added] == [
        ("Gwinnett County", 0, ""), ("Gwinnett", 39, "Gwinnett County"), ("Hall County", 64, "")]
    # "Hall" is a surname of the article's people; "Gwinnett" alone after a first name would be too
    text = "Gwinnett County met. Judge Gwinnett ruled."
    found = [Mention("Gwinnett County", 0, 15, "GPE", "p1")]
    assert len(short_county_names(article_from_text(text, id="a"), found, surnames=set())) == 1


def test_a_list_is_read_back_from_its_generic_word_only_so_far():
    names = [f"Town{i}" for i in range(2000)] + ["Barrow"]
    text = ", ".join(names[:-1]) + " and Barrow counties met."  # 20,000 characters of one list
    assert _listed(text) == [("Barrow", "Barrow County")]
