"""Names the small NER model missed that the gazetteer finds, for the spaCy component
(mapper.recognize.gazetteer_names):

- A name NER missed that the text defines as a place ("X is a town in ...", "X, a city of ...")
  becomes GPE when the gazetteer knows it.
- A river or other natural feature known by its bare name after "the" ("the Rhine", "the
  Mekong"), or by its whole name ("Lake Victoria"), becomes LOC.
- An upper-case dateline opening a sentence ("COLUMBUS, Ohio -") becomes GPE when the gazetteer
  knows it.
- A city's (100,000 people or more) or a country's own name NER missed mid-sentence, standing
  alone between lower-case words, becomes GPE: "Shelling hit Kharkiv overnight".
- A town's own name NER missed at a sentence's start, which the tagger reads as a name, is kept
  (labelled OPENING_NAME) for the article rules to decide: "Cambridge sits on the Grand River".
"""

from __future__ import annotations

from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span

from mapper.gazetteer.countries import neighbours
from mapper.gazetteer.names import LANDFORM_WORDS, NAME_PARTICLES
from mapper.model import VILLAGE_MAX_POPULATION
from mapper.recognize.demonyms import country_of
from mapper.recognize.name_kinds import COMPASS_WORDS, NameKinds
from mapper.recognize.pipelines import load_tagger
from mapper.recognize.words import (
    DATELINE_ENDS, LOCATIVE, MAX_TOKENS, OF_PLACE_WORDS, POSSESSIVES, RULER_WORDS, SENTENCE_ENDS, SPEECH_VERBS,
    WATER_WORDS, a_region_word_at, after_the, defined_as_a_place, list_opener, name_at, opens_a_compound,
    opens_a_sentence_or_line, runs_on, said_where_it_is, sentence_from, struck_by_a_hazard,
)

OPENING_NAME = "OPENING"
_MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "RB", "VBD", "VBG", "VBN"})  # "landlocked": VBD to the tagger

_LIST_OPENERS = LOCATIVE | {"between"}  # "Ferries between Dublin and Holyhead"
_JOINED_NAME_WORDS = NAME_PARTICLES | {"and", "the"}  # "Saint Vincent and the Grenadines"
_HYPHENATED_NAME_WORDS = NAME_PARTICLES | {"au", "aux"}  # "Port-au-Prince"


class MissedNames:
    def __init__(self, kinds: NameKinds, model: str = ""):
        """model: the spaCy pipeline whose tagger tells a sentence's first word as a name or not;
        without it, a name NER missed there stays missed."""
        self.kinds = kinds
        self.model = model

    @cached_property
    def _tagger(self) -> Language | None:
        """Loaded at the first sentence that needs it: few do."""
        return load_tagger(self.model) if self.model else None

    def _tagged(self, doc: Doc, i: int) -> Doc | None:
        """The sentence that starts at i, as the tagger reads it alone."""
        return self._tagger(sentence_from(doc, i)) if self._tagger is not None else None

    def _opens_with_a_name(self, doc: Doc, i: int) -> bool:
        """The tagger calls the first word of the sentence at i a proper noun: "Chennai is
        running out of water", not "Reading is a town"."""
        if (tagged := self._tagged(doc, i)) is None:
            return False
        # the tagger's guess for a name it does not know; a plural's for one ending in -s ("Barbados")
        if len(tagged) > 1 and tagged[0].tag_ in ("NN", "NNS"):
            if tagged[1].tag_.startswith("VB") or tagged[1].tag_ in ("MD", ","):  # "Bahrain hosted the race"
                return self.kinds.is_a_big_city(doc[i].text) or self.kinds.is_country_name(doc[i].text)
            if tagged[0].tag_ == "NN" and tagged[1].tag_ in ("NN", "NNS") and tagged[1].is_lower:  # "Lagos traffic"
                return self.kinds.is_a_big_city(doc[i].text)
        return len(tagged) > 0 and tagged[0].tag_ in ("NNP", "NNPS")

    def opens_with_a_common_word(self, doc: Doc, i: int) -> bool:
        """The sentence at i opens with a word the tagger, reading it in lower case, calls an
        adjective, an adverb or a participle ("Neighbouring", "Nearby", "Landlocked", "Northern"),
        which opening the sentence alone capitalizes; or a compass word ("Northern")."""
        if not doc[i].is_title:
            return False
        if doc[i].lower_ in COMPASS_WORDS:  # which the tagger calls a proper noun as often
            return True
        if self._tagger is None:
            return False
        text = sentence_from(doc, i)
        tagged = self._tagger(text[:1].lower() + text[1:])
        return len(tagged) > 1 and tagged[0].tag_ in _MODIFIER_TAGS

    def place_after_an_opening_word(self, doc: Doc, i: int) -> Span | None:
        """A country's or region's name NER missed after a common word opening the sentence:
        "Neighbouring Meghalaya and Arunachal Pradesh reported landslides"; not where the two
        words make a longer name ("Little Rock"), nor a city's, which a person's may be ("Young
        Jackson scored")."""
        if i == 0 or not opens_a_sentence_or_line(doc, i - 1):
            return None
        span = name_at(doc, i, self.kinds.is_region_name)
        if (span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper())
                or self.kinds.is_any_place_name(doc[i - 1:span.end].text)
                or not self.opens_with_a_common_word(doc, i - 1)):
            return None
        return span

    def is_struck_or_gone_to(self, text: str) -> bool:
        """A name that, where a place is struck, entered or gone to, is the place: a city's,
        country's or region's, by any of its names ("Normandy", GeoNames' Normandie)."""
        kinds = self.kinds
        return (kinds.is_major_place_name(text) or kinds.is_a_nations_capital(text) or kinds.is_a_city_by_any_name(text)
                or kinds.is_region_by_any_name(text))

    def struck_place(self, doc: Doc, i: int) -> Span | None:
        """A place NER missed where a storm, a quake, a fire or a weapon strikes: "Storms hit
        Brittany" (Bretagne), "Rockets hit Sderot", a town of VILLAGE_MAX_POPULATION or more."""
        return name_at(doc, i, lambda text: self.is_struck_or_gone_to(text) or self.kinds.is_a_town_by_any_name(
            text, VILLAGE_MAX_POPULATION)) if struck_by_a_hazard(doc, i) else None

    def is_postal_code_after_town(self, doc: Doc, start: int, end: int) -> bool:
        """ "Austin, TX": a postal code alone after a capitalized name and a comma. Only there:
        "IN", "OR" and "ME" are words too."""
        return (end == start + 1 and start >= 2 and doc[start - 1].text == ","
                and doc[start - 2].text[:1].isupper() and self.kinds.is_postal_code(doc[start].text))

    def city_alone(self, doc: Doc, i: int) -> Span | None:
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
        kinds = self.kinds
        span = name_at(doc, i, lambda name: kinds.is_city_or_country_name(name) or kinds.is_a_nations_capital(name))
        if span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper()):
            return None
        if opens and not (self.kinds.is_a_big_name(span.text) and self._opens_with_a_name(doc, i)):
            return None
        return span

    def town_opening(self, doc: Doc, i: int) -> Span | None:
        """A town's own name that opens a sentence and that NER did not take, which the tagger
        reads as a name: "Aurora lies east of Denver", not "Reading is a pleasure". Only the
        article tells whether it is the town (mapper.recognize.article_rules)."""
        if not doc[i].text[:1].isupper() or doc[i].is_upper:
            return None
        span = name_at(doc, i, self.kinds.is_main_name)
        if span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper()):
            return None
        tagged = self._tagged(doc, i)
        if tagged is None or len(tagged) < 2:
            return None
        name = tagged[len(span) - 1]
        if name.tag_ in ("NNP", "NNPS"):  # not "Police said", which the tagger calls a noun
            return Span(doc, span.start, span.end, label=OPENING_NAME)
        return None

    def joined_to_a_place(self, doc: Doc, i: int, place_ends: set[int], towns: set[int]) -> Span | None:
        """A country's, city's or region's own name NER missed right after a place (place_ends:
        where the places found so far end) and "and", "or" or a comma: "across Victoria and New
        South Wales"; not where a longer name goes on, but after an abbreviation's full stop, where
        a sentence does ("Peoria, Ill. Thompson said")."""
        joint = doc[i - 1].lower_ in ("and", "or", ",")
        if not joint or not doc[i].text[:1].isupper():
            return None
        before = i - 2 if doc[i - 2].text != "," else i - 3  # "Victoria, and New South Wales"
        if before + 1 not in place_ends:
            return None
        span = name_at(doc, i, lambda text: self.may_be_listed(doc, i, text, towns))
        if span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper() and not span.text.endswith(".")):
            return None
        return span

    def may_be_listed(self, doc: Doc, start: int, text: str, towns: set[int]) -> bool:
        """A name that, joined to a place, is one too: a country's, city's or region's; or any
        town's or region's own name (or its own spelled otherwise: "Avdiivka") that counts where a
        list follows a preposition of place ("in Fremantle and Rockingham", "to Le Havre and
        Felixstowe", "between Dublin and Holyhead") or a hazard's strike ("Storms hit Brittany and
        Normandy") and opens with a town or region
        (towns: where NER's or this pass's GPEs start): after "and" or "or", or after a comma where
        the list goes on ("in Leeds, Otley and ..."; not "in Dublin, I said")."""
        if self.kinds.is_major_place_name(text):
            return True
        end = start + len(text.split())
        after = doc[end].lower_ if end < len(doc) else ""
        if doc[start - 1].text == "," and after not in (",", "and", "or"):
            return False
        opener = list_opener(doc, start)
        return (after not in SPEECH_VERBS and len(text) > 2 and opener is not None
                and (doc[opener].lower_ in _LIST_OPENERS or struck_by_a_hazard(doc, opener + 1)) and opener + 1 in towns
                and self.kinds.is_named_like_a_place(text))

    def name_with_particles(self, doc: Doc, i: int) -> Span | None:
        """A place's name with a particle in it ("Port of Spain", "Frankfurt am Main"), or a
        country's or region's with "and" ("Trinidad and Tobago", "Saint Vincent and the
        Grenadines", "Jammu and Kashmir"), which the small model cuts in two or drops."""
        if not doc[i].text[:1].isupper() or (i and doc[i - 1].text[:1].isupper()):
            return None
        span = name_at(doc, i, self._a_name_with_particles, particles=_JOINED_NAME_WORDS)
        return span if span is not None and any(t.lower_ in _JOINED_NAME_WORDS for t in span[1:-1]) else None

    def _a_name_with_particles(self, text: str) -> bool:
        if " and " in text:  # not "Ohio and Kentucky", nor a town of that name
            return self.kinds.is_region_by_any_name(text)
        return self.kinds.is_any_place_name(text)

    def natural_feature(self, doc: Doc, i: int) -> Span | None:
        """A sea, lake or other natural feature the gazetteer knows by its whole name, generic
        word and all, that NER missed: "Fishermen on Lake Victoria say ..."."""
        if not doc[i].text[:1].isupper() or not any(
                t.lower_ in LANDFORM_WORDS for t in doc[i:i + MAX_TOKENS] if t.text[:1].isupper()):
            return None
        span = name_at(doc, i, self.kinds.is_natural_feature, particles=NAME_PARTICLES)
        return Span(doc, span.start, span.end, label="LOC") if span is not None else None

    def feature_by_its_form(self, doc: Doc, i: int) -> Span | None:
        """A river's or a mountain's whole name that NER missed and the gazetteer lacks (no town of
        it either), known by its form: "The Oconee River was rising"; not inside a longer name
        ("Pearl River County", "Mount Sinai Hospital"), which goes on with a capitalized word."""
        if not doc[i].text[:1].isupper() or (i and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ != "the"):
            return None
        span = name_at(doc, i, _a_river_or_mountain_by_form)
        if (span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper())
                or self.kinds.is_any_place_name(span.text)):  # "Mount Pleasant", a town: NER must say so
            return None
        return Span(doc, span.start, span.end, label="LOC")

    def river_in_lower_case(self, doc: Doc, i: int) -> Span | None:
        """A name with "river", "sea" or "ocean" after it in lower case, after "the": "the Dnipro
        river", "the Aegean sea"; the whole name, known or not, never the city or the country of its
        first word; not a people's word ("the Russian river fleet") nor a compound ("sea ice")."""
        if not after_the(doc, i) or not doc[i].text[:1].isupper():
            return None
        end = i
        while end < min(len(doc), i + MAX_TOKENS) and doc[end].text[:1].isupper():
            end += 1
        if end >= len(doc) or doc[end].text not in WATER_WORDS or country_of(doc[i:end].text):
            return None
        return None if opens_a_compound(doc, end) else Span(doc, i, end + 1, label="LOC")

    def feature_after_the(self, doc: Doc, i: int) -> Span | None:
        """A river or other natural feature known by its bare name, after "the", that NER missed:
        "the Amazon rainforest"; not the start of a longer name ("the Amazon Prime service")."""
        if not after_the(doc, i) or not doc[i].text[:1].isupper():
            return None
        span = name_at(doc, i, self.kinds.is_bare_feature)
        if span is None or (span.end < len(doc) and doc[span.end].text[:1].isupper()):
            return None
        return Span(doc, span.start, span.end, label="LOC")

    def defined_name(self, doc: Doc, i: int) -> Span | None:
        """A name NER missed that the text defines as a place: "Hyderabad is a city in Sindh",
        "Kfar Aza, a kibbutz in southern Israel" (GeoNames' Kfar ‘Azza); or says where it lies or
        what it holds ("Oxford is home to", "Gdansk is located on"). The definition is looked for
        first, the gazetteer only where one follows."""
        if not doc[i].text[:1].isupper() or (i and doc[i - 1].text[:1].isupper()):
            return None
        end = i + 1
        while end < min(len(doc), i + MAX_TOKENS) and doc[end].text[:1].isupper():
            end += 1
        text = doc[i:end].text
        if not (defined_as_a_place(doc, end) or said_where_it_is(doc, end)) or not (
                self.kinds.is_any_place_name(text) or self.kinds.is_a_places_name_by_any_spelling(text)):
            return None
        return Span(doc, i, end, label="GPE")

    def place_after_its_kind(self, doc: Doc, i: int) -> Span | None:
        """A place's name NER missed after a word for its kind, its people or its parts and "of",
        by any of its spellings: "the Greek island of Rhodes" (GeoNames' Ródos), "the port city of
        Sfax", "residents of Port-au-Prince"; or a country's or region's after a ruler's or
        minister's title ("the First Minister of Wales"). Not the start of a longer name ("the city
        of Palo Alto" is taken whole or not at all)."""
        if i < 2 or doc[i - 1].lower_ != "of" or not doc[i].text[:1].isupper():
            return None
        word = doc[i - 2]
        if word.lower_ in OF_PLACE_WORDS and (word.is_lower or i == 2 or doc[i - 3].text in SENTENCE_ENDS):
            # lower case but at a sentence's start: "the Streets of Tucson" may be a mall's name
            span = (name_at(doc, i, self.kinds.is_any_place_name, particles=_HYPHENATED_NAME_WORDS)
                    or name_at(doc, i, self.kinds.is_a_places_name_by_any_spelling, particles=_HYPHENATED_NAME_WORDS))
        elif doc[i - 2].lower_ in RULER_WORDS:  # "the First Minister of Wales", "the Emir of Qatar"
            span = name_at(doc, i, self.kinds.is_region_by_any_name)
        else:
            return None
        if span is None or runs_on(doc, span.end):
            return None
        return Span(doc, span.start, span.end, label="GPE")

    def region_before_its_kind(self, doc: Doc, i: int) -> Span | None:
        """A place's name NER missed between "the" (or a sentence's start) and a lower-case word for
        a region, by any of its spellings: "fighting in the Donetsk region", "the Kaduna state
        government", "the Zaporizhia region" (GeoNames' Zaporizhzhia), "Punjab province flooded"."""
        opens = opens_a_sentence_or_line(doc, i)
        if not (opens or doc[i - 1].lower_ == "the") or not doc[i].text[:1].isupper():
            return None
        kinds = self.kinds
        if opens:  # where any word is capitalized: a region's own name ("Punjab"), not "But state officials"
            span = name_at(doc, i, kinds.is_region_name)
        else:
            span = name_at(doc, i, kinds.is_any_place_name) or name_at(doc, i, kinds.is_a_places_name_by_any_spelling)
        if span is None or not a_region_word_at(doc, span.end):
            return None
        return span

    def town_before_its_region(self, doc: Doc, i: int) -> Span | None:
        """A town's name NER missed before a comma and the region or country that holds a town of
        that name, by any spelling: "bound for Saint John, New Brunswick", "aid reached Hodeidah,
        Yemen" (GeoNames' Al Hudaydah), "Kowloon, China" (or a neighbour of the town's country, where
        borders are drawn otherwise). Not before the region's or country's possessive ("said
        Saleh, Yemen's envoy")."""
        if (not doc[i].text[:1].isupper() or (i and doc[i - 1].text[:1].isupper())
                or not any(t.text == "," for t in doc[i + 1:i + MAX_TOKENS + 1])):  # no lookup without a comma
            return None
        span = name_at(doc, i, self.kinds.is_a_places_name_by_any_spelling)
        if span is None or span.end + 1 >= len(doc) or doc[span.end].text != ",":
            return None
        where = (name_at(doc, span.end + 1, self.kinds.is_region_name)
                 or name_at(doc, span.end + 1, self.kinds.is_country_name))
        if where is None or (where.end < len(doc) and doc[where.end].text in POSSESSIVES):
            return None
        holders = {(m.place.country_code, m.place.admin1 if m.place.is_region else "")
                   for m in self.kinds.store.lookup(where.text)
                   if m.exact and (m.place.is_region or m.place.is_country)}
        towns = [m.place for m in self.kinds.store.lookup(span.text) if m.place.is_town]
        held = {(p.country_code, p.admin1) for p in towns} | {
            (code, "") for p in towns for code in {p.country_code} | neighbours().get(p.country_code, frozenset())}
        return span if holders & held else None

    def alone_on_its_line(self, doc: Doc, start: int) -> Span | None:
        """A city's (of CITY_MIN_POPULATION), country's or region's name that is all its line or
        sentence holds but an aside in brackets: "Wuppertal (remote-option)", a job's, a photo's
        or a list's place, which NER reads in no sentence. Letter for letter, or a proper noun to
        the tagger: a one-word headline "Tour" is no loose spelling of Tours."""
        kinds = self.kinds
        span = name_at(doc, start, lambda name: kinds.is_city_or_country_name(name) or kinds.is_region_name(name))
        if span is None or not (kinds.is_own_name(span.text) or self._opens_with_a_name(doc, start)):
            return None
        end = span.end
        if end < len(doc) and doc[end].text == "(":
            end = next((j + 1 for j in range(end, min(len(doc), end + 12)) if doc[j].text == ")"), None)
            if end is None:  # a bracket left open: no aside
                return None
        if end < len(doc) and doc[end].text == ".":
            end += 1
        return Span(doc, span.start, span.end, label="GPE") if end == len(doc) or doc[end].is_space else None

    def dateline(self, doc: Doc, start: int) -> Span | None:
        """ "COLUMBUS, Ohio -" or "BEIRUT: ...": an upper-case place opening a sentence."""
        end = start
        while end < min(len(doc), start + MAX_TOKENS) and (
                (doc[end].is_upper and doc[end].is_alpha)
                or (doc[end].text == "." and end > start and len(doc[end - 1]) <= 3)):  # "ST. PAUL --"
            end += 1
        if end == start or end >= len(doc) or doc[end].text not in DATELINE_ENDS:
            return None
        span = doc[start:end]
        if len(span.text) >= 3 and self.kinds.is_any_place_name(span.text):
            return Span(doc, start, end, label="GPE")
        return None


def _a_river_or_mountain_by_form(text: str) -> bool:
    """ "Oconee River", "Mount Rainier", "Mt. Hood": a name and its generic word, capitalized."""
    words = text.split()
    return len(words) >= 2 and (words[-1] in ("River", "Creek") or words[0] in ("Mount", "Mt."))
