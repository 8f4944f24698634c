"""MODEL_CARD.md of models/activities, written from the metrics of a training run."""
from __future__ import annotations

from .cues import LABELS
from .model import CHAR_NGRAMS, MODEL_FILE, WORD_NGRAMS

TARGETS = {"item_micro_f1": 0.85, "item_macro_f1": 0.75, "document_micro_f1": 0.92}


def _row(name: str, s: dict) -> str:
    return f"| {name} | {s['support']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |"


def _met(value: float, target: float) -> str:
    return f"{value:.3f} ({'meets' if value >= target else 'below'} the {target:.2f} target)"


def model_card(m: dict) -> str:
    split, held, cv = m["split"], m["held_out"], m["cross_validation"]
    lines = [
        "# Activity-type classifier (models/activities)",
        "",
        f"Version {m['version']} (file format `kehoach-activities` {m['version']}), trained {m['trained']} with "
        f"`kehoach train activities --seed {m['seed']}`. File: `{MODEL_FILE}` (plain vocabularies, idf weights, "
        "coefficients and thresholds; a file of another format version is refused with error E017).",
        "",
        "## What it does",
        "Gives each activity item of a plan (analyzer/activities/segment.py) the types of the taxonomy "
        "(`../shared/design/taxonomy/activities.md`, 18 codes, several per item). Not for other "
        "document genres (laws, decisions without a plan), nor for items outside the parts that hold activities.",
        "",
        "## Data",
        f"`corpora/activities/`: {len(split['train']) + len(split['test'])} real plans and decisions with plans (the 2 seed "
        "plans, commune and district level; provincial plans of November 2025; commune Mặt trận plans; Sở Công "
        "Thương Lào Cai plans; decisions of UBND tỉnh and a ministry with their plans; the Đảng đoàn Quốc hội plan), "
        "items annotated by reading (guideline version 3, `corpora/activities/GUIDELINE.md`).",
        f"Split by document (`corpora/activities/SPLIT.tsv`): {len(split['train'])} training documents, "
        f"{split['train_items']} items; {len(split['test'])} held-out documents, {split['test_items']} items, levels "
        f"{', '.join(split['levels_test'])}. Held out: {', '.join(split['test'])}.",
        "The shipped model is trained on the training documents only, so the figures below describe it.",
        "",
        "## Method",
        f"TF-IDF (sublinear tf, l2) over underthesea word segments, {WORD_NGRAMS[0]}-{WORD_NGRAMS[1]} grams "
        f"({m['features']['word_ngrams']:,} features), and character {CHAR_NGRAMS[0]}-{CHAR_NGRAMS[1]} grams within "
        f"words ({m['features']['char_ngrams']:,} features, min_df 2), plus 18 indicators of the cues found in the "
        f"item's first {m.get('head_chars', 40)} characters, where its main action is written (weight "
        f"{m.get('head_weight', 0.0)}); one logistic regression per type "
        f"(liblinear, C={m['C']}, balanced class weights). Combined with the cue lists of "
        "`analyzer/data/activity_cues.yaml`: a type is given when its probability reaches `t_model` (the model is "
        "confident), or when one of its cues occurs and the probability reaches `t_cue` (both agree), or when one "
        "of its strong cues occurs (names that settle the type by the guideline's definition: the portals, "
        "websites and social networks of `online`). Both "
        "thresholds are tuned per type on out-of-fold probabilities of a 5-fold cross-validation grouped by "
        f"document, on the training documents only; types with fewer than {m['min_positives']} training positives "
        f"keep t_model {m['default_thresholds'][0]} / t_cue {m['default_thresholds'][1]} (their cues decide).",
        "",
        "## Held-out documents",
    ]
    if held:
        item, doc, e2e, seg = held["item"], held["document"], held["end_to_end"], held["segmentation"]
        lines += [
            f"Item level (the {held['items']} gold items of the {held['documents']} held-out documents): micro-F1 "
            f"{_met(item['micro_f1'], TARGETS['item_micro_f1'])}, macro-F1 {_met(item['macro_f1'], TARGETS['item_macro_f1'])}; "
            f"micro precision {item['micro_precision']:.3f}, recall {item['micro_recall']:.3f}.",
            "",
        ]
        if m.get("agreement"):
            agree = m["agreement"]
            lines += [
                f"Inter-annotator agreement on the same {agree['items']} items (a second annotator, blind, guideline "
                f"version 2; `corpora/agreement/activities/README.md`), against the gold labels: micro-F1 "
                f"{agree['micro_f1']:.3f}, macro-F1 {agree['macro_f1']:.3f}. The labels are consistent; the gap to "
                "them is the model's.",
                "",
            ]
        lines += [
            f"Document level (the set of types each plan contains, from segmentation + classification): micro-F1 "
            f"{_met(doc['micro_f1'], TARGETS['document_micro_f1'])} (precision {doc['micro_precision']:.3f}, recall "
            f"{doc['micro_recall']:.3f}); from the gold items instead of the segments: "
            f"{held['document_gold_items']['micro_f1']:.3f}.",
            "",
            f"End to end (segments matched to gold items; types of segments that match no gold item count as "
            f"false positives, types of unmatched gold items as misses): micro-F1 {e2e['micro_f1']:.3f}, macro-F1 "
            f"{e2e['macro_f1']:.3f}.",
            "",
            f"Segmentation: {seg['matched']} of {seg['gold']} gold items matched by a segment (recall "
            f"{seg['recall']:.3f}); {seg['segments'] - seg['matched']} of {seg['segments']} segments match no gold "
            f"item (precision {seg['precision']:.3f}). Training documents: recall {m['segmentation_train']['recall']:.3f}, "
            f"precision {m['segmentation_train']['precision']:.3f}. A segment matches a gold item when each covers "
            "at least half of the other.",
            "",
            "| type | held-out support | precision | recall | F1 |",
            "|---|---|---|---|---|",
        ]
        lines += [_row(code, item["per_type"][code]) for code in LABELS]
    lines += [
        "",
        "## Cross-validation on the training documents (out of fold)",
        f"Item micro-F1 {cv['micro_f1']:.3f}, macro-F1 {cv['macro_f1']:.3f} (thresholds tuned on the same "
        "out-of-fold probabilities)"
        + (f"; with each fold's thresholds tuned on the other folds only: micro-F1 {cv['nested']['micro_f1']:.3f}, "
           f"macro-F1 {cv['nested']['macro_f1']:.3f}." if cv.get("nested") else "."),
        "",
        "| type | t_model | t_cue | CV support | CV F1 |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {code} | {m['thresholds'][code]['t_model']:.2f} | {m['thresholds'][code]['t_cue']:.2f} | "
              f"{cv['per_type'][code]['support']} | {cv['per_type'][code]['f1']:.3f} |" for code in LABELS]
    lines += [
        "",
        "## History",
        "- Version 1 (2026-11-23): held-out item micro-F1 0.732, macro-F1 0.759, document micro-F1 0.935; "
        "cross-validation micro-F1 0.766 (0.741 with each fold's thresholds tuned on the other folds).",
        "- Version 2 (2026-11-23): every change chosen by cross-validation on the training documents only "
        "(out-of-fold item micro-F1, thresholds tuned on the same items / on the other folds). Cue lists revised "
        "from the out-of-fold errors, following the guideline (\"label what the item does, not words it merely "
        "mentions\"): council, law and office names no longer fire campaign, \"theo hướng dẫn\" and "
        "\"đã được phê duyệt\" no longer fire guidance, \"chính sách hỗ trợ\" and \"công nghiệp hỗ trợ\" no longer "
        "fire support, \"Sở Giáo dục và Đào tạo\" no longer fires training, technical monitoring (camera, "
        "environment) no longer fires inspection, \"rà soát\" of texts and plans no longer fires survey even a few "
        "words later, IoT and shared agency platforms no longer fire online; added: funding for investment "
        "promotion, PPP and amounts in đồng, guidance for drafting programmes, schemes, plans and quy hoạch, survey "
        "for forecasts and thăm dò (0.766 / 0.741 -> 0.802 / 0.784). Cue indicators of the item's first 40 "
        "characters as features (-> 0.814 / 0.794). Strong cues for online channels (-> 0.815 / 0.795). Tried and "
        "dropped, no gain beyond 0.005: C from 1 to 16, no class weights, LinearSVC with or without sigmoid "
        "calibration, syllable 1-3 grams, word 1-3 grams, character 1-4 or 3-6 grams or across words, the titles of "
        "the item's headings (all, top, nearest) as features, the item's first words as features, cue indicators "
        "of the whole item as features (0.798 at weight 0.2). The held-out documents were scored once, after all "
        "these choices. After seeing them (support F1 0.36), strong cues for direct support to people (\"hỗ trợ "
        "người dân / hộ / đối tượng\", \"cứu trợ\") were tried by cross-validation: no gain (0.815 / 0.794), so "
        "not adopted; nothing was changed after the held-out scoring.",
        "- Version 2, more data (2026-11-23): 21 more training documents annotated by reading (batches D and E, "
        "779 items: commune Mặt trận plans, Sở Công Thương plans, decisions with plans, the Đảng đoàn Quốc hội "
        "plan); the test documents unchanged. Trained on them under guideline version 2 the held-out figures fell "
        "(item micro-F1 0.750, macro 0.774, document 0.930; inspection precision 0.54): the new batches read "
        "sanctions and \"quán triệt\" differently. Guideline version 3 settles ten such points by the convention of "
        "the training documents of batches A-C (48 items relabelled, the test documents untouched); retrained: "
        "held-out item micro-F1 0.765, macro 0.778, document 0.936 (version 2 on 23 documents: 0.765 / 0.794 / "
        "0.936). C 2, 4, 8 give the same cross-validated micro-F1 (0.791-0.793), so C stays 4. More data of these "
        "kinds did not move the item micro-F1: the gap to 0.85 is the model's (agreement between annotators 0.945).",
        "- Test labels brought to guideline version 3 (2026-11-23): the 8 held-out documents were re-read on the ten "
        "decisions of version 3 only, blind to the model (22 of 322 items changed, listed in the guideline). Same "
        "model (trained on the training documents, unchanged): held-out item micro-F1 0.765 -> 0.788, macro "
        "0.778 -> 0.784, document 0.936 unchanged. The second annotation (version 2) agrees with the gold at "
        "micro-F1 0.928 (0.945 before). Tried by cross-validation and not adopted: LSA features (SVD, 100-300 "
        "dimensions, of syllable TF-IDF fitted on 6,932 unlabelled paragraphs of the corpus, held-out texts "
        "excluded): 0.790-0.794 out of fold, nested 0.763-0.772 (0.792 / 0.765 without).",
        "- Trials of 2026-12-07, model unchanged (version 2 above). Every candidate measured by cross-validation "
        "on the training documents only (item micro-F1 out of fold with thresholds tuned on the same folds / with "
        "each fold's thresholds tuned on the other folds; version 2: 0.792 / 0.765, macro 0.780 / 0.729; with "
        "thresholds tuned leaving one document out instead of one fold, a steadier check: 0.774, macro 0.746). "
        "Candidate (commit \"Activities v3 candidate\", format version 3, reverted): the cues of the item's "
        "context as features, 18 indicators for the title of the heading or list item above it and 18 for its "
        "lead-in line ending with a colon (\"Nội dung giám sát:\"), weight 0.5: 0.807 / 0.776, macro 0.785 / "
        "0.739 (one indicator set for either, weight 0.3: 0.797 / 0.771; weight 1.0: 0.801 / 0.776), but "
        "0.774, macro 0.744 with one-document thresholds: no steady gain. Its one held-out measurement: item "
        "micro-F1 0.760, macro-F1 0.764, document 0.942 (guidance 0.79, inspection 0.74, campaign 0.74 against "
        "0.84, 0.80, 0.84), below version 2, so it was not adopted (a choice informed by the held-out documents: "
        "version 2's held-out figures above were measured before it). Tried and dropped: micro-F1-oriented "
        "thresholds (a global offset chosen by cross-validation settles on 0; coordinate ascent on micro-F1 over "
        "all types 0.794 / 0.768, nested macro 0.727; finer or wider threshold grids 0.793 / 0.765); a "
        "second-stage stacker (a logistic regression per type over the 18 out-of-fold probabilities, the cue, "
        "head-cue and strong-cue indicators, the neighbouring items' probabilities) 0.739-0.788 / 0.733-0.769, "
        "all below the first stage; ensembles averaging another learner with the logistic regression (SGD "
        "modified_huber weight 0.3: 0.792 / 0.775; ComplementNB weight 0.2: 0.794 / 0.775; both: 0.793 / 0.772; "
        "alone 0.755 and 0.575), whose nested gain disappears with one-document thresholds (0.771-0.773): noise "
        "of the threshold choice; C per type (1-8, chosen on the other folds) nested 0.763, the mean of the "
        "models of C 1-8 0.792 / 0.762 (C 1, 2, 8 alone: 0.792 / 0.766, 0.791 / 0.768, 0.793 / 0.764); "
        "self-training on 936 segments of the 12 corpus texts outside the activity corpus (resolutions, laws, "
        "Mặt trận guidance; no held-out text), pseudo-labels where every type is at or above 0.9 or at or below "
        "0.1 (weight 0.5): 0.792 / 0.765, 0.8 / 0.2 (weight 1): 0.793 / 0.771 (one-document thresholds "
        "0.770-0.771); indicators of deadlines (parse_deadlines, by kind) and of 14 kinds of acting bodies (Sở, "
        "UBND, Mặt trận, Ngân hàng Chính sách, công an ...) 0.788 / 0.761 at weight 0.3, 0.785 / 0.757 at 1.0; "
        "giving an item with no type its most probable type: no gain at any ratio.",
        "- Batch F and a label review (2026-12-07), method unchanged: 3 more training documents annotated by "
        "reading (2623/QĐ-TTg, 1627/QĐ-UBND Quảng Ngãi, 03/NQ-CP with the 140 rows of its annex task table; 313 "
        "items) and 7 training labels corrected after a review of the 321 items where the out-of-fold model "
        "disagreed most with the gold (corpora/activities/REVIEW-2026-12.md); test documents untouched. Adopted "
        "as corpus growth before any held-out run, whatever it gave. Cross-validation with one-document thresholds "
        "0.774 -> 0.773 micro, 0.746 -> 0.740 macro. Held out: item micro-F1 0.788 -> 0.779 (95% interval "
        "0.745-0.813 resampling items, 0.736-0.819 resampling documents), macro 0.784 -> 0.782, document "
        "0.936 -> 0.947 (a run with 03/NQ-CP's rows 1-76 only gave 0.773 / 0.777 / 0.936). Tried by "
        "cross-validation with one-document thresholds and not adopted: the probabilities of an item's clauses "
        "mixed into the item's (0.774 -> 0.780 before batch F, 0.767 after), cue indicators of the plan's title "
        "(0.781 before batch F, 0.773 after), the labels of the k nearest training items mixed in (k 5-20: "
        "0.766-0.774). A pretrained multilingual sentence encoder could not be tried: none installs offline here.",
        "",
        "## Limits",
        "- The held-out documents are 6 provincial plans of November 2025 and the two seeds (the only district-level "
        "plan); their labels were brought to guideline version 3 after it was written (blind to the model). Rare types (visual, print, loudspeaker, contest, meeting, production) have few "
        "training examples and rely on the cue lists.",
        "- The segmentation rules and the cue lists of version 1 were written by reading the corpus, held-out "
        "documents included; the thresholds, C and the feature set were chosen by cross-validation on the training documents "
        "only. Two choices were made after a first held-out run: rare types let their cues decide (t_cue 0; visual "
        "had 0 recall because its 2 training examples cannot train a model), and the production cue no longer "
        "fires on \"biên tập viên\" (a person, not an action). Both were then checked by cross-validation. "
        "That first run (C 8, cue lists before their cross-validated clean-up) gave item micro-F1 0.696, "
        "macro-F1 0.658, document micro-F1 0.925 on the same held-out documents.",
        "- The cue revisions of version 2 were designed from out-of-fold errors on the training documents, so the "
        "cross-validation figures above are somewhat optimistic about them; the held-out figures are not.",
        "- Items are labelled for what they commit to; words merely mentioned still mislead the model.",
        "- Speed and load time: `bench/activities.py` (figures in bench/README.md).",
        "",
    ]
    return "\n".join(lines)
