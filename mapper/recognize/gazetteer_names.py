"""A spaCy component that lets the gazetteer correct the small NER model.

- A span NER labels NORP ("the Aleppo attack", "Punjab") whose text is a city's, country's or
  region's own name becomes GPE.
- A span NER labels ORG that is a country's, region's or county's name ("the DRC") becomes GPE,
  and so does a PERSON or ORG that is a national capital's name ("Tbilisi says").
- A name NER labels PERSON or ORG becomes GPE when the gazetteer knows it as a town or region and
  the words around it say place: after "in", "near", "outside" or "around" ("a factory in
  al-Safira"), after "the city of", or before ", Ga." / ", Egypt"; and a city's, country's or
  region's name after a verb whose object is a place ("Residents fled Mariupol").
- A person's or organization's name, or a name NER missed, that the text defines as a place ("X
  is a town in ...", "X, a city of ...") becomes GPE when the gazetteer knows it.
- A lone word NER calls a person that is a country's or a big city's own name (BIG_CITY_MIN_POPULATION),
  mid-sentence and not quoted ("Strikes paralysed Marseille"), becomes GPE.
- A river or other natural feature known by its bare name after "the" ("the Rhine", "the Mekong"),
  whatever NER made of it, becomes LOC.
- A capitalized name after a locative preposition, or an upper-case dateline opening a
  sentence ("COLUMBUS, Ohio -"), that NER missed becomes GPE when the gazetteer knows it.
- A city's (100,000 people or more) or a country's own name NER missed mid-sentence, standing
  alone between lower-case words, becomes GPE: "Shelling hit Kharkiv overnight".
- A town's own name NER missed at a sentence's start, which the tagger reads as a name, is kept in
  doc.spans[OPENERS] for the article rules to decide: "Cambridge sits on the Grand River".
- An organization span that is only a list of cities, countries or regions ("Kharkiv and
  Odesa") becomes one place per item.
- A place span NER ended at a hyphen runs on where the whole is a place's name: "Guinea" of
  "Guinea-Bissau".
- A place span the gazetteer does not know is cut to the place it starts with ("Henderson County
  Jail") or, after a compass word, ends with ("Northeast Georgia").
- Country, region and county names inside an organization's name ("the Ohio Department of
  Health", "the U.S. Food and Drug Administration") are kept in doc.spans[NESTED]: news readers
  and annotators count them as mentions of the place.

What the gazetteer says a name is, and which places count for these repairs, is
mapper.recognize.name_kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from mapper.gazetteer.names import ARABIC_ARTICLES, LANDFORM_WORDS, NAME_PARTICLES, REGION_WORDS
from mapper.gazetteer.store import GazetteerStore, open_store
from mapper.recognize.name_kinds import COMPASS_WORDS, GENERIC_WORDS, NameKinds, spelled_like
from mapper.recognize.pipelines import load_tagger
from mapper.recognize.words import (
    AREA_WORDS, DATELINE_ENDS, KIND_WORDS, LOCATIVE, NOT_NAME_LABELS, OF_PLACE_WORDS, PEOPLES_WORD,
    PERSON_NOUNS, PLACE_LABELS, PLACE_ONLY_LOCATIVE, PLACE_VERBS, PLACE_WORDS, SENTENCE_ENDS,
    SPEECH_VERBS, STREET_WORDS, a_cut_off_generic_word, a_residence, a_routes_end, after_the,
    defined_as_a_place, list_opener, names_a_disease, names_a_road, names_a_site, only_directions, title_cased,
)

MAX_TOKENS = 5
NESTED = "mapper_nested_places"
# Towns' names opening a sentence that NER did not take: the article rules decide.
OPENERS = "mapper_opening_names"
OPENING_NAME = "OPENING"
# "the <kind> of <place>" is the place; not "the Port of Los Angeles", a site of its own.
_KINDS_OF_A_PLACE = KIND_WORDS - {"port"}
BIG_CITY_MIN_POPULATION = 500_000
BIG_REGION_MIN_POPULATION = 1_000_000


@Language.factory("mapper_gazetteer_names", default_config={"gazetteer": "", "min_population": 1000, "model": ""})
def make_component(nlp: Language, name: str, gazetteer: str, min_population: int, model: str):
    return GazetteerNames(open_store(Path(gazetteer)), min_population, model)


class GazetteerNames(NameKinds):
    def __init__(self, store: GazetteerStore, min_population: int, model: str = ""):
        """model: the spaCy pipeline whose tagger tells a sentence's first word as a name or not;
        without it, a name NER missed there stays missed."""
        super().__init__(store, min_population)
        self.model = model

    @cached_property
    def _tagger(self) -> Language | None:
        """Loaded at the first sentence that needs it: few do."""
        return load_tagger(self.model) if self.model else None

    def _tagged(self, doc: Doc, i: int) -> Doc | None:
        """The sentence that starts at i, as the tagger reads it alone."""
        if self._tagger is None:
            return None
        end = next((j for j in range(i, len(doc)) if doc[j].text in SENTENCE_ENDS), len(doc))
        return self._tagger(doc[i:end].text)

    def _opens_with_a_name(self, doc: Doc, i: int) -> bool:
        """The tagger calls the first word of the sentence at i a proper noun: "Chennai is
        running out of water", not "Reading is a town"."""
        if (tagged := self._tagged(doc, i)) is None:
            return False
        if len(tagged) > 1 and tagged[0].tag_ == "NN":  # the tagger's guess for a name it does not know
            if tagged[1].tag_.startswith("VB") or tagged[1].tag_ == "MD":  # "Bahrain hosted the race"
                return self._is_a_big_city(doc[i].text) or self.is_country_name(doc[i].text)
            if tagged[1].tag_ in ("NN", "NNS") and tagged[1].is_lower:  # "Lagos traffic worsened"
                return self._is_a_big_city(doc[i].text)
        return len(tagged) > 0 and tagged[0].tag_ in ("NNP", "NNPS")

    def _relabel(self, doc: Doc, ent: Span) -> bool:
        if not ent[-1].text[:1].isupper():  # "al-Safira" counts as capitalized
            return False
        if (ent.label_ in NOT_NAME_LABELS and not any(ch.isdigit() for ch in ent.text)
                and (self.is_major_place_name(ent.text) or self._is_a_city_by_any_name(ent.text))):
            return True  # "power in Niger", which the small model calls a date; "the Sahel", a product
        if ent.label_ in ("PERSON", "ORG", "NORP", "FAC") and self._is_natural_feature(ent.text):
            return True  # "Lake Tanganyika is ...", which the small model calls a person
        if ent.label_ in ("PERSON", "ORG", "NORP", "FAC") and after_the(doc, ent.start) and self._is_bare_feature(ent.text):
            return True  # "the Rhine", which the small model calls a person
        if ent.label_ == "PERSON" and after_the(doc, ent.start) and (
                self.is_region_name(ent.text) or self._is_a_world_region(ent.text)):
            return True  # "across the Sahel", "the Donbas": a person's name seldom follows "the"
        if ent.label_ in ("PERSON", "ORG") and defined_as_a_place(doc, ent.end) and self.is_any_place_name(ent.text):
            return True  # "Windsor is a city in Ontario"
        if ent.label_ == "PERSON" and self._lone_big_place(doc, ent):
            return True  # "Strikes paralysed Marseille"
        if ent.label_ == "NORP":  # "the Aleppo attack"; "Punjab", which the small model calls a people
            return self.is_city_or_country_name(ent.text) or (
                not PEOPLES_WORD.search(ent.text) and (self.is_region_name(ent.text) or (
                    self._said_to_be_a_place(doc, ent) and self.is_any_place_name(ent.text))))  # "nuns in Pewaukee"
        if ent.label_ == "ORG" and (self.is_region_name(ent.text) or self._is_a_regions_short_name(ent.text)):
            return True  # "the DRC"; "Crimea", the Autonomous Republic of Crimea
        if ent.label_ in ("PERSON", "ORG") and self._is_capital(ent.text):
            return True  # "Tbilisi says": a capital speaking for its government
        if ent.label_ == "ORG" and len(ent) == 1 and self._is_a_big_city(ent.text):
            return True  # "Chennai is not alone", which the small model calls an organization
        if ent.label_ in ("PERSON", "ORG") and self._is_postal_code_after_town(doc, ent.start, ent.end):
            return True  # "Austin, TX"
        if ent.label_ == "ORG" and ent.start and doc[ent.start - 1].lower_ in ("from", "to", "at"):
            return self.is_city_or_country_name(ent.text)  # "the 20-year-old from Brampton"
        if ent.label_ in ("PERSON", "ORG") and ent.start and doc[ent.start - 1].lower_ in PLACE_VERBS:
            return self.is_major_place_name(ent.text) or self.is_a_nations_capital(ent.text)  # "Residents fled Mariupol"
        if ent.label_ in ("PERSON", "ORG", "LANGUAGE"):  # "the port of Odesa", which it calls a language
            return self._said_to_be_a_place(doc, ent) and self.is_any_place_name(ent.text)
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
            container = self._name_at(doc, ent.end + 1, self.is_region_name)
            return container is not None or self._is_postal_code(doc[ent.end + 1].text)
        return False

    def _is_postal_code_after_town(self, doc: Doc, start: int, end: int) -> bool:
        """ "Austin, TX": a postal code alone after a capitalized name and a comma. Only there:
        "IN", "OR" and "ME" are words too."""
        return (end == start + 1 and start >= 2 and doc[start - 1].text == ","
                and doc[start - 2].text[:1].isupper() and self._is_postal_code(doc[start].text))

    def _coordinated_places(self, ents: list[Span]) -> list[Span]:
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
                    and all(e.label_ in ("PERSON", "ORG") and self.is_major_place_name(e.text) for e in (first, second))):
                places |= {(first.start, first.end), (second.start, second.end)}
        def joined(ent: Span) -> bool:
            if ent.label_ not in ("PERSON", "ORG"):
                return False
            if a_routes_end(doc, ent, places) and self._is_main_name(ent.text):
                return True
            if not self._may_be_listed(doc, ent.start, ent.text, towns):
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

    def __call__(self, doc: Doc) -> Doc:
        ents = [Span(doc, e.start, e.end, label="GPE") if self._relabel(doc, e) else e for e in doc.ents]
        ents = self._headline_places(doc, ents)
        ents = self._whole_features(doc, ents)
        ents = self._coordinated_places(ents)
        ents = [part for e in ents for part in self._place_after_in(e)]
        ents = [self._over_hyphen(e) for e in ents]
        ents = [part for e in ents for part in self._listed_places(e)]
        datelines = [self._dateline(doc, i) for i in range(len(doc)) if i == 0 or doc[i - 1].text in SENTENCE_ENDS]
        ents = [e for e in ents if not any(d is not None and d.start <= e.start and e.end <= d.end for d in datelines)]
        taken = {i for e in ents for i in range(e.start, e.end)}
        starts = [token.i + 1 for token in doc[:-1] if token.lower_ in LOCATIVE]
        loose = [self._natural_feature(doc, i) for i in range(len(doc)) if i not in taken]
        loose += [self._city_alone(doc, i) for i in range(len(doc)) if i not in taken]
        loose += [self._feature_after_the(doc, i) for i in range(1, len(doc)) if i not in taken]
        loose += [self._defined_name(doc, i) for i in range(len(doc)) if i not in taken]
        loose += [self._region_before_its_kind(doc, i) for i in range(1, len(doc)) if i not in taken]
        place_ends = {e.end for e in ents if e.label_ in PLACE_LABELS}
        towns = {e.start for e in ents if e.label_ == "GPE"}
        loose += [self._joined_to_a_place(doc, i, place_ends, towns) for i in range(2, len(doc)) if i not in taken]
        loose += [Span(doc, i, i + 1, label="GPE") for i in range(2, len(doc))
                  if i not in taken and self._is_postal_code_after_town(doc, i, i + 1)]
        for span in datelines + [self._name_at(doc, i, self.is_any_place_name) for i in starts if i not in taken] + loose:
            if span is not None and not taken.intersection(range(span.start, span.end)):
                ents.append(span)
                taken.update(range(span.start, span.end))
        ents = self._coordinated_places(sorted(ents, key=lambda e: e.start))  # "near Donetsk and Luhansk"
        doc.ents = [e for e in map(self._trimmed, filter_spans(ents))
                    if not names_a_disease(doc, e) and not only_directions(e) and not names_a_road(doc, e)
                    and not a_cut_off_generic_word(e)]
        doc.spans[NESTED] = [span for e in doc.ents if e.label_ == "ORG" for span in self._nested(doc, e)]
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        openings = [i for i in range(len(doc)) if i not in taken and (i == 0 or doc[i - 1].text in SENTENCE_ENDS)]
        doc.spans[OPENERS] = [span for i in openings if (span := self._town_opening(doc, i)) is not None]
        return doc

    def _whole_features(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A natural feature's whole name where NER kept only part of it: "Lake Tanganyika" of
        which the small model calls "Tanganyika" a person, "the Gulf of Aden" of "Aden"; and a
        town's or region's name with "of" or another of NAME_PARTICLES in it that NER cut short or in
        two: "Port of Spain", not "Port" and "Spain"; "Frankfurt am Main", not "Frankfurt"."""
        whole = filter_spans([span for i in range(len(doc))
                              if (span := self._natural_feature(doc, i) or self._name_with_particles(doc, i)) is not None])
        def within(e: Span, f: Span) -> bool:  # "the Bay of" of "the Bay of Bengal" too
            start = e.start + 1 if doc[e.start].lower_ == "the" else e.start
            return f.start <= start and e.end <= f.end and (start, e.end) != (f.start, f.end)
        inside = [(f, [e for e in ents if e.start < f.end and f.start < e.end]) for f in whole]
        cut = [(f, parts) for f, parts in inside if parts and all(within(e, f) for e in parts)]
        dropped = {id(e) for _, parts in cut for e in parts}
        return sorted([e for e in ents if id(e) not in dropped] + [f for f, _ in cut], key=lambda e: e.start)

    def _city_alone(self, doc: Doc, i: int) -> Span | None:
        """A city's (of CITY_MIN_POPULATION), a national capital's or a country's own name that NER
        missed, standing alone: "Shelling hit Kharkiv overnight", "Rescuers reached São Tomé". At a
        sentence's start, where any word is capitalized, only a capital, a country or a city of a
        million the tagger calls a proper noun ("Chennai is running out of water", not "Reading
        is"); not after "the" ("the Woodlands") or beside another capitalized word, where it is
        part of a longer name ("Lansing Community College", "Jackson Pollock")."""
        t = doc[i]
        before = doc[i - 1] if i else None
        opens = before is None or before.text in SENTENCE_ENDS
        if not t.text[:1].isupper() or t.is_upper:
            return None
        if not opens and (before.text[:1].isupper() or before.lower_ in ("the", "a", "an")):
            return None
        span = self._name_at(doc, i, lambda name: self.is_city_or_country_name(name) or self.is_a_nations_capital(name))
        if span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper()):
            return None
        if opens and not (self._is_a_big_name(span.text) and self._opens_with_a_name(doc, i)):
            return None
        return span

    def _town_opening(self, doc: Doc, i: int) -> Span | None:
        """A town's own name that opens a sentence and that NER did not take, which the tagger
        reads as a name: "Aurora lies east of Denver", not "Reading is a pleasure". Only the
        article tells whether it is the town (mapper.recognize.article_rules)."""
        if not doc[i].text[:1].isupper() or doc[i].is_upper:
            return None
        span = self._name_at(doc, i, self._is_main_name)
        if span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper()):
            return None
        tagged = self._tagged(doc, i)
        if tagged is None or len(tagged) < 2:
            return None
        name = tagged[len(span) - 1]
        if name.tag_ in ("NNP", "NNPS"):  # not "Police said", which the tagger calls a noun
            return Span(doc, span.start, span.end, label=OPENING_NAME)
        return None

    def _joined_to_a_place(self, doc: Doc, i: int, place_ends: set[int], towns: set[int]) -> Span | None:
        """A country's, city's or region's own name NER missed right after a place (place_ends:
        where the places found so far end) and "and", "or" or a comma: "across Victoria and New
        South Wales"; not where a longer name goes on."""
        joint = doc[i - 1].lower_ in ("and", "or", ",")
        if not joint or not doc[i].text[:1].isupper():
            return None
        before = i - 2 if doc[i - 2].text != "," else i - 3  # "Victoria, and New South Wales"
        if before + 1 not in place_ends:
            return None
        span = self._name_at(doc, i, lambda text: self._may_be_listed(doc, i, text, towns))
        if span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper()):
            return None
        return span

    def _may_be_listed(self, doc: Doc, start: int, text: str, towns: set[int]) -> bool:
        """A name that, joined to a place, is one too: a country's, city's or region's; or any
        town's or region's own name that counts where a list follows a preposition of place ("in
        Fremantle and Rockingham", "to Le Havre and Felixstowe") and opens with a town or region
        (towns: where NER's or this pass's GPEs start): after "and" or "or", or after a comma where
        the list goes on ("in Leeds, Otley and ..."; not "in Dublin, I said")."""
        if self.is_major_place_name(text):
            return True
        end = start + len(text.split())
        after = doc[end].lower_ if end < len(doc) else ""
        if doc[start - 1].text == "," and after not in (",", "and", "or"):
            return False
        opener = list_opener(doc, start)
        return (after not in SPEECH_VERBS and len(text) > 2 and opener is not None
                and doc[opener].lower_ in LOCATIVE and opener + 1 in towns and self._is_main_name(text))

    def _name_with_particles(self, doc: Doc, i: int) -> Span | None:
        if not doc[i].text[:1].isupper() or (i and doc[i - 1].text[:1].isupper()):
            return None
        span = self._name_at(doc, i, self.is_any_place_name, through_particles=True)
        return span if span is not None and any(t.lower_ in NAME_PARTICLES for t in span) else None

    def _natural_feature(self, doc: Doc, i: int) -> Span | None:
        """A sea, lake or other natural feature the gazetteer knows by its whole name, generic
        word and all, that NER missed: "Fishermen on Lake Victoria say ..."."""
        if not doc[i].text[:1].isupper() or not any(
                t.lower_ in LANDFORM_WORDS for t in doc[i:i + MAX_TOKENS] if t.text[:1].isupper()):
            return None
        span = self._name_at(doc, i, self._is_natural_feature, through_particles=True)
        return Span(doc, span.start, span.end, label="LOC") if span is not None else None

    def _feature_after_the(self, doc: Doc, i: int) -> Span | None:
        """A river or other natural feature known by its bare name, after "the", that NER missed:
        "the Amazon rainforest"; not the start of a longer name ("the Amazon Prime service")."""
        if not after_the(doc, i) or not doc[i].text[:1].isupper():
            return None
        span = self._name_at(doc, i, self._is_bare_feature)
        if span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper()):
            return None
        return Span(doc, span.start, span.end, label="LOC")

    def _defined_name(self, doc: Doc, i: int) -> Span | None:
        """A name NER missed that the text defines as a place: "Hyderabad is a city in Sindh".
        The definition is looked for first, the gazetteer only where one follows."""
        if not doc[i].text[:1].isupper() or (i and doc[i - 1].text[:1].isupper()):
            return None
        end = i + 1
        while end < min(len(doc), i + MAX_TOKENS) and doc[end].text[:1].isupper():
            end += 1
        if not defined_as_a_place(doc, end) or not self.is_any_place_name(doc[i:end].text):
            return None
        return Span(doc, i, end, label="GPE")

    def _headline_places(self, doc: Doc, ents: list[Span]) -> list[Span]:
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
            span = self._name_at(doc, i, self._headline_name)
            if span is None or kept.intersection(range(span.start, span.end)):
                continue
            longer = self._name_at(doc, i, lambda text: self._headline_name(text) or self.is_any_place_name(text))
            if longer.end == span.end:  # not "Iowa" of "Iowa City"
                found.append(Span(doc, span.start, span.end, label="LOC" if self._is_natural_feature(span.text) else "GPE"))
        covered = {i for f in found for i in range(f.start, f.end)}
        return sorted([e for e in ents if not covered.intersection(range(e.start, e.end))] + found, key=lambda e: e.start)

    def _headline_name(self, text: str) -> bool:
        """Not a short word ("Man", Côte d'Ivoire's city), an abbreviation ("Mt.") or a region no
        town is listed in ("Lot", a French department), which a headline capitalizes as any word."""
        if len(text) < 4 or "." in text:
            return False
        return (self.is_city_or_country_name(text) or self._is_natural_feature(text)
                or any(m.exact and m.main_name and m.place.is_region and m.place.population
                       for m in self.store.lookup(text)))

    def _region_before_its_kind(self, doc: Doc, i: int) -> Span | None:
        """A place's name NER missed between "the" and a lower-case word for a region: "fighting in
        the Donetsk region", "the Kaduna state government"."""
        if doc[i - 1].lower_ != "the" or not doc[i].text[:1].isupper():
            return None
        span = self._name_at(doc, i, self.is_any_place_name)
        if span is None or span.end >= len(doc) or not (doc[span.end].is_lower and doc[span.end].text in REGION_WORDS):
            return None
        return span

    def _lone_big_place(self, doc: Doc, ent: Span) -> bool:
        """One word NER calls a person that is a country's or a big city's own name, inside a
        sentence, between words that are no name, and not quoted: "Strikes paralysed Marseille",
        not "Jordan said" nor "coach Jordan"; opening a sentence, only a city of a million. A
        first or last name of the article's people is dropped later (article_rules)."""
        if len(ent) != 1:
            return False
        opens = ent.start == 0 or doc[ent.start - 1].text in SENTENCE_ENDS
        before, after = doc[ent.start - 1] if ent.start else None, doc[ent.end] if ent.end < len(doc) else None
        if not opens and (before.text[:1].isupper() or before.lower_ in PERSON_NOUNS):  # "Mr. Jordan", "coach Jordan"
            return False
        if after is not None and (after.text[:1].isupper() or after.lower_ in SPEECH_VERBS or after.text in ("'s", "’s")):
            return False
        if opens:  # "Córdoba was hit by a heatwave"; not "Jordan was", a country's name that is a man's too
            return self._is_a_big_city(ent.text)
        return any(
            m.exact and (
                (m.main_name and (
                    m.place.is_country
                    or (m.place.is_town and m.place.population >= BIG_CITY_MIN_POPULATION)
                    or (m.place.is_region and m.place.population >= BIG_REGION_MIN_POPULATION)))
                or (m.place.is_town and m.place.population >= BIG_CITY_MIN_POPULATION
                    and spelled_like(ent.text, m.place.name)))
            for m in self.store.lookup(ent.text)
        )

    def _place_after_in(self, ent: Span) -> list[Span]:
        """An organization or site span NER ran on into where it is: "Sheldon Peck Homestead in
        Lombard" is the homestead and the town; else the span as it is."""
        if ent.label_ not in ("ORG", "FAC"):
            return [ent]
        doc = ent.doc
        for k in range(ent.start + 1, ent.end - 1):
            if doc[k].lower_ == "in":
                place = self._name_at(doc, k + 1, self.is_any_place_name, stop=ent.end)
                if place is not None and place.end == ent.end:
                    return [Span(doc, ent.start, k, label=ent.label_), place]
        return [ent]

    def _listed_places(self, ent: Span) -> list[Span]:
        """An organization span that is only a list of cities, countries or regions: "Kharkiv and
        Odesa"; else the span as it is. Not towns ("cousins Dillon and Connor"), and not a person
        span."""
        if ent.label_ != "ORG":
            return [ent]
        parts, start = [], ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or ent.doc[i].lower_ in ("and", ","):
                if i == start:
                    return [ent]
                parts.append(Span(ent.doc, start, i, label="GPE"))
                start = i + 1
        if len(parts) < 2 or not all(p[0].text[:1].isupper() for p in parts):
            return [ent]
        listed = ent.start and ent.doc[ent.start - 1].lower_ in LOCATIVE  # "to Le Havre and Felixstowe"
        known = self._is_named_like_a_place if listed else self.is_major_place_name
        return parts if all(known(p.text) for p in parts) else [ent]

    def _over_hyphen(self, ent: Span) -> Span:
        """A place span NER ended at a hyphen inside a longer place name: "Guinea" of
        "Guinea-Bissau", "Winston" of "Winston-Salem". "Fargo-Moorhead" names no one place and
        stays "Fargo"."""
        doc = ent.doc
        if ent.label_ not in PLACE_LABELS or ent.end + 1 >= len(doc) or doc[ent.end].text != "-":
            return ent
        whole = self._name_at(doc, ent.start, self.is_any_place_name, stop=ent.end + 3)
        return Span(doc, ent.start, whole.end, label=ent.label_) if whole is not None and whole.end > ent.end else ent

    def _trimmed(self, ent: Span) -> Span:
        """A place span the gazetteer does not know, cut to the place name it starts or ends with:
        "Henderson County Jail" -> "Henderson County", "Northeast Georgia" -> "Georgia", "the
        Republic of Ireland" -> "Ireland"."""
        if ent.label_ not in PLACE_LABELS or len(ent) < 2:
            return ent
        described = ((ent[-1].is_lower and ent[-1].lower_ in PLACE_WORDS)
                     or (ent[0].is_lower and ent[0].lower_ in COMPASS_WORDS))
        if self._knows_span(ent.text) and not described:
            return ent  # "Henan province" is Henan, "east Africa" Africa: lower-case words describe, not name
        if ent[0].lower_ in COMPASS_WORDS:
            rest = ent[1:]
            return Span(ent.doc, rest.start, rest.end, label=ent.label_) if self.is_region_name(rest.text) else ent
        kind = 1 if ent[0].lower_ == "the" else 0
        if len(ent) >= kind + 3 and ent[kind].lower_ in _KINDS_OF_A_PLACE and ent[kind + 1].lower_ == "of":
            rest = ent[kind + 2:]  # "the Republic of Ireland" is Ireland, never a town called Republic
            return Span(ent.doc, rest.start, rest.end, label=ent.label_) if self.is_any_place_name(rest.text) else ent
        for stop in range(ent.end - 1, ent.start, -1):
            if ent.doc[stop].lower_ in LANDFORM_WORDS or (
                    stop == ent.end - 1 and ent.doc[stop].lower_ in AREA_WORDS and ent.doc[stop].text[:1].isupper()):
                return ent  # "the Red River" is no river in Red, India, "the Bay Area" no region of Somalia
            if ent.doc[stop].lower_.rstrip(".") in STREET_WORDS:
                continue  # "Decatur Boulevard" is a street, seldom in Decatur
            head = ent.doc[ent.start:stop]
            known = self._is_own_name if len(head) == 1 else self._is_main_name
            if head[-1].text[:1].isupper() and known(head.text):
                if names_a_site(ent.doc[stop:ent.end]) and not self.is_region_name(head.text):
                    return ent  # "Hoover Dam" is not in Hoover, Alabama; "Henderson County Jail" is in the county
                return Span(ent.doc, ent.start, stop, label=ent.label_)
        return ent

    def _dateline(self, doc: Doc, start: int) -> Span | None:
        """ "COLUMBUS, Ohio -" or "BEIRUT: ...": an upper-case place opening a sentence."""
        end = start
        while end < min(len(doc), start + MAX_TOKENS) and (
                (doc[end].is_upper and doc[end].is_alpha)
                or (doc[end].text == "." and end > start and len(doc[end - 1]) <= 3)):  # "ST. PAUL --"
            end += 1
        if end == start or end >= len(doc) or doc[end].text not in DATELINE_ENDS:
            return None
        span = doc[start:end]
        if len(span.text) >= 3 and self.is_any_place_name(span.text):
            return Span(doc, start, end, label="GPE")
        return None

    def _nested(self, doc: Doc, ent: Span) -> list[Span]:
        found = []
        i = ent.start
        while i < ent.end:
            span = self._name_at(doc, i, self.is_region_name, stop=ent.end)
            if span is not None and (span.start, span.end) != (ent.start, ent.end) and self._stands_alone(span, ent):
                found.append(span)
                i = span.end
            else:
                i += 1
        return found

    def _stands_alone(self, span: Span, ent: Span) -> bool:
        """A region's name inside an organization's that starts it or follows a generic word, and
        does not begin a longer place name: not "London" in "the New London Police Department",
        nor "Kansas" in "the Kansas City Council"."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > ent.start else None
        if before is not None and before.text[:1].isupper() and before.lower_ not in GENERIC_WORDS | {"the"}:
            return False
        longer = self._name_at(doc, span.start, self.is_any_place_name, stop=ent.end)
        return longer is None or longer.end <= span.end

    def _name_at(self, doc: Doc, start: int, known: Callable[[str], bool], stop: int | None = None,
                 through_particles: bool = False) -> Span | None:
        """The longest capitalized run at start (up to stop) that known() accepts: "al-Safira",
        "U.S.", "Ohio"; with through_particles, NAME_PARTICLES inside it too ("Strait of Malacca");
        a run never starts with "The"."""
        stop = min(len(doc), len(doc) if stop is None else stop, start + MAX_TOKENS)
        end = start
        while end < stop:
            t = doc[end]
            arabic_article = t.lower_ in ARABIC_ARTICLES and end + 1 < len(doc) and doc[end + 1].text == "-"
            particle = (through_particles and t.lower_ in NAME_PARTICLES and end > start and end + 1 < len(doc)
                  and (doc[end + 1].text[:1].isupper() or doc[end + 1].lower_ in NAME_PARTICLES
                       or doc[end + 1].text == "-"))
            if t.text[:1].isupper() or arabic_article or particle or (t.text in ("-", ".") and end > start):
                end += 1
            else:
                break
        for last in range(end, start, -1):
            span = doc[start:last]
            if span[-1].text[:1].isupper() and span[0].lower_ != "the" and known(span.text):
                return Span(doc, start, last, label="GPE")
        return None
