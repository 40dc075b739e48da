"""Sentence constructions around a figure (FIGURES.md §A1-A5, A8, A11; C5, C11-C14), one invented
sentence each (made-up places, agencies and people), with near-misses."""

from __future__ import annotations

from newsfuse.analyze import parse_articles
from newsfuse.analyze.figures import FigureClaim, extract_figures, figures_in_title
from newsfuse.models import Article, RawArticle


def _claims(text: str, title: str | None = None) -> list[FigureClaim]:
    article = Article(RawArticle(text=text, path="t.txt", title=title), text, title, "en", (), "x")
    [analyzed] = parse_articles([article])
    body = extract_figures(analyzed)
    return body + figures_in_title(analyzed, body)


def _rows(text: str, title: str | None = None) -> list[tuple[str, int | None, bool]]:
    return [(f.measure, f.count.lo, f.partial) for f in _claims(text, title)]


# §A1 subsets: a second claim marked partial; the total stays its own claim


def test_among_the_killed() -> None:
    found = _claims("Three children were among the 20 killed in the shelling of Vorlan.")
    assert [(f.victim_class, f.count.lo, f.partial) for f in found] == [
        ("children", 3, True),
        ("people", 20, False),
    ]


def test_n_of_them_run_on() -> None:
    assert _rows("Shelling killed 20 people in Vorlan, six of them children.") == [
        ("killed", 20, False),
        ("killed", 6, True),
    ]


def test_including_after_the_verb_and_a_predicate_adjective() -> None:
    assert _rows("Twenty people were killed in Vorlan including six children.") == [
        ("killed", 20, False),
        ("killed", 6, True),
    ]
    assert _rows("Twenty people were dead including five women.") == [
        ("killed", 20, False),
        ("killed", 5, True),
    ]


def test_the_victims_included() -> None:
    assert _rows("The victims included four children.") == [("killed", 4, True)]


def test_a_plain_total_is_not_partial() -> None:
    assert _rows("Twenty people were killed in Vorlan.") == [("killed", 20, False)]


# §A3 toll frames and superseded tolls (C5)


def test_toll_reached_with_a_speaker_after_it() -> None:
    [claim] = _claims("The death toll from the flooding in Vorlan reached 40 the Tamsk Agency said.")
    assert (claim.measure, claim.count.lo, claim.attributed_to) == ("killed", 40, "Tamsk Agency")


def test_verbless_headline_toll() -> None:
    [claim] = _claims("Death toll from Vorlan blast at least 30")
    assert (claim.measure, claim.count.lo, claim.count.hi, claim.victims) == ("killed", 30, None, "people")


def test_earlier_toll_is_superseded() -> None:
    found = _claims("The ministry said 33 people died updating an earlier toll of 21.")
    assert [(f.count.lo, f.superseded) for f in found] == [(33, False), (21, True)]


def test_risen_to_after_toll_in_the_sentence() -> None:
    assert _rows("The toll from the quake in Vorlan has risen to 70.") == [("killed", 70, False)]


def test_a_number_of_shops_is_no_toll() -> None:
    assert _rows("The blast damaged a number of shops and two parked cars.") == []


# §A4 ellipsis: the second count keeps the first's victims ("another M", "M more", bare "M wounded")


def test_second_count_with_its_verb_dropped() -> None:
    for text in (
        "Twelve soldiers were killed and 30 wounded in Vorlan.",
        "Twelve soldiers were killed and another 30 wounded.",
    ):
        found = _claims(text)
        assert [(f.measure, f.victim_class, f.count.lo) for f in found] == [
            ("killed", "security_forces", 12),
            ("injured", "security_forces", 30),
        ]


def test_combined_count_is_other() -> None:  # §A7: neither killed nor injured
    assert _rows("At Least 48 Killed and Injured in Vorlan Mortar Attacks") == [("other", 48, False)]


# §A5 / §A11 attribution


def test_post_posed_speaker_without_comma() -> None:
    [claim] = _claims("The blast in Vorlan wounded more than 30 people said the Tamsk Agency.")
    assert (claim.measure, claim.count.lo, claim.attributed_to) == ("injured", 31, "Tamsk Agency")


def test_told_outlet_at_the_end() -> None:
    [claim] = _claims("The blast killed 12 people the governor told Radio Pelk.")
    assert claim.attributed_to == "governor"


def test_accusation_frames_are_the_speakers_voice() -> None:
    for text in (
        "The Ostrava Front blames the army for the attack which it says killed 18 civilians.",
        "The army rejected the claim by the Ostrava Front that 18 civilians were killed.",
        "The Ostrava Front accused the army of an attack that killed 18 civilians.",
        "The Ostrava Front accuses the army of killing 18 civilians.",
    ):
        [claim] = _claims(text)
        assert claim.attributed_to == "Ostrava Front", text


def test_perpetrator_claiming_responsibility_is_no_source() -> None:
    [claim] = _claims("The Pelk Brigade claimed responsibility for an attack that killed 14 soldiers.")
    assert claim.attributed_to is None


def test_people_in_an_area_not_the_area() -> None:
    [claim] = _claims("Residents in the area said 14 people died.")
    assert claim.attributed_to == "Residents"


# C12 hedged, C13 footage


def test_hedged_in_the_outlets_voice() -> None:
    for text in (
        "Nine people were reportedly killed in Vorlan.",
        "Nine people were reported killed in Vorlan.",
        "Nine people are said to have been killed in Vorlan.",
    ):
        [claim] = _claims(text)
        assert (claim.attributed_to, claim.hedged) == (None, True), text
    [named] = _claims("Nine people were killed in Vorlan, police said.")
    assert (named.attributed_to, named.hedged) == ("police", False)


def test_footage_is_the_source() -> None:
    [claim] = _claims("Images showed seven wounded men in a clinic.")
    assert (claim.measure, claim.attributed_to) == ("injured", "images")


# §A2 the top of the body


def test_byline_and_headline_run_into_the_lead() -> None:
    text = (
        "Posted on May 3 2016 by Pelk News Daily Bomb kills 9 in Vorlan "
        "At least nine people died on Tuesday the army said."
    )
    found = _claims(text)
    assert [(f.count.lo, f.count.hi, f.attributed_to) for f in found] == [(9, 9, None), (9, None, "army")]


def test_dateline_is_furniture_but_a_date_in_the_lead_stays() -> None:
    found = _claims(
        "Published September 15 2016 Twenty-three civilians were killed in Vorlan on Thursday a monitor said."
    )
    assert [(f.count.lo, f.attributed_to) for f in found] == [(23, "monitor")]


def test_title_repeated_in_the_body_is_one_claim() -> None:
    text = "Blast kills 9 in Vorlan\n\nThe blast happened at noon."
    assert _rows(text, title="Blast Kills 9 in Vorlan") == [("killed", 9, False)]


def test_title_figure_restated_in_other_words_is_its_own_claim() -> None:
    text = "Nine people were killed when a blast tore through a market in Vorlan on Monday."
    assert _rows(text, title="Market blast kills 9 in Vorlan") == [("killed", 9, False), ("killed", 9, False)]


# C11 generic source descriptions


def test_generic_source_resolved_to_the_organisation_named_before() -> None:
    text = (
        "The Kestrel Observatory for Human Rights said nine civilians died. "
        "Another 27 people were killed in raids the Britain-based group added."
    )
    assert [f.attributed_to for f in _claims(text)] == ["Kestrel Observatory for Human Rights"] * 2


def test_generic_source_in_the_lead_resolved_to_the_organisation_named_after() -> None:
    text = (
        "Shelling killed four people in Vorlan on Sunday a monitoring group said. "
        "The Kestrel Observatory for Human Rights said two of the dead were children."
    )
    assert [f.attributed_to for f in _claims(text)] == ["Kestrel Observatory for Human Rights"] * 2
    near = "Shelling killed four people in Vorlan a monitoring group said. The mayor opened the Vorlan Club."
    assert [f.attributed_to for f in _claims(near)] == ["monitoring group"]


def test_generic_source_kept_as_written_when_nothing_is_named() -> None:
    [claim] = _claims("Twelve people died in Vorlan a monitor said.")
    assert claim.attributed_to == "monitor"


# more subsets, the victims of an elided clause, headline tags


def test_subsets_run_on_after_the_total() -> None:
    found = _claims("Troops executed 48 people in a northern village among them 10 children.")
    assert [(f.count.lo, f.victim_class, f.partial) for f in found] == [
        (48, "people", False),
        (10, "children", True),
    ]
    found = _claims(
        "Rebel fire killed 1102 people said the Tamsk Agency adding that 234 of them were children."
    )
    assert [(f.count.lo, f.victim_class, f.partial) for f in found] == [
        (1102, "people", False),
        (234, "children", True),
    ]


def test_coordinated_subsets_among_the_killed() -> None:
    found = _claims("The agency said 10 children and 13 rebels were among 48 people executed by troops.")
    assert [(f.count.lo, f.partial) for f in found] == [(10, True), (13, True), (48, False)]


def test_total_before_among_them_is_not_partial() -> None:
    found = _claims("Shells hit Vorlan killing three persons among them a woman.")
    assert [(f.count.lo, f.partial) for f in found] == [(3, False), (1, True)]


def test_elided_victims_are_the_objects_not_the_attacker() -> None:
    found = _claims("Artillery fire killed two people and wounded nine others in Vorlan.")
    assert [(f.measure, f.victims) for f in found] == [("killed", "people"), ("injured", "people")]


def test_headline_tags_name_the_source() -> None:
    text = "Police: 40 killed in Vorlan blast At least 40 people were killed in Vorlan officials said."
    found = _claims(text)
    assert [(f.count.lo, f.count.hi, f.attributed_to) for f in found] == [
        (40, 40, "Police"),
        (40, None, "officials"),
    ]
    text = (
        "Blast Kills 12 In Vorlan Tamsk Agency Tuesday 3 May 2016 At least 12 people were killed in Vorlan."
    )
    found = _claims(text)
    assert [(f.count.hi, f.attributed_to) for f in found] == [(12, "Tamsk Agency"), (None, None)]


def test_date_bridge_between_headline_and_lead() -> None:
    text = (
        "10 civilians killed 15 injured in attacks on Vorlan 6 September 2016 "
        "Tamsk reporter in Vorlan said that 6 civilians were killed."
    )
    found = _claims(text)
    assert [(f.count.lo, f.attributed_to) for f in found] == [(10, None), (15, None), (6, "Tamsk reporter")]


def test_sentence_final_reporters() -> None:
    text = (
        "Five civilians were also killed by bombs that landed on Brask the observatory reported on Thursday."
    )
    assert [f.attributed_to for f in _claims(text)] == ["observatory"]
    text = "Airstrikes killed 20 civilians in Vorlan on Monday the Tamsk Live Network (TLN) reported."
    assert [f.attributed_to for f in _claims(text)] == ["Tamsk Live Network"]


def test_per_place_enumeration_with_the_verb_once() -> None:
    found = _claims("Forty bodies were counted in Varnok 12 in Tessel 9 in Brann.")
    assert [(f.count.lo, f.place, f.partial) for f in found][1:] == [(12, "Tessel", True), (9, "Brann", True)]
    found = _claims("Thirty people were killed in the area: 20 in Vorlan and another 10 in Tessik.")
    assert [(f.count.lo, f.place, f.partial) for f in found] == [
        (30, None, False),
        (20, "Vorlan", True),
        (10, "Tessik", True),
    ]


def test_quoted_speech_across_sentences() -> None:
    found = _claims('"Twelve people died in the blast. We fear more are trapped" the governor said.')
    assert [f.attributed_to for f in found] == ["governor"]
    found = _claims('The governor said. "Twelve people died in the blast."')
    assert [f.attributed_to for f in found] == ["governor"]


def test_said_source_updating_an_earlier_toll() -> None:
    found = _claims("Thirty people were killed said the ministry updating an earlier toll of 21.")
    assert [(f.count.lo, f.attributed_to, f.superseded) for f in found] == [
        (30, "ministry", False),
        (21, "ministry", True),
    ]


def test_a_single_member_of_a_list() -> None:
    found = _claims("Shelling killed three civilians and a soldier in Vorlan.")
    assert [(f.count.lo, f.victim_class, f.partial) for f in found] == [
        (3, "civilians", False),
        (1, "security_forces", True),
    ]
    found = _claims("Twelve people were killed and a child critically wounded.")
    assert [(f.measure, f.count.lo, f.partial) for f in found] == [
        ("killed", 12, False),
        ("injured", 1, True),
    ]


def test_leaving_n_dead_with_a_dash_parenthetical() -> None:
    text = (
        "Clashes have rocked the city leaving 23 civilians - including nine children - dead "
        "according to the Tamsk Observatory."
    )
    found = _claims(text)
    assert [(f.measure, f.count.lo, f.partial, f.attributed_to) for f in found] == [
        ("killed", 23, False, "Tamsk Observatory"),
        ("killed", 9, True, "Tamsk Observatory"),
    ]


def test_those_killed_included() -> None:
    [claim] = _claims("The media centre said those killed included 11 people from one family.")
    assert (claim.measure, claim.count.lo, claim.partial) == ("killed", 11, True)


def test_the_counted_are_not_part_of_the_speakers_name() -> None:
    [claim] = _claims(
        "Airstrikes on Vorlan killed at least 36 people including children opposition activists said."
    )
    assert claim.attributed_to == "opposition activists"


def test_a_second_count_is_not_part_of_the_first() -> None:
    assert _rows("At least six children were killed and 15 injured in rocket attacks on Vorlan.") == [
        ("killed", 6, False),
        ("injured", 15, False),
    ]


def test_lower_case_headline_tag() -> None:
    text = (
        "Rebel fire kills 3 Vorlan schoolchildren state media AFP Thursday 27 Oct 2016 "
        "At least three children were killed in a rocket attack on a school."
    )
    found = _claims(text)
    assert [(f.count.hi, f.attributed_to) for f in found] == [(3, "state media"), (None, None)]
    assert "state media" not in found[0].victims


def test_near_misses_for_speakers() -> None:
    [claim] = _claims(
        "Another five people were killed in a raid on the neighbourhood of Sheikh Said it said."
    )
    assert claim.attributed_to is None  # "it" has no named antecedent; the figure's own subject is none
    [claim] = _claims("The airstrikes have claimed hundreds of lives wounded many others.")
    assert claim.attributed_to is None  # "claimed … lives" states a toll, nobody claims it


def test_count_run_into_the_speaker_after_it() -> None:
    [claim] = _claims("A gunman opened fire on a home on Sunday killing six people officials said.")
    assert (claim.measure, claim.count.lo, claim.victims, claim.attributed_to) == (
        "killed",
        6,
        "people",
        "officials",
    )


def test_a_hedge_on_something_else_is_no_hedge() -> None:
    [claim] = _claims("The four people who were killed in the attack are believed to be from one village.")
    assert claim.hedged is False


def test_an_age_is_no_counted_list() -> None:
    text = (
        "Two others were stabilized, a 17-year-old boy shot in the face "
        "and an 18-year-old man shot in the arm."
    )
    assert all(not f.partial for f in _claims(text) if f.count.lo == 1)


def test_label_on_a_headline_paragraph() -> None:
    text = "Police: 6 killed after Vorlan party\n\nA gunman opened fire on a home on Sunday."
    assert [(f.count.lo, f.victims, f.attributed_to) for f in _claims(text)] == [(6, "people", "Police")]


def test_city_dateline_is_no_victim() -> None:
    text = "BRASK (TNA) – Five people were killed and at least 17 others were wounded in shootings on Friday."
    assert [(f.measure, f.count.lo, f.victims) for f in _claims(text)] == [
        ("killed", 5, "people"),
        ("injured", 17, "people"),
    ]


def test_title_case_title_given_apart() -> None:
    found = _claims(
        "A gunman opened fire inside a barbershop.", title="1 Dead, 3 Hurt Vorlan Barbershop Shooting"
    )
    assert [(f.measure, f.count.lo, f.victims) for f in found] == [
        ("killed", 1, "people"),
        ("injured", 3, "people"),
    ]


def test_inverted_speakers_at_the_end() -> None:
    for text, who in (
        ("Fourteen soldiers were killed said the statement which was read on television.", "statement"),
        ("Nine people were killed in the blast reported the Tamsk Agency.", "Tamsk Agency"),
    ):
        assert [f.attributed_to for f in _claims(text)] == [who], text
    # near-misses: a listener or a thing is no speaker
    for text in (
        "Police arrested two men and told reporters the suspects were armed.",
        "Police arrested two men and reported the incident to prosecutors.",
    ):
        assert [f.attributed_to for f in _claims(text)] == [None], text


def test_part_of_the_wounded_in_critical_condition() -> None:
    found = _claims("Twenty people were wounded. Four of the wounded were in critical condition.")
    assert [(f.measure, f.count.lo, f.partial, f.victims) for f in found] == [
        ("injured", 20, False, "people"),
        ("injured", 4, True, "wounded in critical condition"),
    ]


def test_lead_printed_twice_is_read_once() -> None:
    text = (
        "A blast killed nine people in Vorlan on Monday police said "
        "A blast killed nine people in Vorlan on Monday police said."
    )
    assert [(f.count.lo, f.attributed_to) for f in _claims(text)] == [(9, "police")]


def test_single_member_among_the_dead() -> None:
    found = _claims("Among the martyrs were a child and two women the Tamsk news agency reported.")
    assert [(f.count.lo, f.victim_class, f.partial, f.attributed_to) for f in found] == [
        (1, "children", True, "Tamsk news agency"),
        (2, "other", True, "Tamsk news agency"),  # women: C9
    ]


def test_the_attack_src_says_killed() -> None:
    [claim] = _claims("The attack the Ostrava Front says killed 18 civilians was condemned.")
    assert (claim.measure, claim.count.lo, claim.attributed_to) == ("killed", 18, "Ostrava Front")


def test_previous_toll_with_others_injured() -> None:
    found = _claims("The previous death toll was 25 with 40 others injured.")
    assert [(f.measure, f.count.lo, f.superseded) for f in found] == [
        ("killed", 25, True),
        ("injured", 40, False),
    ]
    [plain] = _claims("The death toll was 25 on Monday.")
    assert (plain.measure, plain.superseded) == ("killed", False)


def test_reports_in_a_source_and_in_a_place() -> None:
    text = (
        "The announcement came after earlier reports in the local media that police had opened fire "
        "on protesters in the city of Vorlan, killing at least one person."
    )
    assert [f.attributed_to for f in _claims(text)] == ["local media"]
    assert [f.attributed_to for f in _claims("Reports in Vorlan say five people died.")] != ["Vorlan"]


def test_a_negated_measure_states_no_count() -> None:
    assert _rows("Two men who were travelling in the car with the victim were not injured.") == []
    assert _rows("Five people were killed and two were not hurt.") == [("killed", 5, False)]


def test_the_toll_a_source_confirmed_is_a_whole_toll_in_its_voice() -> None:
    [claim] = _claims("That is three more than the 14 deaths confirmed by the Orlek fire service.")
    assert (claim.count.lo, claim.partial, claim.attributed_to) == (14, False, "Orlek fire service")
    [part] = _claims("The two soldiers died on Monday.")
    assert part.partial


# §A1/§A4 lists: every count of a coordinated or run-on list takes the measure of the first


def test_a_coordinated_second_count_shares_the_frame() -> None:
    found = _claims("The fighting in Dorvel claimed the lives of 40 soldiers and 25 rebels last week.")
    assert [(f.measure, f.victim_class, f.count.lo) for f in found] == [
        ("killed", "security_forces", 40),
        ("killed", "armed_group", 25),
    ]


def test_a_conjunct_of_an_uncounted_noun_is_no_figure() -> None:
    text = "She was charged with two counts of unlawful use of a weapon and one count of reckless conduct."
    assert _claims(text) == []


def test_a_run_on_including_list_is_all_partial() -> None:
    found = _claims(
        "The Kestrel Watch recorded the killing of 900 civilians including 200 children 90 women and 40 men."
    )
    assert [(f.measure, f.count.lo, f.partial) for f in found] == [
        ("killed", 900, False),
        ("killed", 200, True),
        ("killed", 90, True),
        ("killed", 40, True),
    ]


def test_a_list_not_after_including_is_not_partial() -> None:
    found = _claims("Police in Dorvel arrested 12 men and 30 women on Sunday.")
    assert [(f.measure, f.count.lo, f.partial) for f in found] == [
        ("arrested", 12, False),
        ("arrested", 30, False),
    ]
    assert _claims("The mayor met 12 men and 30 women in Dorvel.") == []


def test_along_with_shares_the_partner_measure() -> None:
    found = _claims("Nine pupils were killed along with two teachers in the strike on Dorvel.")
    assert [(f.measure, f.count.lo) for f in found] == [("killed", 9), ("killed", 2)]
    assert _claims("The governor arrived in Dorvel along with two teachers.") == []


def test_a_list_after_among_them_takes_the_total_measure() -> None:
    found = _claims("The Kestrel Watch gave a toll of 30 dead among them 12 children and three nurses.")
    assert [(f.measure, f.count.lo, f.partial) for f in found] == [
        ("killed", 30, False),
        ("killed", 12, True),
        ("killed", 3, True),
    ]
    assert _claims("The mayor of Dorvel greeted 30 guests among them 12 children.") == []


# §A4/§A9 a count the NER reads as money without a currency is a count


def test_a_moneyless_money_entity_is_a_count() -> None:
    found = _claims("In Dorvel 20000 people have been killed and more than 3 million displaced since 2019.")
    assert [(f.measure, f.count.lo) for f in found] == [("killed", 20000), ("displaced", 3000001)]
    assert _claims("Donors in Dorvel pledged 3 million dollars.") == []


# §A1 "leaving N X (- including M Y -) dead" with the state word hung far off; an attempt is no measure


def test_leaving_dead_after_a_dash_parenthetical() -> None:
    found = _claims(
        "Clashes between the two militias have rocked Dorvel leaving 14 civilians"
        " - including three children - dead according to the Kestrel Watch."
    )
    assert [(f.measure, f.count.lo, f.partial) for f in found] == [("killed", 14, False), ("killed", 3, True)]
    assert _claims("Clashes have rocked Dorvel leaving 14 civilians homeless.") == []


def test_people_trying_to_flee_are_not_displaced() -> None:
    found = _claims("Jets killed at least 30 villagers trying to flee the fighting in Dorvel.")
    assert [(f.measure, f.count.lo) for f in found] == [("killed", 30)]
    found = _claims("Thousands of villagers forced to flee Dorvel reached the border.")
    assert [f.measure for f in found] == ["displaced"]


# §A7 measure vocabulary: "hundreds of lives" after a life-taking verb; a count stranded before its verb


def test_lives_claimed_before_another_verb_are_killed() -> None:
    found = _claims("The raids on Dorvel have claimed hundreds of lives wounded many others and razed homes.")
    assert [(f.measure, f.count.lo) for f in found] == [("killed", 200)]
    assert _claims("Medics in Dorvel saved hundreds of lives.") == []


def test_a_count_stranded_before_its_measure_verb() -> None:
    found = _claims("The Kestrel Watch listed 40 reporters killed along with 12 were kidnapped in Dorvel.")
    assert [(f.measure, f.count.lo) for f in found] == [("killed", 40), ("kidnapped", 12)]
    found = _claims("Clashes between the two militias have rocked Dorvel since Monday.")
    assert found == []
