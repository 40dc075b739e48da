"""Words that page furniture is made of, in the languages newsfuse meets most.

Learned from what trafilatura leaves behind on the article-extraction-benchmark and
trafilatura-eval sets (English, German, French, Spanish, Portuguese, Italian, Polish, Russian,
Ukrainian, Indonesian pages) and from scraped news text. Data only: lines.py turns it into rules.

The cues of each language with a pack live in its `junk.toml` (packs/<code>/junk.toml); the few
languages met on pages that have no pack yet (Portuguese, Polish, Indonesian, Korean) keep theirs
in `_UNPACKED` below. Every language's cues apply to every article, whatever its language: a
page's menus, share buttons and credits are often in another language than its body.
"""

from __future__ import annotations

import re

from newsfuse.languages import calendar_pattern, known_languages, pack


def alternation(words: str) -> str:
    """A regex alternation of the '|'-separated phrases, longest first, spaces flexible."""
    phrases = sorted({w.strip() for w in words.split("|") if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


LANGUAGE_CODES = set(
    [
        "en",
        "ru",
        "ua",
        "uk",
        "fr",
        "de",
        "es",
        "it",
        "pt",
        "pl",
        "ar",
        "zh",
        "cn",
        "ja",
        "jp",
        "ko",
        "kr",
        "kz",
        "kk",
        "tr",
        "nl",
        "sv",
        "se",
        "fi",
        "no",
        "nb",
        "da",
        "dk",
        "cs",
        "cz",
        "sk",
        "hu",
        "ro",
        "bg",
        "el",
        "gr",
        "he",
        "il",
        "fa",
        "hi",
        "ka",
        "ge",
        "hy",
        "am",
        "az",
        "be",
        "by",
        "lt",
        "lv",
        "et",
        "ee",
        "sr",
        "rs",
        "hr",
        "sl",
        "si",
        "bs",
        "mk",
        "sq",
        "al",
        "uz",
        "ky",
        "kg",
        "tg",
        "tk",
        "mn",
        "id",
        "ms",
        "vi",
        "vn",
        "th",
        "ur",
        "bn",
        "ta",
        "ca",
        "eu",
        "gl",
        "ga",
        "cy",
        "is",
        "lb",
        "mt",
        "sw",
    ]
)
LANGUAGE_NAMES = (
    "english|français|francais|deutsch|español|espanol|italiano|português|portugues|polski|"
    "nederlands|русский|українська|украинская|қазақша|казахский|中文|简体中文|繁體中文|日本語|한국어|"
    "العربية|türkçe|română|magyar|čeština|ελληνικά|עברית|فارسی|беларуская|ქართული|հայերեն|"
    "o'zbekcha|azərbaycanca|svenska|suomi|norsk|dansk|български|srpski|hrvatski|slovenčina|"
    "slovenščina|lietuvių|latviešu|eesti|bahasa indonesia|tiếng việt|ไทย|हिन्दी|català|euskara"
)

# month and weekday names: every pack's dates.toml (`languages.calendar_words`), plus the languages
# met on pages that have no pack yet (Portuguese, Polish)
_UNPACKED_MONTHS = (
    "janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|"
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|"
    "styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień"
)
_UNPACKED_WEEKDAYS = (
    "segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo|"
    "poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela"
)
MONTHS = calendar_pattern("months") + "|" + alternation(_UNPACKED_MONTHS)
WEEKDAYS = calendar_pattern("weekdays", "weekday_abbreviations") + "|" + alternation(_UNPACKED_WEEKDAYS)
# words that may surround a date in a page stamp: "at", "às", "um … Uhr", "le", "г.", "року"
DATE_FILLERS = alternation(
    "at|on|of|the|de|del|à|a|às|as|um|uhr|le|du|el|la|h|o|в|г|года|року|р|am|pm|a.m|p.m|"
    "gmt|utc|cet|cest|eet|eest|msk|est|edt|pst|pdt|cst|cdt|bst|ist|jst|kst|ut|z|y|e|und|and|et|"
    "st|nd|rd|th|er|e|de la|in|von|o'clock|o’clock|heures|heure|horas|ore|godz|час|часов|год"
)


# cues of languages met on pages that have no pack (keys as in a pack's junk.toml)
_UNPACKED: dict[str, list[str]] = {
    "section_names": ["tematy", "świat", "polityka", "gospodarka", "kraj", "wiadomości"],
    "date_labels": [
        "publicação",
        "atualizado",
        "atualizado em",
        "opublikowano",
        "aktualizacja",
        "zaktualizowano",
        "기사입력",
        "최종수정",
        "입력",
        "수정",
    ],
    "promo_cues": [
        "leia também",
        "leia mais",
        "veja também",
        "saiba mais",
        "czytaj też",
        "czytaj także",
        "czytaj więcej",
        "zobacz też",
        "zobacz także",
        "dowiedz się więcej",
        "polecamy",
        "baca juga",
        "lihat juga",
        "więcej informacji",
    ],
    "promo_needs_colon": ["polecamy", "lihat juga", "więcej informacji"],
    "teaser_labels": ["análise", "entrevista"],
    "comment_lines": [
        "deixe um comentário",
        "comentários",
        "komentarze",
        "komentarz",
        "dodaj komentarz",
        "brak komentarzy",
        "tinggalkan balasan",
        "tinggalkan komentar",
        "link permanente",
    ],
    "comment_form": ["o seu endereço de e-mail não será publicado", "comentários com textos ininteligíveis"],
    "second_person_re": ["seu", "sua", "twój", "twoj"],
    "imperative_start_re": ["assine", "receba", "zapisz się"],
    "follow_cues_re": [r"obserwuj\s+nas"],
    "share_lines": ["compartilhar", "udostępnij", "bagikan"],
    "credit_labels": ["fot", "fotografia", "zdjęcie", "zdjęcia"],
    "gallery_cues_re": ["zdjęcia w galerii"],
    "taxonomy_labels": ["categoria", "temas", "kategoria", "kategorie", "tematy", "tagi"],
    "contact_labels": ["kontakt prasowy"],
    "legal_terms_re": ["polityka prywatności"],
    "disclaimers": ["bez gwarancji"],
    "copyright_re": ["wszelkie prawa zastrzeżone", "materiał chroniony prawem autorskim"],
    "reading_time_labels": ["tempo de leitura", "czas czytania"],
    "minute_words_re": ["minutos", "minuty"],
    "reading_time_tails": ["de leitura", "czytania"],
    "advert_lines": ["reklama"],
    "source_labels": ["fonte", "źródło"],
    "byline_words": ["por", "autor", "autorka"],
    "and_words": ["e"],
    "click_here": ["kliknij tutaj"],
    "form_fields": ["nome", "imię", "wyślij"],
    "translation_notice_re": [r"automatycznie przetłumaczon\w*"],
}


def cues(key: str) -> list[str]:
    """The `key` cues of every pack's junk.toml, then of the languages without a pack, in order."""
    found: list[str] = []
    for code in known_languages():
        language = pack(code)
        if language is not None:
            found.extend(str(cue) for cue in language.section("junk").get(key, ()))
    found.extend(_UNPACKED.get(key, ()))
    return list(dict.fromkeys(found))


def phrases(key: str) -> str:
    """The `key` phrases of every language as one alternation (longest first, spaces flexible)."""
    return alternation("|".join(cues(key)))


def patterns(key: str) -> str:
    """The `key` regular-expression fragments of every language as one alternation."""
    return "|".join(cues(key)) or r"(?!x)x"


SECTION_NAMES = phrases("section_names")
DATE_LABELS = phrases("date_labels")
# "Read more:"-style cross-promotion, followed by a headline or standing alone
PROMO_CUES = phrases("promo_cues")
# cues that are only promotion when a colon or the end of the line follows them
PROMO_NEEDS_COLON = {c.lower() for c in cues("promo_needs_colon")}
TEASER_LABELS = phrases("teaser_labels")
COMMENT_LINES = phrases("comment_lines")
COMMENT_FORM = phrases("comment_form")
# a newsletter by name: these words are never in the news itself without a call to act
NEWSLETTER_WORDS = patterns("newsletter_words_re")
SECOND_PERSON = rf"\b({patterns('second_person_re')})\b"
IMPERATIVE_START = rf"^\W{{0,3}}({patterns('imperative_start_re')})\b"

SOCIAL = alternation(
    "facebook|twitter|x|whatsapp|telegram|linkedin|instagram|youtube|tiktok|reddit|pinterest|email|"
    "e-mail|print|share|copy link|messenger|vk|vkontakte|ok|odnoklassniki|viber|flipboard|pocket|"
    "threads|bluesky|mastodon|xing|вконтакте|вк|одноклассники|телеграм|фейсбук|твиттер|ютуб"
)
SHARE_LINES = phrases("share_lines")
FOLLOW_CUES = rf"^({patterns('follow_cues_re')})\b"

# photo agencies, as they write their own names (matched case-sensitively: "EPA", not "ePA")
_AGENCY_NAMES = (
    "Getty Images|Getty|AFP|Agence France-Presse|Reuters|AP|AP Photo|Associated Press|EPA|EPA-EFE|EFE|"
    "Shutterstock|Alamy|ANP|dpa|picture-alliance|picture alliance|Imago|Xinhua|TASS|Sputnik|RIA Novosti|"
    "Anadolu|Anadolu Agency|SIPA|Sipa Press|Bestimage|PAP|Agencja Gazeta|Corbis|NurPhoto|SOPA Images|"
    "LightRocket|Bloomberg|WireImage|ABACA|Keystone|ANSA|Ukrinform|UNIAN|ZUMA|ZUMA Press|Rex|Rex Features|"
    "PA|PA Images|PA Media|PA Wire|AAP|ddp|iStock|iStockphoto|Unsplash|Pixabay|Wikimedia Commons|Handout|"
    "Pool|via Getty Images|Stringer|Press Service|Пресс-служба|Прес-служба|пресс-служба|прес-служба"
)
AGENCIES = alternation("|".join([_AGENCY_NAMES, _AGENCY_NAMES.upper()]))
CREDIT_LABELS = phrases("credit_labels")
GALLERY_CUES = rf"\b({patterns('gallery_cues_re')})\b"

TAXONOMY_LABELS = phrases("taxonomy_labels")
CONTACT_LABELS = phrases("contact_labels")
LEGAL_TERMS = patterns("legal_terms_re")
DISCLAIMERS = phrases("disclaimers")

# whole-line and in-line cues of lines.py's rules
COPYRIGHT = patterns("copyright_re")
READING_TIME_LABELS = phrases("reading_time_labels")
MINUTE_WORDS = patterns("minute_words_re")
READING_TIME_TAILS = phrases("reading_time_tails")
PAYWALL = patterns("paywall_re")
ADVERT_LINES = phrases("advert_lines")
AFFILIATE = patterns("affiliate_re")
SOURCE_LABELS = phrases("source_labels")
BYLINE_WORDS = phrases("byline_words")
AND_WORDS = phrases("and_words")
CLICK_HERE = phrases("click_here")
FORM_FIELDS = phrases("form_fields")
TRANSLATION_NOTICE = patterns("translation_notice_re")
UI_LINES = phrases("ui_lines")
COOKIE_WORDS = patterns("cookie_words_re")
COOKIE_CONSENT = patterns("cookie_consent_re")
LICENSE = patterns("license_re")
