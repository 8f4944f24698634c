"""Vietnamese orthography: syllable structure, tone marks, folding.

One mechanism serves several stages: ingest scores candidate decodings of legacy bytes
and tells a real text layer from a scanner's garbage (``CQNG HOA XA HQI``) by how many
tokens are well-formed Vietnamese syllables and how many carry diacritics; normalize
moves tone marks to one convention.

>>> is_syllable("nghiêng"), is_syllable("CQNG"), is_syllable("HQI")
(True, False, False)
>>> normalize_tone_placement("Uỷ ban nhân dân huyện Hoằng Hoá, thuỷ lợi, quý")
'Ủy ban nhân dân huyện Hoằng Hóa, thủy lợi, quý'
>>> fold("Đảng ủy xã")
'dang uy xa'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Regex character classes for Vietnamese capitals and small letters (precomposed, NFC).
UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_TONE_RE = re.compile(f"[{TONE_MARKS}]")

_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# Vowel nuclei (with their semivowel glides and off-glides), tone marks removed.
_NUCLEI = sorted(
    """a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ
    uê ui uô uơ uy ưa ưi ươ ưu yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu""".split(),
    key=len,
    reverse=True,
)
_CODAS = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE_RE = re.compile(f"^(?:{_ONSETS})?(?:{'|'.join(_NUCLEI)})(?:{_CODAS})?$")
_WORD_RE = re.compile(r"[^\W\d_]+")
# Letters whose presence shows Vietnamese diacritics (vowel marks or tones) or đ.
_MARKED = set("ăâêôơưđ")


def strip_tones(word: str) -> str:
    """Remove the five tone marks, keep vowel marks (ă â ê ô ơ ư) and đ."""
    return unicodedata.normalize("NFC", _TONE_RE.sub("", unicodedata.normalize("NFD", word)))


def fold(text: str) -> str:
    """Lower-case ASCII folding for matching: all diacritics removed, đ -> d."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tone_count(word: str) -> int:
    return len(_TONE_RE.findall(unicodedata.normalize("NFD", word)))


def is_syllable(word: str) -> bool:
    """True if ``word`` is a well-formed Vietnamese syllable (at most one tone mark)."""
    if tone_count(word) > 1:
        return False
    return bool(_SYLLABLE_RE.match(strip_tones(word.lower())))


def has_diacritic(word: str) -> bool:
    low = word.lower()
    return tone_count(low) > 0 or any(ch in _MARKED for ch in low)


@dataclass
class TextQuality:
    """How much a text looks like Vietnamese prose."""

    words: int
    valid_ratio: float  # share of alphabetic tokens that are Vietnamese syllables
    diacritic_ratio: float  # share of valid syllables carrying a diacritic or đ
    mixed_case_ratio: float  # share of tokens like "DQc", "Hgnh" (lower after upper inside)

    @property
    def score(self) -> float:
        return self.valid_ratio * (0.5 + self.diacritic_ratio) * (1 - self.mixed_case_ratio)




def _is_mixed_case(word: str) -> bool:
    """``DQc``, ``ceNG``: casing no Vietnamese word has (OCR garbage shows it)."""
    return not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()))


def text_quality(text: str) -> TextQuality:
    """Score ``text`` for decoding choice and garbage detection (NFC input)."""
    words = _WORD_RE.findall(text)
    if not words:
        return TextQuality(0, 0.0, 0.0, 0.0)
    valid = [w for w in words if is_syllable(w)]
    marked = sum(1 for w in valid if has_diacritic(w))
    mixed = sum(1 for w in words if len(w) > 1 and _is_mixed_case(w))
    return TextQuality(
        words=len(words),
        valid_ratio=len(valid) / len(words),
        diacritic_ratio=marked / len(valid) if valid else 0.0,
        mixed_case_ratio=mixed / len(words),
    )


# Old-style tone placement on open syllables ending in oa/oe/uy (hoá, khoẻ, thuỷ) moves to
# the first vowel (hóa, khỏe, thủy), the convention of current official documents. The
# rewrite keeps the string length (NFC), so offsets keep their meaning.
_WORD_OR_LETTERS_RE = re.compile(r"[^\W\d_]+")


def _move_tone(match: re.Match) -> str:
    word = match.group(0)
    if len(word) < 2:
        return word
    onset, first, second = word[:-2], word[-2], word[-1]
    if first.lower() not in "ou" or onset.lower().endswith("q"):  # quý: u belongs to the onset
        return word
    decomposed = unicodedata.normalize("NFD", second)
    tones = _TONE_RE.findall(decomposed)
    base_second = _TONE_RE.sub("", decomposed)
    if not tones or base_second.lower() not in ("a", "e", "y"):
        return word  # no tone to move, or oă/uê/uơ where the tone sits on the marked vowel
    if (first.lower(), base_second.lower()) not in (("o", "a"), ("o", "e"), ("u", "y")):
        return word
    return onset + unicodedata.normalize("NFC", first + tones[0]) + base_second


def normalize_tone_placement(text: str) -> str:
    """``hoá`` -> ``hóa``, ``thuỷ`` -> ``thủy``; leaves ``quý``, ``hoàn``, ``khuya`` alone."""
    # The pattern needs precomposed letters so that a toned vowel is one character.
    return _WORD_OR_LETTERS_RE.sub(_move_tone, unicodedata.normalize("NFC", text))
