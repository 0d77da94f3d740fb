"""Names NER runs past their end are cut to the name: a headline's verb, a quote mark, a
possessive joining two names, an acronym's open bracket, a lowercase verb. Short texts
written for these tests; every person named here is invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def names(text: str) -> set[str]:
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    return {e.name for e in extract_entities(parse_text(text))}


def test_a_headline_verb_is_not_part_of_the_name():
    found = names("Tom Hale Accused of Inaction in Harrow Abuse Cases\n\nHale said nothing.")
    assert "Tom Hale" in found
    assert not any("Accused" in n for n in found)


def test_a_quote_mark_ends_a_persons_name():
    found = names("Tovin Hale Slams “Disgraceful Verdict” After Jury Acquits Killer\n\nHale said it.")
    assert "Tovin Hale" in found
    assert not any("“" in n for n in found)


def test_a_possessive_joins_two_names_not_one():
    found = names("The report was written by Harrow Dream’s Reza Marashi.")
    assert "Reza Marashi" in found
    found = names("“We sail in a strange season,” said K9’s Ollo this week, “when the old tides are turning.”")
    assert not any("’s" in n for n in found)
    assert not any("’s" in n for n in found)


def test_an_unclosed_bracket_is_not_part_of_an_organisations_name():
    found = names("The World Health Organization (WHO) said it would send a team.")
    assert "World Health Organization" in found
    assert not any("(" in n for n in found)


def test_a_lowercase_verb_is_not_part_of_a_persons_name():
    found = names("Yet that was the plan. As St Pope Osk IV explained, “Its task will be repair.”")
    assert not any("explained" in n for n in found)


def test_a_title_only_a_person_bears_makes_a_person():
    from slant.analyze.entities.cuts import titled_person
    from slant.analyze.parse import parse_text

    text = "Rabbi Tom Keller and Fr. Weller spoke; Dr. Pepper and Dr. Ann Roe did not."
    doc = parse_text(text)

    def titled(name: str) -> bool:
        span = doc.char_span(text.index(name), text.index(name) + len(name))
        return titled_person(doc, span.start, span.end)

    assert titled("Rabbi Tom Keller")
    assert titled("Fr. Weller")
    assert not titled("Dr. Pepper")  # "Dr." needs a given name and a surname
    assert titled("Dr. Ann Roe")
    assert not titled("Tom Keller")


def test_a_parson_is_a_person_and_his_pronoun_can_be_him():
    from quote_helpers import one, quotes_of

    text = ("Osk Tarnby was arrested on Thursday. “This is a dark day,” Tarnby said. In a "
            "well-known sermon after the flood by Parson Karl Lindqvist, he said that first the water "
            "took the mills.")
    q = one(quotes_of(text), "first the water")
    assert q.speaker is not None and q.speaker.name == "Karl Lindqvist"


def test_a_surname_with_a_title_first_is_one_person_with_the_full_name():
    found = names("Fr. Weller wrote to the bishop.\nThomas Weller, a theologian, said the letter was private.")
    assert [n for n in found if "Weller" in n] == ["Thomas Weller"]


def test_a_platform_is_never_a_person():
    from slant.analyze.entities.types import retype_by_head

    assert retype_by_head("Twitter", "PERSON") == "ORG"
    assert retype_by_head("Tom Hale", "PERSON") == "PERSON"


def test_the_department_of_an_office_is_not_part_of_its_holders_name():
    found = names("Secretary of Homeland Security Kirsten Velm said the harbour was secure. "
                  "The Department of Homeland Security said nothing.")
    assert "Kirsten Velm" in found
    assert not any(n.startswith("Homeland Security K") for n in found)


def test_a_headline_verb_after_an_organisation_is_not_part_of_its_name():
    found = names("US League of Ferry Owners Call For Lower Harbour Fees\n"
                  "The United States League of Ferry Owners passed two motions last month.")
    assert "US League of Ferry Owners" in found
    assert not any("Call For" in n for n in found)


def test_a_title_inside_a_body_s_name_starts_the_person():
    # NER can run a school's name on into its principal's over a line break after "Dr."
    import spacy
    from spacy.tokens import Doc

    from slant.analyze.entities.cuts import person_within

    doc = Doc(spacy.blank("en").vocab, words=["Velmar", "Ridge", "Middle", "School", "Dr.", "Oskin"])
    assert person_within(doc, 0, 6) == 5
    doc = Doc(spacy.blank("en").vocab, words=["Velmar", "Ridge", "Middle", "School"])
    assert person_within(doc, 0, 4) is None


def test_a_title_before_a_name_ner_missed_makes_a_person():
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    doc = parse_text("After several complaints, Police Chief U. Reneé Velm gave conflicting reasons on Monday "
                     "for why she could not suspend the pilot.")
    assert "U. Reneé Velm" in [e.name for e in extract_entities(doc) if e.type == "PERSON"]
    # a title after a title is no name
    doc = parse_text("The board named a new Chief Executive Officer on Friday.")
    assert not [e for e in extract_entities(doc) if e.type == "PERSON"]


def test_a_body_named_by_the_start_of_another_bodys_name_joins_it():
    from slant.analyze.entities.mentions import EntityBuilder
    from slant.analyze.entities.merges import merge_short_bodies

    short = EntityBuilder(name="Velm Conference", type="ORG", mentions=[(90, 105)])
    full = EntityBuilder(name="Velm Conference of Mayors", type="ORG", mentions=[(0, 25)])
    other = EntityBuilder(name="Velm Trust", type="ORG", mentions=[(40, 50)])
    builders = [full, other, short]
    merge_short_bodies(builders)
    assert builders == [full, other] and full.mentions == [(0, 25), (90, 105)]
    # two longer names it could start: neither
    a = EntityBuilder(name="Velm Conference of Mayors", type="ORG", mentions=[(0, 25)])
    b = EntityBuilder(name="Velm Conference for Ports", type="ORG", mentions=[(30, 55)])
    short = EntityBuilder(name="Velm Conference", type="ORG", mentions=[(90, 105)])
    builders = [a, b, short]
    merge_short_bodies(builders)
    assert len(builders) == 3


def test_one_word_used_as_a_common_noun_is_no_name():
    import spacy
    from spacy.tokens import Doc

    from slant.analyze.entities.cuts import common_noun_use

    vocab = spacy.blank("en").vocab
    # "the jargon of …", "a Freemason", "my Congregation": common nouns NER took for names
    doc = Doc(vocab, words=["the", "jargon", "of", "tolerance"], heads=[1, 1, 1, 2],
              deps=["det", "ROOT", "prep", "pobj"])
    assert common_noun_use(doc, 1, 2)
    doc = Doc(vocab, words=["not", "a", "Freemason"], heads=[2, 2, 2], deps=["neg", "det", "ROOT"])
    assert common_noun_use(doc, 2, 3)
    # "a UN estimate" (a modifier), "an FBI agent" (an acronym), "the Pentagon": names
    doc = Doc(vocab, words=["a", "UN", "estimate"], heads=[2, 2, 2], deps=["det", "compound", "ROOT"])
    assert not common_noun_use(doc, 1, 2)
    doc = Doc(vocab, words=["an", "FBI"], heads=[1, 1], deps=["det", "ROOT"])
    assert not common_noun_use(doc, 1, 2)
    doc = Doc(vocab, words=["the", "Pentagon"], heads=[1, 1], deps=["det", "ROOT"])
    assert not common_noun_use(doc, 1, 2)


def test_a_name_in_apposition_with_a_persons_office_is_a_person():
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    text = ("Jean-Clément Velmart, the Old Tarnby Orthodox Archbishop of Osk, gave an "
            "interview. Velmar Freight Company, the owner of the port, said nothing.")
    types = {e.name: e.type for e in extract_entities(parse_text(text))}
    assert types.get("Jean-Clément Velmart") == "PERSON"
    assert types.get("Velmar Freight Company") == "ORG"


@pytest.mark.parametrize("verb", ["Refers", "Recalls", "Thanks"])
def test_more_headline_verbs_after_a_persons_name(verb):
    found = names(f"Tom Hale {verb} to the Board as the Old Guard During a Harrow Speech\n\n"
                  "Hale spoke for an hour.")
    assert "Tom Hale" in found
    assert not any(verb in n for n in found)


def test_an_organisation_named_like_a_headline_verb_keeps_its_name():
    found = names("Shoppers trust Consumer Reports more than ever, a survey found.")
    assert not any(n == "Consumer" for n in found)


def entity_types(text: str) -> dict[str, str]:
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    return {e.name: e.type for e in extract_entities(parse_text(text))}


def test_a_surname_particle_ner_cut_the_name_at_joins_the_name():
    found = names("The office went to Braz de’Orvez and Tomas Ruiz Calvo. This is the Cardinal Braz de’Orvez"
                  " who wasted no time.")
    assert "Braz de’Orvez" in found
    assert "Braz" not in found


def test_a_particle_ner_ended_the_name_on_takes_the_surname_after_it():
    found = names("Marlene von der Hoyen spoke to the committee on Monday.")
    assert "Marlene von der Hoyen" in found
    assert "Hoyen" not in found


def test_a_lowercase_verb_after_a_name_is_no_particle():
    assert "Tom Lee" in names("Did Tom Lee do Velmoria's bidding? Nobody knows.")


def _builders(*rows: tuple[str, str]):
    from slant.analyze.entities.mentions import EntityBuilder

    return [EntityBuilder(name=name, type=etype) for name, etype in rows]


def test_a_place_ner_took_for_a_person_is_the_place_whose_name_it_opens():
    from slant.analyze.entities.merges import retype_places

    found = _builders(("Las Varas", "PERSON"), ("Las Varas Strip", "GPE"), ("Tom Lee", "PERSON"))
    retype_places(found)
    assert [b.type for b in found] == ["GPE", "GPE", "PERSON"]


@pytest.mark.parametrize("rows", [
    (("Ann Hollis", "PERSON"), ("Ann Hollis Square", "LOC")),   # a person a square is named after
    (("Hollis", "PERSON"), ("Hollis Square", "LOC")),           # a surname alone: a person
    (("Las Varas", "PERSON"), ("Las Varas Review", "ORG")),      # an organisation's name, not a place's
    (("Jomo Kariuki", "PERSON"), ("Jomo Kariuki Airport", "LOC")),  # a person a place is named after
    (("King Fadil", "PERSON"), ("King Fadil Port", "LOC")),
])
def test_a_person_whose_name_opens_a_place_stays_a_person_unless_a_place_word_opens_it(rows):
    from slant.analyze.entities.merges import retype_places

    found = _builders(*rows)
    retype_places(found)
    assert found[0].type == "PERSON"


def test_a_name_after_a_title_may_hold_a_hyphen_and_an_apostrophe():
    assert "Omar Al-‘Anwi" in names("The cleric Sheikh Omar Al-‘Anwi gave a speech.")


def test_an_al_surname_ner_cut_off_joins_the_name():
    found = names("Velmorian cleric Sheikh Jarrah Al-‘Oweis delivered a speech in which he spoke of the past.")
    assert "Jarrah Al-‘Oweis" in found


def test_an_initial_ner_ended_a_name_on_is_no_surname_to_find_again():
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    doc = parse_text("A judge in Velmar ordered hearings. U.S. District Judge Mark A Roe, an appointee, had halted"
                     " the deportations. A spokesman said so.")
    starts = {m.start for e in extract_entities(doc) for m in e.mentions if e.type == "PERSON"}
    assert 0 not in starts and doc.text.index("A spokesman") not in starts


def test_a_lowercase_word_ner_ran_into_at_a_names_end_is_cut():
    from spacy.tokens import Span

    from slant.analyze.entities.cuts import clean_span
    from slant.analyze.parse import parse_text

    doc = parse_text("While Democratize Velm later apologized for the post, the damage was done.")
    s, e = clean_span(doc, Span(doc, 1, 4, label="ORG"))
    assert doc[s:e].text == "Democratize Velm"
    doc = parse_text("Ursula von der spoke.")  # a particle stays for the surname after it
    s, e = clean_span(doc, Span(doc, 0, 3, label="PERSON"))
    assert doc[s:e].text == "Ursula von der"
    doc = parse_text("The health ministry said on Monday that Kim Jong-un had left.")  # nouns and names stay
    s, e = clean_span(doc, Span(doc, 1, 3, label="ORG"))
    assert doc[s:e].text == "health ministry"
    k = next(t.i for t in doc if t.text == "Kim")
    s, e = clean_span(doc, Span(doc, k, k + 4, label="PERSON"))
    assert doc[s:e].text == "Kim Jong-un"


def test_a_bodys_name_ner_began_too_late_starts_where_its_acronym_says():
    from slant.analyze.entities.cuts import acronym_start
    from slant.analyze.parse import parse_text

    doc = parse_text("Harbour and Canal Authority (HCA) officials said the port was shut.")
    assert acronym_start(doc, 2, 4) == 0  # NER's "Canal Authority": the name is all four words
    doc = parse_text("Velm and Canal Authority (CA) officials said the port was shut.")
    assert acronym_start(doc, 2, 4) == 2  # the acronym spells the name as found
    doc = parse_text("Harbour and Canal Authority officials said the port was shut.")
    assert acronym_start(doc, 2, 4) == 2  # no acronym, no evidence


def test_a_lowercase_al_the_tokenizer_splits_at_its_hyphen_joins_the_name():
    assert "Jarrah al-Oweis" in names("Velmian cleric Jarrah al-Oweis said the mosque would reopen.")


def test_an_agency_name_ner_cut_at_its_and_is_whole_when_the_article_spells_its_acronym():
    found = names("Meanwhile the dreamers kept on. Customs and Border Protection said the harbour run was "
                  "broken up on Oct. 4. The CBP said more.")
    assert "Customs and Border Protection" in found and "Customs" not in found
    found = names("The FBI and Justice Department said the inquiry would go on.")
    assert "FBI" in found and not any(" and " in n for n in found)  # two bodies side by side


def test_a_spaced_dash_ends_a_persons_name_but_a_hyphen_inside_it_does_not():
    found = names("In her hotel room, Debra Jordan Reyes - Velmont's partner on the show - told the "
                  "Ledger that he changed in 2002. Jean-Pierre Orvan agreed.")
    assert "Debra Jordan Reyes" in found and "Jean-Pierre Orvan" in found
    assert not any("Velmont" in n and "Reyes" in n for n in found)


def test_a_surname_after_someone_elses_given_name_is_not_the_person_named_in_full():
    from slant.analyze.entities.mentions import EntityBuilder, _add_repeated_mentions
    from slant.analyze.parse import parse_text

    text = ("President Tomas Velmont spoke on Monday. On the last day, Ivarka Velmont strode across the "
            "stage in a dress from her own label. Director Velmont thanked her.")
    tomas = EntityBuilder("Tomas Velmont", "PERSON", [(10, 23)])
    _add_repeated_mentions(parse_text(text), [tomas], [(10, 23)])
    starts = [m[0] for m in tomas.mentions]
    assert text.index("Ivarka Velmont") + 7 not in starts  # Ivarka's surname
    assert text.index("Director Velmont") + 9 in starts  # an office before it: Tomas
