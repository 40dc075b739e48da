"""Language packs: the words and number grammar of each language newsfuse reads, as data.

A pack is a folder `packs/<code>/` (ISO 639-1 code) holding `pack.toml` (what the language is and
which tools read it) and one TOML file per concern, each read by one stage:

    pack.toml      code, name, script, lemmatizer (spacy | pymorphy3 | simplemma), number grammar
                   (text2num | number-parser), parser (spacy | natasha | none)
    figures.toml   qualifiers, vague counts, measure and victim words, attribution cues, negation
    dates.toml     weekday, month, relative-day and part-of-day words (with their inflections)
    junk.toml      page-furniture cues ("Read also", "Читайте также", share prompts, credits)
    names.toml     role words, determiners, place and organisation words for names

Extractors ask a pack for a section (`pack("ru").section("figures")`) and never branch on a
language code, so adding a language is adding a folder; `add_pack_folder` registers packs kept
elsewhere (a user's own, or a toy pack in a test). Heavy tools are imported lazily, once.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "Pack",
    "add_pack_folder",
    "calendar_pattern",
    "calendar_words",
    "is_common_word",
    "known_languages",
    "lemma",
    "lemmas",
    "number_value",
    "pack",
]

Lemmatizer = Literal["spacy", "pymorphy3", "simplemma", "none"]
NumberGrammar = Literal["text2num", "number-parser", "none"]

_HERE = Path(__file__).parent / "packs"
_FOLDERS: list[Path] = [_HERE]


@dataclass(frozen=True)
class Pack:
    """One language's pack: what it is, which tools read it, and its sections (parsed TOML)."""

    code: str
    name: str
    script: str  # "latin" | "cyrillic" | …
    lemmatizer: Lemmatizer
    numbers: NumberGrammar
    parser: str  # "spacy" (a trained spaCy pipeline), "natasha", or "none" (patterns over lemmas)
    folder: Path
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, repr=False)

    def section(self, name: str) -> Mapping[str, Any]:
        """The parsed `<name>.toml` of the pack ({} when the pack has none)."""
        return self.sections.get(name, {})

    def words(self, section: str, key: str) -> frozenset[str]:
        """A list of words in a section as a lower-cased set."""
        return frozenset(str(w).lower() for w in self.section(section).get(key, ()))

    def table(self, section: str, key: str) -> dict[str, Any]:
        """A table in a section ({word: value}), keys lower-cased."""
        return {str(k).lower(): v for k, v in self.section(section).get(key, {}).items()}


def add_pack_folder(folder: Path) -> None:
    """Read packs from `folder` too (one sub-folder per language); its packs win over bundled ones."""
    folder = Path(folder)
    if folder not in _FOLDERS:
        _FOLDERS.insert(0, folder)
    pack.cache_clear()
    known_languages.cache_clear()
    calendar_words.cache_clear()


@functools.cache
def known_languages() -> tuple[str, ...]:
    """The codes of every language with a pack, sorted."""
    return tuple(
        sorted({p.name for f in _FOLDERS if f.is_dir() for p in f.iterdir() if (p / "pack.toml").is_file()})
    )


@functools.cache
def pack(code: str) -> Pack | None:
    """The pack of language `code`, or None when newsfuse has none for it."""
    for folder in _FOLDERS:
        home = folder / code
        if (home / "pack.toml").is_file():
            return _load(home)
    return None


def _load(home: Path) -> Pack:
    with (home / "pack.toml").open("rb") as f:
        head = tomllib.load(f).get("pack", {})
    sections: dict[str, Mapping[str, Any]] = {}
    for file in sorted(home.glob("*.toml")):
        if file.stem != "pack":
            with file.open("rb") as f:
                sections[file.stem] = tomllib.load(f)
    return Pack(
        code=str(head.get("code", home.name)),
        name=str(head.get("name", home.name)),
        script=str(head.get("script", "latin")),
        lemmatizer=head.get("lemmatizer", "simplemma"),
        numbers=head.get("numbers", "none"),
        parser=str(head.get("parser", "none")),
        folder=home,
        sections=sections,
    )


CalendarKey = Literal["months", "weekdays", "weekday_abbreviations"]


@functools.cache
def calendar_words(key: CalendarKey) -> dict[str, int]:
    """Every pack's written months (1 = January) or weekdays (0 = Monday), every case, lower-cased.

    The one table of month and weekday names: each pack's `dates.toml`; the first pack (by code)
    to write a word gives its number.
    """
    out: dict[str, int] = {}
    for code in known_languages():
        found = pack(code)
        for word, value in (found.table("dates", key) if found else {}).items():
            out.setdefault(" ".join(word.split()), int(value))
    return out


def calendar_pattern(*keys: CalendarKey) -> str:
    """A regex alternation of every pack's words under `keys` (`calendar_words`), longest first;
    an apostrophe matches any apostrophe."""
    words = {w for key in keys for w in calendar_words(key)}
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace("'", "['’ʼ]").replace(r"\ ", r"\s+") for w in ordered)


def lemma(code: str, word: str) -> str:
    """The lower-cased dictionary form of one word in language `code` ("погибших" -> "погибший",
    "morti" -> "morto"); the lower-cased word itself when the language has no lemmatizer."""
    low = word.lower()
    found = pack(code)
    if found is None or not low[:1].isalpha():
        return low
    return _lemma(found.lemmatizer, found.code, low)


# apostrophes as typed: ASCII, typographic (’ ‘), the modifier letter ʼ (Ukrainian orthography), accents
_APOSTROPHES = re.compile("['\u2019\u2018\u02bc`\u00b4]")


def _apostrophe_forms(text: str) -> list[str]:
    """`text`, then with its apostrophes written each usual way ("дев’ять", "дев'ять", "девʼять"):
    dictionaries and number grammars know one of them, texts use any."""
    if not _APOSTROPHES.search(text):
        return [text]
    forms = [text, *(_APOSTROPHES.sub(mark, text) for mark in ("'", "\u2019", "\u02bc"))]
    return list(dict.fromkeys(forms))


@functools.lru_cache(maxsize=200_000)
def _lemma(lemmatizer: str, code: str, low: str) -> str:
    if lemmatizer == "pymorphy3":
        mark = _APOSTROPHES.search(low)
        if mark is None:
            return str(_morph(code).parse(low)[0].normal_form)
        # pymorphy3's dictionaries write the ASCII apostrophe; the lemma keeps the word's own one
        found = str(_morph(code).parse(_APOSTROPHES.sub("'", low))[0].normal_form)
        return found.replace("'", mark.group())
    if lemmatizer in ("simplemma", "spacy"):
        import simplemma

        try:
            return str(simplemma.lemmatize(low, lang=code)).lower()
        except ValueError:  # simplemma has no data for this language
            return low
    return low


@functools.cache
def _morph(code: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=code)


_DIGITS = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f.,’']\d{3})+$|^\d+$")


def number_value(code: str, text: str) -> int | None:
    """The whole number `text` writes, in digits or in words of language `code`
    ("восемнадцать", "вісімнадцяти", "otto", "achtzehn", "1.200", "1 200"), else None."""
    clean = unicodedata.normalize("NFC", text.strip()).lower()
    if not clean:
        return None
    if _DIGITS.match(clean):
        return int(re.sub(r"\D", "", clean))
    found = pack(code)
    if found is None:
        return None
    extra = found.table("figures", "number_words")  # inflected forms the grammar misses
    forms = _apostrophe_forms(clean)  # "дев’ять" in a text, "девʼять" in number-parser's data
    for form in forms:
        if form in extra:
            return int(extra[form])
    for form in forms:
        value = _words_value(found.numbers, found.code, form)
        if value is None and found.lemmatizer == "pymorphy3":  # "вісімнадцяти", "двадцятьма": inflected
            value = _words_value(found.numbers, found.code, " ".join(lemma(code, w) for w in form.split()))
        if value is not None:
            return value
    return None


@functools.lru_cache(maxsize=50_000)
def _words_value(grammar: str, code: str, clean: str) -> int | None:
    if grammar == "text2num":
        from text_to_num import text2num  # type: ignore[import-untyped]

        try:
            return int(text2num(clean, code))
        except ValueError:
            return None
    if grammar == "number-parser":
        from number_parser import parse_number

        value = parse_number(clean, language=code)
        return int(value) if isinstance(value, int) else None
    return None


@functools.lru_cache(maxsize=200_000)
def lemmas(code: str, word: str) -> tuple[str, ...]:
    """Every dictionary form a word may have in language `code`, likeliest first ("києві" -> кий, київ).

    Where the lemmatizer gives one answer (or none) this is `(lemma(code, word),)`; a morphological
    analyser's other readings let a caller pick the one its own dictionary knows (a place, a name).
    """
    found = pack(code)
    low = word.lower()
    if found is None or found.lemmatizer != "pymorphy3" or not low[:1].isalpha():
        return (lemma(code, word),)
    return tuple(dict.fromkeys(str(p.normal_form) for p in _morph(found.code).parse(low)))


_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@functools.lru_cache(maxsize=200_000)
def is_common_word(code: str, word: str) -> bool:
    """Whether a word is an ordinary word of the language's dictionary rather than a name.

    pymorphy3 tags names, surnames and places, so a word it reads as one is a name; other
    languages ask simplemma's dictionary (German nouns are capitalised: "Staumauer" is a word,
    "Schumagulow" is not). Unknown languages know no words.
    """
    found = pack(code)
    low = word.lower()
    if found is None or not low[:1].isalpha():
        return False
    if found.lemmatizer == "pymorphy3":
        morph = _morph(found.code)
        if any(_NAME_TAGS & set(map(str, p.tag.grammemes)) for p in morph.parse(low)):
            return False
        return bool(morph.word_is_known(low))
    import simplemma

    try:
        return bool(simplemma.is_known(low, lang=found.code))
    except ValueError:  # simplemma has no data for this language
        return False
