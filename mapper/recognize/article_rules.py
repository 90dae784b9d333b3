"""The article-level rules run once NER has read all of an article's paragraphs: names NER
called people or organizations that are towns or regions the text places, a one-word "place"
that is a person the article names or quotes, abbreviations the text defines, and every
further occurrence of a name found once."""

from __future__ import annotations

import re
from collections.abc import Callable

from mapper.gazetteer.countries import neighbours
from mapper.gazetteer.store import GazetteerStore
from mapper.geodesy import haversine_km
from mapper.model import Article, Mention, Place
from mapper.recognize.demonyms import country_of
from mapper.recognize.name_kinds import GENERIC_WORDS
from mapper.recognize.taken import Taken
from mapper.recognize.words import DISEASE_WORDS, PERSON_NOUNS, PLACE_VERBS, SPEECH_VERBS, numbers_a_road

TOWN_MIN_POPULATION = 1000
# A town named like a person is the town when it lies this near a town the article names: "Aurora
# is a suburb east of Denver".
NEIGHBOUR_KM = 50.0
NEIGHBOUR_MIN_POPULATION = 10_000
# A city's other name shorter than this is often a word or a surname too (Luzhou's "Lu").
_MIN_OTHER_NAME = 5


def towns_the_article_places(article: Article, places: list[Mention], peoples: list[Mention],
                           others: list[Mention], store: GazetteerStore) -> list[Mention]:
    """Names NER called people or organizations, or left unread at a sentence's start
    (gazetteer_names.OPENERS), that are towns of a state or province the
    article names, or cities of a country it names or whose people it names (or of its
    neighbours: "Israeli strikes hit Rafah and Khan Younis"), standing alone
    inside a sentence, or towns of NEIGHBOUR_MIN_POPULATION within NEIGHBOUR_KM of the biggest
    town of a name it places: "Gainesville" in a story that says "Georgia" is the town, "Shelling
    hit Sumy" in one that says "Ukrainian officials" the city, and "Aurora is a suburb east of
    Denver" the suburb; but not where the article names someone "Casey Gainesville", nor, for a
    country's city or a neighbour, someone "Jackson Pollock" or a subject that speaks ("Jackson
    told reporters"; a country's city must not open the sentence either)."""
    regions, countries, towns = set(), set(), []
    for place in places:
        for m in store.lookup(place.text):
            if m.exact and m.place.is_region:
                regions.add((m.place.country_code, m.place.admin1))
            elif m.exact and m.place.is_country:
                countries.add(m.place.country_code)
        if found := _towns(place.text, store):
            towns.append(max(found, key=lambda t: t.population))  # its likeliest sense, before any resolving
    countries |= {m.place.country_code for people in places + peoples
                  if (country := people.refers_to or country_of(people.text))
                  for m in store.lookup(country) if m.exact and m.place.is_country}
    borders = neighbours()
    countries |= {code for country in countries for code in borders.get(country, ())}
    surnames, names = surnames_of(others), names_of(others)
    return [
        Mention(o.text, o.start, o.end, "GPE", o.paragraph_id)
        for o in others
        if o.text[:1].isupper() and o.text not in surnames
        and (any((t.country_code, t.admin1) in regions
                 or (t.population >= NEIGHBOUR_MIN_POPULATION and o.text not in names
                     and not _SPEAKS_AFTER.match(article.text, o.end) and _near_any(t, towns))
                 for t in _towns(o.text, store))
             or (o.text not in names and _stands_alone(article.text, o)
                 and any(c.country_code in countries for c in _cities(o.text, store))))
    ]


def _near_any(town: Place, towns: list[Place]) -> bool:
    return any(t is not town and haversine_km(town.lat, town.lon, t.lat, t.lon) <= NEIGHBOUR_KM for t in towns)


# Nouns that, after a town's name, make it the town: its people and its local authorities. Not
# "hall" alone: "Carnegie Hall" is no hall of Carnegie's.
_LOCAL_NOUN = re.compile(
    r"(?:-based\b|\s+(?:man|woman|men|women|boy|girl|teen|teenager|resident|residents|native|"
    r"homeowners|taxpayers|voters|police|officers|officials|mayor|police\s+department|fire\s+department|"
    r"(?:city\s+)?(?:council|manager|commission|schools|public\s+schools)|(?:city|town)\s+hall)\b"
    r"|['’]s\s+(?:mayor|residents|hospitals?|streets|airport|port|harbou?r|outskirts|suburbs|downtown)\b)",
    re.IGNORECASE,
)

_LEADING_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)


def towns_before_local_nouns(article: Article, places: list[Mention], others: list[Mention],
                             store: GazetteerStore) -> list[Mention]:
    """Towns NER took for people or organizations where a noun for a town's people or
    authorities follows: "a Gainesville man", "Alexandria woman", "the Dublin City Council",
    "Tobruk's hospital"."""
    taken = Taken(len(article.text), places)
    surnames = surnames_of(others)
    found = []
    for o in others:
        start = o.start + (lead.end() if (lead := _LEADING_ARTICLE.match(o.text)) else 0)
        words = list(re.finditer(r"\S+", article.text[start:o.end]))
        for n in range(min(len(words), 3), 0, -1):
            end = start + words[n - 1].end()
            name = article.text[start:end]
            if (_LOCAL_NOUN.match(article.text, end) and name[:1].isupper() and not name.isupper()
                    and name not in surnames and name.lower() not in GENERIC_WORDS
                    and not taken.overlaps(start, end) and _towns(name, store)):
                found.append(Mention(name, start, end, "GPE", o.paragraph_id))
                break
    return found


def surnames_of(others: list[Mention]) -> set[str]:
    """The last names of the people the article names in full ("Darren Ripley": "Ripley")."""
    return {o.text.split()[-1] for o in others if o.label == "PERSON" and " " in o.text}


# A lower-case word, then the name, then no capital, no speech and no possessive: "hit Sumy overnight".
_BEFORE_ALONE = re.compile(r"(?<![\w'’-])([a-z]+)[ \t]+$")
_SPEAKS_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b")
_AFTER_ALONE = re.compile(r"\s*(?:['’]s\b|[A-Z]|(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b)")


def _stands_alone(text: str, o: Mention) -> bool:
    before = _BEFORE_ALONE.search(text, max(0, o.start - 40), o.start)
    return (before is not None and before.group(1) not in PERSON_NOUNS
            and not _AFTER_ALONE.match(text, o.end))


def names_of(others: list[Mention]) -> set[str]:
    """The first and last names of the people the article names in full."""
    return {word for o in others if o.label == "PERSON" and len(words := o.text.split()) > 1
            for word in (words[0], words[-1])}


def _cities(name: str, store: GazetteerStore) -> list[Place]:
    """The cities whose name, their own or another spelling, this is: "Khan Younis" (Khān Yūnis);
    not a short other name, which many are (Luzhou's "Lu", a surname)."""
    return [m.place for m in store.lookup(name)
            if m.exact and m.place.is_city and (m.main_name or len(name) >= _MIN_OTHER_NAME)]


def _towns(name: str, store: GazetteerStore) -> list[Place]:
    """The towns of TOWN_MIN_POPULATION or more whose own name this is."""
    return [m.place for m in store.lookup(name) if m.exact and m.main_name and m.place.is_town
            and m.place.population >= TOWN_MIN_POPULATION]


def not_people(article: Article, places: list[Mention], others: list[Mention],
               is_country: Callable[[str], bool]) -> list[Mention]:
    """Drops one-word "places" that are the last name of a person the article names: after
    "coach Darren Ripley", a lone "Ripley" is the coach, not Ripley, West Virginia. A country's
    name stays one ("Rethinking Egypt" is no person), and so does one after a verb only a place
    follows: "Victoria Derbyshire is visiting Derbyshire"."""
    names = names_of(others)
    return [m for m in places if " " in m.text or m.text not in names or is_country(m.text)
            or _PLACE_ONLY_BEFORE.search(article.text, max(0, m.start - 20), m.start)]


# Verbs after which a name is a place's: "visiting Derbyshire"; not "with Ripley", nor "in Flores'
# case" (a locative, which a person's name follows too).
_PLACE_ONLY_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(PLACE_VERBS)) + r")\s+$", re.IGNORECASE)


_SPEAKS = re.compile(r"(?:['’]s)?\s+(?:said|says|told|added|explained|wrote|asked|noted|replied)\b")

_PLACE_BEFORE = re.compile(r"(?:\b(?:in|of|near|from|at|outside|around)\s+)$", re.IGNORECASE)


def not_speakers(article: Article, places: list[Mention], may_speak: Callable[[str], bool]) -> list[Mention]:
    """Drops one-word "places" the article quotes: "Hartmann said" is a man, not Hartmann,
    Germany, wherever the article names him. A country, region or city speaks for its
    government ("Tbilisi says"), and a town after "of" or "in" is where a speaker is from."""
    names = {m.text for m in places if " " not in m.text}
    if not names:
        return places
    # One pass for all names (a lookahead, so every start is tried), not one per name.
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    quoted = {
        said.group(1) for said in re.finditer(rf"(?=(?<!\w)({alternatives})(?!\w))", article.text)
        if _SPEAKS.match(article.text, said.start() + len(said.group(1)))
        and not _PLACE_BEFORE.search(article.text, max(0, said.start() - 12), said.start())
    }
    speakers = {name for name in quoted if not may_speak(name)}
    return [m for m in places if m.text not in speakers]


_DEFINED_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Z.]{1,7})\)")


def abbreviations(article: Article, found: list[Mention]) -> list[Mention]:
    """ "the Democratic Republic of the Congo (DRC)": the abbreviation is a mention of that place."""
    taken = {(m.start, m.end) for m in found}
    added = []
    for m in found:
        defined = _DEFINED_ABBREVIATION.match(article.text, m.end)
        if defined and _abbreviates(defined.group(1), m.name) and (defined.start(1), defined.end(1)) not in taken:
            added.append(Mention(defined.group(1), defined.start(1), defined.end(1), m.label,
                                 m.paragraph_id, refers_to=m.name))
    return sorted(found + added, key=lambda m: m.start)


def _abbreviates(abbreviation: str, name: str) -> bool:
    """ "DRC" abbreviates "Democratic Republic of the Congo": its letters are initials of the
    name's words, in order, starting with the first. "MOUNT GILEAD (AP)" names a news agency."""
    letters = abbreviation.replace(".", "").upper()
    initials = "".join(word[0] for word in re.findall(r"\w+", name)).upper()
    if len(letters) >= len(name) or not initials or letters[0] != initials[0]:
        return False
    rest = iter(initials[1:])
    return all(letter in rest for letter in letters[1:])


def propagate(article: Article, found: list[Mention]) -> list[Mention]:
    """One sense per article: a name recognized as a place once is a place wherever it recurs.

    The small model tags "al-Safira" as a place after "in" but as a person in "the al-Safira
    facility"; readers do not change their mind between paragraphs, and neither should we. That
    includes recurrences inside an organization's name ("Gainesville Police"), which readers
    and annotators also count as mentions of the place; not a road's number ("U.S. 33" after
    "the U.S. Army").
    """
    seen = {m.text: m for m in found}
    if not seen:
        return found
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(t) for t in sorted(seen, key=len, reverse=True)) + r")(?!\w)"
        + r"(?!\s+(?:" + "|".join(sorted(DISEASE_WORDS)) + r")\b)"
    )
    taken = Taken(len(article.text), found)
    added = []
    for p in article.paragraphs:
        for match in pattern.finditer(p.text):
            start, end = p.start + match.start(), p.start + match.end()
            if not taken.overlaps(start, end) and not numbers_a_road(match.group(), p.text[match.end():]):
                first = seen[match.group()]
                added.append(Mention(match.group(), start, end, first.label, p.id, first.refers_to))
                taken.add(start, end)
    return sorted(found + added, key=lambda m: m.start)
