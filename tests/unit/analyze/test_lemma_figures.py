"""Figures read by patterns over lemmas (packs with no spaCy parser), on invented sentences."""

from __future__ import annotations

import pytest

from newsfuse.analyze.figures import FigureClaim, extract_figures
from newsfuse.analyze.lemma_figures import extract_text, is_pattern_language
from newsfuse.models import AnalyzedArticle, Article, RawArticle

Row = tuple[str, str, int | None, int | None]


def _claims(text: str, language: str) -> list[FigureClaim]:
    return extract_text(text, language, [(0, len(text))])


def _rows(text: str, language: str) -> list[Row]:
    return [(c.measure, c.victim_class, c.count.lo, c.count.hi) for c in _claims(text, language)]


# (language, sentence, expected rows): qualifiers, number words, measure by noun and by verb, classes
CASES: list[tuple[str, str, list[Row]]] = [
    # Russian
    ("ru", "При взрыве погибли не менее 18 человек.", [("killed", "people", 18, None)]),
    ("ru", "Более сорока человек получили ранения.", [("injured", "people", 41, None)]),
    ("ru", "Число жертв возросло до восемнадцати.", [("killed", "people", 18, 18)]),
    ("ru", "На месте обнаружены 5 погибших.", [("killed", "people", 5, 5)]),
    ("ru", "Десятки протестующих были задержаны.", [("arrested", "protesters", 20, 99)]),
    ("ru", "Двое полицейских погибли.", [("killed", "security_forces", 2, 2)]),
    ("ru", "Около сотни жителей эвакуированы.", [("evacuated", "civilians", 90, 110)]),
    ("ru", "Несколько сотен человек эвакуированы.", [("evacuated", "people", 300, 999)]),
    ("ru", "От 15 до 20 человек пропали без вести.", [("missing", "people", 15, 20)]),
    ("ru", "Погибших — 7, раненых — 30.", [("killed", "people", 7, 7), ("injured", "people", 30, 30)]),
    ("ru", "18-летний водитель погиб 12 марта 2024 года.", []),
    ("ru", "В здании находились 40 человек.", []),
    # Ukrainian
    ("uk", "Внаслідок удару загинули щонайменше 18 людей.", [("killed", "people", 18, None)]),
    ("uk", "Понад двадцятьма пораненими опікуються лікарі.", [("injured", "people", 21, None)]),
    ("uk", "Поранено вісімнадцятьох поліцейських.", [("injured", "security_forces", 18, 18)]),
    ("uk", "Десятки мешканців евакуйовано.", [("evacuated", "civilians", 20, 99)]),
    ("uk", "Загинули троє дітей.", [("killed", "children", 3, 3)]),
    ("uk", "Водій загинув 5 травня 2023 року.", []),
    # Italian
    ("it", "Almeno otto persone sono morte nell'incendio.", [("killed", "people", 8, None)]),
    ("it", "Oltre 40 persone sono rimaste ferite.", [("injured", "people", 41, None)]),
    ("it", "Il bilancio è di dodici morti.", [("killed", "people", 12, 12)]),
    ("it", "Decine di manifestanti sono stati arrestati.", [("arrested", "protesters", 20, 99)]),
    ("it", "Sono morti tre agenti.", [("killed", "security_forces", 3, 3)]),
    ("it", "Circa 300 abitanti sono stati evacuati.", [("evacuated", "civilians", 270, 330)]),
    ("it", "Un uomo di 45 anni è morto il 12 marzo.", []),
    # German
    ("de", "Bei dem Unglück wurden mindestens 18 Menschen getötet.", [("killed", "people", 18, None)]),
    ("de", "Mehr als vierzig Personen wurden verletzt.", [("injured", "people", 41, None)]),
    ("de", "Es gab 18 Tote.", [("killed", "people", 18, 18)]),
    ("de", "Dutzende Demonstranten wurden festgenommen.", [("arrested", "protesters", 20, 99)]),
    ("de", "Rund 30 Menschen kamen ums Leben.", [("killed", "people", 27, 33)]),
    ("de", "Zwei Polizisten wurden verletzt.", [("injured", "security_forces", 2, 2)]),
    ("de", "Ein 45-Jähriger starb am 12. März 2024.", []),
    # Spanish
    ("es", "Al menos 18 personas murieron en el accidente.", [("killed", "people", 18, None)]),
    ("es", "Más de cuarenta personas resultaron heridas.", [("injured", "people", 41, None)]),
    ("es", "El accidente dejó 18 muertos.", [("killed", "people", 18, 18)]),
    ("es", "Decenas de manifestantes fueron detenidos.", [("arrested", "protesters", 20, 99)]),
    ("es", "Unas 300 personas fueron evacuadas.", [("evacuated", "people", 270, 330)]),
    ("es", "Murieron dos niños.", [("killed", "children", 2, 2)]),
    ("es", "Un hombre de 45 años murió el 12 de marzo de 2024.", []),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_counts(language: str, text: str, expected: list[Row]) -> None:
    assert _rows(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "source"),
    [
        ("ru", "По данным МЧС, погибли 18 человек.", "МЧС"),
        ("ru", "Погибли 18 человек, сообщил губернатор Иван Петров.", "губернатор Иван Петров"),
        ("uk", "За даними ДСНС, загинули 18 людей.", "ДСНС"),
        ("it", "Secondo i vigili del fuoco, otto persone sono morte.", "vigili del fuoco"),
        ("it", "Otto persone sono morte, ha detto il sindaco.", "sindaco"),
        ("de", "Laut Polizei wurden 18 Menschen getötet.", "Polizei"),
        ("de", "18 Menschen wurden getötet, teilte die Feuerwehr mit.", "Feuerwehr"),
        ("es", "Según la Cruz Roja, murieron 18 personas.", "Cruz Roja"),
        ("es", "Murieron 18 personas, informó el alcalde.", "alcalde"),
    ],
)
def test_attribution(language: str, text: str, source: str) -> None:
    [claim] = _claims(text, language)
    assert claim.attributed_to == source


@pytest.mark.parametrize(
    ("language", "text", "measure"),
    [
        ("ru", "Никто не пострадал.", "injured"),
        ("ru", "Погибших нет.", "killed"),
        ("it", "Non ci sono feriti.", "injured"),
        ("de", "Es gab keine Toten.", "killed"),
        ("es", "No hubo muertos.", "killed"),
    ],
)
def test_explicit_zero(language: str, text: str, measure: str) -> None:
    """C8: an explicit zero is a claim [0, 0]."""
    assert _rows(text, language) == [(measure, "people", 0, 0)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "18 шахтёров не пострадали."),
        ("it", "Otto persone non sono rimaste ferite."),
        ("es", "Los 18 pasajeros no resultaron heridos."),
        ("de", "18 Menschen wurden nicht verletzt."),
    ],
)
def test_negated_count_is_no_claim(language: str, text: str) -> None:
    assert _claims(text, language) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Погибли 18 человек, в том числе трое детей."),
        ("it", "Sono morte otto persone, tra cui due bambini."),
        ("de", "18 Menschen wurden getötet, darunter drei Kinder."),
        ("es", "Murieron 18 personas, entre ellas tres niños."),
    ],
)
def test_partial_count_inherits_the_measure(language: str, text: str) -> None:
    total, part = _claims(text, language)
    assert (total.measure, total.partial) == ("killed", False)
    assert (part.measure, part.victim_class, part.partial) == ("killed", "children", True)


@pytest.mark.parametrize(
    ("language", "text", "hedged", "superseded"),
    [
        ("ru", "По предварительным данным, погибли 18 человек.", True, False),
        ("ru", "Ранее сообщалось о 15 погибших.", False, True),
        ("it", "Presumibilmente sono morte otto persone.", True, False),
        ("it", "In precedenza si parlava di 15 morti.", False, True),
        ("de", "Mutmaßlich wurden zwölf Menschen getötet.", True, False),
        ("de", "Zuvor war von 15 Toten die Rede.", False, True),
        ("es", "Presuntamente murieron doce personas.", True, False),
        ("es", "Anteriormente se había hablado de 15 muertos.", False, True),
    ],
)
def test_hedged_and_superseded(language: str, text: str, hedged: bool, superseded: bool) -> None:
    [claim] = _claims(text, language)
    assert (claim.hedged, claim.superseded) == (hedged, superseded)


def test_two_counts_keep_their_own_measure() -> None:
    rows = _rows("Otto morti e venti feriti.", "it")
    assert rows == [("killed", "people", 8, 8), ("injured", "people", 20, 20)]
    rows = _rows("При пожаре погибли 5 человек и 12 получили ранения.", "ru")
    assert rows == [("killed", "people", 5, 5), ("injured", "people", 12, 12)]


def test_vague_multiple_is_one_claim() -> None:
    assert _rows("Decine di migliaia di persone sono sfollate.", "it") == [
        ("displaced", "people", 20000, 99999)
    ]
    assert _rows("Десятки тысяч человек эвакуированы.", "ru") == [("evacuated", "people", 20000, 99999)]


def test_offsets_point_at_the_number_phrase() -> None:
    text = "Вчера в Киеве погибли не менее 18 человек."
    [claim] = _claims(text, "ru")
    assert text[slice(*claim.number)] == "не менее 18" == claim.count.text
    assert claim.place == "Киев"


def test_extract_figures_hands_pattern_packs_over() -> None:
    text = "Almeno otto persone sono morte. Oltre 40 persone sono rimaste ferite."
    article = Article(RawArticle(text=text, path="t.txt"), text, None, "it", (), "x")
    analyzed = AnalyzedArticle(article=article, sentences=((0, 31), (32, len(text))))
    assert is_pattern_language("it") and not is_pattern_language("en")
    found = extract_figures(analyzed)
    assert [(c.measure, c.count.lo, c.sentence) for c in found] == [
        ("killed", 8, (0, 31)),
        ("injured", 41, (32, 69)),
    ]


def test_negation_inside_a_qualifier_is_no_negation() -> None:
    assert _rows("Не менее 18 погибших.", "ru") == [("killed", "people", 18, None)]


def test_headline_figures_are_read_unless_the_body_repeats_them() -> None:
    from newsfuse.analyze.figure_context import figures_in_title

    text = "Вчера в городе произошёл взрыв. Погибли 12 человек."
    title = "Взрыв в Киеве: не менее 12 погибших"
    article = Article(RawArticle(text=text, path="t.txt"), text, title, "ru", (), "x")
    [claim] = figures_in_title(AnalyzedArticle(article=article, sentences=((0, 31), (32, len(text)))), [])
    assert (claim.measure, claim.count.lo, claim.count.hi, claim.sentence) == (
        "killed",
        12,
        None,
        (0, len(title)),
    )
    repeated = Article(RawArticle(text=text, path="t.txt"), title + "\n\n" + text, title, "ru", (), "x")
    assert figures_in_title(AnalyzedArticle(article=repeated, sentences=((0, len(title)),)), []) == []


@pytest.mark.parametrize(
    ("language", "text", "scope"),
    [
        ("ru", "С начала войны погибли более 10 000 человек.", "cumulative"),
        ("ru", "В прошлом году при похожем взрыве погибли 7 человек.", "background"),
        ("ru", "Погибли 18 человек.", "incident"),
        ("uk", "З початку війни загинули понад 10 000 людей.", "cumulative"),
        ("it", "Dall'inizio della guerra sono morte oltre 10.000 persone.", "cumulative"),
        ("it", "L'anno scorso un'esplosione simile aveva ucciso 7 persone.", "background"),
        ("de", "Seit Beginn des Krieges wurden mehr als 10.000 Menschen getötet.", "cumulative"),
        ("de", "Vor zwei Jahren starben bei einem ähnlichen Unglück 7 Menschen.", "background"),
        ("es", "Desde el inicio de la guerra han muerto más de 10.000 personas.", "cumulative"),
        ("es", "El año pasado otro ataque dejó 7 muertos.", "background"),
    ],
)
def test_scope_markers_come_from_the_pack(language: str, text: str, scope: str) -> None:
    import datetime as dt

    from newsfuse.consolidate.claim_scope import claim_scope

    [claim] = _claims(text, language)
    story = (dt.date(2025, 3, 12), dt.date(2025, 3, 14))
    assert claim_scope(text, None, story, claim.number, language) == scope
    if scope != "incident":
        assert claim_scope(text, None, story, claim.number) == "incident"  # English markers alone miss it
