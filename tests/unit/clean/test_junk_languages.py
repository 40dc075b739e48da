"""Page furniture in Russian, Ukrainian, Italian, German and Spanish, read from each pack's junk.toml.

Every line here is invented. Each pack's cues apply to every article, so a Russian share button
is removed from an English article too; news sentences that merely contain a cue word stay.
"""

from __future__ import annotations

import pytest

from newsfuse.clean import clean_article
from newsfuse.clean.inline import is_credit_line, repair_spacing
from newsfuse.clean.lexicon import cues
from newsfuse.clean.lines import match_line
from newsfuse.clean.repeats import find_repeats
from newsfuse.languages import known_languages, pack
from newsfuse.models import RawArticle


def rule_for(line: str, zone: str = "any") -> str | None:
    rule = match_line(line, zone)  # type: ignore[arg-type]
    return rule.name if rule else None


def test_every_pack_has_junk_cues() -> None:
    for code in ("en", "fr", "ru", "uk", "it", "de", "es"):
        found = pack(code)
        assert found is not None and found.section("junk").get("promo_cues"), code
    assert set(known_languages()) >= {"en", "fr", "ru", "uk", "it", "de", "es"}
    assert "читайте также" in cues("promo_cues") and "lire aussi" in cues("promo_cues")


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Читайте также: В Заречье открыли новый мост через реку", "cross-promotion"),
        ("Читайте также", "cross-promotion"),
        ("Поделиться", "share-prompt"),
        ("Подписывайтесь на наш канал в Телеграме", "share-prompt"),
        ("Реклама", "advertising"),
        ("Все права защищены", "copyright"),
        ("Читайте також: У Заріччі відкрили новий міст", "cross-promotion"),
        ("Поділитися", "share-prompt"),
        ("Підписуйтесь на наш канал", "share-prompt"),
        ("Leggi anche: Il nuovo ponte sul fiume apre a maggio", "cross-promotion"),
        ("Condividi", "share-prompt"),
        ("Iscriviti alla newsletter", "newsletter"),
        ("© RIPRODUZIONE RISERVATA", "copyright"),
        ("Riproduzione riservata", "copyright"),
        ("Lesen Sie auch: Neue Brücke über den Fluss eröffnet", "cross-promotion"),
        ("Mehr zum Thema", "cross-promotion"),
        ("Teilen", "share-prompt"),
        ("Newsletter abonnieren", "newsletter"),
        ("Lea también: El nuevo puente abre en mayo", "cross-promotion"),
        ("Te puede interesar", "cross-promotion"),
        ("Compartir", "share-prompt"),
        ("Suscríbete a nuestro boletín", "newsletter"),
        ("Síguenos en Instagram", "share-prompt"),
        ("Utilizziamo i cookie per migliorare il sito: accetta per continuare", "page-ui"),
        ("Мы используем куки, продолжая, вы даёте согласие", "page-ui"),
        ("Поделиться: ВКонтакте · Одноклассники", "share-prompt"),
        ("Condividi su Facebook · Invia per email", "share-prompt"),
        ("Teilen auf Facebook · Diesen Artikel teilen", "share-prompt"),
        ("Comparte esta noticia", "share-prompt"),
        ("Комментарии (12)", "comment-form"),
        ("Вам также может быть интересно: Новый мост открыт", "cross-promotion"),
        ("Вам також може бути цікаво: Новий міст відкрили", "cross-promotion"),
    ],
)
def test_furniture_in_each_language_is_removed(line: str, rule: str) -> None:
    assert rule_for(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "Фото: Иван Петров / ТАСС",
        "Фото: пресс-служба администрации",
        "Фото: прес-служба ДСНС",
        "Foto: Mario Rossi/ANSA",
        "Foto: Anna Schmidt/dpa",
        "Foto: EFE",
    ],
)
def test_photo_credits_in_each_language(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Спасатели продолжают поиск пропавших жителей посёлка, сообщили в МЧС в среду вечером.",
        "Жители решили поделиться воспоминаниями о наводнении с журналистами местной газеты.",
        "I soccorritori hanno condiviso le immagini del ponte crollato con la stampa locale ieri.",
        "Die Behörden wollen die Kosten für den Wiederaufbau mit dem Land teilen, sagte der Bürgermeister.",
        "Los vecinos pidieron compartir la información sobre los desaparecidos con las familias.",
    ],
)
def test_news_sentences_with_cue_words_stay(line: str) -> None:
    assert rule_for(line) is None
    assert rule_for(line, "edge") is None


def test_furniture_in_another_language_than_the_body() -> None:
    body = [
        "Eighteen people were killed when the dam at Zarechye burst on Sunday night, officials said.",
        "Rescuers searched flooded streets for the missing on Monday as the water began to fall.",
    ]
    text = "\n".join(["Поделиться", body[0], "Читайте также: Новый мост открыт", body[1], "Реклама"])
    article = clean_article(RawArticle(text=text, path="x.txt"), language="en")
    assert article.text == "\n\n".join(body)
    assert {r.rule for r in article.removed} == {"share-prompt", "cross-promotion", "advertising"}


def test_cyrillic_sentences_glued_by_a_scraper_are_split() -> None:
    assert repair_spacing("Вода ушла.Жители вернулись") == "Вода ушла. Жители вернулись"


def test_a_repeated_russian_paragraph_is_found() -> None:
    para = (
        "Восемнадцать человек погибли после прорыва плотины в посёлке Заречье в ночь на воскресенье, "
        "сообщили в региональном управлении МЧС."
    )
    assert find_repeats([para, "Спасатели работают на месте.", para], 0.9) == {2: 0}
