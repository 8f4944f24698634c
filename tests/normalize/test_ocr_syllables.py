"""Post-OCR syllable correction (analyzer/normalize/ocr_syllables.py): phonotactic rules and
channel entries of data/ocr_syllables.yaml with their examples, the shipped syllable LM, and
the corrector's behaviour on OCR'd pages only."""
from __future__ import annotations

import gzip

import pytest

from analyzer import analyze
from analyzer.data import load_yaml
from analyzer.ingest import ocr as ocr_module
from analyzer.ingest.ocr import parse_tsv
from analyzer.normalize.ocr_syllables import (
    channel_cost, correct_syllables, is_possible, is_syllable_shape, repair_syllables,
)
from analyzer.normalize.syllable_lm import build, count, load_lm, read_counts

RULES = load_yaml("ocr_syllables.yaml")


# ------------------------------------------------------------------ data entries and examples

@pytest.mark.parametrize("rule", ["stop_final_tones", "rimes"])
def test_impossible_rule_examples(rule):
    examples = (RULES["impossible"][rule] if rule != "rimes" else RULES["impossible"])["examples"]
    for word in examples["impossible"]:
        assert not is_possible(word), word
    for word in examples["possible"]:
        assert is_possible(word), word


def test_channel_examples():
    examples = RULES["channel"]["examples"]
    for read, candidate in examples["allowed"]:
        assert channel_cost(read, candidate) is not None, (read, candidate)
    for read, candidate in examples["not_allowed"]:
        assert channel_cost(read, candidate) is None, (read, candidate)
    # A lost tone mark is the cheapest misreading; a lost tone plus a lost circumflex costs both.
    assert channel_cost("nô", "nổ") < channel_cost("nỗ", "nổ") < channel_cost("nó", "nổ")


def test_rimes_are_vietnamese_shapes_and_foreign_words_are_not():
    for rime in RULES["impossible"]["rimes"].split():
        assert is_syllable_shape("b" + rime) or rime.startswith(("u", "o")), rime
    for word in ["Email", "VLNCN", "UBND", "Fax", "internet"]:
        assert not is_syllable_shape(word), word


def test_stop_final_rule_covers_every_tone():
    assert [is_possible(w) for w in ["chấp", "chập", "châp", "chầp", "chẩp", "chẫp"]] == [
        True, True, False, False, False, False]


# ------------------------------------------------------------------ the shipped language model

def test_shipped_lm_loads_without_the_corpus():
    lm = load_lm()
    assert lm.total > 100_000 and len(lm.unigrams) > 1_000 and len(lm.bigrams) > 10_000
    assert lm.count("và") > lm.count("vả")
    assert lm.pair("kế", "hoạch") > 0
    assert "chấp" in lm.by_skeleton["chap"]


def test_lm_build_skips_held_out_texts(tmp_path):
    text_dir = tmp_path / "text"
    text_dir.mkdir()
    (text_dir / "plan_a.txt").write_text("Kế hoạch kiểm tra, kế hoạch năm 2026.", encoding="utf-8")
    (text_dir / f"{RULES['held_out'][0]}.txt").write_text("vật liệu nổ công nghiệp", encoding="utf-8")
    result = build(text_dir, tmp_path / "lm.tsv.gz")
    assert result["texts"] == 1
    unigrams, bigrams = read_counts((tmp_path / "lm.tsv.gz").read_bytes())
    assert unigrams["kế"] == 2 and bigrams[("kế", "hoạch")] == 2
    assert "nổ" not in unigrams
    # Punctuation and numbers end a run: no pair across "," or "2026".
    assert ("tra", "kế") not in bigrams and ("năm", "kế") not in bigrams
    # The same corpus gives the same bytes (a rebuild shows no diff).
    first = (tmp_path / "lm.tsv.gz").read_bytes()
    build(text_dir, tmp_path / "lm.tsv.gz")
    assert (tmp_path / "lm.tsv.gz").read_bytes() == first
    assert gzip.decompress(first).decode("utf-8").startswith("#")


def test_count_canonical_tone_place():
    unigrams, _ = count(["Thanh Hoá, thanh hóa"])
    assert unigrams["hóa"] == 2 and "hoá" not in unigrams


# ------------------------------------------------------------------ the corrector

def test_impossible_syllables_are_fixed():
    assert repair_syllables("Kiểm tra việc châp hành quy định") == "Kiểm tra việc chấp hành quy định"
    assert repair_syllables("hoạt động sản xuât kinh doanh") == "hoạt động sản xuất kinh doanh"
    assert repair_syllables("ban hành Quyêt định số") == "ban hành Quyết định số"


def test_lost_tone_fixed_by_context():
    assert repair_syllables("vật liệu nô công nghiệp") == "vật liệu nổ công nghiệp"
    assert repair_syllables("thiết kế vả các văn bản") == "thiết kế và các văn bản"
    # Two misread neighbours are corrected together (neither alone has support).
    assert repair_syllables("PHO GIAM ĐỐC") == "PHÓ GIÁM ĐỐC"


def test_case_is_kept():
    assert repair_syllables("CHÂP HÀNH") == "CHẤP HÀNH"
    assert repair_syllables("Châp hành") == "Chấp hành"


@pytest.mark.parametrize("text", [
    "tỉnh Sơn La ban hành",               # a name: capitalised inside a phrase
    "Công ty An Phát",                    # idem
    "cá rô phi và cá nuôi lồng bè",       # a rare word beside common look-alikes (phí)
    "các xã, phường rà soát văn bản",
    "tốc độ 10 Gigabit mỗi giây",
    "đánh giá sự phù hợp",
    "nghèo đói cho mọi người, ở mọi nơi",
    "trước khi đoàn đến làm việc",
])
def test_correct_words_are_kept(text):
    assert repair_syllables(text) == text


@pytest.mark.parametrize("text", [
    "Số: 1105/KH-ĐKT ngày 10/3/2026",     # symbol parts and dates
    "a/. Tên Công ty: b/. Địa chỉ:",       # enumerators glued to "/"
    "Email: sct@laocai.gov.vn; Fax: ........................ ;",
    "VLNCN; CNV; ĐTM, (IC15) Km0 - Km2+571",
    "CNạu, vỳŠ#4¿@©",                      # OCR garbage in mixed case is not the LM's to judge
])
def test_codes_punctuation_and_numbers_untouched(text):
    assert repair_syllables(text) == text


def test_changes_are_reported_with_offsets():
    read = "việc châp hành, vật liệu nô công nghiệp"
    text, changes = correct_syllables(read)
    assert changes == [(read.index("châp"), "châp", "chấp"), (read.index("nô"), "nô", "nổ")]
    assert text == "việc chấp hành, vật liệu nổ công nghiệp"


# ------------------------------------------------------------------ OCR'd pages only

def test_text_layers_are_untouched(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text("KẾ HOẠCH\nKiểm tra việc châp hành quy định về vật liệu nô công nghiệp.\n", encoding="utf-8")
    text = analyze(path).document.text.text
    assert "châp hành" in text and "liệu nô" in text


def test_ocr_pages_are_corrected(tmp_path, monkeypatch):
    """An image goes through OCR (Tesseract replaced by its recorded word boxes here): the
    syllable corrector runs on the OCR'd text."""
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("L", (2480, 400), 255).save(image)
    words = ["Kiểm", "tra", "việc", "châp", "hành", "vật", "liệu", "nô", "công", "nghiệp."]
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "4\t1\t1\t1\t1\t0\t100\t100\t2000\t50\t-1\t"]
    rows += [f"5\t1\t1\t1\t1\t{i + 1}\t{100 + 180 * i}\t100\t160\t50\t95\t{w}" for i, w in enumerate(words)]
    monkeypatch.setattr(ocr_module, "require_tesseract", lambda *a, **k: None)
    monkeypatch.setattr(ocr_module, "recognise",
                        lambda images, total, *a, **k: [(parse_tsv("\n".join(rows)), 2480.0, None)])
    text = analyze(image).document.text.text
    assert "việc chấp hành vật liệu nổ công nghiệp" in text


def test_place_names_after_their_kind_are_kept_in_capitals():
    # The rendered-scan benchmark's header "ỦY BAN NHÂN DÂN TỈNH SƠN LA" was read right and
    # "corrected" to "SƠN LÀ" by the LM: a place name after its kind changes only when impossible.
    from analyzer.normalize.ocr_syllables import correct_syllables
    header = "ỦY BAN NHÂN DÂN TỈNH SƠN LA Số: 2954/QĐ-UBND"
    assert correct_syllables(header)[0] == header
    assert correct_syllables("PHO GIAM ĐỐC SỞ")[0] == "PHÓ GIÁM ĐỐC SỞ"
