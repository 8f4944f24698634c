"""The underthesea tokenizer: lossless on every text, words never cross a line break."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from analyzer.ingest.text import decode_bytes
from analyzer.nlp.tokenizer import UndertheseaTokenizer, word_offsets, words_and_spaces
from tests.conftest import REPO, SHARED_CORPUS

CORPORA_TEXTS = sorted((REPO / "corpora").rglob("*.txt"))
SHARED_TEXTS = sorted((SHARED_CORPUS / "text").glob("*.txt")) if (SHARED_CORPUS / "text").is_dir() else []


@pytest.fixture(scope="module")
def tokenizer() -> UndertheseaTokenizer:
    return UndertheseaTokenizer(spacy.blank("xx").vocab)


def _assert_lossless(tokenizer, text: str) -> None:
    doc = tokenizer(text)
    assert doc.text == text
    for token in doc:
        if not token.is_space:
            assert "\n" not in token.text and "\r" not in token.text, repr(token.text)
        else:
            assert not token.text.strip()


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "  Kế hoạch  ", "Hoằng\nCát", "Thanh Hóa\r\nngày 19/4/2024",
    "UBND\u00a0xã\tHoằng   Cát", "Số:      /KH-UBND", "832/STTTT-\n\nTTBCXB", "🙂 ‰ x\u200by", "a\u2028b\x0cc",
])
def test_tokenizer_lossless_on_awkward_text(tokenizer, text):
    _assert_lossless(tokenizer, text)


def test_tokenizer_keeps_multi_syllable_words(tokenizer):
    doc = tokenizer("Ủy ban nhân dân tỉnh Thanh Hóa giảm nghèo về thông tin")
    assert "Thanh Hóa" in [t.text for t in doc]
    assert [t.whitespace_ for t in doc][-1] == ""


def test_tokenizer_splits_a_word_at_a_line_break(tokenizer):
    # underthesea would join "thông tin" into one word; the line break must split it.
    doc = tokenizer("giảm nghèo về thông\ntin")
    assert [t.text for t in doc if not t.is_space][-2:] == ["thông", "tin"]


def test_tokenizer_keeps_text_the_segmenter_rewrites():
    # A segmenter that rewrites tone marks and drops a character must not lose text.
    def rewriting(line: str) -> list[str]:
        return [w.replace("hoá", "hóa") for w in line.split() if w != "#"]

    text = "Thanh hoá # ngày  1"
    words, spaces = words_and_spaces(text, word_offsets(text, rewriting))
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text
    assert "hoá" in words and "#" in words


@pytest.mark.parametrize("path", CORPORA_TEXTS, ids=lambda p: p.name)
def test_tokenizer_lossless_on_corpora(tokenizer, path: Path):
    text, _ = decode_bytes(path, path.read_bytes())
    _assert_lossless(tokenizer, text)


@pytest.mark.slow
@pytest.mark.parametrize("path", SHARED_TEXTS or [None], ids=lambda p: p.name if p else "absent")
def test_tokenizer_lossless_on_shared_corpus(tokenizer, path: Path | None):
    if path is None:
        pytest.skip(f"needs the shared corpus folder {SHARED_CORPUS / 'text'}")
    text, _ = decode_bytes(path, path.read_bytes())
    _assert_lossless(tokenizer, text)
