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
    if not _has_letters(sample, 20):
        return UNDETERMINED
    code, _prob = _identifier().classify(sample)  # type: ignore[attr-defined]
    return str(code)


def _has_letters(text: str, wanted: int) -> bool:
    """At least `wanted` letters in `text` (stops counting once there are enough)."""
    for ch in text:
        if ch.isalpha():
            wanted -= 1
            if wanted == 0:
                return True
    return False
