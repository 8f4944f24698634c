"""The saved classifier: fast loading, refusal of other versions in Vietnamese, the
TF-IDF it recomputes, and a deterministic training run on a small corpus."""
from __future__ import annotations

import json
import pickle
import shutil
import time

import numpy as np
import pytest

from analyzer.activities.cues import LABELS
from analyzer.activities.model import MODEL_FILE, MODEL_VERSION, default_model_dir, load_model, tfidf
from analyzer.errors import KehoachError
from tests.conftest import HOANG_CAT, LUC_NAM, REPO


@pytest.fixture(scope="module")
def model_path():
    directory = default_model_dir()
    if directory is None:
        pytest.skip("no trained model in models/activities (run: kehoach train activities)")
    return directory / MODEL_FILE


def test_model_loads_in_under_a_second(model_path):
    start = time.perf_counter()
    model = load_model(model_path)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"loading took {elapsed:.2f} s"
    assert model.labels == LABELS
    assert model.coef.shape[0] == len(LABELS) and model.t_cue.shape == (len(LABELS),)
    assert np.all(model.t_cue <= model.t_model)


def test_predict_gives_taxonomy_codes(model_path):
    model = load_model(model_path)
    predicted = model.predict(["Tổ chức treo băng rôn, khẩu hiệu trên các tuyến đường chính",
                               "Định kỳ 6 tháng, báo cáo kết quả thực hiện về Sở Nội vụ"])
    assert all(set(types) <= set(LABELS) for types in predicted)
    assert "visual" in predicted[0] and "reporting" in predicted[1]
    assert model.predict([]) == []


def test_a_model_of_another_version_is_refused_in_vietnamese(model_path, tmp_path):
    with open(model_path, "rb") as fh:
        state = pickle.load(fh)
    state["version"] = MODEL_VERSION + 1
    other = tmp_path / MODEL_FILE
    other.write_bytes(pickle.dumps(state))
    with pytest.raises(KehoachError) as info:
        load_model(other)
    assert info.value.code == "E017"
    assert "không tương thích" in info.value.message and "kehoach train activities" in info.value.message


def test_an_unreadable_model_is_refused(tmp_path):
    broken = tmp_path / MODEL_FILE
    broken.write_bytes(b"not a model")
    with pytest.raises(KehoachError) as info:
        load_model(broken)
    assert info.value.code == "E018"
    other = tmp_path / "other.pkl"
    other.write_bytes(pickle.dumps({"format": "something-else"}))
    with pytest.raises(KehoachError) as info:
        load_model(other)
    assert info.value.code == "E017"


def test_cli_analyze_with_an_incompatible_model_prints_one_line(model_path, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from cli import app

    with open(model_path, "rb") as fh:
        state = pickle.load(fh)
    state["version"] = 0
    (tmp_path / "activities").mkdir()
    (tmp_path / "activities" / MODEL_FILE).write_bytes(pickle.dumps(state))
    monkeypatch.setenv("KEHOACH_MODELS", str(tmp_path))
    result = CliRunner().invoke(app, ["analyze", str(HOANG_CAT)])
    assert result.exit_code == 1
    assert "E017" not in result.output and "không tương thích" in result.output
    assert "Traceback" not in result.output


def test_tfidf_is_what_scikit_learn_computes():
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    texts = ["tập huấn kỹ năng cho cán bộ", "treo băng rôn khẩu hiệu", "tập huấn tập huấn báo cáo"]
    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True).fit(texts)
    counts = CountVectorizer(analyzer="char_wb", ngram_range=(2, 4), vocabulary=fitted.vocabulary_).transform(texts)
    assert np.allclose(tfidf(counts, fitted.idf_).toarray(), fitted.transform(texts).toarray())


def _small_corpus(tmp_path):
    """Two training 'documents' (the Lục Nam seed, its items in two halves) and one held-out
    document (the Hoằng Cát seed), under stems the seeds folder does not know."""
    corpus, text = tmp_path / "corpus", tmp_path / "text"
    corpus.mkdir()
    text.mkdir()
    luc_nam = (REPO / "corpora" / "activities" / f"{LUC_NAM.stem}.jsonl").read_text(encoding="utf-8").splitlines()
    half = len(luc_nam) // 2
    for stem, lines, source in (("a", luc_nam[:half], LUC_NAM), ("b", luc_nam[half:], LUC_NAM),
                                ("c", (REPO / "corpora" / "activities" / f"{HOANG_CAT.stem}.jsonl").read_text(
                                    encoding="utf-8").splitlines(), HOANG_CAT)):
        (corpus / f"{stem}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        shutil.copy(source, text / f"{stem}.txt")
    (corpus / "SPLIT.tsv").write_text("stem\tsplit\tlevel\tgroup\na\ttrain\thuyen\ta\nb\ttrain\thuyen\tb\n"
                                      "c\ttest\txa\tc\n", encoding="utf-8")
    return corpus, text


def test_training_is_deterministic_and_writes_a_model_card(tmp_path):
    from analyzer.activities.train import train_activities

    corpus, text = _small_corpus(tmp_path)
    first = train_activities(tmp_path / "m1", seed=3, corpus=corpus, shared_text=text)
    second = train_activities(tmp_path / "m2", seed=3, corpus=corpus, shared_text=text)
    a, b = load_model(tmp_path / "m1" / MODEL_FILE), load_model(tmp_path / "m2" / MODEL_FILE)
    assert np.array_equal(a.coef, b.coef) and np.array_equal(a.t_model, b.t_model) and np.array_equal(a.t_cue, b.t_cue)
    assert first["held_out"] == second["held_out"]
    card = (tmp_path / "m1" / "MODEL_CARD.md").read_text(encoding="utf-8")
    for heading in ("## Data", "## Held-out documents", "## Cross-validation", "| visual |", "micro-F1", "macro-F1"):
        assert heading in card
    metrics = json.loads((tmp_path / "m1" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["split"]["test"] == ["c"] and set(metrics["held_out"]["item"]["per_type"]) == set(LABELS)
    assert 0 <= metrics["held_out"]["document"]["micro_f1"] <= 1


def test_training_without_documents_says_what_is_missing(tmp_path):
    from analyzer.activities.train import train_activities

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "SPLIT.tsv").write_text("stem\tsplit\tlevel\tgroup\n", encoding="utf-8")
    with pytest.raises(KehoachError) as info:
        train_activities(tmp_path / "out", corpus=tmp_path / "corpus", shared_text=tmp_path / "none")
    assert info.value.code == "E019"


def test_a_strong_cue_decides_and_head_cues_are_features(model_path):
    # Version 2: a channel name such as "Trang thông tin điện tử" makes an item online whatever
    # the probability; the cues of the item's first characters are features of the model.
    model = load_model(model_path)
    online = LABELS.index("online")
    zero = np.zeros((1, len(LABELS)))
    strong = np.zeros((1, len(LABELS)), dtype=np.int8)
    strong[0, online] = 1
    assert not model.decide(zero, np.zeros_like(strong))[0, online]
    assert model.decide(zero, np.zeros_like(strong), strong)[0, online]
    assert model.head_weight > 0 and model.head_chars > 0
    features = model.features(["Tổ chức tập huấn kỹ năng số cho cán bộ"])
    assert features.shape[1] == len(model.word_vocabulary) + len(model.char_vocabulary) + len(LABELS)
    assert "online" in model.predict(["Phát triển hoạt động về giảm nghèo trên Trang thông tin điện tử của xã"])[0]


def test_evaluate_an_activity_corpus_gives_the_model_card_figures(shared_corpus):
    """`kehoach evaluate corpora/activities` measures the installed model on the held-out
    documents without retraining: the same item micro-F1 as metrics.json, which
    `kehoach train activities` wrote with that model."""
    import json

    from typer.testing import CliRunner

    from cli import app

    result = CliRunner().invoke(app, ["evaluate", str(REPO / "corpora" / "activities"), "--show-errors"])
    assert result.exit_code == 0, result.output
    metrics = json.loads((REPO / "models" / "activities" / "metrics.json").read_text(encoding="utf-8"))
    micro = metrics["held_out"]["item"]["micro_f1"]
    assert f"{micro:.3f}" in next(line for line in result.output.splitlines() if "mục: micro" in line)
    assert "gold=" in result.output  # --show-errors lists the items the model got wrong


def test_evaluate_a_folder_without_annotations_says_so(tmp_path):
    from typer.testing import CliRunner

    from cli import app

    result = CliRunner().invoke(app, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1
    assert "không có chú giải nào để đánh giá" in result.output and "Traceback" not in result.output


def test_evaluate_names_the_documents_it_could_not_read(tmp_path):
    """Without the shared corpus only the seeds' texts are found: the figures then cover
    fewer documents, and the command says which ones it left out."""
    from typer.testing import CliRunner

    from cli import app

    result = CliRunner().invoke(app, ["evaluate", str(REPO / "corpora" / "activities"), "--corpus", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2 văn bản" in result.output  # the two seeds, held out, live in corpora/seeds
    assert "Chưa đo 6 văn bản" in result.output and "0129_KH-UBND_DakLak_2025" in result.output


def test_micro_f1_interval_brackets_the_figure_and_narrows_with_more_items():
    from analyzer.activities.evaluate import micro_f1_interval

    pairs = [({"training"}, {"training"})] * 30 + [({"media"}, {"print"})] * 10  # micro-F1 0.75
    low, high = micro_f1_interval(pairs)
    assert low < 0.75 < high
    wide = high - low
    low, high = micro_f1_interval(pairs * 10)
    assert low < 0.75 < high and high - low < wide / 2
