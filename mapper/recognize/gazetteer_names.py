"""A spaCy component that lets the gazetteer correct the small NER model, sentence by sentence:
it repairs the spans NER gave (mapper.recognize.ner_repairs), adds the names NER missed that the
gazetteer finds (mapper.recognize.missed_names, mapper.recognize.name_lists, and here a capitalized name after a locative
preposition: "a factory in al-Safira"), and keeps the places named inside organizations' names
(mapper.recognize.nested_places).

What the gazetteer says a name is, and which places count for these repairs, is
mapper.recognize.name_kinds; what the words around a name say, mapper.recognize.words.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from mapper.gazetteer.store import GazetteerStore, open_store
from mapper.recognize.missed_names import MissedNames
from mapper.recognize.name_lists import towns_listed_alone
from mapper.recognize.name_kinds import NameKinds
from mapper.recognize.nested_places import nested_places
from mapper.recognize.ner_repairs import NerRepairs
from mapper.recognize.words import (
    LOCATIVE, PLACE_LABELS, SENTENCE_ENDS, a_cut_off_generic_word, name_at, names_a_disease, names_a_road,
    only_directions,
)

NESTED = "mapper_nested_places"
# Towns' names opening a sentence that NER did not take: the article rules decide.
OPENERS = "mapper_opening_names"


@Language.factory("mapper_gazetteer_names", default_config={"gazetteer": "", "min_population": 1000, "model": ""})
def make_component(nlp: Language, name: str, gazetteer: str, min_population: int, model: str):
    return GazetteerNames(open_store(Path(gazetteer)), min_population, model)


class GazetteerNames(NameKinds):
    def __init__(self, store: GazetteerStore, min_population: int, model: str = ""):
        """model: the spaCy pipeline whose tagger tells a sentence's first word as a name or not
        (mapper.recognize.missed_names)."""
        super().__init__(store, min_population)
        self.missed = MissedNames(self, model)
        self.repairs = NerRepairs(self, self.missed)

    def __call__(self, doc: Doc) -> Doc:
        repairs, missed = self.repairs, self.missed
        ents = [repairs.without_a_plural_kind(repairs.without_a_zip_code(repairs.after_an_opening_word(
                    repairs.after_an_opening_preposition(e)))) for e in doc.ents]
        ents = repairs.adjoining_halves(ents)
        ents = [Span(doc, e.start, e.end, label="GPE") if repairs.relabel(doc, e) else e for e in ents]
        ents = repairs.headline_places(doc, ents)
        ents = repairs.whole_features(doc, ents)
        ents = repairs.coordinated_places(ents)
        ents = [part for e in ents for part in repairs.place_after_in(e)]
        ents = [repairs.over_hyphen(e) for e in ents]
        ents = [part for e in ents for part in repairs.listed_places(e)]
        ents = towns_listed_alone(doc, ents, self)
        datelines = [missed.dateline(doc, i) for i in range(len(doc)) if i == 0 or doc[i - 1].text in SENTENCE_ENDS]
        ents = [e for e in ents if not any(d is not None and d.start <= e.start and e.end <= d.end for d in datelines)]
        taken = {i for e in ents for i in range(e.start, e.end)}
        starts = [token.i + 1 for token in doc[:-1] if token.lower_ in LOCATIVE]
        # "travelled to the USA" with no full stop, where the small model sees no name at all
        countries_after_the = [token.i + 2 for token in doc[:-2]
                               if token.lower_ in LOCATIVE and doc[token.i + 1].lower_ == "the"]
        loose = [missed.natural_feature(doc, i) for i in range(len(doc)) if i not in taken]
        loose += [missed.feature_by_its_form(doc, i) for i in range(len(doc)) if i not in taken]
        loose += [missed.river_in_lower_case(doc, i) for i in range(1, len(doc)) if i not in taken]
        loose += [missed.city_alone(doc, i) for i in range(len(doc)) if i not in taken]
        loose += [missed.feature_after_the(doc, i) for i in range(1, len(doc)) if i not in taken]
        loose += [missed.defined_name(doc, i) for i in range(len(doc)) if i not in taken]
        loose += [missed.region_before_its_kind(doc, i) for i in range(len(doc)) if i not in taken]
        loose += [missed.place_after_its_kind(doc, i) for i in range(2, len(doc)) if i not in taken]
        loose += [missed.town_before_its_region(doc, i) for i in range(len(doc)) if i not in taken]
        loose += [missed.struck_place(doc, i) for i in range(2, len(doc)) if i not in taken]
        loose += [missed.place_after_an_opening_word(doc, i) for i in range(1, len(doc)) if i not in taken]
        loose += [missed.alone_on_its_line(doc, i) for i in range(len(doc))
                  if i not in taken and (i == 0 or doc[i - 1].is_space)]
        place_ends = {e.end for e in ents if e.label_ in PLACE_LABELS}
        towns = {e.start for e in ents if e.label_ == "GPE"}
        loose += [missed.joined_to_a_place(doc, i, place_ends, towns) for i in range(2, len(doc)) if i not in taken]
        loose += [Span(doc, i, i + 1, label="GPE") for i in range(2, len(doc))
                  if i not in taken and missed.is_postal_code_after_town(doc, i, i + 1)]
        loose += [name_at(doc, i, self.is_country_name) for i in countries_after_the if i not in taken]
        # an island the gazetteer holds as a region, by any of its names, after "on": "tourists on
        # Crete"; not a town's name, which a street's is too ("a shooting on Lincoln")
        loose += [name_at(doc, token.i + 1, self.is_region_by_any_name) for token in doc[:-1]
                  if token.lower_ == "on" and token.i + 1 not in taken
                  and not doc[token.i + 1].is_upper]  # not an acronym: "based on NICE advice"
        # "Flights to Andorra la Vella": the whole name before its first word after "to"
        particles = [missed.name_with_particles(doc, i) for i in range(len(doc)) if i not in taken]
        starts_of_names = [name_at(doc, i, self.is_any_place_name) for i in starts if i not in taken]
        for span in datelines + particles + starts_of_names + loose:
            if span is not None and not taken.intersection(range(span.start, span.end)):
                ents.append(span)
                taken.update(range(span.start, span.end))
        ents = repairs.coordinated_places(sorted(ents, key=lambda e: e.start))  # "near Donetsk and Luhansk"
        doc.ents = [e for e in map(repairs.trimmed, filter_spans(ents))
                    if not names_a_disease(doc, e) and not only_directions(e) and not names_a_road(doc, e)
                    and not a_cut_off_generic_word(e) and not repairs.a_person_speaking(e)
                    and not repairs.a_persons_first_name(e)
                    and not repairs.a_person_described(e)]
        doc.spans[NESTED] = [span for e in doc.ents if e.label_ == "ORG" for span in nested_places(self, doc, e)]
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        openings = [i for i in range(len(doc)) if i not in taken and (i == 0 or doc[i - 1].text in SENTENCE_ENDS)]
        doc.spans[OPENERS] = [span for i in openings if (span := missed.town_opening(doc, i)) is not None]
        return doc
