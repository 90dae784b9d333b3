"""The words around a name and what they say of it: the vocabularies (prepositions and verbs of
place, words for kinds of place, streets, diseases, a person's titles), the tests on a span's
neighbours, and name_at, the longest known name at a word, that the gazetteer-backed recognizer
(gazetteer_names and its parts) and the article rules (article_rules) share."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from mapper.gazetteer.names import ARABIC_ARTICLES, FEATURE_WORDS, REGION_WORDS, SITE_WORDS
from mapper.recognize.name_kinds import COMPASS_WORDS

MAX_TOKENS = 5
WATER_WORDS = frozenset({"river", "sea", "ocean"})  # in lower case after a name: "the Aegean sea"
_WATER_COMPOUNDS = frozenset("ice level levels floor bed".split())
_ELIDED = re.compile(r"^[dl]['’](?=\w)", re.IGNORECASE)  # "d'Alene", "l'Aquila"
LOCATIVE = frozenset({"in", "near", "outside", "at", "from", "to", "into", "around", "across"})
# Strict enough to overrule NER's PERSON/ORG: "a letter from Johnson" is not Johnson City.
PLACE_ONLY_LOCATIVE = frozenset({"in", "near", "outside", "around"})
PLACE_WORDS = frozenset({"city", "town", "village", "county", "state", "province", "region"})
# "the mayor of Zürich", "north of Austin": who or what is "of" a place.
OF_PLACE_WORDS = PLACE_WORDS | frozenset("""
    mayor governor residents inhabitants citizens people outskirts suburbs streets centre center
    downtown heart capital port island isle parts areas districts neighbourhoods neighborhoods
""".split())
# Whose title names the country or region they rule, govern or speak for: "the Emir of Qatar"
RULER_WORDS = frozenset("minister president king queen emir sultan premier chancellor governor ambassador".split())
# What a definition calls a place: "X is a small town in ...", "X, the capital of ...". Not an
# island's or a river's definition: the gazetteer lacks most, and would find a village of the name.
KIND_WORDS = PLACE_WORDS | frozenset("""
    capital port suburb seat community municipality borough commune township hamlet settlement
    country nation kingdom republic parish district prefecture governorate oblast department
    neighbourhood neighborhood metropolis kibbutz island
""".split())
# What ends the name of an area no gazetteer lists, written with a capital: "the Bay Area", "the
# Rust Belt"; not inside a longer name ("the Edgar County Service Area Ambulance"), and lower-case
# it describes a place ("the Chicago area").
AREA_WORDS = frozenset("area region belt corridor triangle metroplex".split())
# Verbs whose object is a place: a city, country or region named right after one is the place.
PLACE_VERBS = frozenset("""
    fled reached entered evacuated shelled bombed bombarded besieged captured seized retook recaptured
    liberated invaded occupied stormed encircled toured raided overran visited visiting
""".split())
# What strikes a place in the news, and the verbs of its striking: "Storms hit Brittany", "the
# quake struck Hokkaido", "drones hit Kharkiv".
HAZARD_WORDS = frozenset("""
    storm storms flood floods flooding rain rains snow snowstorm blizzard quake earthquake tremor fire fires
    wildfire wildfires blaze blazes typhoon hurricane cyclone tornado tornadoes drought heatwave landslide
    landslides mudslide mudslides avalanche avalanches tsunami eruption missile missiles drone drones shelling
    rocket rockets shell shells bomb bombs airstrike airstrikes
""".split())
_HAZARD_BEFORE_ITS_VERB = 6  # words
HAZARD_VERBS = frozenset("""
    hit hits struck strikes battered batters lashed lashes pounded pounds ravaged ravages swept sweeps
    drenched engulfed
""".split())
# Verbs and nouns of going somewhere, before "to" and a place: "travelling to Bologna", "a visit to
# Kaunas"; not "wrote to Johnson", nor "go" or "come", which people do too ("came to Jordan's aid")
MOTION_VERBS = frozenset("""
    visit visits trip trips journey flight flights voyage pilgrimage
    travel travels travelled traveled travelling traveling fly flies flew flying flown drive drove
    driving driven sail sailed sailing move moved moving relocated return returned returning head
    headed heading deployed evacuated fled flee fleeing bound journeyed trekked marched rushed
""".split())
# Verbs of leaving a place for another: "fled Rafah for Khan Younis".
LEAVING_VERBS = frozenset("fled flee flees fleeing left leave leaves leaving departed quit escaped evacuated".split())
# Verbs of leaving a place "from" it: "troops withdrew from Kherson"; not "a letter from Johnson".
LEAVING_FROM_VERBS = LEAVING_VERBS | frozenset("""
    withdrew withdraw withdraws withdrawing withdrawn retreated retreat retreats retreating evacuate evacuating
""".split())
DEFINING_VERBS = frozenset({"is", "was"})
SPEECH_VERBS = frozenset("said says told added explained wrote asked noted replied say tells".split())
DATELINE_ENDS = frozenset({",", "(", "-", "--", "—", "–", ":"})
SENTENCE_ENDS = frozenset({".", "!", "?", "\n", "\n\n"})
POSSESSIVES = frozenset({"'s", "’s"})  # the token after a name that makes it its owner's
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels of things that are no name of anyone's: a place's name the small model gives one of
# these is still the place.
NOT_NAME_LABELS = frozenset({"DATE", "TIME", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "CARDINAL", "ORDINAL",
                             "QUANTITY", "MONEY", "PERCENT"})
# Words a date is written with, which some place's name is too ("in March": March, England).
CALENDAR_WORDS = frozenset(
    [m.lower() for m in calendar.month_name[1:] + calendar.month_abbr[1:] + calendar.day_name[:]]
    + "spring summer autumn fall winter christmas easter ramadan passover thanksgiving hanukkah diwali lent eid advent "
      "halloween".split())
# A street named after a place is no mention of the place.
STREET_WORDS = frozenset("""
    street st avenue ave road rd boulevard blvd drive dr lane ln highway hwy parkway pkwy pike
    way court ct place pl terrace trail circle square row alley expressway freeway turnpike
""".split())
# A building or grounds named after a person or a place, which is no mention of a town: "the Hadley
# Center", "Carnegie Hall", "Lincoln School".
BUILDING_WORDS = frozenset("""
    center centre mall plaza hotel inn hall theater theatre church chapel school elementary library tower
""".split())
# What follows a state's or country's abbreviation when it numbers a road: " 33", " Route 1".
_ROAD_NUMBER = re.compile(r"\.?\s+(?:(?:route|highway|hwy|interstate)\.?\s+)?\d{1,3}[A-Z]?\b", re.IGNORECASE)
# "West Nile virus", "Spanish flu": a disease named after a place is not a mention of it.
DISEASE_WORDS = frozenset({
    "virus", "viruses", "ebolavirus", "fever", "flu", "influenza", "disease", "encephalitis", "strain",
    "hemorrhagic", "haemorrhagic",  # "Marburg hemorrhagic fever"
})


# Nouns that put a person's name after them: "coach Jordan", "striker Madrid" is no city.
PERSON_NOUNS = frozenset("""
    coach player striker forward guard captain manager president minister senator judge officer
    actor actress singer author artist brother sister son daughter wife husband mother father
""".split())


# Bodies that meet somewhere, which news puts "in" like places: "Democrats in Congress" is not in
# Congress, Arizona, "a vote in Council" not in Council, Idaho.
INSTITUTION_WORDS = frozenset("""
    congress parliament senate cabinet government assembly council court legislature commons lords
    chamber duma knesset bundestag
""".split())


# A people's or a faith's word, which some regions are named by ("Somali", "Jewish"): as NORP, the word.
PEOPLES_WORD = re.compile(r"(?:ish|ian|ese|i|ic|ean)$")


# Words a headline's title case capitalizes with the rest, which a sentence leaves in lower case
_TITLE_SMALL_WORDS = frozenset("a an and as at but by for from in into of off on or over the to with".split())
_TITLE_MIN_WORDS = 4


def title_cased(doc: Doc) -> set[int]:
    """The indexes of the tokens in stretches (up to a sentence's end) written in title case, as
    headlines are: "Floods Hit Northern Italy As Po River Bursts Its Banks", where a capital letter
    no longer tells a name and NER goes astray. Every word but the small ones capitalized: a
    sentence full of names still has its verbs in lower case."""
    found: set[int] = set()
    start = 0
    for i in range(len(doc) + 1):
        if i < len(doc) and doc[i].text not in SENTENCE_ENDS and "\n" not in doc[i].text:
            continue
        words = [t for t in doc[start:i] if t.is_alpha and t.lower_ not in _TITLE_SMALL_WORDS]
        if len(words) >= _TITLE_MIN_WORDS and all(t.text[:1].isupper() for t in words):
            found.update(range(start, i))
        start = i + 1
    return found


def a_routes_end(doc: Doc, ent: Span, places: set[tuple[int, int]]) -> bool:
    """ "from Dover to Calais": the name after "to" where a place after "from" comes just before."""
    return ent.start >= 3 and doc[ent.start - 1].lower_ == "to" and any(
        end == ent.start - 1 and start >= 1 and doc[start - 1].lower_ == "from" for start, end in places)


def list_opener(doc: Doc, start: int) -> int | None:
    """The index of the word before the list of capitalized names that the token at start is in:
    "in" before "Headingley, Roundhay and Morley"; None at the text's start."""
    i = start - 1
    while i >= 0 and start - i <= 15 and (
            doc[i].text in (",", "-", ".") or doc[i].lower_ in ("and", "or") or doc[i].text[:1].isupper()):
        i -= 1
    return i if i >= 0 and i + 1 < start else None


def opens_a_sentence_or_line(doc: Doc, i: int) -> bool:
    """The word at i is the first of its sentence or of its line."""
    return i == 0 or doc[i - 1].text in SENTENCE_ENDS or doc[i - 1].is_space


def sentence_from(doc: Doc, i: int) -> str:
    """The text from the word at i to the end of its sentence."""
    end = next((j for j in range(i, len(doc)) if doc[j].text in SENTENCE_ENDS), len(doc))
    return doc[i:end].text


def after_the(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ == "the"


# After "is" or "was", words that say where a place is, or what it holds: "Oxford is home to",
# "Gdansk is located on the Baltic"
_LOCATED = frozenset({"located", "situated"})
_LOCATED_WHERE = frozenset({"in", "on", "near", "at", "along", "between", "within"})
_WHAT_IT_HOLDS = frozenset({"the", "a", "an", "some", "about", "around", "over", "nearly", "more", "many", "most"})


def said_where_it_is(doc: Doc, end: int) -> bool:
    """ "is home to the", "is home to 40,000 people", "is located on": words after a name NER
    did not take that only a place takes; not "is home to recover", which a man is."""
    if end + 2 >= len(doc) or doc[end].lower_ not in DEFINING_VERBS:
        return False
    word, after, then = doc[end + 1], doc[end + 2], doc[end + 3] if end + 3 < len(doc) else None
    if word.lower_ in _LOCATED:
        return after.lower_ in _LOCATED_WHERE
    return (word.lower_ == "home" and after.lower_ == "to" and then is not None
            and (then.lower_ in _WHAT_IT_HOLDS or then.like_num or then.text[:1].isupper()))


# What follows a place's kind in its definition: "a town in", "the Greek village closest to the fire",
# "Lampedusa, the Italian island."
_AFTER_A_KIND = frozenset("""
    in of on near and , . closest nearest largest biggest busiest oldest poorest richest hardest worst
    northernmost southernmost easternmost westernmost
""".split())


def struck_by_a_hazard(doc: Doc, i: int) -> bool:
    """The word at i follows a verb of striking whose subject is a storm, a quake, a fire or a
    weapon: "Storms hit Brittany", "the quake struck Hokkaido"; not "the ball hit Jordan"."""
    return i >= 2 and doc[i - 1].lower_ in HAZARD_VERBS and any(  # "Rockets fired from southern Lebanon hit"
        t.lower_ in HAZARD_WORDS for t in doc[max(0, i - 1 - _HAZARD_BEFORE_ITS_VERB):i - 1])


def defined_as_a_place(doc: Doc, end: int) -> bool:
    """The words after a name define it as a place: "is a city in", "was the capital of",
    ", a town in", ", the largest port of", ", the Italian island closest to"."""
    k = end
    if k < len(doc) and doc[k].text == ",":
        k += 1
    elif k < len(doc) and doc[k].lower_ in DEFINING_VERBS:
        k += 1
    else:
        return False
    return described_as(doc, k, lambda j: j + 1 < len(doc) and doc[j].lower_ in KIND_WORDS
                        and doc[j + 1].lower_ in _AFTER_A_KIND, words=6)


def described_as(doc: Doc, article: int, is_the_noun: Callable[[int], bool], words: int) -> bool:
    """An article at `article`, then up to `words` words that describe (lower-case words, numbers,
    hyphens, a people's name: "the Italian", "a 34-year-old") up to the one is_the_noun accepts."""
    if article >= len(doc) or doc[article].lower_ not in ("a", "an", "the"):
        return False
    for j in range(article + 1, min(article + 1 + words, len(doc))):
        if is_the_noun(j):
            return True
        if not (doc[j].is_lower or doc[j].like_num or doc[j].text == "-" or doc[j].ent_type_ == "NORP"):
            return False
    return False


def a_residence(doc: Doc, ent: Span) -> bool:
    """ "Anna Winstanley, 25, from Marston," or "Thomas Hellinghausen, 22, of Winfield,": news
    gives a person's age, then the town they live in."""
    return (ent.start >= 3 and doc[ent.start - 1].lower_ in ("of", "from") and doc[ent.start - 2].text == ","
            and doc[ent.start - 3].like_num and (ent.end == len(doc) or doc[ent.end].is_punct))


def names_a_site(words: Span) -> bool:
    """The words after a town's name make it a site's ("Denver International Airport", "Hoover
    Dam", "Duke University"), which is often far from any town of that name. "Pass", "Valley"
    and other landforms stop the cut before this is asked."""
    return any(t.lower_ in SITE_WORDS for t in words)


def names_a_road(doc: Doc, ent: Span) -> bool:
    # The text after the span from its own tokens: doc.text would join the whole document each time.
    after = ent[-1].whitespace_ + "".join(t.text_with_ws for t in doc[ent.end:ent.end + 4])
    return numbers_a_road(ent.text, after)


def numbers_a_road(name: str, after: str) -> bool:
    """A state's or country's abbreviation numbering a road: "U.S. 33", "N.C. 54", "W.Va. 61",
    "US Route 1"."""
    short = (name.isupper() or "." in name) and len(name.replace(".", "")) <= 4
    return short and _ROAD_NUMBER.match(after) is not None


def names_a_disease(doc: Doc, ent: Span) -> bool:
    return ent.label_ in ("GPE", "LOC") and ent.end < len(doc) and doc[ent.end].lower_ in DISEASE_WORDS


def a_cut_off_generic_word(ent: Span) -> bool:
    """ "Island" of "St Martin's Island", which the small model cuts after the person it reads in
    "St Martin's": a landform's word is no name alone, least of all Iceland's ("Ísland")."""
    doc = ent.doc
    return (ent.label_ in PLACE_LABELS and len(ent) == 1 and ent[0].lower_ in FEATURE_WORDS and ent.start > 0
            and (doc[ent.start - 1].text in POSSESSIVES or doc[ent.start - 1].text[:1].isupper()))


def only_directions(ent: Span) -> bool:
    """ "the North", "out West", "North and Strickland avenues": a direction, not a named place."""
    words = [t.lower_ for t in ent if t.lower_ != "the"]
    return ent.label_ in PLACE_LABELS and bool(words) and all(w in COMPASS_WORDS for w in words)


def a_region_word_at(doc: Doc, i: int) -> bool:
    """A lower-case word for a region at i: "the Donetsk region", "the Kaduna state capital"."""
    return i < len(doc) and doc[i].is_lower and doc[i].text in REGION_WORDS


def runs_on(doc: Doc, end: int) -> bool:
    """A name ending at end is part of a longer one: a capitalized word follows, or a hyphen with
    no space ("Port" of "Port-au-Prince")."""
    return end < len(doc) and (
        doc[end].text[:1].isupper() or (doc[end].text in ("-", "–") and not doc[end - 1].whitespace_))


def opens_a_compound(doc: Doc, i: int) -> bool:
    """The water's word at i opens a compound noun with the next: "sea ice", "sea level", "river bed"."""
    return i + 1 < len(doc) and doc[i + 1].lower_ in _WATER_COMPOUNDS


def capitalized(word: str) -> bool:
    """A word of a name: capitalized, after an elided article too ("d'Alene" of Coeur d'Alene)."""
    return _ELIDED.sub("", word)[:1].isupper()


def name_at(doc: Doc, start: int, known: Callable[[str], bool], stop: int | None = None,
            particles: frozenset[str] = frozenset()) -> Span | None:
    """The longest capitalized run at start (up to stop) that known() accepts: "al-Safira",
    "U.S.", "Ohio"; with these particles inside it too (NAME_PARTICLES: "Strait of Malacca");
    a run never starts with "The"."""
    stop = min(len(doc), len(doc) if stop is None else stop)
    end, words = start, 0
    while end < stop:
        t = doc[end]
        words += t.text != "-"  # a hyphen is no word: "Sainte-Marthe-sur-le-Lac" is five
        if words > MAX_TOKENS:
            break
        arabic_article = t.lower_ in ARABIC_ARTICLES and end + 1 < len(doc) and doc[end + 1].text == "-"
        particle = (t.lower_ in particles and end > start and end + 1 < len(doc)
                    and (doc[end + 1].text[:1].isupper() or doc[end + 1].lower_ in particles
                         or doc[end + 1].text == "-"))
        # a word between hyphens: "Sainte-Marthe-sur-le-Lac", "Stratford-upon-Avon"
        hyphened = end > start and doc[end - 1].text == "-" and end + 1 < len(doc) and doc[end + 1].text == "-"
        if capitalized(t.text) or arabic_article or particle or hyphened or (t.text in ("-", ".") and end > start):
            end += 1
        else:
            break
    for last in range(end, start, -1):
        span = doc[start:last]
        if capitalized(span[-1].text) and span[0].lower_ != "the" and known(span.text):
            return Span(doc, start, last, label="GPE")
    return None
