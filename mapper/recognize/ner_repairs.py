"""Repairs of the spans the small NER model gave, for the spaCy component
(mapper.recognize.gazetteer_names):

- A span NER labels NORP ("the Aleppo attack", "Punjab") whose text is a city's, country's or
  region's own name becomes GPE.
- A span NER labels ORG that is a country's, region's or county's name ("the DRC") becomes GPE,
  and so does a PERSON or ORG that is a national capital's name ("Tbilisi says").
- A name NER labels PERSON or ORG becomes GPE when the gazetteer knows it as a town or region and
  the words around it say place: after "in", "near", "outside" or "around" ("a factory in
  al-Safira"), after "the city of", or before ", Ga." / ", Egypt"; and a city's, country's or
  region's name after a verb whose object is a place ("Residents fled Mariupol").
- A name NER labels PERSON, ORG or PRODUCT that is a country's or region's by any of its names
  (the English "Corsica" of Corse) becomes GPE after "on", or after a preposition of place and
  "the": islands, which the gazetteer holds as regions ("stranded on Sulawesi", "ferries to the
  Azores"). Not a town's name after "on", which a street's is too ("a shooting on Lincoln").
- A person's or organization's name that the text defines as a place ("X is a town in ...")
  becomes GPE when the gazetteer knows it.
- A lone word NER calls a person that is a country's or a big city's own name (BIG_CITY_MIN_POPULATION),
  mid-sentence and not quoted ("Strikes paralysed Marseille"), becomes GPE.
- A natural feature's name NER calls a person, organization or people ("Lake Tanganyika is ...",
  "the Rhine") becomes GPE; its whole name, where NER kept only part of it, becomes LOC.
- In a headline written in title case, a country's, populated region's or city's own name, or a
  natural feature's whole name, replaces the organizations NER makes of its words.
- An organization span that is only a list of cities, countries or regions ("Kharkiv and
  Odesa") becomes one place per item.
- A place span NER ended at a hyphen runs on where the whole is a place's name: "Guinea" of
  "Guinea-Bissau".
- A span NER started with a sentence's capitalized preposition of place is the place after it:
  "Near Bangor", which the small model calls a person; a state's postal code and a ZIP code after
  a town are the state: "Boston, MA 02121".
- A place span the gazetteer does not know is cut to the place it starts with ("Franklin County
  Jail") or, after a compass word or a word for a part of it, ends with ("Northeast Georgia",
  "Upper Egypt", "Greater Boston").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from mapper.gazetteer.names import COUNTY_WORDS, FEATURE_WORDS, LANDFORM_WORDS, REGION_WORDS, SITE_WORDS
from mapper.gazetteer.spellings import spelled_like
from mapper.model import VILLAGE_MAX_POPULATION
from mapper.recognize.demonyms import country_of
from mapper.recognize.missed_names import MissedNames
from mapper.recognize.name_kinds import COMPASS_WORDS, GENERIC_WORDS, NameKinds
from mapper.recognize.nested_places import ORGANIZATION_WORDS
from mapper.recognize.words import (
    AREA_WORDS, BUILDING_WORDS, CALENDAR_WORDS, INSTITUTION_WORDS, KIND_WORDS, LEAVING_FROM_VERBS, LEAVING_VERBS,
    LOCATIVE, MOTION_VERBS, NOT_NAME_LABELS, OF_PLACE_WORDS, PEOPLES_WORD, PERSON_NOUNS, PLACE_LABELS,
    PLACE_ONLY_LOCATIVE, PLACE_VERBS, PLACE_WORDS, POSSESSIVES, SENTENCE_ENDS, SPEECH_VERBS, STREET_WORDS,
    a_region_word_at, a_residence, a_routes_end, after_the, capitalized, defined_as_a_place, described_as, name_at,
    WATER_WORDS, names_a_site, opens_a_compound, opens_a_sentence_or_line, said_where_it_is, struck_by_a_hazard,
    title_cased,
)

# Before a city's or country's own name NER calls an organization, these say place.
_ORG_PLACE_PREPOSITIONS = frozenset({"from", "to", "at", "through", "into", "via"})
# Words that go on with a place's or an organization's name: "Lincoln Township", "Kenya Airways".
_A_NAMES_NEXT_WORDS = (GENERIC_WORDS | ORGANIZATION_WORDS | KIND_WORDS | FEATURE_WORDS | REGION_WORDS | AREA_WORDS
                       | STREET_WORDS | BUILDING_WORDS | SITE_WORDS)
# Words before a place's name that no person's first name follows as often: "In Israel Netanyahu said".
_BEFORE_A_PLACE = LOCATIVE | _ORG_PLACE_PREPOSITIONS | frozenset("of for with by on and or between outside".split())
# "the <kind> of <place>" is the place; not "the Port of Los Angeles", a site of its own.
_KINDS_OF_A_PLACE = KIND_WORDS - {"port"}
BIG_CITY_MIN_POPULATION = 500_000
# Words that name a part of a place, or its sprawl, before its name: "Upper Egypt", "Lower
# Manhattan", "Greater Boston", "Metro Manila" (a known whole, "Lower Saxony", "Inner Mongolia", stays whole)
_PART_WORDS = frozenset({"upper", "lower", "greater", "inner", "outer", "metro"})
BIG_REGION_MIN_POPULATION = 1_000_000


# What a war does to a town, before "of": "the fall of Avdiivka", "the siege of Mariupol"
_SIEGE_WORDS = frozenset("siege fall capture recapture liberation occupation encirclement shelling bombardment".split())
# Where someone or something is "based in": a place follows, whatever label NER gives it
_BASED_WORDS = frozenset("based headquartered located situated born raised".split())
# Prepositions of place that open a sentence, where NER takes them into the name after them
_OPENING_PREPOSITIONS = LOCATIVE | frozenset(
    "beyond throughout inside within along toward towards past via beside".split())

# What NER calls a list of places it runs together: "Kharkiv and Odesa" an organization, "Sylhet
# and Sunamganj" a work of art, "Le Havre to Marseille" a facility
_LIST_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})

_PLURAL_REGION_WORDS = frozenset({f"{word}s" for word in REGION_WORDS} | {"counties"})
# Labels of numbers, which a capitalized word that is no number word gets only by the model's slip
_NUMBER_LABELS = frozenset({"ORDINAL", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


class NerRepairs:
    def __init__(self, kinds: NameKinds, missed: MissedNames):
        self.kinds = kinds
        self.missed = missed

    def relabel(self, doc: Doc, ent: Span) -> bool:
        kinds = self.kinds
        if not capitalized(ent[-1].text):  # "al-Safira" counts as capitalized, and "Coeur d'Alene"
            return False
        if (ent.label_ in NOT_NAME_LABELS and not any(ch.isdigit() for ch in ent.text)
                and (kinds.is_major_place_name(ent.text) or kinds.is_a_city_by_any_name(ent.text))):
            return True  # "power in Niger", which the small model calls a date; "the Sahel", a product
        if (ent.label_ in ("DATE", "TIME") and len(ent) == 1 and ent[0].lower_ not in CALENDAR_WORDS
                and self._said_to_be_a_place(doc, ent) and kinds.is_any_place_name(ent.text)):
            return True  # "In Norcia, which was hit in 2016,", a date to the small model; not "in March"
        if ent.label_ in ("PERSON", "ORG") and _besieged(doc, ent.start) and (
                kinds.is_a_town_by_any_name(ent.text, VILLAGE_MAX_POPULATION) or kinds.is_region_by_any_name(ent.text)):
            return True  # "since the fall of Avdiivka", "the siege of Mariupol"; not a village named like a person
        if ent.label_ in NOT_NAME_LABELS and _based_in(doc, ent.start) and kinds.is_any_place_name(ent.text):
            return True  # "a company based in Hackensack", a work of art to the small model
        if (ent.label_ in _NUMBER_LABELS and not any(t.like_num or t.is_digit for t in ent)
                and kinds.is_any_place_name(ent.text)):
            return True  # "the road to Corinth", which the small model calls an ordinal
        if ent.label_ == "PRODUCT" and (self._said_to_be_a_place(doc, ent) or _on_or_in_the(doc, ent.start)) and (
                kinds.is_region_by_any_name(ent.text)):
            return True  # "fires on Corsica"; not a work of art ("Shakespeare in Love") nor a date ("on Saturday")
        if ent.label_ in ("PERSON", "ORG", "NORP", "FAC") and kinds.is_natural_feature(ent.text):
            return True  # "Lake Tanganyika is ...", which the small model calls a person
        if ent.label_ in ("PERSON", "ORG", "NORP", "FAC") and after_the(doc, ent.start) and kinds.is_bare_feature(ent.text):
            return True  # "the Rhine", which the small model calls a person
        if ent.label_ == "PERSON" and after_the(doc, ent.start) and (
                kinds.is_region_name(ent.text) or kinds.is_a_world_region(ent.text)
                or (a_region_word_at(doc, ent.end) and kinds.is_any_place_name(ent.text))):
            return True  # "across the Sahel", "the Donbas", "the Kherson region": seldom a person after "the"
        if ent.label_ in ("PERSON", "ORG", "PRODUCT") and defined_as_a_place(doc, ent.end) and (
                kinds.is_any_place_name(ent.text) or kinds.is_a_places_name_by_any_spelling(ent.text)):
            return True  # "Windsor is a city in Ontario", "Kfar Aza, a kibbutz in southern Israel"
        if ent.label_ == "ORG" and (ent.start == 0 or doc[ent.start - 1].is_space) and (
                (alone := self.missed.alone_on_its_line(doc, ent.start)) is not None and alone.end == ent.end):
            return True  # "Wuppertal (remote-option)" on a line of its own, an organization to the model
        if ent.label_ == "ORG" and said_where_it_is(doc, ent.end) and kinds.is_any_place_name(ent.text):
            return True  # "Oxford is home to Oxford University"; not a person, who is home to rest
        if ent.label_ == "PERSON" and self._lone_big_place(doc, ent):
            return True  # "Strikes paralysed Marseille"
        if ent.label_ == "NORP":  # "the Aleppo attack"; "Punjab", which the small model calls a people
            return kinds.is_city_or_country_name(ent.text) or (
                not PEOPLES_WORD.search(ent.text) and (kinds.is_region_name(ent.text) or (
                    self._said_to_be_a_place(doc, ent) and kinds.is_any_place_name(ent.text)))  # "priests in Oshkosh"
            ) or (_alone_after_the(doc, ent) and kinds.is_region_name(ent.text) and country_of(ent.text) is None)
        if ent.label_ == "ORG" and (kinds.is_region_name(ent.text) or kinds.is_a_regions_short_name(ent.text)):
            return True  # "the DRC"; "Crimea", the Autonomous Republic of Crimea
        if ent.label_ in ("PERSON", "ORG") and ent[-1].text in COUNTY_WORDS and kinds.is_region_name(ent.text):
            return True  # "Jefferson Parish officials said", a person to the small model
        if ent.label_ in ("PERSON", "ORG") and kinds.is_capital(ent.text):
            return True  # "Tbilisi says": a capital speaking for its government
        if ent.label_ == "ORG" and len(ent) == 1 and kinds.is_a_big_city(ent.text):
            return True  # "Chennai is not alone", which the small model calls an organization
        if ent.label_ in ("PERSON", "ORG") and self.missed.is_postal_code_after_town(doc, ent.start, ent.end):
            return True  # "Austin, TX"
        if ent.label_ in ("PERSON", "ORG") and (
                (town := self.missed.town_before_its_region(doc, ent.start)) is not None and town.end == ent.end):
            return True  # "reached Hodeidah, Yemen", which the small model calls an organization
        if ent.label_ == "ORG" and ent.start and doc[ent.start - 1].lower_ in _ORG_PLACE_PREPOSITIONS:
            return kinds.is_city_or_country_name(ent.text)  # "the 19-year-old from Mississauga", "through Poznan"
        if ent.label_ in ("PERSON", "ORG") and _on_or_in_the(doc, ent.start) and kinds.is_region_by_any_name(ent.text):
            return True  # "stranded on Sulawesi", "ferries to the Azores"; not a town ("on Jackson": a street)
        gone_to = ent.label_ in ("PERSON", "ORG") and (_gone_to(doc, ent.start) or struck_by_a_hazard(doc, ent.start))
        if gone_to or (ent.label_ in ("PERSON", "ORG") and ent.start and doc[ent.start - 1].lower_ in PLACE_VERBS):
            # "Residents fled Mariupol"; "fled Rafah for Khan Younis", a city GeoNames spells Khan
            # Yunis; "Storms hit Normandy" (Normandie); a town of 10,000 gone to or struck, by any of
            # its names: "Tourists returned to Dubrovnik", "Rockets hit Kiryat Shmona" (Qiryat Shmona)
            return self.missed.is_struck_or_gone_to(ent.text) or (
                gone_to and kinds.is_a_town_by_any_name(ent.text, VILLAGE_MAX_POPULATION))
        if ent.label_ in ("PERSON", "ORG", "LANGUAGE"):  # "the port of Odesa", which it calls a language
            return (self._said_to_be_a_place(doc, ent) and kinds.is_any_place_name(ent.text)
                    and ent.text.lower() not in INSTITUTION_WORDS)  # "Democrats in Congress"
        return False

    def _said_to_be_a_place(self, doc: Doc, ent: Span) -> bool:
        before = doc[max(0, ent.start - 2):ent.start]
        if len(before) and before[-1].lower_ in PLACE_ONLY_LOCATIVE:
            return True
        if len(before) == 2 and before[0].lower_ in OF_PLACE_WORDS | COMPASS_WORDS and before[1].lower_ == "of":
            return True
        if a_residence(doc, ent):
            return True
        if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
            container = name_at(doc, ent.end + 1, self.kinds.is_region_name)
            return container is not None or self.kinds.is_postal_code(doc[ent.end + 1].text)
        return False

    def adjoining_halves(self, ents: list[Span]) -> list[Span]:
        """Two names side by side that are one place's name together, which NER cut in two:
        "French Guiana" (a language and a person to the small model), "Iraqi Kurdistan" (a people
        and a region)."""
        merged: list[Span] = []
        for ent in ents:
            last = merged[-1] if merged else None
            if last is not None and last.end == ent.start and ent.label_ != "NORP" and self.kinds.is_any_place_name(
                    (whole := ent.doc[last.start:ent.end]).text):
                merged[-1] = Span(ent.doc, whole.start, whole.end, label="GPE")
            else:
                merged.append(ent)
        return merged

    def coordinated_places(self, ents: list[Span]) -> list[Span]:
        """A city's, country's or region's name NER calls a person or organization, joined by
        "and", "or" or a comma to a place: "Medellín and Cali", "Kraków, Gdańsk"; or to another
        such name after a preposition of place: "from Mainz and Koblenz", both called people; or a
        town's name that ends a route from a place: "the ferry from Dover to Calais". Not after
        "between": "the fight between Austin and Jackson"."""
        places = {(e.start, e.end) for e in ents if e.label_ in PLACE_LABELS}
        towns = {e.start for e in ents if e.label_ == "GPE"}
        doc = ents[0].doc if ents else None
        for first, second in zip(ents, ents[1:]):
            if (second.start == first.end + 1 and doc[first.end].lower_ in ("and", "or")
                    and first.start and doc[first.start - 1].lower_ in LOCATIVE
                    and all(e.label_ in ("PERSON", "ORG") and self.kinds.is_major_place_name(e.text)
                            for e in (first, second))):
                places |= {(first.start, first.end), (second.start, second.end)}
        def joined(ent: Span) -> bool:
            if ent.label_ not in ("PERSON", "ORG"):
                return False
            if a_routes_end(doc, ent, places) and self.kinds.is_main_name(ent.text):
                return True
            if not self.missed.may_be_listed(doc, ent.start, ent.text, towns):
                return False
            if (ent.start, ent.end) in places:
                return True
            if ent.start >= 1 and doc[ent.start - 1].lower_ in ("and", "or", ","):
                joint = ent.start - 2 if ent.start >= 2 and doc[ent.start - 2].text == "," else ent.start - 1
                if any(end in (ent.start - 1, joint) for _, end in places):  # "Lisbon, and Porto"
                    return True
            if ent.end < len(doc) and doc[ent.end].lower_ in ("and", "or", ","):
                if any(start == ent.end + 1 for start, _ in places):
                    return True
            return False
        return [Span(doc, e.start, e.end, label="GPE") if joined(e) else e for e in ents]

    def whole_features(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A natural feature's whole name where NER kept only part of it: "Lake Tanganyika" of
        which the small model calls "Tanganyika" a person, "the Gulf of Aden" of "Aden"; and a
        town's or region's name with "of" or another of NAME_PARTICLES in it that NER cut short or in
        two: "Port of Spain", not "Port" and "Spain"; "Frankfurt am Main", not "Frankfurt"; a river
        with its word in lower case: "the Dnipro river", not the city."""
        missed = self.missed
        whole = filter_spans([span for i in range(len(doc))
                              if (span := missed.natural_feature(doc, i) or missed.river_in_lower_case(doc, i)
                                          or missed.name_with_particles(doc, i)) is not None])
        def within(e: Span, f: Span) -> bool:  # "the Bay of" of "the Bay of Bengal" too
            start = e.start + 1 if doc[e.start].lower_ == "the" else e.start
            return f.start <= start and e.end <= f.end and (start, e.end) != (f.start, f.end)
        inside = [(f, [e for e in ents if e.start < f.end and f.start < e.end]) for f in whole]
        cut = [(f, parts) for f, parts in inside if parts and all(within(e, f) for e in parts)]
        dropped = {id(e) for _, parts in cut for e in parts}
        return sorted([e for e in ents if id(e) not in dropped] + [f for f, _ in cut], key=lambda e: e.start)

    def headline_places(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """The places of a headline (mapper.recognize.words.title_cased), where title case hides
        which words are names and NER goes astray: "Floods Hit Northern Italy As Po River Bursts
        Its Banks", of which it makes "Po River Bursts Its Banks" an organization. A country's,
        populated region's or city's own name, or a natural feature's whole name, replaces the
        organizations and such it overlaps. Not a name NER calls a person's ("Jordan Scores 40")."""
        headline = title_cased(doc)
        if not headline:
            return ents
        kept = {i for e in ents if e.label_ in PLACE_LABELS | {"PERSON"} for i in range(e.start, e.end)}
        found: list[Span] = []
        for i in sorted(headline):
            if i in kept or (found and i < found[-1].end) or not doc[i].text[:1].isupper() or doc[i].is_stop:
                continue
            span = name_at(doc, i, self._headline_name)
            if span is None or kept.intersection(range(span.start, span.end)):
                continue
            longer = name_at(doc, i, lambda text: self._headline_name(text) or self.kinds.is_any_place_name(text))
            if longer.end == span.end:  # not "Iowa" of "Iowa City"
                label = "LOC" if self.kinds.is_natural_feature(span.text) else "GPE"
                found.append(Span(doc, span.start, span.end, label=label))
        covered = {i for f in found for i in range(f.start, f.end)}
        return sorted([e for e in ents if not covered.intersection(range(e.start, e.end))] + found, key=lambda e: e.start)

    def _headline_name(self, text: str) -> bool:
        """Not a short word ("Man", Côte d'Ivoire's city), an abbreviation ("Mt."), a city's loose
        spelling ("Tour", Tours) or a region no town is listed in ("Lot", a French department),
        which a headline capitalizes as any word."""
        if len(text) < 4 or "." in text:
            return False
        kinds = self.kinds
        city_or_country = kinds.is_city_or_country_name(text) and (
            kinds.is_own_name(text) or kinds.is_country_name(text))
        return (city_or_country or kinds.is_natural_feature(text)
                or any(m.exact and m.main_name and m.place.is_region and m.place.population
                       for m in kinds.store.lookup(text)))

    def _lone_big_place(self, doc: Doc, ent: Span) -> bool:
        """A name NER calls a person that is a country's or a big city's own name, of one word or
        a few ("a story about São Paulo"), inside a sentence, between words that are no name, and
        not quoted: "Strikes paralysed Marseille", not "Jordan said" nor "coach Jordan"; opening a
        sentence, only a city of a million. A first or last name of the article's people is dropped
        later (article_rules)."""
        if len(ent) > 3:
            return False
        opens = ent.start == 0 or doc[ent.start - 1].text in SENTENCE_ENDS
        before, after = doc[ent.start - 1] if ent.start else None, doc[ent.end] if ent.end < len(doc) else None
        if not opens and (before.text[:1].isupper() or before.lower_ in PERSON_NOUNS):  # "Mr. Jordan", "coach Jordan"
            return False
        if after is not None and (after.text[:1].isupper() or after.lower_ in SPEECH_VERBS or after.text in POSSESSIVES):
            return False
        if opens:  # "Córdoba was hit by a heatwave"; not "Jordan was", a country's name that is a man's too
            return self.kinds.is_a_big_city(ent.text)
        return any(
            m.exact and (
                (m.main_name and (
                    m.place.is_country
                    or (m.place.is_town and m.place.population >= BIG_CITY_MIN_POPULATION)
                    or (m.place.is_region and m.place.population >= BIG_REGION_MIN_POPULATION)))
                or (m.place.is_town and m.place.population >= BIG_CITY_MIN_POPULATION
                    and spelled_like(ent.text, m.place.name)))
            for m in self.kinds.store.lookup(ent.text)
        )

    def place_after_in(self, ent: Span) -> list[Span]:
        """An organization or site span NER ran on into where it is: "Sheldon Peck Homestead in
        Lombard" is the homestead and the town; else the span as it is."""
        if ent.label_ not in ("ORG", "FAC"):
            return [ent]
        doc = ent.doc
        for k in range(ent.start + 1, ent.end - 1):
            if doc[k].lower_ == "in":
                place = name_at(doc, k + 1, self.kinds.is_any_place_name, stop=ent.end)
                if place is not None and place.end == ent.end:
                    return [Span(doc, ent.start, k, label=ent.label_), place]
        return [ent]

    def listed_places(self, ent: Span) -> list[Span]:
        """A span NER calls an organization, a facility or a work, that is only a list of cities,
        countries or regions: "Kharkiv and Odesa", "visited Sylhet and Sunamganj" (a work of art),
        a journey ("left Lviv for Odesa and", an organization with the list's "and"), or a route
        after "from": "ports from Le Havre to Marseille" (a facility); else the span as it is. Not
        towns ("cousins Dillon and Connor"), and not a person span."""
        if ent.label_ not in _LIST_LABELS:
            return [ent]
        doc = ent.doc
        joints = ("and", ",", "to", "for") if ent.start and doc[ent.start - 1].lower_ == "from" else ("and", ",", "for")
        end = ent.end - 1 if doc[ent.end - 1].lower_ in ("and", ",") else ent.end  # "Lviv for Odesa and"
        parts, start = [], ent.start
        for i in range(ent.start, end + 1):
            if i == end or doc[i].lower_ in joints:
                if i == start:
                    return [ent]
                parts.append(Span(doc, start, i, label="GPE"))
                start = i + 1
        if len(parts) < 2 or not all(p[0].text[:1].isupper() for p in parts):
            return [ent]
        listed = ent.start and doc[ent.start - 1].lower_ in LOCATIVE  # "to Le Havre and Felixstowe"
        known = self.kinds.is_named_like_a_place if listed else self.kinds.is_major_place_name
        return parts if all(known(p.text) for p in parts) else [ent]

    def after_an_opening_preposition(self, ent: Span) -> Span:
        """ "Near Bangor, Maine, ...", "Beyond Lisbon and the Algarve": the place after the
        preposition, where NER took both for a person's or organization's name."""
        if (len(ent) < 2 or not ent[0].text[:1].isupper() or ent[0].lower_ not in _OPENING_PREPOSITIONS
                or not self.kinds.is_any_place_name(ent[1:].text)):
            return ent
        return Span(ent.doc, ent.start + 1, ent.end, label="GPE")

    def after_an_opening_word(self, ent: Span) -> Span:
        """ "Landlocked Malawi", "Northern Mali" opening a sentence, which NER takes for a person:
        the country or region after the common word the sentence opens with; not after a word in
        -ing, which names an organization as often ("Racing Victoria said")."""
        doc = ent.doc
        if (len(ent) < 2 or not opens_a_sentence_or_line(doc, ent.start) or ent.label_ in PLACE_LABELS
                or ent[0].lower_.endswith("ing")
                or self.kinds.is_any_place_name(ent.text)
                or not self.kinds.is_region_name(ent[1:].text)
                or not self.missed.opens_with_a_common_word(doc, ent.start)):
            return ent
        return Span(doc, ent.start + 1, ent.end, label="GPE")

    def without_a_zip_code(self, ent: Span) -> Span:
        """ "Boston, MA 02121": the state's postal code, where NER took it and the ZIP code for an
        organization."""
        if (len(ent) < 2 or not all(t.is_digit for t in ent[1:])
                or not self.missed.is_postal_code_after_town(ent.doc, ent.start, ent.start + 1)):
            return ent
        return Span(ent.doc, ent.start, ent.start + 1, label="GPE")

    def a_persons_first_name(self, ent: Span) -> bool:
        """ "Israel Adesanya will fight", "champion Israel Adesanya": a one-word place's name the
        small model splits from a name the gazetteer does not know, which it calls a person or a
        place too: a person's first and last names. Not after a preposition ("In Israel Netanyahu
        said"), nor before a place's name or a word that goes on with a place's or an
        organization's name ("Lincoln Township", "Pine Heights", "Limpopo Province", "Kenya
        Airways")."""
        doc = ent.doc
        if ent.label_ not in PLACE_LABELS or len(ent) != 1 or ent.end >= len(doc) or ent.text.endswith("."):
            return False  # "Erie, Pa. Thompson said": a sentence ends after it
        after = doc[ent.end]
        if not (after.is_title and after.is_alpha and after.ent_type_ in ("PERSON", "GPE")):
            return False
        if ent.start and doc[ent.start - 1].lower_ in _BEFORE_A_PLACE:
            return False
        return not (self.kinds.is_any_place_name(after.text) or after.lower_ in _A_NAMES_NEXT_WORDS)

    def a_person_speaking(self, ent: Span) -> bool:
        """A town's name NER calls a place that speaks next: "Denver said he would retire",
        "Houston told reporters"; not a name that speaks for a government ("Moscow said")."""
        doc = ent.doc
        subject = ent.start == 0 or doc[ent.start - 1].is_punct or doc[ent.start - 1].is_space  # not "in Houston said"
        return (ent.label_ == "GPE" and subject and ent.end < len(doc) and doc[ent.end].lower_ in SPEECH_VERBS
                and not self.kinds.speaks_for_a_government(ent.text))

    @staticmethod
    def a_person_described(ent: Span) -> bool:
        """A name the text describes next as a person: "Jordan, the Italian striker,", "Chad, a
        34-year-old actor": a role no place has."""
        doc, k = ent.doc, ent.end
        # "a 34-year-old actor" is six words
        return k < len(doc) and doc[k].text == "," and described_as(  # not "the president's hometown"
            doc, k + 1, lambda j: doc[j].lower_ in PERSON_NOUNS and not _possessive_after(doc, j), words=7)

    def without_a_plural_kind(self, ent: Span) -> Span:
        """ "Homs and Aleppo Governorates": the last of names sharing a plural kind word, where NER
        took the word with it (for a work of art): no one place's name is plural."""
        doc = ent.doc
        if (len(ent) < 2 or ent[-1].lower_ not in _PLURAL_REGION_WORDS
                or ent.start < 2 or doc[ent.start - 1].lower_ not in ("and", "or", ",")):
            return ent  # a chain's "Garden Districts" stores: no names share it
        name = ent[:-1]
        return Span(doc, name.start, name.end, label="GPE") if self.kinds.is_any_place_name(name.text) else ent

    def over_hyphen(self, ent: Span) -> Span:
        """A place span NER ended at a hyphen inside a longer place name: "Guinea" of
        "Guinea-Bissau", "Winston" of "Winston-Salem". "Fargo-Moorhead" names no one place and
        stays "Fargo"."""
        doc = ent.doc
        if ent.label_ not in PLACE_LABELS or ent.end + 1 >= len(doc) or doc[ent.end].text != "-":
            return ent
        whole = name_at(doc, ent.start, self.kinds.is_any_place_name, stop=ent.end + 3)
        return Span(doc, ent.start, whole.end, label=ent.label_) if whole is not None and whole.end > ent.end else ent

    def trimmed(self, ent: Span) -> Span:
        """A place span the gazetteer does not know, cut to the place name it starts or ends with:
        "Franklin County Jail" -> "Franklin County", "Northeast Georgia" -> "Georgia", "Upper
        Egypt" -> "Egypt", "Greater Boston" -> "Boston", "Metro Manila" -> "Manila" (not Metro, a town in
        Indonesia), "the Republic of Ireland" -> "Ireland"; "Antarctic sea ice" -> "Antarctic", which
        names no sea."""
        if ent.label_ not in PLACE_LABELS or len(ent) < 2:
            return ent
        if ent[-1].text in WATER_WORDS and opens_a_compound(ent.doc, ent.end - 1):  # "Antarctic sea ice"
            return Span(ent.doc, ent.start, ent.end - 1, label=ent.label_)
        described = ((ent[-1].is_lower and ent[-1].lower_ in PLACE_WORDS)
                     or (ent[0].is_lower and ent[0].lower_ in COMPASS_WORDS))
        if self.kinds.knows_span(ent.text) and not described:
            return ent  # "Henan province" is Henan, "east Africa" Africa: lower-case words describe, not name
        if ent[0].lower_ in COMPASS_WORDS:
            rest = ent[1:]
            known = self.kinds.is_region_name(rest.text)
            return Span(ent.doc, rest.start, rest.end, label=ent.label_) if known else ent
        part = 1 if ent[0].lower_ == "the" and len(ent) > 2 else 0  # "the Upper Midwest"
        if ent[part].lower_ in _PART_WORDS:
            rest = ent[part + 1:]
            if self.kinds.is_major_place_name(rest.text):  # a region's, a country's or a city's
                return Span(ent.doc, rest.start, rest.end, label=ent.label_)
        kind = 1 if ent[0].lower_ == "the" else 0
        if len(ent) >= kind + 3 and ent[kind].lower_ in _KINDS_OF_A_PLACE and ent[kind + 1].lower_ == "of":
            rest = ent[kind + 2:]  # "the Republic of Ireland" is Ireland, never a town called Republic
            known = self.kinds.is_any_place_name(rest.text)
            return Span(ent.doc, rest.start, rest.end, label=ent.label_) if known else ent
        for stop in range(ent.end - 1, ent.start, -1):
            last = stop == ent.end - 1
            if ent.doc[stop].lower_ in LANDFORM_WORDS or (last and _a_whole_name_in_city(ent)) or (
                    last and ent.doc[stop].lower_ in AREA_WORDS and ent.doc[stop].text[:1].isupper()):
                return ent  # "the Red River" is no river in Red, India, "the Bay Area" no region of Somalia
            if ent.doc[stop].lower_.rstrip(".") in STREET_WORDS | BUILDING_WORDS:
                continue  # "Decatur Boulevard" is a street, seldom in Decatur; "the Hadley Center" no town
            head = ent.doc[ent.start:stop]
            known = self.kinds.is_own_name if len(head) == 1 else self.kinds.is_main_name
            # "Marib province": the kind word says it is a place, by any spelling of its name
            by_any_spelling = (described and stop == ent.end - 1
                               and self.kinds.is_a_places_name_by_any_spelling(head.text))
            if head[-1].text[:1].isupper() and (known(head.text) or by_any_spelling):
                if names_a_site(ent.doc[stop:ent.end]) and not self.kinds.is_region_name(head.text):
                    return ent  # "Hoover Dam" is not in Hoover, Alabama; "Franklin County Jail" is in the county
                return Span(ent.doc, ent.start, stop, label=ent.label_)
        return ent


def _a_whole_name_in_city(ent: Span) -> bool:
    """ "Man City beat ...": a short word before "City" that the gazetteer lacks whole is a
    name's abbreviation, not a city (Man, Côte d'Ivoire); a longer one is the city's ("Los
    Angeles City", "Leicester City")."""
    return len(ent) == 2 and ent[-1].text == "City" and len(ent[0].text) <= 3


def _gone_to(doc: Doc, start: int) -> bool:
    """ "travelling to X", "flew back to X": a verb of going, maybe an adverb, then "to"; "withdrew
    from X", "fled from X": a verb of leaving, then "from"; or "fled Rafah for X", "left Kyiv for
    X": a place left, then "for" the place gone to."""
    before = [t.lower_ for t in doc[max(0, start - 3):start]]
    if len(before) >= 2 and before[-1] == "to" and (
            before[-2] in MOTION_VERBS or (len(before) == 3 and before[-3] in MOTION_VERBS)):
        return True
    if len(before) >= 2 and before[-1] == "from" and before[-2] in LEAVING_FROM_VERBS:
        return not _possessive_after(doc, start)  # "withdrew from Jackson's race"
    if start < 3 or doc[start - 1].lower_ != "for":
        return False
    left = start - 1
    while left > 1 and doc[left - 1].is_title:
        left -= 1
    return left < start - 1 and doc[left - 1].lower_ in LEAVING_VERBS


def _besieged(doc: Doc, start: int) -> bool:
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _SIEGE_WORDS


def _based_in(doc: Doc, start: int) -> bool:
    return start >= 2 and doc[start - 1].lower_ == "in" and doc[start - 2].lower_ in _BASED_WORDS


def _possessive_after(doc: Doc, start: int) -> bool:
    """The name or word at start, then "'s": "Jackson's race", "the president's hometown"."""
    end = start + 1
    while end < len(doc) and doc[end].is_title:
        end += 1
    return end < len(doc) and doc[end].text in POSSESSIVES


def _alone_after_the(doc: Doc, ent: Span) -> bool:
    """ "across the Peloponnese.", "the Peloponnese, where", "the Peloponnese and the island": a
    name after "the" that no noun follows, as one does a people's word ("the Jewish community",
    "the Jewish and Arab quarters")."""
    if not ent.start or doc[ent.start - 1].lower_ != "the":
        return False
    after = doc[ent.end:ent.end + 2]
    return not len(after) or after[0].is_punct or (
        len(after) == 2 and after[0].lower_ in ("and", "or") and after[1].lower_ == "the")


def _on_or_in_the(doc: Doc, start: int) -> bool:
    """ "on X", or a locative and "the" before X: "in the Azores", "to the Falklands"."""
    if start and doc[start - 1].lower_ == "on":
        return True
    return start >= 2 and doc[start - 1].lower_ == "the" and doc[start - 2].lower_ in LOCATIVE | {"on"}
