"""Names across scripts and spellings: one key per name that Cyrillic and Latin writings share.

`latin(text)` writes any script in plain ASCII Latin (unidecode: Жумагулов -> Zhumagulov, Алексеев ->
Alekseev); `fold_word` then folds the spelling conventions of the languages newsfuse reads into
one form, so the Russian, Ukrainian, English, French, German, Italian and Spanish writings of one
name meet (Жумагулов, Zhumagulov, Schumagulow, Joumagoulov -> one key; Путин, Poutine, Putin -> "putin").
The folding is deliberately coarse (х/ч both become "h"); callers use it only to compare names of
one type whose other evidence agrees, never as the only proof that two long names are one.
"""

from __future__ import annotations

import functools
import re

from unidecode import unidecode

__all__ = [
    "cross_key",
    "fold_name",
    "fold_word",
    "for_reader",
    "has_cyrillic",
    "in_reader_script",
    "latin",
    "readable_latin",
    "same_folded_name",
    "skeleton",
]

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# ordered: longer clusters first; each pair is (writing, folded)
_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("tsch", "ch"),  # German Tsch- (Tschernyschow)
    ("tch", "ch"),  # French Tch- (Tchernychev)
    ("dzh", "j"),
    ("dj", "j"),
    ("sch", "sh"),  # German sch (ш)
    ("zh", "j"),
    ("kh", "h"),
    ("ch", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("ou", "u"),  # French ou (Poutine)
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("'", ""),
)


def has_cyrillic(text: str) -> bool:
    """Whether the text has a Cyrillic letter."""
    return bool(_CYRILLIC.search(text))


@functools.lru_cache(maxsize=100_000)
def latin(text: str) -> str:
    """The text in ASCII Latin letters (unidecode), accents dropped; other characters kept."""
    return unidecode(text)


# a transliteration for showing a Cyrillic name to a Latin-script reader (BGN/PCGN-like, simplified)
_READABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "є": "ye", "і": "i", "ї": "yi",
    "ґ": "g", "'": "", "’": "",
}  # fmt: skip


def readable_latin(text: str) -> str:
    """A Cyrillic name written for a Latin-script reader (Жумагулов -> Zhumagulov, Шойгу -> Shoygu)."""
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in _READABLE:
            out.append(ch)
            continue
        value = _READABLE[low]
        # е after a vowel (or word-initially) is "ye": Алексеев -> Alekseyev
        if low == "е" and (i == 0 or not text[i - 1].isalpha() or text[i - 1].lower() in "аеёиоуыэюяєії"):
            value = "ye"
        if low == "и" and i + 1 < len(text) and text[i + 1].lower() == "й":
            value = "i"  # -ий -> -iy
        if ch.isupper():
            value = value[:1].upper() + value[1:]
        out.append(value)
    return "".join(out)


@functools.lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    """One word's spelling-free key: ASCII, lower case, transliteration pairs and doubles folded."""
    w = latin(word).lower()
    w = re.sub(r"[^a-z']", "", w)
    for a, b in _FOLDS:
        w = w.replace(a, b)
    w = re.sub(r"(?<=[aeiou])ie", "e", w)  # Alekseiev / Alekseyev (after y -> i) -> aleksev
    w = re.sub(r"ii$", "i", w)  # -ий / -yi / -yj -> -i
    w = re.sub(r"(.)\1+", r"\1", w)
    return w


def fold_name(name: str) -> str:
    """A whole name's key: each word folded ("Oleksandr Bondarchuk" -> "oleksandr bondarhuk")."""
    words = [fold_word(w) for w in re.split(r"[\s\-‐–]+", name) if w]
    return " ".join(w for w in words if w)


@functools.lru_cache(maxsize=100_000)
def cross_key(word: str) -> str:
    """A word's key across scripts and spelling conventions, without a final vowel (Poutine/Putin)."""
    folded = fold_word(word)
    stripped = folded.rstrip("aeiou")
    return stripped if len(stripped) >= 3 else folded


def same_folded_name(a: str, b: str, min_letters: int) -> bool:
    """Whether two names have the same cross-script key, word by word, on at least `min_letters`."""
    ka = " ".join(cross_key(w) for w in a.split())
    kb = " ".join(cross_key(w) for w in b.split())
    return ka == kb and len(ka.replace(" ", "")) >= min_letters


def _latin_reader(reader: str) -> bool:
    from newsfuse.languages import pack

    found = pack(reader)
    return found is None or found.script == "latin"


def in_reader_script(form: str, reader: str) -> bool:
    """Whether a form is written in the script of the reader's language (Latin or Cyrillic)."""
    return has_cyrillic(form) != _latin_reader(reader)


def for_reader(name: str, reader: str) -> str:
    """A name a reader of `reader` can read: Cyrillic transliterated for a Latin-script reader."""
    return readable_latin(name) if _latin_reader(reader) and has_cyrillic(name) else name


# consonant classes for `skeleton`: the spellings one Cyrillic consonant gets across languages
_SKELETON: tuple[tuple[str, str], ...] = (
    ("shch", "s"),
    ("tsch", "c"),
    ("tch", "c"),
    ("dzh", "s"),
    ("sch", "s"),
    ("zh", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("kh", "k"),
    ("ts", "c"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("z", "s"),
    ("w", "v"),
)


@functools.lru_cache(maxsize=100_000)
def skeleton(word: str) -> str:
    """A name word's consonant skeleton across scripts and languages: coarser than `cross_key`.

    Жумагулов, Zhumagulov, Schumagulow -> "smglv"; Алексеев, Aleksejew, Alekseïev -> "lksv". Vowels,
    j/y and h are dropped (each language writes them differently); sibilants fall into one class.
    For grouping articles (many such keys together), not for deciding that two names are one.
    """
    w = re.sub(r"[^a-z]", "", latin(word).lower())
    for a, b in _SKELETON:
        w = w.replace(a, b)
    w = re.sub(r"[aeiouyjh]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)
