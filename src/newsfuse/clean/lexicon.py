"""Words that page furniture is made of, in the languages newsfuse meets most.

Learned from what trafilatura leaves behind on the article-extraction-benchmark and
trafilatura-eval sets (English, German, French, Spanish, Portuguese, Italian, Polish, Russian,
Ukrainian, Indonesian pages) and from scraped news text. Data only: lines.py turns it into rules.
"""

from __future__ import annotations

import re


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

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
    "januar|jänner|februar|märz|juni|juli|oktober|dezember|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    "janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|"
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|"
    "styczeń|luty|marzec|kwiecień|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    "январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь|"
    "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
)
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|"
    "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|"
    "segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|"
    "poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|"
    "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
    "понеділок|вівторок|середа|четвер|п'ятниця|п’ятниця|субота|неділя"
)
# words that may surround a date in a page stamp: "at", "às", "um … Uhr", "le", "г.", "року"
DATE_FILLERS = alternation(
    "at|on|of|the|de|del|à|a|às|as|um|uhr|le|du|el|la|h|o|в|г|года|року|р|am|pm|a.m|p.m|"
    "gmt|utc|cet|cest|eet|eest|msk|est|edt|pst|pdt|cst|cdt|bst|ist|jst|kst|ut|z|y|e|und|and|et|"
    "st|nd|rd|th|er|e|de la|in|von|o'clock|o’clock|heures|heure|horas|ore|godz|час|часов|год"
)
DATE_LABELS = alternation(
    "updated|last updated|updated on|published|published on|posted|posted on|first published|"
    "last modified|modified|created|release date|news date|date|"
    "aktualisiert|aktualisiert am|veröffentlicht|veröffentlicht am|letzte änderung|stand|erstellt am|"
    "publié|publié le|mis à jour|mis à jour le|modifié le|"
    "publicado|actualizado|publicado el|actualizado el|publicação|atualizado|atualizado em|"
    "pubblicato|aggiornato|pubblicato il|aggiornato il|"
    "opublikowano|aktualizacja|zaktualizowano|"
    "опубликовано|обновлено|дата публикации|опубліковано|оновлено|дата|기사입력|최종수정|입력|수정"
)

SECTION_NAMES = alternation(
    "world|world news|news|latest news|top stories|breaking news|politics|business|economy|markets|"
    "sport|sports|culture|opinion|opinions|society|science|tech|technology|health|environment|"
    "europe|asia|africa|americas|middle east|asia pacific|local|national|international|"
    "uk|us|home|live|video|videos|photos|topics|tags|temas|tematy|themen|sujets|"
    "monde|international|politique|économie|société|sciences|faits divers|"
    "welt|ausland|inland|politik|wirtschaft|gesellschaft|panorama|kultur|"
    "mundo|internacional|política|economía|sociedad|nacional|actualidad|"
    "mondo|esteri|politica|economia|cronaca|attualità|"
    "świat|polityka|gospodarka|kraj|wiadomości|"
    "мир|в мире|политика|экономика|общество|новости|світ|у світі|політика|економіка|суспільство|новини"
)

# "Read more:"-style cross-promotion, followed by a headline or standing alone
PROMO_CUES = alternation(
    "see also|read more|read also|also read|read next|related|related post|related posts|"
    "related stories|related story|related articles|related article|related coverage|related content|"
    "more on this|more on this story|more from|more:|see more|don't miss|dont miss|don’t miss|"
    "must read|recommended|recommended for you|you may also like|you might also like|"
    "you may be interested in|most read|most popular|popular on|trending|trending now|also:|"
    "watch|watch now|watch live|video|listen|in pictures|in photos|more stories|more news|top stories|"
    "lire aussi|à lire aussi|a lire aussi|voir aussi|à voir aussi|lire la suite|sur le même sujet|"
    "notre sélection|les plus lus|"
    "lesen sie auch|lesen sie mehr|lesen sie hier|auch interessant|auch lesen|mehr zum thema|"
    "mehr themen|weitere themen|weitere artikel|weitere artikel zum thema|weitere beiträge|"
    "zum weiterlesen|das könnte sie auch interessieren|das könnte dich auch interessieren|"
    "das thema könnte dich auch interessieren|empfohlene beiträge|weiterlesen|meistgelesen|"
    "leggi anche|vedi anche|potrebbe interessarti|leggi tutto|"
    "lea también|lea más|lea|le puede interesar|te puede interesar|vea también|puedes ver|mira|mire|"
    "notas relacionadas|contenido relacionado|noticias relacionadas|más noticias|"
    "leia também|leia mais|veja também|saiba mais|"
    "czytaj też|czytaj także|czytaj więcej|zobacz też|zobacz także|dowiedz się więcej|polecamy|"
    "читайте также|смотрите также|читайте по теме|по теме|читайте також|дивіться також|також читайте|"
    "baca juga|lihat juga|schon gelesen|auch spannend|more information|weitere informationen|"
    "mehr informationen|plus d'informations|más información|maggiori informazioni|więcej informacji"
)
# cues that are only promotion when a colon or the end of the line follows them
PROMO_NEEDS_COLON = {
    "watch",
    "watch now",
    "watch live",
    "video",
    "listen",
    "lea",
    "mira",
    "mire",
    "related",
    "trending",
    "recommended",
    "more from",
    "more news",
    "more stories",
    "top stories",
    "in pictures",
    "in photos",
    "must read",
    "polecamy",
    "lihat juga",
    "по теме",
    "weiterlesen",
    "trending now",
    "more information",
    "weitere informationen",
    "mehr informationen",
    "plus d'informations",
    "más información",
    "maggiori informazioni",
    "więcej informacji",
}

TEASER_LABELS = alternation(
    "analysis|context|the context|interview|video|photos|portfolio|editorial|opinion|tribune|"
    "explainer|live|podcast|infographic|map|timeline|report|read|watch|see|profile|fact check|"
    "analyse|contexte|le contexte|entretien|décryptage|reportage|récit|vidéo|enquête|chronique|"
    "hintergrund|kommentar|analisi|intervista|análisis|entrevista|análise|reportaje|контекст|анализ"
)

COMMENT_LINES = alternation(
    "leave a reply|leave a comment|post a comment|add a comment|add comment|write a comment|comment|"
    "comments|no comments|no comments yet|show comments|view comments|load comments|loading comments|"
    "all comments|read all comments|show new comments|top rated comments|join the discussion|"
    "join discussion|want to join the discussion?|feel free to contribute!|tell us what you think|"
    "what do you think?|cancel reply|reply|comment policy|discussion|conversation|"
    "commentaires|commentaire|laisser un commentaire|ajouter un commentaire|réagir|réagissez|"
    "kommentare|kommentar|kommentare insgesamt|kommentar schreiben|kommentieren|diskussion|"
    "commenti|commento|lascia un commento|comentarios|comentario|deja un comentario|deja tu comentario|"
    "deixe um comentário|comentários|komentarze|komentarz|dodaj komentarz|"
    "комментарии|комментарий|оставить комментарий|коментарі|коментар|tinggalkan balasan|"
    "tinggalkan komentar|link permanente|permalink|keine kommentare|aucun commentaire|sin comentarios|"
    "nessun commento|brak komentarzy"
)
COMMENT_FORM = alternation(
    "your email address will not be published|required fields are marked|"
    "save my name, email, and website|you must be logged in to post a comment|"
    "by submitting this form|comments are moderated|ihre e-mail-adresse wird nicht veröffentlicht|"
    "votre adresse e-mail ne sera pas publiée|tu dirección de correo electrónico no será publicada|"
    "o seu endereço de e-mail não será publicado|il tuo indirizzo email non sarà pubblicato|"
    "du musst eingeloggt sein|verraten sie gerne in den kommentaren|"
    "comentários com textos ininteligíveis|want to join the discussion|we want to hear what you think|"
    "submit a letter to the editor|kommentare erscheinen erst nach|comments are closed|"
    "les commentaires sont fermés|kommentare sind geschlossen"
)

NEWSLETTER_CUES = (
    r"newsletter|sign[\s-]?up|subscrib|inbox|abonnez|abonnieren|anmelden|suscr[ií]b|iscriviti|"
    r"zapisz\s+się|подпиш|підпиш|receba\s+em\s+seu\s+e-?mail|assine"
)
# a newsletter by name: these words are never in the news itself without a call to act
NEWSLETTER_WORDS = (
    r"newsletters?|inbox|e-?mail alerts?|mailing list|infolettre|lettre d'information|boletín|"
    r"rassegna|рассылк\w*|розсилк\w*"
)
SECOND_PERSON = (
    r"\b(you|your|yours|sie|ihre|ihr|dich|dir|du|vous|votre|tu|tus|te|seu|sua|twój|twoj|вы|вам|ваш\w*|"
    r"ви|вас)\b"
)
IMPERATIVE_START = (
    r"^\W{0,3}(sign up|subscribe|register|join|get|never miss|don[’']?t miss|receive|stay (informed|up to date)|"
    r"abonnez-vous|inscrivez-vous|abonnieren sie|melden sie sich|melde dich|jetzt (anmelden|abonnieren)|"
    r"suscríbete|suscribite|iscriviti|assine|receba|zapisz się|подпишитесь|підпишіться)\b"
)

SOCIAL = alternation(
    "facebook|twitter|x|whatsapp|telegram|linkedin|instagram|youtube|tiktok|reddit|pinterest|email|"
    "e-mail|print|share|copy link|messenger|vk|vkontakte|ok|odnoklassniki|viber|flipboard|pocket|"
    "threads|bluesky|mastodon|xing"
)
SHARE_LINES = alternation(
    "share|share this|share this article|share this story|share article|share on|share via|tweet|"
    "print|print this|print this page|email this|copy link|copy link to clipboard|link copied|"
    "like this story? share it with a friend!|partager|partager cet article|teilen|teilen mit:|"
    "artikel teilen|condividi|compartir|compartilhar|udostępnij|поделиться|поширити|bagikan"
)
FOLLOW_CUES = (
    r"^(follow\s+(us|\S+(\s+\S+){0,3})\s+on|find\s+us\s+on|join\s+us\s+on|siguenos|síguenos|"
    r"suivez[- ]nous|folgen\s+sie\s+uns|seguici|obserwuj\s+nas|подписывайтесь|підписуйтесь)\b"
)

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
CREDIT_LABELS = alternation(
    "photo|photos|photograph|photography|picture|pictures|image|images|img|credit|credits|"
    "photo credit|photo credits|image credit|image source|image caption|illustration|"
    "foto|fotos|fot|fotografía|fotografia|bild|bilder|bildquelle|titelbild|beitragsbild|"
    "crédit|crédits|crédit photo|crédits photos|crédits photo|image illustrative|zdjęcie|zdjęcia|"
    "фото|фотография|фотографія|джерело фото"
)
GALLERY_CUES = (
    r"\b(in pictures|these (photos|photographs|pictures|images)|photo gallery|image gallery|"
    r"click to enlarge|swipe (left|right)|(view|see) (the )?gallery|bild anzeigen|bildergalerie|"
    r"galerie photos|en images|en fotos|zdjęcia w galerii|фотогалерея|фоторепортаж)\b"
)

TAXONOMY_LABELS = alternation(
    "category|categories|kategorie|kategorien|catégorie|catégories|categoría|categorías|categoria|categorie|"
    "kategoria|kategorie|рубрика|рубрики|категория|категорії|tag|tags|tagged|tagged with|schlagwörter|"
    "schlagworte|stichwörter|filed under|posted in|topics|themen|sujets|mots-clés|mots clés|etiquetas|"
    "temas|tematy|tagi|теги|мітки"
)
CONTACT_LABELS = alternation(
    "tel|tel.|telefon|telephone|phone|fax|e-mail|email|mail|kontakt|contact|adresse|address|"
    "pressekontakt|press contact|media contact|media enquiries|ansprechpartner|ansprechpartnerin|"
    "contacto|contatto|kontakt prasowy|телефон|контакты|контакти"
)
LEGAL_TERMS = (
    r"privacy policy|privacy notice|terms of (use|service)|terms and conditions|cookie policy|"
    r"datenschutzerklärung|datenschutz|nutzungsbedingungen|\bagb\b|politique de confidentialité|"
    r"conditions (générales )?d'utilisation|política de privacidad|términos y condiciones|"
    r"informativa (sulla )?privacy|polityka prywatności|политика конфиденциальности"
)
DISCLAIMERS = alternation(
    "alle angaben ohne gewähr|angaben ohne gewähr|all information without guarantee|"
    "all information is provided without guarantee|sans garantie|sin garantía|senza garanzia|"
    "bez gwarancji|без гарантий"
)
