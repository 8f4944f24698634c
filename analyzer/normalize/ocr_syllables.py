"""Post-OCR syllable correction: tone and vowel marks Tesseract lost or swapped.

OCR'd pages only (ingest/ocr.py calls it after the confusion table): a text layer's
syllable is what its author typed. For each word that reads as a Vietnamese syllable, the
candidates are the corpus syllables with the same letters and other marks (tone marks, the
vowel marks of data/ocr_syllables.yaml, d/đ). A noisy channel picks among them: the
syllable bigram LM (syllable_lm.py) with the words on each side, times the cost of the
misreading. The word is changed only when

* it is impossible in Vietnamese (``châp``: a syllable closed by p, t, c, ch takes only the
  sắc or nặng tone; a rime no Vietnamese syllable has), or
* a candidate beats it by more than ``margin`` (a large likelihood ratio), so a correct rare
  word is kept unless its context clearly says otherwise.

Case (``CHÂP`` -> ``CHẤP``), punctuation, numbers and symbol parts (``KH-ĐKT``) are kept.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_yaml
from ..vietnamese import fold
from .syllable_lm import TOKEN_RE, SyllableLM, canonical, load_lm

TONES = {"\u0301": "sắc", "\u0300": "huyền", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}
VOWEL_MARKS = {"\u0302": "circumflex", "\u0306": "breve", "\u031b": "horn"}
ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
VOWELS = set("aăâeêioôơuưy")
LETTERS = set("abcdđeghiklmnopqrstuvxyăâêôơư")
# A word glued to these is part of a code (1105/KH-ĐKT, a/., e-mail): not a syllable to fix.
GLUE = set("/\\-_@&+=")
IMPOSSIBLE = 1e9  # the cost that bars an impossible reading from the decoded path


@dataclass(frozen=True)
class Reading:
    """A lower-case word as letters with vowel marks (``chấp`` -> ``châp``) and a tone."""

    toneless: str
    tone: str  # "ngang" or a TONES name; "many" when more than one mark
    rime: str


def reading(word: str) -> Reading | None:
    """How ``word`` (lower case) reads as a syllable; None if it has non-Vietnamese letters."""
    tones = [c for c in unicodedata.normalize("NFD", word) if c in TONES]
    toneless = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in TONES))
    if not toneless or not set(toneless) <= LETTERS:
        return None
    tone = "ngang" if not tones else TONES[tones[0]] if len(tones) == 1 else "many"
    return Reading(toneless, tone, _rime(toneless))


def _rime(toneless: str) -> str:
    for onset in ONSETS:
        if toneless.startswith(onset):
            rest = toneless[len(onset):]
            if onset == "gi" and not (rest and rest[0] in VOWELS):
                return "i" + rest  # gì, gìn: g + i...
            return rest
    return toneless


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_yaml("ocr_syllables.yaml")
    impossible = data["impossible"]
    rimes = set(impossible["rimes"].split())
    stops = impossible["stop_final_tones"]
    return {
        "rimes": rimes,
        "folded_rimes": {fold(r) for r in rimes},
        "stop_finals": tuple(sorted(stops["finals"], key=len, reverse=True)),
        "stop_tones": set(stops["tones"]),
        "channel": data["channel"],
        "vowel_pairs": {(base, marked) for base, marks in data["channel"]["vowel_marks"].items() for marked in marks},
        "decision": data["decision"],
    }


def is_syllable_shape(word: str) -> bool:
    """Some marking of these letters is a Vietnamese syllable (``chap``, not ``email``)."""
    r = reading(fold(word))
    return r is not None and r.rime in _rules()["folded_rimes"]


def is_possible(word: str) -> bool:
    """``word`` (lower case) breaks no phonotactic rule of data/ocr_syllables.yaml."""
    r = reading(word)
    if r is None or r.tone == "many" or r.rime not in _rules()["rimes"]:
        return False
    if r.rime.endswith(_rules()["stop_finals"]):
        return r.tone in _rules()["stop_tones"]
    return True


def _marks(ch: str) -> tuple[str, str]:
    """A letter's base and its vowel mark (or "bar" for đ), tone marks ignored."""
    if ch == "đ":
        return "d", "bar"
    parts = unicodedata.normalize("NFD", ch)
    mark = next((VOWEL_MARKS[c] for c in parts if c in VOWEL_MARKS), "")
    return parts[0], mark


def channel_cost(read: str, candidate: str) -> float | None:
    """Cost (natural log) of OCR reading ``candidate`` as ``read``; None: not a confusion
    the channel allows (other letters, vowel marks not paired in the data)."""
    rules = _rules()
    costs = rules["channel"]
    a, b = reading(read), reading(candidate)
    if a is None or b is None or len(a.toneless) != len(b.toneless) or fold(read) != fold(candidate):
        return None
    cost = 0.0
    for x, y in zip(a.toneless, b.toneless):
        if x == y:
            continue
        (bx, mx), (by, my) = _marks(x), _marks(y)
        if "bar" in (mx, my):
            cost += costs["d_bar"]
            continue
        # Same base letter (the folds agree): each marked form must be paired with the base
        # (o -> ô, ô <-> ơ); an unmarked side needs no pair.
        if all(not m or (base, letter) in rules["vowel_pairs"] for base, m, letter in ((bx, mx, x), (by, my, y))):
            cost += costs["vowel_mark"]
        else:
            return None
    if a.tone != b.tone:
        cost += (costs["tone_added"] if a.tone == "ngang" else
                 costs["tone_removed"] if b.tone == "ngang" else costs["tone_changed"])
    return cost


def _case_like(model: str, word: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def candidates(lm: SyllableLM, read: str, name: bool = False) -> list[tuple[str, float]]:
    """What ``read`` (canonical lower case) may stand for, with channel costs; the reading
    itself first (cost 0; barred when it is impossible and something else is possible).
    ``name``: a capitalised word inside a phrase (Sơn La, An Phát), changed only if impossible."""
    impossible = not is_possible(read)
    if name and not impossible:
        return [(read, 0.0)]
    out = []
    for candidate in lm.by_skeleton.get(fold(read), ()):
        if candidate == read or lm.count(candidate) < _rules()["decision"]["min_count"] or not is_possible(candidate):
            continue
        cost = channel_cost(read, candidate)
        if cost is not None:
            out.append((candidate, cost))
    return [(read, IMPOSSIBLE if impossible and out else 0.0)] + out


def decode(lm: SyllableLM, lattice: list[list[tuple[str, float]]]) -> list[str]:
    """The words to write for one run of words (whitespace between them only).

    Viterbi over the candidates with the bigram LM, so that two misread neighbours (PHO GIAM
    ĐỌC) are corrected together. Position i is changed from its reading when the best path
    through a change beats the best path keeping the reading by more than ``margin``
    (max-marginals: forward + backward scores), and, for a possible reading, when the corpus
    has seen the new word beside a neighbour of that path: frequency alone (la -> là) is no
    evidence that the reading is wrong."""
    decision = _rules()["decision"]
    n = len(lattice)
    forward: list[list[float]] = []
    back: list[list[int]] = []
    for i, cands in enumerate(lattice):
        row, ptr = [], []
        for word, cost in cands:
            if i == 0:
                row.append(lm.logp(word, None) - cost)
                ptr.append(-1)
                continue
            scores = [forward[i - 1][k] + lm.logp(word, prev) for k, (prev, _) in enumerate(lattice[i - 1])]
            k = max(range(len(scores)), key=scores.__getitem__)
            row.append(scores[k] - cost)
            ptr.append(k)
        forward.append(row)
        back.append(ptr)
    backward = [[0.0] * len(c) for c in lattice]
    for i in range(n - 2, -1, -1):
        for j, (word, _) in enumerate(lattice[i]):
            backward[i][j] = max(lm.logp(nxt, word) - cost + backward[i + 1][k]
                                 for k, (nxt, cost) in enumerate(lattice[i + 1]))
    path = [max(range(len(lattice[-1])), key=forward[-1].__getitem__)]
    for i in range(n - 1, 0, -1):
        path.append(back[i][path[-1]])
    path.reverse()
    chosen = [lattice[i][j][0] for i, j in enumerate(path)]
    out = []
    for i, cands in enumerate(lattice):
        read, best = cands[0][0], chosen[i]
        if best != read and is_possible(read):
            keep = forward[i][0] + backward[i][0]
            gain = forward[i][path[i]] + backward[i][path[i]] - keep
            seen = max(lm.pair(chosen[i - 1], best) if i else 0, lm.pair(best, chosen[i + 1]) if i + 1 < n else 0)
            if gain <= decision["margin"] or seen < decision["context_pairs"]:
                best = read
        out.append(best)
    return out


def _candidate_token(text: str, start: int, end: int, word: str) -> bool:
    """A word this corrector may touch: a syllable shape, in one casing, not part of a code."""
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False  # "CNạu": mixed case is OCR garbage the LM cannot speak for
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in GLUE or after in GLUE or before.isdigit() or after.isdigit():
        return False
    if after == "." and end + 1 < len(text) and text[end + 1].isalnum():
        return False  # a domain or a file name: sct.laocai.gov.vn
    if before == "." and start >= 2 and text[start - 2].isalnum():
        return False
    return is_syllable_shape(word)


def correct_syllables(text: str, lm: SyllableLM | None = None) -> tuple[str, list[tuple[int, str, str]]]:
    """``text`` with its misread syllables corrected, and the changes (offset, read, written)."""
    text = unicodedata.normalize("NFC", text)
    lm = lm or load_lm()
    runs: list[list[tuple[int, int, str]]] = [[]]
    for match in TOKEN_RE.finditer(text):
        if match.group(0)[0].isalpha():
            runs[-1].append((match.start(), match.end(), match.group(0)))
        elif runs[-1]:
            runs.append([])
    out, changes, last = [], [], 0
    for run in runs:
        if not run:
            continue
        lattice = []
        for i, (start, end, token) in enumerate(run):
            word = canonical(token)
            if not _candidate_token(text, start, end, token):
                lattice.append([(word, 0.0)])  # context only
                continue
            name = i > 0 and token[0].isupper() and token[1:].islower() and _rules()["decision"]["keep_names"]
            # A place name after its kind, in any case ("TỈNH SƠN LA", "xã Hoằng Cát"), is a
            # name: an all-caps header must not turn "SƠN LA" into "SƠN LÀ".
            name = name or _after_locality(run, i)
            lattice.append(candidates(lm, word, name))
        for (start, end, token), cands, best in zip(run, lattice, decode(lm, lattice)):
            if best != cands[0][0]:
                written = _case_like(token, best)
                out.append(text[last:start] + written)
                last = end
                changes.append((start, token, written))
    out.append(text[last:])
    return "".join(out), changes


_LOCALITY_KINDS = {("tinh",), ("huyen",), ("xa",), ("phuong",), ("quan",), ("thon",), ("ban",),
                   ("thanh", "pho"), ("thi", "xa"), ("thi", "tran"), ("dac", "khu")}


def _after_locality(run: list[tuple[int, int, str]], i: int) -> bool:
    """Token ``i`` is one of the (at most three) words naming a place after its kind."""
    words = [fold(token) for _, _, token in run]
    for back in (1, 2, 3):
        k = i - back
        if k < 0:
            break
        if (words[k],) in _LOCALITY_KINDS or (k > 0 and (words[k - 1], words[k]) in _LOCALITY_KINDS):
            # The words between the kind and this one must be capitalised too (name words).
            return all(run[j][2][:1].isupper() for j in range(k + 1, i + 1))
    return False


def repair_syllables(text: str) -> str:
    return correct_syllables(text)[0]
