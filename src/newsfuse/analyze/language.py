"""Language identification (py3langid: offline, 97 languages, ISO 639-1 codes)."""

from __future__ import annotations

import functools
import re

UNDETERMINED = "und"
_URLS = re.compile(r"https?://\S+|www\.\S+")


@functools.cache
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language, or "und" when there is too little to tell."""
    sample = _URLS.sub(" ", text[:6000])
    if sum(ch.isalpha() for ch in sample) < 20:
        return UNDETERMINED
    code, _prob = _identifier().classify(sample)  # type: ignore[attr-defined]
    return str(code)
