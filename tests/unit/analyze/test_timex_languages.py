"""Dates in Russian, Ukrainian, Italian, German and Spanish, read from the language packs.

Every sentence here is invented. The reference date is Friday 14 March 2025 throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse import languages
from newsfuse.analyze.timex import find_timexes, month_words, resolve, sentence_tense
from newsfuse.api import clean_articles
from newsfuse.consolidate import assemble_brief
from newsfuse.consolidate.facts import read_articles
from newsfuse.models import RawArticle

FRIDAY = dt.date(2025, 3, 14)


def _dates(sentence: str, language: str, reference: dt.date = FRIDAY) -> list[tuple[str, str | None]]:
    """(expression, TIMEX3 value) of every expression in the sentence, resolved as the pipeline does."""
    out = []
    for m in find_timexes(sentence):
        r = resolve(m.text, reference, tense=sentence_tense(sentence, m.start, language))
        out.append((m.text, r.value if r else None))
    return out


CASES = [
    # weekday alone (with its preposition and in the case it takes)
    ("ru", "В среду депутаты утвердили бюджет города.", [("среду", "2025-03-12")]),
    ("ru", "Во вторник мост закрыли на ремонт.", [("вторник", "2025-03-11")]),
    ("uk", "У четвер мешканці вийшли на протест.", [("четвер", "2025-03-13")]),
    ("uk", "В понеділок школи не працювали.", [("понеділок", "2025-03-10")]),
    ("it", "Mercoledì il consiglio ha approvato il piano.", [("Mercoledì", "2025-03-12")]),
    ("de", "Am Donnerstag stimmte der Rat dem Plan zu.", [("Donnerstag", "2025-03-13")]),
    ("es", "El jueves el ayuntamiento aprobó el plan.", [("jueves", "2025-03-13")]),
    # relative days
    ("ru", "Накануне власти объявили эвакуацию.", [("Накануне", "2025-03-13")]),
    ("ru", "Позавчера в районе отключили свет.", [("Позавчера", "2025-03-12")]),
    ("uk", "Учора в місті відключили воду.", [("Учора", "2025-03-13")]),
    ("uk", "Напередодні рятувальники евакуювали село.", [("Напередодні", "2025-03-13")]),
    ("it", "Ieri sera la strada è stata chiusa.", [("Ieri sera", "2025-03-13TEV")]),
    ("it", "L'altro ieri il fiume è esondato.", [("L'altro ieri", "2025-03-12")]),
    ("de", "Vorgestern fiel in der Stadt der Strom aus.", [("Vorgestern", "2025-03-12")]),
    ("de", "Vergangene Nacht brannte ein Auto.", [("Vergangene Nacht", "2025-03-13TNI")]),
    ("it", "La scorsa notte è crollato un muro.", [("La scorsa notte", "2025-03-13TNI")]),
    ("es", "Anteayer se cortó el agua en el barrio.", [("Anteayer", "2025-03-12")]),
    ("es", "Hoy los vecinos volvieron a sus casas.", [("Hoy", "2025-03-14")]),
    # absolute dates, month in an inflected case
    ("ru", "Пожар начался 12 марта 2025 года.", [("12 марта 2025", "2025-03-12")]),
    ("ru", "Мост открыли 3 марта.", [("3 марта", "2025-03-03")]),
    ("uk", "Пожежа почалася 12 березня.", [("12 березня", "2025-03-12")]),
    ("it", "L'incendio è scoppiato il 12 marzo.", [("12 marzo", "2025-03-12")]),
    ("de", "Das Feuer brach am 12. März 2025 aus.", [("12. März 2025", "2025-03-12")]),
    ("es", "El incendio comenzó el 12 de marzo de 2025.", [("12 de marzo de 2025", "2025-03-12")]),
    # parts of the day, before or after the day, joined to it in German
    ("ru", "В среду вечером на складе начался пожар.", [("среду вечером", "2025-03-12TEV")]),
    ("ru", "Утром во вторник дорогу перекрыли.", [("Утром во вторник", "2025-03-11TMO")]),
    ("ru", "Вчера ночью прошёл сильный дождь.", [("Вчера ночью", "2025-03-13TNI")]),
    ("uk", "У середу увечері спалахнула пожежа.", [("середу увечері", "2025-03-12TEV")]),
    ("uk", "Учора вночі було тихо.", [("Учора вночі", "2025-03-13TNI")]),
    ("it", "Mercoledì sera è scoppiato un incendio.", [("Mercoledì sera", "2025-03-12TEV")]),
    ("it", "La notte di sabato due auto sono state bruciate.", [("notte di sabato", "2025-03-08TNI")]),
    ("de", "Am Mittwochabend brannte eine Halle.", [("Mittwochabend", "2025-03-12TEV")]),
    ("de", "Gestern Abend kam es zu Protesten.", [("Gestern Abend", "2025-03-13TEV")]),
    ("es", "El jueves por la noche hubo disturbios.", [("jueves por la noche", "2025-03-13TNI")]),
    ("es", "La madrugada del miércoles hubo un tiroteo.", [("madrugada del miércoles", "2025-03-12TMO")]),
    ("es", "Anoche murieron dos personas.", [("Anoche", "2025-03-13TNI")]),
    # the night before a day, and night spans
    ("ru", "В ночь на четверг город обстреляли.", [("В ночь на четверг", "2025-03-12TNI")]),
    ("ru", "В ночь с 11 на 12 марта шёл бой.", [("В ночь с 11 на 12 марта", "2025-03-11TNI")]),
    ("uk", "У ніч на середу пролунали вибухи.", [("У ніч на середу", "2025-03-11TNI")]),
    ("de", "In der Nacht zum Freitag fiel Schnee.", [("In der Nacht zum Freitag", "2025-03-13TNI")]),
    (
        "it",
        "Nella notte tra martedì e mercoledì è crollato un ponte.",
        [
            ("Nella notte tra martedì e mercoledì", "2025-03-11TNI"),
        ],
    ),
    # future tense: the weekday leans forward
    ("ru", "В понедельник будет заседание совета.", [("понедельник", "2025-03-17")]),
    ("uk", "У понеділок відбудеться засідання ради.", [("понеділок", "2025-03-17")]),
    ("it", "Lunedì il consiglio voterà il bilancio.", [("Lunedì", "2025-03-17")]),
    ("de", "Am Montag wird der Rat entscheiden.", [("Montag", "2025-03-17")]),
    ("es", "El lunes el consejo votará el presupuesto.", [("lunes", "2025-03-17")]),
    # relative phrases that open with an article or preposition
    ("it", "In serata è arrivata la conferma.", [("In serata", "2025-03-14TEV")]),
    ("es", "La víspera hubo protestas en la capital.", [("La víspera", "2025-03-13")]),
    ("de", "Am Vortag hatte es stark geregnet.", [("Am Vortag", "2025-03-13")]),
    # modifiers: last / next
    ("ru", "В минувшую среду прошёл митинг.", [("минувшую среду", "2025-03-12")]),
    ("it", "Martedì scorso il sindaco si è dimesso.", [("Martedì scorso", "2025-03-11")]),
    ("es", "El próximo lunes se reunirá el consejo.", [("próximo lunes", "2025-03-17")]),
]


@pytest.mark.parametrize(("language", "sentence", "expected"), CASES)
def test_dates_in_every_language(language: str, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _dates(sentence, language) == expected


def test_only_the_clause_of_the_date_counts_for_the_future() -> None:
    # the mayor spoke on Wednesday; what will happen is in another clause
    sentence = "В среду мэр заявил, что мост будет закрыт."
    assert _dates(sentence, "ru") == [("среду", "2025-03-12")]
    assert _dates("El miércoles el alcalde dijo que el puente cerrará.", "es") == [
        ("miércoles", "2025-03-12")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Завод загрязняет окружающую среду.",  # "среду" is the environment here
        "Четверо людей отримали поранення.",  # "четвер" starts "четверо" (four people)
        "Сегодняшний выпуск вышел позже.",  # "сегодня" starts "сегодняшний"
        "Il turista ha viaggiato fino a Santo Domingo.",  # a place, not Sunday
        "Ha parlato con Domenica Rossi.",  # a name
        "Por la mañana los manifestantes llegaron a la plaza.",  # the morning, not tomorrow
        "Mayo es un buen mes para viajar.",  # a month alone names no day
    ],
)
def test_ordinary_words_are_no_dates(sentence: str) -> None:
    found = [(m.text, resolve(m.text, FRIDAY)) for m in find_timexes(sentence)]
    assert [(text, r.day) for text, r in found if r and r.day] == []


def test_a_bare_month_needs_a_day_number() -> None:
    assert find_timexes("Выборы пройдут в мае.") == []
    assert _dates("Выборы прошли 5 мая 2024 года.", "ru") == [("5 мая 2024", "2024-05-05")]


def test_capitals_and_apostrophes() -> None:
    assert _dates("В СРЕДУ ВЕЧЕРОМ ПРОШЁЛ МИТИНГ.", "ru") == [("СРЕДУ ВЕЧЕРОМ", "2025-03-12TEV")]
    assert _dates("У п’ятницю вранці відкрили міст.", "uk") == [("п’ятницю вранці", "2025-03-14TMO")]
    assert _dates("L’altro ieri è crollato un muro.", "it") == [("L’altro ieri", "2025-03-12")]


def test_one_table_of_month_names_for_every_language() -> None:
    months = month_words()
    assert months["марта"] == months["березня"] == months["marzo"] == months["märz"] == months["march"] == 3


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "ru",
            "Пожар на складе\n\nВ среду вечером на складе начался пожар, сообщили спасатели.\n\n"
            "Накануне жители жаловались на запах дыма.",
            [("2025-03-12", "evening"), ("2025-03-13", None)],
        ),
        (
            "uk",
            "Пожежа на складі\n\nУ середу увечері на складі спалахнула пожежа.\n\n"
            "Учора вранці пожежу загасили.",
            [("2025-03-12", "evening"), ("2025-03-13", "morning")],
        ),
        (
            "it",
            "Incendio in un magazzino\n\nMercoledì sera un incendio è scoppiato in un magazzino.\n\n"
            "Ieri mattina le fiamme sono state spente.",
            [("2025-03-12", "evening"), ("2025-03-13", "morning")],
        ),
        (
            "de",
            "Brand in einer Lagerhalle\n\nAm Mittwochabend brach in einer Lagerhalle ein Feuer aus.\n\n"
            "Gestern Morgen wurde das Feuer gelöscht.",
            [("2025-03-12", "evening"), ("2025-03-13", "morning")],
        ),
        (
            "es",
            "Incendio en un almacén\n\nEl miércoles por la noche se declaró un incendio en un almacén.\n\n"
            "Ayer por la mañana las llamas fueron extinguidas.",
            [("2025-03-12", "night"), ("2025-03-13", "morning")],
        ),
    ],
)
def test_the_timeline_is_built_in_every_language(
    language: str, text: str, expected: list[tuple[str, str | None]]
) -> None:
    raw = RawArticle(text=text, path=f"{language}.txt", published=FRIDAY, published_from="metadata")
    brief = assemble_brief(read_articles(clean_articles([raw])))
    assert brief.sources[0].language == language
    assert [(e.date.isoformat(), e.part_of_day) for e in brief.timeline] == expected


PORTUGUESE_PACK = """[pack]
code = "pt"
name = "Portuguese"
script = "latin"
lemmatizer = "simplemma"
numbers = "none"
parser = "none"
"""
PORTUGUESE_DATES = """lowercase_names = true
day_month_links = ["de"]
part_links_after = ["à"]
future_words = ["vai", "vão"]

[weekdays]
"segunda-feira" = 0
"terça-feira" = 1
"quarta-feira" = 2
"quinta-feira" = 3
"sexta-feira" = 4
"sábado" = 5
"domingo" = 6

[months]
"março" = 3

[parts_of_day]
"noite" = "night"
"manhã" = "morning"

[relative_days]
"ontem" = -1
"anteontem" = -2
"hoje" = 0
"""


@pytest.fixture
def portuguese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A toy Portuguese pack in a folder of its own, registered for one test."""
    home = tmp_path / "pt"
    home.mkdir()
    (home / "pack.toml").write_text(PORTUGUESE_PACK, encoding="utf-8")
    (home / "dates.toml").write_text(PORTUGUESE_DATES, encoding="utf-8")
    monkeypatch.setattr(languages, "_FOLDERS", list(languages._FOLDERS))
    languages.add_pack_folder(tmp_path)
    yield
    languages.pack.cache_clear()
    languages.known_languages.cache_clear()


def test_a_new_language_is_a_new_folder(portuguese: None) -> None:
    assert "pt" in languages.known_languages()
    assert _dates("Na quarta-feira à noite houve um incêndio.", "pt") == [
        ("quarta-feira à noite", "2025-03-12TNI")
    ]
    assert _dates("Ontem a ponte foi fechada.", "pt") == [("Ontem", "2025-03-13")]
    assert _dates("O incêndio começou em 12 de março.", "pt") == [("12 de março", "2025-03-12")]
    assert _dates("Na segunda-feira o conselho vai votar.", "pt") == [("segunda-feira", "2025-03-17")]


def test_the_toy_pack_is_gone_after_its_test() -> None:
    assert "pt" not in languages.known_languages()
    assert find_timexes("Ontem a ponte foi fechada.") == []
