"""How names are compared: the form a name is compared by, and the slips that make two
spellings one name (a transposition, a doubled or dropped letter, a vowel for another,
a transliteration)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

from newstrace.data_files import data_words

_VOWELS = set("aeiouy")
POSSESSIVE = re.compile(r"['’]s?$")
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # asked of every name mention of the coverage, most names many times
def form_of(text: str) -> tuple[str, bool]:
    """The name to compare, and whether a title was taken off its front."""
    words = LEADING_THE.sub("", text.strip()).split()
    if words:
        words[-1] = POSSESSIVE.sub("", words[-1]) or words[-1]
    titles = data_words("nlp/data/titles.txt")
    titled = False
    while len(words) > 1 and words[0].casefold().rstrip(".") in titles:
        words = words[1:]
        titled = True
    return " ".join(words), titled


@lru_cache(maxsize=1 << 16)  # asked of every capitalised word of the coverage, most of them many times
def key_of(form: str) -> str:
    """Case, accents, apostrophes and hyphens do not make two names."""
    folded = unicodedata.normalize("NFKD", form.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"['’`.]", "", folded)
    return " ".join(re.sub(r"[-‐–]", " ", folded).split())


def same_name(a: list[str], b: list[str]) -> bool:
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    if not changed:
        return False
    if all(misspelt(x, y) or transliterated(x, y) for x, y in changed):
        return True
    # One long word slipped twice while every other word is the same: Kessel Courier / Currier.
    return len(a) > 1 and len(changed) == 1 and slipped_twice(*changed[0])


TWO_SLIPS_LENGTH = 7  # a word this long may hold two slips and still be the same name


def slipped_twice(x: str, y: str) -> bool:
    return x[:1] == y[:1] and min(len(x), len(y)) >= TWO_SLIPS_LENGTH and OSA.distance(x, y) == 2


def misspelt(x: str, y: str) -> bool:
    return slip(x, y) is not None


def slip(x: str, y: str) -> str | None:
    """The kind of one slip of the pen between two spellings, or None: a ``transposition``,
    a ``doubling`` (a letter doubled or undoubled), a ``vowel`` for another inside the word,
    a ``drop`` (a letter left out inside the word)."""
    if x[:1] != y[:1] or min(len(x), len(y)) < 5 or OSA.distance(x, y) != 1:
        return None
    if len(x) == len(y):
        diff = [k for k in range(len(x)) if x[k] != y[k]]
        if len(diff) == 2:
            return "transposition"  # Razman / Ramzan
        k = diff[0]
        return "vowel" if 0 < k < len(x) - 1 and x[k] in _VOWELS and y[k] in _VOWELS else None  # Novoya
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    k = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    if k == 0:
        return None
    if long_[k] == long_[k - 1]:
        return "doubling"  # Veradin / Veradinn
    return "drop" if k < len(short) else None  # Tomas / Thomas; a last letter more is a plural


# Spellings one alphabet's sound gets in another's: Aleksei/Alexei, Dmitry/Dmitri, Artemyev/Artemiev.
_TRANSLITERATION = ((re.compile(r"x"), "ks"), (re.compile(r"kh"), "h"), (re.compile(r"ph"), "f"),
                    (re.compile(r"w"), "v"), (re.compile(r"ck"), "k"), (re.compile(r"ou"), "u"),
                    (re.compile(r"(?<=[aeiou])[yj](?=[aeiou])"), "i"), (re.compile(r"[yj]"), "i"),
                    (re.compile(r"ii"), "i"), (re.compile(r"(.)\1"), r"\1"))


@lru_cache(maxsize=1 << 16)  # ten substitutions a word, asked of every name's words on every run
def skeleton(word: str) -> str:
    for pattern, replacement in _TRANSLITERATION:
        word = pattern.sub(replacement, word)
    return word


def transliterated(x: str, y: str) -> bool:
    return x[:1] == y[:1] and min(len(x), len(y)) >= 5 and skeleton(x) == skeleton(y)


def typo_only(a: str, b: str) -> bool:
    """Only transpositions and doublings: slips one writer makes within one article, not two
    different names that an article could hold side by side."""
    return all(slip(x, y) in ("transposition", "doubling") for x, y in zip(a.split(), b.split()) if x != y)


@lru_cache(maxsize=1 << 14)  # each a set of a word's spellings: a smaller cache, as they weigh a kilobyte
def deletions(word: str) -> frozenset[str]:
    """The word and every spelling of it with one letter left out: two words one slip apart share one."""
    return frozenset({word} | {word[:k] + word[k + 1:] for k in range(len(word))})
