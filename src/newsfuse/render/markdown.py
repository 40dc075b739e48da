"""The brief as Markdown: for the terminal, for pasting into a newsroom chat or a ticket.

Article text is untrusted: everything taken from an article is escaped so that it reads as text
in any Markdown renderer (no raw HTML, no links or emphasis it did not mean).
"""

from __future__ import annotations

import re
from collections import Counter

from newsfuse.models import Brief, Source
from newsfuse.render.common import (
    KEY_FIGURES_TITLE,
    KIND_LABELS,
    OTHER_STORIES_NOTE,
    OTHER_STORIES_TITLE,
    PENDING_NOTES,
    SECTION_TITLES,
    KeyFigureLine,
    claim_marks,
    comparison_anchor,
    comparison_kind,
    date_range,
    file_name,
    key_figure_lines,
    language_marks,
    ordered_comparisons,
    other_story_lines,
    short_date,
    source_label,
    window_text,
)

# "_" inside a word ("file_name") cannot start emphasis in CommonMark: only escape it at a word's edge
_MD_SPECIAL = re.compile(r"([\\`*\[\]<]|(?<![^\W_])_|_(?![^\W_]))")
_MD_TABLE_SPECIAL = re.compile(r"([\\`*\[\]<|]|(?<![^\W_])_|_(?![^\W_]))")


def md(text: str | None, *, table: bool = False) -> str:
    """Untrusted text made inert: Markdown and HTML specials escaped, kept on one line."""
    if not text:
        return ""
    return (_MD_TABLE_SPECIAL if table else _MD_SPECIAL).sub(r"\\\1", " ".join(text.split()))


def code(text: str | None) -> str:
    """Untrusted text as an inline code span (escapes do not work inside one: widen the fence)."""
    text = " ".join((text or "").split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _link(url: str) -> str:
    """An autolink for a web address; anything else (javascript:, data:) shown as inert text."""
    if re.match(r"https?://", url, re.I):
        return "<" + re.sub(r"[\s<>]", lambda m: f"%{ord(m.group(0)):02X}", url) + ">"
    return md(url)


def render_markdown(brief: Brief) -> str:
    out: list[str] = [f"# {md(brief.story.title)}", ""]
    originals = [s for s in brief.sources if s.duplicate_of is None]
    languages = Counter(s.language for s in brief.sources)
    facts = [
        f"{len(brief.sources)} source{'s' if len(brief.sources) != 1 else ''}"
        + (f" ({len(originals)} independent)" if len(originals) != len(brief.sources) else ""),
        "languages: " + ", ".join(f"{lang} ×{n}" if n > 1 else lang for lang, n in languages.most_common()),
    ]
    span = date_range(brief.story.first_seen, brief.story.last_seen)
    if span:
        facts.append(span)
    facts.append(f"story `{brief.story.id}`")
    out += ["_" + " · ".join(facts) + "_", ""]
    out += _other_stories(brief)
    out += _key_figures(brief)

    for section in ("summary", "claims", "comparisons", "entities", "timeline"):
        out += [f"## {SECTION_TITLES[section]}", ""]
        if section in brief.pending_sections:
            out += [f"_{PENDING_NOTES[section]}_", ""]
        else:
            out += _section(brief, section) or ["_None found in these sources._"]
            out.append("")

    out += ["## Sources", ""]
    out += ["| id | outlet | title | lang | published | words | junk removed | copy of |"]
    out += ["|---|---|---|---|---|---|---|---|"]
    for s in brief.sources:
        published = (
            f"{s.published}" + (f" ({s.published_from})" if s.published_from else "") if s.published else "–"
        )
        cells = [
            s.id,
            md(s.outlet, table=True) or "–",
            md(s.title, table=True) or "–",
            s.language,
            published,
            str(s.words),
            str(len(s.removed)),
            s.duplicate_of or "–",
        ]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for s in brief.sources:
        out += _source_details(s)
    if brief.skipped:
        out += ["## Inputs skipped", ""]
        out += [f"- {code(file_name(p.path))}: {md(p.problem)}" for p in brief.skipped]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _other_stories(brief: Brief) -> list[str]:
    """A short note naming the inputs' other stories, when there are any."""
    lines = other_story_lines(brief)
    if not lines:
        return []
    out = [f"**{OTHER_STORIES_TITLE}** — {OTHER_STORIES_NOTE}:", ""]
    for line in lines:
        files = ", ".join(code(name) for name in line.files)
        more = f" and {line.more_files} more" if line.more_files else ""
        plural = "s" if line.articles != 1 else ""
        out.append(f"- {md(line.title)} · {line.articles} article{plural}: {files}{more}")
    return [*out, ""]


def _source_details(s: Source) -> list[str]:
    lines = [f"### {s.id} · {md(source_label(s))}", ""]
    # the file's name only: a machine's folders are no reader's business (the JSON keeps the path)
    where = (
        [f"file {code(file_name(s.path))}" + (f" (record {s.record})" if s.record is not None else "")]
        if s.path
        else []
    )
    if s.url:
        where.append(_link(s.url))
    if s.duplicate_of:
        where.append(f"**copy of {s.duplicate_of}**")
    lines += ["- " + " · ".join(where) if where else "- (standard input)"]
    lines.append(f"- {s.words} words, {s.sentences} sentences")
    if s.removed:
        lines.append(f"- removed ({len(s.removed)}):")
        for r in s.removed:
            text = r.text if len(r.text) <= 140 else r.text[:137] + "…"
            lines.append(f"  - {r.reason} ({r.rule}): “{md(text)}”")
    else:
        lines.append("- nothing removed")
    lines.append("")
    return lines


def _section(brief: Brief, section: str) -> list[str]:
    return {
        "summary": _summary,
        "claims": _claims,
        "comparisons": _comparisons,
        "entities": _entities,
        "timeline": _timeline,
    }[section](brief)


def _summary(brief: Brief) -> list[str]:
    """One line per sentence, cited as [s1, s3]; sources with translation damage named after."""
    marks = language_marks(brief)
    lines = [
        f"- {f'[{mark}] ' if mark else ''}{md(s.text)} [{', '.join(s.sources)}]"
        for s, mark in zip(brief.summary, marks, strict=True)
    ]
    damaged = [s.id for s in brief.sources if "translation-damage" in s.quality]
    if lines and damaged:
        lines += ["", f"_Visible machine-translation damage in {', '.join(damaged)}._"]
    return lines


def _claims(brief: Brief) -> list[str]:
    """The figures table, claims in a conflict first (marked ⚠), then each quote by claim id."""
    if not brief.claims:
        return []
    conflicted = {cid for c in brief.comparisons if comparison_kind(c) == "conflict" for cid in c.claims}
    ordered = [c for c in brief.claims if c.id in conflicted] + [
        c for c in brief.claims if c.id not in conflicted
    ]
    year = brief.story.last_seen.year if brief.story.last_seen else None
    outlets = {s.id: s.outlet for s in brief.sources if s.outlet}  # a figure the outlet says itself
    out = [
        "| | id | figure | measure | victims | who says it | source | reported | where / when |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for c in ordered:
        where = " · ".join(x for x in (md(c.place, table=True), str(c.when) if c.when else "") if x) or "–"
        marks = (["⚠ conflict"] if c.id in conflicted else []) + claim_marks(c)
        cells = [
            ", ".join(marks),
            c.id,
            md(c.value.text, table=True),
            c.measure.replace("_", " "),
            md(c.victims, table=True) + f" ({c.victim_class.replace('_', ' ')})",
            md(c.attributed_to, table=True) or md(outlets.get(c.source), table=True) or "the outlet itself",
            c.source,
            short_date(c.reported, year) or "–",
            where,
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", "Quotes:", ""]
    out += [f"- {c.id} ({c.source}): “{md(c.quote)}”" for c in brief.claims]
    return out


def _comparisons(brief: Brief) -> list[str]:
    """Conflicts first and marked, then revisions, updates, agreements; each with window and anchor."""
    out = []
    for index, c, kind in ordered_comparisons(brief):
        label = KIND_LABELS.get(kind, kind)
        mark = f"**⚠ {label.upper()}**" if kind == "conflict" else f"**{label}**"
        where = f" in {md(c.place)}" if c.place else ""
        window = window_text(c.window)
        out.append(
            f'- <a id="{comparison_anchor(index)}"></a>{mark} {c.measure.replace("_", " ")} / '
            f"{c.victim_class.replace('_', ' ')}{where}{f' ({window})' if window else ''}: "
            f"{md(c.explanation)} [{', '.join(c.claims)}]"
        )
    return out


def _key_figures(brief: Brief) -> list[str]:
    """The block a reader sees first: per measure the current toll, who says it and when, what it replaced."""
    lines = key_figure_lines(brief)
    if not lines:
        return []
    out = [f"## {KEY_FIGURES_TITLE}", ""]
    out += [_key_figure(line) for line in lines]
    return [*out, ""]


def _key_figure(line: KeyFigureLine) -> str:
    """ "- **killed** (people, Kessara): **16** — health ministry, 13 Mar [s7] · earlier: … · ⚠ …"."""
    about = ", ".join(md(x) for x in (line.victims, line.place) if x)
    said = ", ".join(x for x in (md(line.who), line.when) if x)
    text = f"- **{line.measure}** ({about}): **{md(line.current)}**"
    if said or line.sources:
        text += (
            " —" + (f" {said}" if said else "") + (f" [{', '.join(line.sources)}]" if line.sources else "")
        )
    if line.earlier:
        text += " · earlier: "
        for n, step in enumerate(line.earlier):
            step_said = ", ".join(x for x in (step.when, md(step.who) or ", ".join(step.sources)) if x)
            text += ("" if n == 0 else " → " if step.then else "; ") + md(step.value)
            text += f" ({step_said})" if step_said else ""
    if line.comparison and line.conflict:
        text += f" · ⚠ sources conflict — [see below](#{line.comparison})"
    elif line.comparison and line.kind == "revision":
        text += f" · revised down — [see below](#{line.comparison})"
    elif line.conflict:
        text += " · ⚠ sources conflict"
    return text


def _entities(brief: Brief) -> list[str]:
    out: list[str] = []
    for etype, title in (
        ("person", "People"),
        ("org", "Organisations"),
        ("place", "Places"),
        ("other", "Other"),
    ):
        entities = [e for e in brief.entities if e.type == etype]
        if not entities:
            continue
        out += [f"**{title}**", ""]
        for e in entities:
            line = f"- **{md(e.name)}**"
            if e.roles:
                line += f", {md('; '.join(e.roles))}"
            if e.type == "place" and (e.country or e.latitude is not None):
                where = [md(e.country)] if e.country and e.country != e.name else []
                if e.latitude is not None and e.longitude is not None:
                    where.append(f"{e.latitude:.2f}, {e.longitude:.2f}")
                if where:
                    line += f" ({', '.join(where)})"
            line += f" · {e.mentions} mention{'s' if e.mentions != 1 else ''} in {', '.join(e.sources)}"
            others = [a for a in e.aliases if a != e.name]
            if others:
                line += f" · also: {md(', '.join(others))}"
            out.append(line)
        out.append("")
    return out[:-1] if out else out


def _timeline(brief: Brief) -> list[str]:
    lines = []
    for t in brief.timeline:
        when = f"**{t.date:%a} {t.date}**" + (f", {t.part_of_day}" if t.part_of_day else "")
        support = f" · {t.support} independent" if t.support < len(t.sources) else ""
        lines.append(f"- {when}: {md(t.text)} [{', '.join(t.sources)}{support}]")
    return lines
