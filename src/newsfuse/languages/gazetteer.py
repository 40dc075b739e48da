"""Gazetteers shared by every language: international bodies and state agencies, and country names.

- Organisations: `organisations.toml` beside this file (curated; its header names its sources),
  looked up by the name's words lemmatised in the article's language, so "Минздрава", "НАТО",
  "OTAN" and "North Atlantic Treaty Organization" find their body whatever the language.
- Countries: pycountry's ISO 3166 names and their gettext translations into each pack's language,
  plus the pack's `[countries]` table in names.toml for common short names the ISO translations
  give formally ("Россия" beside "Российская Федерация").
"""

from __future__ import annotations

import functools
import gettext
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from newsfuse.languages import lemma, pack
from newsfuse.languages.scripts import latin

__all__ = [
    "Organisation",
    "country_code",
    "country_name",
    "gazetteer_name",
    "listed_country",
    "organisation",
    "organisation_by_id",
    "organisations",
]

_TABLE = Path(__file__).parent / "organisations.toml"
_WORD = re.compile(r"[^\W_][\w'’ʼ]*")


@dataclass(frozen=True)
class Organisation:
    """One body of the curated table: its id, kind and names per language (first = display name)."""

    id: str
    kind: str
    country: str | None
    kind_of: str | None
    names: dict[str, tuple[str, ...]]

    def name(self, language: str) -> str:
        """The body's name for a reader of `language` (English when the table has none)."""
        found = self.names.get(language) or self.names.get("en") or next(iter(self.names.values()))
        return found[0]


@functools.cache
def organisations() -> tuple[Organisation, ...]:
    """Every body of the curated table."""
    with _TABLE.open("rb") as f:
        rows = tomllib.load(f).get("org", [])
    out = []
    for row in rows:
        names = {k: tuple(v) for k, v in row.items() if isinstance(v, list)}
        out.append(
            Organisation(row["id"], row.get("kind", "org"), row.get("country"), row.get("kind_of"), names)
        )
    return tuple(out)


def organisation_by_id(org_id: str) -> Organisation | None:
    """The table's body with this id."""
    return next((o for o in organisations() if o.id == org_id), None)


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace(" ", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _plain_key(text: str) -> str:
    return " ".join(w.casefold() for w in _WORD.findall(text.replace("’", "'").replace("ʼ", "'")))


def _lemma_key(text: str, language: str) -> str:
    return " ".join(lemma(language, w) for w in _WORD.findall(text.replace("’", "'").replace("ʼ", "'")))


@functools.cache
def _org_index() -> tuple[dict[str, str], dict[str, str]]:
    """(names -> id, acronyms -> id): names keyed plain and lemmatised, acronyms as written, and
    acronyms in title case under their language ("it:onu": Italian papers write "Onu", "Nato")."""
    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for org in organisations():
        for language, forms in org.names.items():
            for form in forms:
                if _is_acronym(form):
                    compact = form.replace(".", "").replace(" ", "")
                    acronyms.setdefault(compact, org.id)
                    acronyms.setdefault(f"{language}:{compact.lower()}", org.id)
                    continue
                names.setdefault(_plain_key(form), org.id)
                if pack(language) is not None:
                    names.setdefault(_lemma_key(form, language), org.id)
                names.setdefault(latin(_plain_key(form)), org.id)
    return names, acronyms


def organisation(text: str, language: str = "") -> str | None:
    """The id of the table's body a name means ("НАТО", "Минздрава", "OTAN"), else None.

    An acronym matches only in capitals ("UNO", not "Uno"); a name whose trailing words are a
    country ("МЧС России", "Минздрава Украины") is looked up whole, then without the country.
    """
    names, acronyms = _org_index()
    compact = text.replace(".", "").replace(" ", "")
    if _is_acronym(text):
        return acronyms.get(compact)
    if (
        compact.istitle()
        and compact.isalpha()
        and len(compact) <= 6
        and f"{language}:{compact.lower()}" in acronyms
    ):
        return acronyms[f"{language}:{compact.lower()}"]
    words = _WORD.findall(text)
    if not words:
        return None
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        tail = " ".join(words[n:])
        if tail and not country_code(tail, language):
            continue
        found = _org_lookup(head, language, names, acronyms)
        if found:
            return found
    return None


def _org_lookup(text: str, language: str, names: dict[str, str], acronyms: dict[str, str]) -> str | None:
    if _is_acronym(text):
        return acronyms.get(text.replace(".", "").replace(" ", ""))
    plain = _plain_key(text)
    found = names.get(plain)
    if found is None and language and pack(language) is not None:
        found = names.get(_lemma_key(text, language))
    return found or names.get(latin(plain))


# --- countries --------------------------------------------------------------------------------


def _translation(code: str) -> gettext.NullTranslations:
    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
    except OSError:
        return gettext.NullTranslations()


@functools.cache
def _country_table(code: str) -> dict[str, str]:
    """Country names in language `code` (ISO names translated, the pack's own) -> ISO alpha-2."""
    import pycountry

    out: dict[str, str] = {}
    found = pack(code)
    if found is not None:
        for name, alpha2 in found.section("names").get("countries", {}).items():
            out.setdefault(_plain_key(name), str(alpha2))
            out.setdefault(_lemma_key(name, code), str(alpha2))
    tr = _translation(code)
    for country in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            local = tr.gettext(value)
            for form in {local, local.split(",")[0]}:
                if form.strip():
                    out.setdefault(_plain_key(form), country.alpha_2)
                    if found is not None and found.lemmatizer == "pymorphy3":
                        out.setdefault(_lemma_key(form, code), country.alpha_2)
    return out


def listed_country(text: str, language: str) -> str | None:
    """The country a pack's own `[countries]` table names ("США", "EEUU", "UK"), short codes included."""
    found = pack(language) if language else None
    if found is None:
        return None
    table = {_plain_key(k): str(v) for k, v in found.section("names").get("countries", {}).items()}
    return table.get(_plain_key(text))


def country_code(text: str, language: str = "") -> str | None:
    """The ISO alpha-2 code of a country named in `language` (or English), else None.

    "Россия", "России", "Росія", "Russland", "Rusia", "Russia" -> "RU".
    """
    if len(text) < 2:
        return None
    plain = _plain_key(text)
    for code in dict.fromkeys([language, "en"]):
        if not code:
            continue
        table = _country_table(code)
        found = table.get(plain)
        if found is None and pack(code) is not None and code == language:
            found = table.get(_lemma_key(text, code))
        if found:
            return found
    return None


@functools.cache
def country_name(alpha2: str, language: str) -> str | None:
    """A country's name for a reader of `language`: the pack's short name, else the ISO translation."""
    found = pack(language)
    if found is not None:
        for name, code in found.section("names").get("countries", {}).items():
            if code == alpha2 and not _is_acronym(name):
                return str(name)
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        return None
    base = getattr(country, "common_name", None) or country.name
    local = _translation(language).gettext(base) if language != "en" else base
    return local.split(",")[0].strip()


def gazetteer_name(reader: str, org_id: str | None, country: str | None) -> str | None:
    """The name a reader of `reader` knows a table body (by id) or a country (ISO alpha-2) by."""
    found = organisation_by_id(org_id) if org_id else None
    if found is not None:
        return found.name(reader)
    return country_name(country, reader) if country else None
