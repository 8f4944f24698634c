"""spaCy pipeline speed: the underthesea tokenizer against ``word_tokenize`` alone, the
offset map, and the whole pipeline on raw text and on analyzed plans (DocBin, HTML).

    python bench/nlp.py [--corpus ../shared/corpus] [--repeat 3]

Texts: the seeds and ../shared/corpus/text, decoded as ingest decodes them (the raw input,
not the normalized text). Not a test: figures go in bench/README.md.
"""
from __future__ import annotations

import resource

from common import arguments, best_of, corpus_texts, peak  # bench/common.py

from analyzer import analyze, load_nlp, plan_doc, to_docbin
from analyzer.ingest.text import decode_bytes
from analyzer.nlp.align import OffsetMap
from analyzer.render_html import to_html


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    paths = corpus_texts(args.corpus)
    texts = [decode_bytes(p, p.read_bytes())[0] for p in paths]
    chars = sum(len(t) for t in texts)
    nlp = load_nlp()
    from underthesea import word_tokenize

    word_tokenize("khởi động")  # load its model outside the timed runs
    n = len(texts)
    t_tok, docs = best_of(args.repeat, lambda: [nlp.make_doc(t) for t in texts])
    t_wt, _ = best_of(args.repeat, lambda: [word_tokenize(t, use_token_normalize=False) for t in texts])
    tokens = sum(len(d) for d in docs)
    print(f"tokenizer: {n} texts, {chars:,} chars, {tokens:,} tokens: {chars / t_tok:,.0f} chars/s, "
          f"{n / t_tok:.1f} docs/s ({t_tok:.2f} s)")
    print(f"underthesea word_tokenize alone (whole texts): {chars / t_wt:,.0f} chars/s ({t_wt:.2f} s); "
          f"tokenizer / word_tokenize time: {t_tok / t_wt:.2f}x")

    plans = [analyze(p) for p in paths]
    pairs = [(t, p.document.text.text) for t, p in zip(texts, plans)]
    t_align, _ = best_of(args.repeat, lambda: [OffsetMap(a, b) for a, b in pairs])
    print(f"offset map raw <-> normalized: {n / t_align:.1f} docs/s ({t_align:.2f} s)")

    t_raw, raw_docs = best_of(args.repeat, lambda: [nlp(t) for t in texts])
    spans = sum(len(d.spans["kehoach"]) for d in raw_docs)
    print(f"nlp(raw text), whole pipeline incl. extraction: {n / t_raw:.1f} docs/s ({t_raw:.2f} s), {spans:,} spans")
    t_plan, plan_docs = best_of(args.repeat, lambda: [plan_doc(p, nlp) for p in plans])
    print(f"plan_doc(plan) (tokenize + spans, plan given): {n / t_plan:.1f} docs/s ({t_plan:.2f} s)")
    t_bin, data = best_of(args.repeat, lambda: to_docbin(plan_docs).to_bytes())
    print(f"DocBin of {n} docs: {t_bin:.2f} s, {len(data) / 2**20:.1f} MB")
    t_html, pages = best_of(args.repeat, lambda: [to_html(p, d) for p, d in zip(plans, plan_docs)])
    print(f"HTML pages (doc given): {n / t_html:.1f} docs/s ({t_html:.2f} s), {sum(map(len, pages)) / 2**20:.1f} MB")
    top = peak(lambda: [nlp(t) for t in texts[:10]])
    print(f"tracemalloc peak of nlp() over 10 texts: {top / 2**20:.1f} MB; "
          f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
