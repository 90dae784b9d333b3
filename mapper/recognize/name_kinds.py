"""What the gazetteer says a name is: a country's, a region's, a city's, a natural feature's, and
whether the place counts for the recognizer's repairs (mapper.recognize.gazetteer_names).

Only countries, first- and second-level regions, continents, and towns (or minor divisions) of
min_population count as places: a full GeoNames import has a spot, hill, wood or parish for many
plain words.
"""

from __future__ import annotations

from mapper.gazetteer.countries import populations
from mapper.gazetteer.names import REGION_WORDS, contains_words, names_a_natural_feature
from mapper.gazetteer.spellings import spelled_like
from mapper.gazetteer.admin_regions import POSTAL_CODE_COUNTRIES
from mapper.gazetteer.store import GazetteerStore
from mapper.model import Place

# What news calls a region by its name: first- and second-level divisions and continents; not the
# thousands of minor divisions (ADM3-5, ADMD) that share names with plain words.
NEWS_REGIONS = frozenset({"ADM1", "ADM2", "CONT"})
SPOTS = frozenset({"S", "V"})  # GeoNames' buildings, farms and such, and woods
CAPITAL_MIN_POPULATION = 100_000
# A sentence's first word is capitalized whatever it is: there, only a capital, a country or a
# city this big is taken for one ("Man accused of ..." is no town in Côte d'Ivoire).
OPENING_CITY_MIN_POPULATION = 1_000_000
# A national capital of a country this big is a city to news however few live in it: "São Tomé",
# "Valletta"; not the seat of a small dependency whose name is a man's ("Stanley", "Douglas").
NATION_MIN_POPULATION = 100_000
COMPASS_WORDS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "northern", "southern", "eastern", "western", "central", "north-east", "north-west",
    "south-east", "south-west", "northeastern", "northwestern", "southeastern", "southwestern",
})
# Region names that are also plain words: inside an organization's name they are the word.
GENERIC_WORDS = COMPASS_WORDS | frozenset({
    "centre", "center", "capital", "coast", "coastal", "island", "islands", "lakes", "valley",
    "mountain", "mountains", "highlands", "plateau", "river", "upper", "lower", "middle", "greater",
    "metro",
})


class NameKinds:
    """The gazetteer's answers about names, for a recognizer that corrects NER with them."""

    def __init__(self, store: GazetteerStore, min_population: int):
        self.store = store
        self.min_population = min_population

    def _counts_as_place(self, place: Place) -> bool:
        """A country, first- or second-level region, continent, or a town or other administrative
        area big enough. Not the spot, hill, wood or parish a full GeoNames import has for many
        plain words ("Parliament", "Cabinet"): NER must say those are places."""
        if place.is_country or is_news_region(place):
            return True
        return place.feature_class in ("A", "P") and place.population >= self.min_population

    def _is_place_name(self, text: str, own_name_only: bool) -> bool:
        """A name of a place that counts. Capitals of two or three letters are a code, not the
        town "Or" of that name; a region's code ("OR", "IN") counts only where
        MissedNames.is_postal_code_after_town finds it."""
        code = text.isupper() and len(text) <= 3
        return any(
            m.exact and (m.main_name or not own_name_only) and self._counts_as_place(m.place)
            and not (code and (m.place.name != text if m.main_name else m.place.is_region))
            for m in self.store.lookup(text)
        )

    def is_any_place_name(self, text: str) -> bool:
        return self._is_place_name(text, own_name_only=False)

    def is_a_places_name_by_any_spelling(self, text: str) -> bool:
        """A town's or region's name, or its loose spelling: "Hodeidah" (Al Hudaydah), "Kfar Aza"
        (Kfar ‘Azza), "Marib" (Ma'rib)."""
        return any(m.place.is_town or m.place.is_region for m in self.store.lookup(text))

    def is_main_name(self, text: str) -> bool:
        return self._is_place_name(text, own_name_only=True)

    def is_named_like_a_place(self, text: str) -> bool:
        """A place's own name, or another of its names spelled like it: "Avdiivka", GeoNames' Avdiyivka."""
        return any(
            m.exact and self._counts_as_place(m.place) and (m.main_name or spelled_like(text, m.place.name))
            for m in self.store.lookup(text)
        )

    def is_own_name(self, text: str) -> bool:
        """A town's or region's own name, letter for letter: "Villages" is not "The Villages"."""
        return any(
            m.place.name.casefold() == text.casefold() and self._counts_as_place(m.place)
            for m in self.store.lookup(text)
        )

    def is_a_towns_own_name(self, text: str, min_population: int) -> bool:
        """A town's own name, of min_population people or more: "Dubrovnik"."""
        return any(m.exact and m.main_name and m.place.is_town and m.place.population >= min_population
                   for m in self.store.lookup(text))

    def is_a_town_by_any_name(self, text: str, min_population: int) -> bool:
        """A town's own name or another GeoNames lists, of min_population people or more: "Kiryat
        Shmona" (GeoNames' Qiryat Shmona), "Avdiivka"; not a loose spelling ("State" is no Statte)."""
        return any(m.exact and m.place.is_town and m.place.population >= min_population
                   for m in self.store.lookup(text))

    def is_country_name(self, text: str) -> bool:
        return any(m.exact and m.place.is_country for m in self.store.lookup(text))

    def is_region_name(self, text: str) -> bool:
        """A country by any of its names, or an admin region or continent by its own name or a
        dotted abbreviation ("S.C.", "Calif.")."""
        if all(word.lower() in GENERIC_WORDS for word in text.split()):
            return False
        dotted = "." in text
        return any(
            m.exact and (
                m.place.is_country
                or ((m.main_name or dotted) and is_news_region(m.place))
            )
            for m in self.store.lookup(text)
        )

    def is_region_by_any_name(self, text: str) -> bool:
        """A country or admin region by any of its names, its English one too: "Corsica" (Corse),
        "Azores" (Açores). Only where the text also says it is a place: alone, a region's other
        names are too often words."""
        if all(word.lower() in GENERIC_WORDS for word in text.split()):
            return False
        return any(m.exact and (m.place.is_country or is_news_region(m.place)) for m in self.store.lookup(text))

    def is_city_or_country_name(self, text: str) -> bool:
        """A city's or country's own name: "the Aleppo attack". Not a village's or a region's,
        which many peoples' and faiths' words are too ("Arab", Alabama; the "Jewish" oblast)."""
        return any(
            m.exact and (
                (m.main_name and (m.place.is_country or m.place.is_city))
                or (m.place.is_city and spelled_like(text, m.place.name)))
            for m in self.store.lookup(text)
        )

    def is_major_place_name(self, text: str) -> bool:
        """A city's or country's own name, or a region's, or a regional capital's: a name that can
        stand for a government ("Tbilisi says") or be listed as a place in its own right
        ("Kharkiv and Odesa")."""
        return self.is_city_or_country_name(text) or self.is_region_name(text) or self.is_a_regions_seat(text)

    def is_a_regions_seat(self, text: str) -> bool:
        """A town's own name that, with a region's kind after it, is the name of the first-level
        region that holds it: "Kherson" of Kherson Oblast, whose capital it is, however few people
        the gazetteer says it has."""
        matches = [m for m in self.store.lookup(text) if m.exact]
        towns = {(m.place.country_code, m.place.admin1) for m in matches if m.main_name and m.place.is_town}
        own = text.casefold().split()
        return any(
            m.place.is_region and (m.place.country_code, m.place.admin1) in towns
            and (words := m.place.name.casefold().split())[:-1] == own and words[-1] in REGION_WORDS
            for m in matches)

    def speaks_for_a_government(self, text: str) -> bool:
        """A name news makes speak for those who govern there: a country's, a region's or a
        capital's ("Moscow said", "Texas said", "Sacramento said"); a mere town's speaking is a
        person's ("Denver said he would retire")."""
        return any(
            m.exact and (m.place.is_country or m.place.is_region or m.place.feature_code in ("PPLC", "PPLA", "PPLG"))
            for m in self.store.lookup(text)
        )

    def is_capital(self, text: str) -> bool:
        return any(
            m.exact and m.main_name and m.place.feature_code == "PPLC"
            and m.place.population >= CAPITAL_MIN_POPULATION
            for m in self.store.lookup(text)
        )

    def is_a_nations_capital(self, text: str) -> bool:
        people = populations()
        return any(
            m.exact and m.main_name and m.place.feature_code == "PPLC"
            and people.get(m.place.country_code, 0) >= NATION_MIN_POPULATION
            for m in self.store.lookup(text)
        )

    def is_postal_code(self, text: str) -> bool:
        """A state's or province's postal code: "TX", "ON", "NSW"."""
        return text.isupper() and text.isalpha() and 2 <= len(text) <= 3 and any(
            m.exact and m.place.is_region and m.place.country_code in POSTAL_CODE_COUNTRIES
            for m in self.store.lookup(text))

    def is_natural_feature(self, text: str) -> bool:
        return names_a_natural_feature(text) and any(
            m.exact and m.place.feature_class in ("H", "T") for m in self.store.lookup(text))

    def is_a_city_by_any_name(self, text: str) -> bool:
        """ "Calcutta": a city's (CITY_MIN_POPULATION) name, its own or another."""
        return any(m.exact and m.place.is_city for m in self.store.lookup(text))

    def is_a_world_region(self, text: str) -> bool:
        """A region of whole countries by its own name: "Sahel", "Balkans"."""
        return any(m.exact and m.main_name and m.place.feature_code == "RGN" for m in self.store.lookup(text))

    def is_a_regions_short_name(self, text: str) -> bool:
        """A first-level region's other name that its own name contains: "Crimea" of the
        "Autonomous Republic of Crimea"."""
        words = text.casefold().split()
        return len(text) > 3 and any(
            m.exact and m.place.is_region and contains_words(m.place.name.casefold().split(), words)
            for m in self.store.lookup(text))

    def is_a_big_city(self, text: str) -> bool:
        return any(m.exact and m.main_name and m.place.is_town
                   and m.place.population >= OPENING_CITY_MIN_POPULATION for m in self.store.lookup(text))

    def is_a_big_name(self, text: str) -> bool:
        return any(
            m.exact and m.main_name and (
                m.place.is_country or m.place.feature_code == "PPLC"
                or m.place.population >= OPENING_CITY_MIN_POPULATION)
            for m in self.store.lookup(text)
        )

    def is_bare_feature(self, text: str) -> bool:
        """A river's (or a sea's, a lake's) name without its generic word, which no town or region
        that counts bears: "Mekong", "Rhine"; not "Ohio", the state."""
        matches = [m for m in self.store.lookup(text) if m.exact]
        return any(m.place.feature_class in ("H", "T") for m in matches) and not any(
            m.place.feature_class not in ("H", "T") and self._counts_as_place(m.place) for m in matches)

    def knows_span(self, text: str) -> bool:
        """The gazetteer has the whole span as a place: "Cumberland River" stays whole, but
        "Franklin County Jail" is still cut to the county, though GeoNames lists the jail (S)."""
        return any(m.place.feature_class not in SPOTS for m in self.store.lookup(text))


def is_news_region(place: Place) -> bool:
    """A region news calls by its name: NEWS_REGIONS, and a country's region of several admin-1
    parts ("Java", "Kivu"); not a region of whole countries, many of which are also organizations
    ("the European Union")."""
    return place.feature_code in NEWS_REGIONS or (place.feature_code == "RGN" and bool(place.country_code))

