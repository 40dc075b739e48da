"""Languages: claims, entity merging and dates per language (en fr ru uk it de es), English beside them.

Data (read at run time, never copied), labels in bench/data/languages/ (format: COMMON briefing):
- dev = the tuning story examples/steppe-dam/, heldout = the test story bench/data/languages/heldout/,
  against figures.tsv, entities.tsv and dates.tsv (story "dev" / "heldout");
- cltls-tune / cltls-test = a sample of real es/fr/it news from ../shared/eval/cl-tls-mlcrisis
  (cltls-split.tsv: the sampling rule and the sha1-parity split), figures only, figures-cltls.tsv.

Metrics, per part and per language of the article (file name NN-LANG-outlet, front matter, or path):
- claims: precision, recall, F1 — a predicted claim matches a label of the same article with the same
  measure and the same interval lo/hi (bench/figures.py's `match`); measure `other` left out on both sides;
- entities: every labelled name mention is put in the brief's entity holding its file and its surface
  (an alias), else alone; key = label entity ids; MUC, B-cubed, CEAF-e, CoNLL F1 (bench/entities.py)
  within each language (that language's mentions) and across languages (all mentions of the story);
  beside it the merging rules alone on the labelled mentions (`cluster_mentions`) and exact string match;
- dates: share of labelled day expressions the system finds (`find_timexes`) and resolves
  (`resolve`, the article's publication date as reference) to the labelled day.

    python bench/languages.py [--show] [--data DIR] [--dev DIR]   # table + bench/results/languages.json
    python bench/languages.py --selfcheck                           # the scoring on hand-computed cases
    python bench/languages.py --write-split                         # redraw the cl-tls sample (fixed rule)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import inspect
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
from entities import Cluster
from entities import score as coref_score
from figures import Label, _same_source, match
from machine import machine_info, write_result

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CLTLS = SHARED / "eval" / "cl-tls-mlcrisis"
DATA = Path(__file__).parent / "data" / "languages"
DEV = ROOT / "examples" / "steppe-dam"
RESULTS = Path(__file__).parent / "results"
LANGS = ("en", "fr", "ru", "uk", "it", "de", "es")
ENTITY_TYPES = {"PERSON": "person", "ORG": "org", "PLACE": "place"}


def _rows(path: Path, width: int) -> list[list[str]]:
    """The cells of a TSV's rows, '#' comments and blank lines left out, padded to `width`."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(([c.strip() for c in line.split("\t")] + [""] * width)[:width])
    return out


# --- labels -----------------------------------------------------------------------------------------


class NameLabel(NamedTuple):
    key: str  # file#row: one labelled mention
    file: str
    surface: str
    type: str
    entity: str


class DateLabel(NamedTuple):
    file: str
    expression: str
    value: dt.date


def read_figures(path: Path) -> dict[str, dict[str, list[Label]]]:
    """Figure labels per story per file (measure `other` left out, as in bench/figures.py)."""
    out: dict[str, dict[str, list[Label]]] = defaultdict(lambda: defaultdict(list))
    for story, file, measure, cls, lo, hi, _phrase, who, partial in _rows(path, 9):
        if measure and measure != "other":
            lo_hi = (int(lo) if lo else None, int(hi) if hi else None)
            out[story][file].append(
                Label(file, measure, cls, *lo_hi, who, "incident", partial=partial == "1")
            )
    return out


def read_names(path: Path) -> dict[str, list[NameLabel]]:
    out: dict[str, list[NameLabel]] = defaultdict(list)
    for n, (story, file, surface, etype, entity) in enumerate(_rows(path, 5)):
        if surface and entity:
            out[story].append(NameLabel(f"{file}#{n}", file, surface, etype.upper(), entity))
    return out


def read_dates(path: Path) -> dict[str, list[DateLabel]]:
    out: dict[str, list[DateLabel]] = defaultdict(list)
    for story, file, expression, value in _rows(path, 4):
        if expression and value:
            out[story].append(DateLabel(file, expression, dt.date.fromisoformat(value[:10])))
    return out


# --- the cl-tls sample: a rule fixed before any system output was seen ------------------------------

_CASUALTY = re.compile(
    r"\b(muert|fallecid|herid|asesinad|detenid|arrestad|desaparecid|desplazad|víctima|"
    r"morts?\b|tués?|blessés?|décédé|arrêté|interpellé|disparus?|déplacés?|victimes?|"
    r"mort[io]\b|uccis|ferit|arrestat|dispers|sfollat|vittim|decedut)",
    re.I,
)
_NUMBER = re.compile(
    r"\d|\b(dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|veinte|treinta|cuarenta|cincuenta|cien"
    r"|cientos|decenas|centenares|miles|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt|trente"
    r"|quarante|cinquante|cent|dizaines|centaines|milliers|due|tre|quattro|cinque|sei|sette|otto|nove"
    r"|dieci|dodici|venti|trenta|quaranta|cinquanta|cento|decine|centinaia|migliaia)\b",
    re.I,
)
SAMPLE_PER_LANGUAGE = 12
SAMPLE_MAX_CHARS = 3000
SPLIT_HEADER = """\
# cl-tls-mlcrisis sample for the figures benchmark (bench/languages.py), drawn 2026-12-02 before any system
# output on it was seen. Rule (bench/languages.py cltls_sample): per language (es, fr, it), among the articles
# of at most 3,000 characters whose text has a digit or a number word within 60 characters of a casualty word,
# the 12 with the smallest sha1 of their path (relative to ../shared/eval/cl-tls-mlcrisis); part = tune when
# that sha1 (as an integer) is even, test when odd. Every casualty figure of these articles is labelled in
# figures-cltls.tsv.
# file\tlanguage\tsha1\tpart
"""


def _casualty_text(text: str) -> bool:
    return any(_NUMBER.search(text[max(0, m.start() - 60) : m.end() + 60]) for m in _CASUALTY.finditer(text))


def cltls_sample() -> list[tuple[str, str, str, str]]:
    """(file, language, sha1, part) of the sample, by the fixed rule above."""
    out = []
    for lang in ("es", "fr", "it"):
        found = []
        for path in sorted((CLTLS / lang).glob("*/*/*.txt")):
            rel = path.relative_to(CLTLS).as_posix()
            text = path.read_text(encoding="utf-8", errors="replace")
            if len(text) <= SAMPLE_MAX_CHARS and _casualty_text(text):
                found.append((hashlib.sha1(rel.encode()).hexdigest(), rel))
        for sha, rel in sorted(found)[:SAMPLE_PER_LANGUAGE]:
            out.append((rel, lang, sha, "tune" if int(sha, 16) % 2 == 0 else "test"))
    return out


def read_split(path: Path) -> dict[str, str]:
    return {file: part for file, _lang, _sha, part in _rows(path, 4)}


# --- running newsfuse -------------------------------------------------------------------------------


class Named(NamedTuple):
    """One entity of a brief: its normalised name and aliases, the files that name it, its type."""

    names: set[str]
    files: set[str]
    type: str


class Run(NamedTuple):
    """What the system said about one story: claims per file, entities, and each file's text/date/lang."""

    claims: list[Label]
    entities: list[Named]
    texts: dict[str, str]
    published: dict[str, dt.date | None]
    language: dict[str, str]


def _norm(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold()))


def _front_matter_language(text: str) -> str | None:
    m = re.match(r"---\s*\n(.*?)\n---", text, re.S)
    found = m and re.search(r"^language:\s*[\"']?([a-z]{2})", m.group(1), re.M)
    return found.group(1) if found else None


def _file_language(path: Path, detected: str | None) -> str:
    """The language of a story file: its name NN-LANG-outlet, else its front matter, else detection."""
    m = re.match(r"\d+-([a-z]{2})[-.]", path.name)
    if m and m.group(1) in LANGS:
        return m.group(1)
    try:
        return _front_matter_language(path.read_text(encoding="utf-8")) or detected or "?"
    except (OSError, UnicodeDecodeError):
        return detected or "?"


def _from_brief(brief: Any, file_of: Callable[[str | None], str]) -> tuple[list[Label], list[Any]]:
    unit = {s.id: file_of(s.path) for s in brief.sources}
    claims = [
        Label(unit[c.source], c.measure, c.victim_class, c.value.lo, c.value.hi, c.attributed_to or "",
              c.scope, c.status, c.partial, c.hedged)
        for c in brief.claims
        if c.measure != "other"
    ]  # fmt: skip
    entities = [
        Named(
            {_norm(a) for a in [e.name, *e.aliases]} - {""}, {unit[s] for s in e.sources if s in unit}, e.type
        )
        for e in brief.entities
    ]
    return claims, entities


def run_story(folder: Path) -> Run:
    """The brief of a story folder (newsfuse.brief), with every file's raw text, date and language."""
    import newsfuse
    from newsfuse.ingest import read_inputs

    # one story by construction: measure reading every language, not story grouping (bench/cluster.py)
    brief = newsfuse.brief(folder, group=False)
    claims, entities = _from_brief(brief, lambda p: Path(p or "").name)
    raws = [r for r in read_inputs([str(folder)]) if not isinstance(r, Exception)]
    detected = {Path(s.path or "").name: s.language for s in brief.sources}
    # the publication date a file states, else the one the brief found for it (a .txt with a dateline)
    inferred = {Path(s.path or "").name: s.published for s in brief.sources}
    texts = {Path(r.path or "").name: r.text for r in raws}
    published = {Path(r.path or "").name: r.published or inferred.get(Path(r.path or "").name) for r in raws}
    languages = {p.name: _file_language(p, detected.get(p.name)) for p in folder.iterdir() if p.is_file()}
    return Run(claims, entities, texts, published, languages)


def run_cltls(files: Sequence[str]) -> Run:
    """One brief per cl-tls article (unrelated articles), publication date = its folder name."""
    from newsfuse.api import clean_articles
    from newsfuse.consolidate import assemble_brief
    from newsfuse.consolidate.facts import read_articles
    from newsfuse.models import RawArticle

    claims: list[Label] = []
    texts: dict[str, str] = {}
    published: dict[str, dt.date | None] = {}
    language: dict[str, str] = {}
    for rel in files:
        text = (CLTLS / rel).read_text(encoding="utf-8", errors="replace")
        day = dt.date.fromisoformat(rel.split("/")[2])
        texts[rel], published[rel], language[rel] = text, day, rel.split("/")[0]
        cleaned = clean_articles([RawArticle(text=text, path=rel, published=day)])
        if cleaned:
            found, _ = _from_brief(assemble_brief(read_articles(cleaned)), lambda p: p or "")
            claims += found
    return Run(claims, [], texts, published, language)


# --- scoring (pure) ---------------------------------------------------------------------------------


def claim_score(gold: Sequence[Label], predicted: Sequence[Label]) -> dict[str, Any]:
    """Precision, recall, F1 of predicted claims against labels (one-to-one, same unit/measure/interval)."""
    pairs = match(list(gold), list(predicted))
    p = len(pairs) / len(predicted) if predicted else 0.0
    r = len(pairs) / len(gold) if gold else 0.0
    judged = [g.cls == q.cls for g, q in pairs]
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": len(pairs),
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        "victim_class_accuracy": round(sum(judged) / len(judged), 4) if judged else None,
        "attribution_accuracy": (
            round(sum(_same_source(g.who, q.who) for g, q in pairs) / len(pairs), 4) if pairs else None
        ),
    }


def key_clusters(names: Sequence[NameLabel]) -> list[Cluster]:
    by_entity: dict[str, set[str]] = defaultdict(set)
    for n in names:
        by_entity[n.entity].add(n.key)
    return [frozenset(c) for c in by_entity.values()]


def brief_clusters(names: Sequence[NameLabel], entities: Sequence[Named]) -> list[Cluster]:
    """Each labelled mention in the entity of its file whose name or alias is its surface, else alone.

    When no alias equals the surface, an entity of the label's type with an alias whose words are a run
    of the surface's words (or the reverse: "barrage de Korvel" for "Korvel") counts, the longest
    first; among equal candidates the entity seen in most files wins.
    """
    members: dict[int | str, set[str]] = defaultdict(set)
    for n in names:
        surface = _norm(n.surface)
        etype = ENTITY_TYPES.get(n.type, "other")
        here = [(i, e.names) for i, e in enumerate(entities) if n.file in e.files]
        best: tuple[int, int, int] | None = None  # (exact, overlap length, files) of the chosen entity
        chosen: int | str = n.key
        for i, aliases in here:
            for alias in aliases:
                exact = alias == surface
                inside = _words_in(alias, surface) or _words_in(surface, alias)
                if not exact and not (inside and entities[i].type == etype):
                    continue
                rank = (int(exact), min(len(alias), len(surface)), len(entities[i].files))
                if best is None or rank > best:
                    best, chosen = rank, i
        members[chosen].add(n.key)
    return [frozenset(c) for c in members.values()]


def _words_in(part: str, whole: str) -> bool:
    return bool(part) and f" {part} " in f" {whole} "


def exact_clusters(names: Sequence[NameLabel]) -> list[Cluster]:
    by_form: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in names:
        by_form[(n.surface, n.type)].add(n.key)
    return [frozenset(c) for c in by_form.values()]


def merge_clusters(names: Sequence[NameLabel], texts: dict[str, str]) -> list[Cluster]:
    """The brief's merging rules alone on the labelled mentions (gold spans and types), per file."""
    from newsfuse.analyze.entities import AcronymDefinition, Mention, find_acronyms
    from newsfuse.consolidate.entities import cluster_mentions

    by_file: dict[str, list[Mention]] = defaultdict(list)
    for n in names:
        etype: Any = ENTITY_TYPES.get(n.type, "other")
        by_file[n.file].append(Mention(n.surface, etype, 0, len(n.surface), label=n.key))
    definitions: list[AcronymDefinition] = []
    for file in by_file:
        definitions += [d for d in find_acronyms(texts.get(file, "")) if d not in definitions]
    return [frozenset(m.label for _, m in c) for c in cluster_mentions(list(by_file.values()), definitions)]


def restrict(clusters: Iterable[Cluster], keep: set[str]) -> list[Cluster]:
    """The clusters cut down to the mentions in `keep` (a language's), empty ones dropped."""
    return [c & keep for c in clusters if c & keep]


def entity_score(key: list[Cluster], response: list[Cluster]) -> dict[str, Any] | None:
    """MUC, B-cubed, CEAF-e and CoNLL F1 as bench/entities.py computes them; None with no mention."""
    if not key or not response:
        return None
    return coref_score(key, response) | {"mentions": sum(len(c) for c in key), "gold_entities": len(key)}


def date_hits(
    labels: Sequence[tuple[int, int, dt.date]], found: Sequence[tuple[int, int, dt.date | None]]
) -> list[bool]:
    """Per labelled expression (span, day): does an overlapping found expression resolve to that day?"""
    return [any(s < b and a < e and day == want for s, e, day in found) for a, b, want in labels]


def _with_language(fn: Callable[..., Any], language: str) -> dict[str, str]:
    """`language=` for the timex functions when they take it (the dates work may add it), else nothing."""
    try:
        names = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}
    return next(({n: language} for n in ("language", "lang", "code") if n in names), {})


def _sentence(text: str, a: int, b: int) -> tuple[str, int]:
    start = max(
        text.rfind("\n", 0, a), max((m.end() for m in re.finditer(r"[.!?]\s", text[:a])), default=0) - 1
    )
    stop_m = re.search(r"[.!?](\s|$)|\n", text[b:])
    stop = b + stop_m.start() + 1 if stop_m else len(text)
    return text[start + 1 : stop], a - start - 1


def system_days(text: str, published: dt.date | None, language: str) -> list[tuple[int, int, dt.date | None]]:
    """Every expression the system finds in the text with the day it resolves it to."""
    from newsfuse.analyze.timex import find_timexes, resolve, sentence_tense

    out = []
    for m in find_timexes(text, **_with_language(find_timexes, language)):
        sentence, at = _sentence(text, m.start, m.end)
        tense = sentence_tense(sentence, at, **_with_language(sentence_tense, language))
        r = resolve(m.text, published, tense=tense, **_with_language(resolve, language))
        out.append((m.start, m.end, r.day if r else None))
    return out


def locate(labels: Sequence[DateLabel], text: str) -> list[tuple[int, int, dt.date] | None]:
    """The span of each labelled expression in its text: the n-th label of a phrase = its n-th occurrence."""
    seen: dict[str, int] = defaultdict(int)
    out: list[tuple[int, int, dt.date] | None] = []
    folded = text.casefold()
    for d in labels:
        spans = [m.start() for m in re.finditer(re.escape(d.expression.casefold()), folded)]
        n = seen[d.expression]
        seen[d.expression] += 1
        out.append((spans[n], spans[n] + len(d.expression), d.value) if n < len(spans) else None)
    return out


def date_score(run: Run, dates: Sequence[DateLabel], files: Sequence[str], lang: str) -> dict[str, Any]:
    """Labelled day expressions of `files` (one language) found and resolved to their day, and the misses."""
    hits: list[bool] = []
    misses: list[dict[str, str]] = []
    for f in files:
        labels = [d for d in dates if d.file == f]
        spans = locate(labels, run.texts.get(f, ""))
        found = system_days(run.texts.get(f, ""), run.published.get(f), lang) if any(spans) else []
        for d, span in zip(labels, spans, strict=True):
            hit = span is not None and date_hits([span], found)[0]
            hits.append(hit)
            if not hit:
                got = [str(day) for a, b, day in found if span and a < span[1] and span[0] < b]
                why = "not in text" if span is None else ", ".join(got) or "not found"
                misses.append({"file": f, "expression": d.expression, "want": str(d.value), "got": why})
    return {
        "labelled": len(dates),
        "not_in_text": sum(1 for m in misses if m["got"] == "not in text"),
        "correct": sum(hits),
        "accuracy": round(sum(hits) / len(dates), 4) if dates else 0.0,
        "misses": misses,
    }


# --- one part ---------------------------------------------------------------------------------------


def score_part(
    run: Run,
    figures: dict[str, list[Label]],
    names: Sequence[NameLabel],
    dates: Sequence[DateLabel],
    files: Iterable[str],
) -> dict[str, Any]:
    """Per language: claims, entities within the language, dates; and entities across languages."""
    files = sorted(set(files))
    lang_of = {f: run.language.get(f, "?") for f in files}
    out: dict[str, Any] = {"languages": {}}
    names = [n for n in names if n.file in lang_of]
    key_all = key_clusters(names)
    systems = {
        "newsfuse brief": brief_clusters(names, run.entities),
        "merging rules on labelled mentions": merge_clusters(names, run.texts) if names else [],
        "exact string": exact_clusters(names),
    }
    for lang in sorted(set(lang_of.values()), key=lambda x: (*LANGS, x).index(x)):
        mine = [f for f in files if lang_of[f] == lang]
        gold = [g for f in mine for g in figures.get(f, [])]
        pred = [c for c in run.claims if c.unit in mine]
        row: dict[str, Any] = {"files": len(mine), "claims": claim_score(gold, pred)}
        keep = {n.key for n in names if lang_of[n.file] == lang}
        if keep:
            row["entities"] = entity_score(restrict(key_all, keep), restrict(systems["newsfuse brief"], keep))
        if any(d.file in mine for d in dates):
            row["dates"] = date_score(run, [d for d in dates if d.file in mine], mine, lang)
        out["languages"][lang] = row
    if names:
        out["entities_across_languages"] = {
            name: entity_score(key_all, response) for name, response in systems.items()
        }
    return out


# --- the table --------------------------------------------------------------------------------------


def _f(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def print_table(parts: dict[str, dict[str, Any]]) -> None:
    print(
        f"{'part':12} {'lang':4} {'files':>5} {'gold':>5} {'pred':>5} {'P':>5} {'R':>5} {'F1':>5} "
        f"{'dF1/en':>6} {'ent B3':>6} {'CoNLL':>6} {'dates':>5} {'n':>4}"
    )
    for part, result in parts.items():
        langs = result["languages"]
        en_f1 = langs.get("en", {}).get("claims", {}).get("f1")
        for lang, row in langs.items():
            c, e, d = row["claims"], row.get("entities"), row.get("dates")
            gap = "     -" if en_f1 is None or lang == "en" else f"{c['f1'] - en_f1:+6.3f}"
            print(
                f"{part:12} {lang:4} {row['files']:>5} {c['gold']:>5} {c['predicted']:>5} "
                f"{_f(c['precision'])} {_f(c['recall'])} {_f(c['f1'])} {gap} {_f(e and e['b3']['f1']):>6} "
                f"{_f(e and e['conll']['f1']):>6} {_f(d and d['accuracy'])} {d['labelled'] if d else '-':>4}"
            )
    for part, result in parts.items():
        across = result.get("entities_across_languages")
        if across:
            print(f"\n{part}: entities across languages (all mentions of the story), F1")
            print(f"  {'system':36} {'MUC':>6} {'B3':>6} {'CEAF-e':>6} {'CoNLL':>6} {'mentions':>8}")
            for name, s in across.items():
                if s:
                    cells = " ".join(f"{s[m]['f1']:6.3f}" for m in ("muc", "b3", "ceaf_e", "conll"))
                    print(f"  {name:36} {cells} {s['mentions']:>8}")


def english_reference() -> dict[str, Any]:
    """bench/results/figures.json's English claim scores (seeds, fakes-syria), quoted for reference."""
    path = RESULTS / "figures.json"
    if not path.is_file():
        return {}
    tables = json.loads(path.read_text(encoding="utf-8")).get("results", [])
    return {
        t["dataset"]: {k: round(t["systems"]["newsfuse"][k], 3) for k in ("precision", "recall", "f1")}
        for t in tables
        if "groups" in t and "newsfuse" in t["systems"]
    }


# --- main -------------------------------------------------------------------------------------------


def measure(data: Path, dev: Path, show: bool) -> dict[str, dict[str, Any]]:
    parts: dict[str, dict[str, Any]] = {}
    figures_path, names_path, dates_path = (data / f"{n}.tsv" for n in ("figures", "entities", "dates"))
    if figures_path.is_file():
        figures = read_figures(figures_path)
        names = read_names(names_path) if names_path.is_file() else {}
        dates = read_dates(dates_path) if dates_path.is_file() else {}
        for story, folder in (("dev", dev), ("heldout", data / "heldout")):
            if not folder.is_dir():
                print(f"skip {story}: no story folder {folder}")
                continue
            start = time.perf_counter()
            run = run_story(folder)
            files = set(run.texts) | set(figures.get(story, {}))
            parts[story] = score_part(
                run, figures.get(story, {}), names.get(story, []), dates.get(story, []), files
            )
            parts[story]["seconds"] = round(time.perf_counter() - start, 1)
            if show:
                _show(story, figures.get(story, {}), run.claims)
                for lang, row in parts[story]["languages"].items():
                    for m in row.get("dates", {}).get("misses", []):
                        where = f"{story} {lang} {m['file']}"
                        print(f"  DATE  {where}: {m['expression']!r} {m['want']}, got {m['got']}")
    else:
        print(f"skip dev/heldout: no labels {figures_path}")
    cltls_labels, split_path = data / "figures-cltls.tsv", data / "cltls-split.tsv"
    if CLTLS.is_dir() and cltls_labels.is_file() and split_path.is_file():
        labelled = read_figures(cltls_labels).get("cltls", {})
        split = read_split(split_path)
        for part in ("tune", "test"):
            files = [f for f, p in split.items() if p == part]
            start = time.perf_counter()
            run = run_cltls(files)
            parts[f"cltls-{part}"] = score_part(run, labelled, [], [], files)
            parts[f"cltls-{part}"]["seconds"] = round(time.perf_counter() - start, 1)
            if show:
                _show(f"cltls-{part}", {f: labelled.get(f, []) for f in files}, run.claims)
    else:
        print(f"skip cl-tls: needs {CLTLS}, {cltls_labels} and {split_path}")
    return parts


def _show(part: str, figures: dict[str, list[Label]], claims: list[Label]) -> None:
    by_file: dict[str, list[Label]] = defaultdict(list)
    for c in claims:
        by_file[c.unit].append(c)
    for file in sorted(set(figures) | set(by_file)):
        pairs = match(figures.get(file, []), by_file.get(file, []))
        got = [p for _, p in pairs]
        for g in figures.get(file, []):
            if g not in [a for a, _ in pairs]:
                print(f"  MISS  {part} {file}: {g.measure} {g.cls} {g.lo}-{g.hi} ({g.who})")
        for p in by_file.get(file, []):
            if p in got:
                got.remove(p)
            else:
                print(f"  EXTRA {part} {file}: {p.measure} {p.cls} {p.lo}-{p.hi} ({p.who})")


def selfcheck() -> int:
    """The scoring functions on cases worked out by hand; non-zero exit on any wrong score."""
    failures: list[str] = []

    def check(what: str, got: Any, want: Any) -> None:
        if got != want:
            failures.append(f"{what}: got {got!r}, want {want!r}")

    def lab(u: str, m: str, lo: int, hi: int | None, cls: str = "people") -> Label:
        return Label(u, m, cls, lo, hi, "", "incident")

    gold = [lab("a", "killed", 8, None), lab("a", "injured", 20, 99), lab("b", "killed", 3, 3)]
    pred = [lab("a", "killed", 8, None, "civilians"), lab("a", "injured", 20, 98), lab("c", "killed", 3, 3),
            lab("a", "killed", 8, None)]  # fmt: skip
    s = claim_score(gold, pred)
    check("claims matched", s["matched"], 1)
    check("claims P/R/F1", (s["precision"], s["recall"], s["f1"]), (0.25, 0.3333, 0.2857))
    check("class of the match prefers the same class", s["victim_class_accuracy"], 1.0)
    check("no gold, no prediction", claim_score([], [])["f1"], 0.0)
    run = Run(pred, [], {}, {}, {"a": "ru", "b": "en", "c": "en"})
    part = score_part(run, {"a": gold[:2], "b": gold[2:]}, [], [], ["a", "b", "c"])["languages"]
    check(
        "per language",
        {k: (v["files"], v["claims"]["f1"]) for k, v in part.items()},
        {"en": (2, 0.0), "ru": (1, 0.4)},
    )

    key = [frozenset("ab"), frozenset("c")]
    response = [frozenset("a"), frozenset("bc")]
    e = entity_score(key, response)
    assert e is not None
    check("B3 R/P", (e["b3"]["recall"], e["b3"]["precision"]), (0.6667, 0.6667))
    check("MUC F1", e["muc"]["f1"], 0.0)
    check("CEAF-e", (e["ceaf_e"]["recall"], e["ceaf_e"]["precision"]), (0.6667, 0.6667))
    perfect = entity_score(key, key)
    check("perfect CoNLL", perfect and perfect["conll"]["f1"], 1.0)
    check("restrict", sorted(map(sorted, restrict(response, {"a", "b"}))), [["a"], ["b"]])

    names = [
        NameLabel("f1#0", "f1", "Токаева", "PERSON", "P:t"),
        NameLabel("f2#1", "f2", "Tokayev", "PERSON", "P:t"),
        NameLabel("f2#2", "f2", "President Tokayev", "PERSON", "P:t"),
        NameLabel("f2#3", "f2", "Astana", "PLACE", "L:a"),
    ]
    entities = [
        Named({"токаев", "токаева", "tokayev"}, {"f1", "f2"}, "person"),
        Named({"astana"}, {"f1"}, "place"),
        Named({"astana hydro"}, {"f2"}, "org"),
    ]
    got = sorted(sorted(c) for c in brief_clusters(names, entities))
    # Astana's place is not in f2 and the org holding its word is not a place: the mention stays alone;
    # "President Tokayev" joins by its words
    check("brief clusters", got, [["f1#0", "f2#1", "f2#2"], ["f2#3"]])
    check("exact clusters", len(exact_clusters(names)), 4)
    check("key clusters", sorted(len(c) for c in key_clusters(names)), [1, 3])

    day = dt.date(2025, 3, 12)
    found = [(8, 14, day), (30, 35, dt.date(2025, 3, 11)), (60, 65, day)]
    check("date hits", date_hits([(10, 18, day), (30, 35, day), (50, 55, day)], found), [True, False, False])
    text = "On Tuesday A; on tuesday B."
    spans = locate(
        [DateLabel("f", "Tuesday", day), DateLabel("f", "Tuesday", day), DateLabel("f", "Tuesday", day)], text
    )
    check("locate n-th occurrence", spans, [(3, 10, day), (17, 24, day), None])
    check("sentence around", _sentence("One. Two on Monday. Three", 12, 18), ("Two on Monday.", 7))

    for failure in failures:
        print("FAIL", failure)
    print("selfcheck:", "ok" if not failures else f"{len(failures)} wrong")
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="label folder (figures/entities/dates.tsv)")
    parser.add_argument("--dev", type=Path, default=DEV, help="the dev story folder")
    parser.add_argument("--show", action="store_true", help="print every missed and extra claim")
    parser.add_argument("--selfcheck", action="store_true", help="check the scoring on hand-worked cases")
    parser.add_argument("--write-split", action="store_true", help="redraw the cl-tls sample by its rule")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results/languages.json")
    args = parser.parse_args()
    if args.selfcheck:
        sys.exit(selfcheck())
    if args.write_split:
        if not CLTLS.is_dir():
            sys.exit(f"no {CLTLS}")
        rows = cltls_sample()
        (args.data / "cltls-split.tsv").write_text(SPLIT_HEADER + "".join("\t".join(r) + "\n" for r in rows))
        print(f"wrote {len(rows)} rows to {args.data / 'cltls-split.tsv'}")
        return
    if not SHARED.is_dir():
        print(f"skip: {SHARED} is absent")
        return
    parts = measure(args.data, args.dev, args.show)
    if not parts:
        print("skip: no labelled part to measure")
        return
    print_table(parts)
    reference = english_reference()
    if reference:
        print(
            "\nEnglish reference, bench/results/figures.json (newsfuse claims P/R/F1): "
            + "; ".join(
                f"{name} {v['precision']:.3f}/{v['recall']:.3f}/{v['f1']:.3f}"
                for name, v in reference.items()
            )
        )
    if not args.no_write:
        write_result(
            "languages",
            {"parts": parts, "english_reference_figures_json": reference, "machine": machine_info()},
        )


if __name__ == "__main__":
    main()
