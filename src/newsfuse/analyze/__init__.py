"""Analyse: language identification and sentence splitting on cleaned text (spaCy)."""

from newsfuse.analyze.language import detect_language
from newsfuse.analyze.nlp import lexicon, load_pipeline
from newsfuse.analyze.parse import parse_articles
from newsfuse.analyze.sentences import split_sentences

__all__ = ["detect_language", "lexicon", "load_pipeline", "parse_articles", "split_sentences"]
