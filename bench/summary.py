"""Cited summary: newsfuse vs LexRank, TextRank and lead baselines on NeuS/AllSides, side by side.

Dataset (read from ../shared/eval/neus-allsides, never copied): the NeuS test split, 307 clusters of
three articles (left, centre, right outlets) about one story, each with AllSides' neutral summary.
Each cluster's articles are the sources (headline as title, excerpt as text); the gold is the
reference's ARTICLE part (its headline is left out: no system writes one); the budget of every
system is the reference's length in words.

Systems, all given the same sentences (newsfuse's cleaning and spaCy sentence split) and the same
budget (best-ranked sentences first, each added while the total stays within the budget):
- newsfuse: `assemble_brief(...).summary`, the real path a brief takes;
- LexRank and TextRank: sumy's implementations, with a whitespace/regex tokenizer of our own (no
  nltk data is needed) and sumy's English stop words and stemmer;
- lead: the articles' sentences in order, first sentence of each article, then second, ...;
- lead-first: the first article's sentences, then the second's, ...

Scores: ROUGE-1/2/L F1 (rouge-score, Porter stemming), averaged over clusters.

    python bench/summary.py [--limit N] [--split test|val]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from newsfuse.api import clean_articles
from newsfuse.config import Settings
from newsfuse.consolidate import assemble_brief
from newsfuse.consolidate.facts import read_articles
from newsfuse.models import AnalyzedArticle, RawArticle

NEUS = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "eval"
    / "neus-allsides"
    / "original"
    / "naacl2022_lrc_roundup_random_order_probe"
)
_PART = re.compile(r"TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>\s*(?P<text>.*)$", re.S)


def load_clusters(split: str, limit: int | None) -> list[tuple[list[tuple[str, str]], str]]:
    """[(articles as (title, text), reference text)] of the split, in file order."""
    sources = (NEUS / f"{split}.source").read_text(encoding="utf-8").splitlines()
    targets = (NEUS / f"{split}.target").read_text(encoding="utf-8").splitlines()
    clusters = []
    for line, target in list(zip(sources, targets, strict=True))[:limit]:
        articles = []
        for part in line.split(" [SEP] "):
            match = _PART.match(part.strip())
            articles.append((match["title"], match["text"]) if match else ("", part.strip()))
        gold = _PART.match(target.strip())
        clusters.append((articles, gold["text"] if gold else target.strip()))
    return clusters


class _Tokenizer:
    """sumy's tokenizer interface without nltk: sentences are given, words are \\w runs."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[^\W_]+(?:['’][^\W_]+)?", sentence)


def within_budget(ranked: Sequence[str], budget: int) -> list[str]:
    """The ranked sentences kept in rank order while their words fit the budget."""
    chosen, left = [], budget
    for sentence in ranked:
        words = len(sentence.split())
        if words <= left:
            chosen.append(sentence)
            left -= words
    return chosen


def sumy_summary(kind: str, sentences: list[str], budget: int) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer()
    document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    ranked: list[str] = []

    def take(infos: list[Any]) -> list[Any]:
        ranked.extend(str(i.sentence) for i in infos)  # best rated first
        return []

    summarizer(document, take)
    return within_budget(ranked, budget)


def lead_round_robin(per_article: list[list[str]], budget: int) -> list[str]:
    depth = max((len(a) for a in per_article), default=0)
    ordered = [a[k] for k in range(depth) for a in per_article if k < len(a)]
    return within_budget(ordered, budget)


def lead_first(per_article: list[list[str]], budget: int) -> list[str]:
    return within_budget([s for a in per_article for s in a], budget)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--split", choices=("test", "val"), default="test")
    args = parser.parse_args(argv)
    if not NEUS.is_dir():
        print(f"dataset not found: {NEUS}", file=sys.stderr)
        return 1
    from rouge_score import rouge_scorer

    clusters = load_clusters(args.split, args.limit)
    raws = [
        RawArticle(text=text, path=f"cluster{c}/article{k}.txt", title=title or None)
        for c, (articles, _) in enumerate(clusters)
        for k, (title, text) in enumerate(articles)
    ]
    started = time.perf_counter()
    articles = clean_articles(raws)
    analyzed = read_articles(articles)
    parse_seconds = time.perf_counter() - started
    by_cluster: dict[int, list[AnalyzedArticle]] = {}
    for item in analyzed:
        cluster = int((item.article.raw.path or "").split("/")[0].removeprefix("cluster"))
        by_cluster.setdefault(cluster, []).append(item)

    def ours(items: list[AnalyzedArticle], budget: int) -> list[str]:
        brief = assemble_brief(items, settings=Settings(summary_words=budget))
        return [s.text for s in brief.summary]

    systems: dict[str, Callable[[list[AnalyzedArticle], int], list[str]]] = {
        "newsfuse": ours,
        "LexRank (sumy)": lambda items, b: sumy_summary("lexrank", _sentences(items), b),
        "TextRank (sumy)": lambda items, b: sumy_summary("textrank", _sentences(items), b),
        "lead (round robin)": lambda items, b: lead_round_robin([i.sentence_texts() for i in items], b),
        "lead (first article)": lambda items, b: lead_first([i.sentence_texts() for i in items], b),
    }
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    scores: dict[str, dict[str, list[float]]] = {
        name: {"rouge1": [], "rouge2": [], "rougeL": []} for name in systems
    }
    seconds: dict[str, float] = dict.fromkeys(systems, 0.0)
    words: dict[str, list[int]] = {name: [] for name in systems}
    for c, (_, gold) in enumerate(clusters):
        items = by_cluster.get(c, [])
        budget = len(gold.split())
        for name, system in systems.items():
            tick = time.perf_counter()
            summary = system(items, budget) if items else []
            seconds[name] += time.perf_counter() - tick
            text = " ".join(summary)
            assert len(text.split()) <= budget, f"{name} went over budget on cluster {c}"
            words[name].append(len(text.split()))
            result = scorer.score(gold, text)
            for key in ("rouge1", "rouge2", "rougeL"):
                scores[name][key].append(result[key].fmeasure)

    table = {
        name: {key: round(statistics.fmean(values), 4) for key, values in per.items()}
        | {
            "mean_words": round(statistics.fmean(words[name]), 1),
            "seconds": round(seconds[name], 2),
        }
        for name, per in scores.items()
    }
    print(f"\nNeuS/AllSides {args.split}: {len(clusters)} clusters, budget = reference length")
    print(f"(cleaning + spaCy parse of {len(raws)} articles: {parse_seconds:.1f} s, shared by all)\n")
    print(f"{'system':<22} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8} {'words':>6} {'sec':>6}")
    for name, row in table.items():
        print(
            f"{name:<22} {row['rouge1']:>8.4f} {row['rouge2']:>8.4f} {row['rougeL']:>8.4f}"
            f" {row['mean_words']:>6} {row['seconds']:>6}"
        )
    baselines = [n for n in table if n != "newsfuse"]
    beats = {
        key: all(table["newsfuse"][key] > table[b][key] for b in baselines)
        for key in ("rouge1", "rouge2", "rougeL")
    }
    print(f"\nnewsfuse beats every baseline on: {', '.join(k for k, v in beats.items() if v) or 'none'}")
    if args.limit is None:
        write_result(
            "summary" if args.split == "test" else f"summary-{args.split}",
            {
                "dataset": f"neus-allsides {args.split}",
                "clusters": len(clusters),
                "budget": "reference length in words (reference ARTICLE part)",
                "metric": "ROUGE F1 (rouge-score, stemmed), mean over clusters",
                "results": table,
                "beats_all_baselines": beats,
                "machine": machine_info(),
            },
        )
    return 0


def _sentences(items: list[AnalyzedArticle]) -> list[str]:
    return [s for item in items for s in item.sentence_texts()]


if __name__ == "__main__":
    sys.exit(main())
